"""Shared vocabulary of the simulator: camera specs, PTZ state, world frames, camera events.

The parts of the simulator (world, video, ONVIF, sensor feed) meet only through these types.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, Protocol

# -- cameras -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StreamSpec:
    """One media profile of a camera: main (focus view) or sub (wall tiles)."""

    token: str  # ONVIF profile token and RTSP path segment: "main" / "sub"
    name: str
    width: int
    height: int
    fps: int = 15
    gop: int = 15  # frames from one keyframe to the next (15 at 15 fps = 1 s)
    bitrate_kbps: int = 1024


MAIN = StreamSpec("main", "MainStream", 1280, 720, bitrate_kbps=2048)
SUB = StreamSpec("sub", "SubStream", 640, 360, bitrate_kbps=512)


@dataclass(frozen=True)
class SimCamera:
    """A simulated camera: where it stands and looks (site metres, compass degrees), how to log in."""

    index: int
    code: str  # "CAM-001"; also the RTSP path prefix and ONVIF device name
    name: str  # "北门入口1"
    x: float
    y: float
    z: float
    heading_deg: float  # 0 = north (+y), clockwise
    tilt_deg: float  # negative looks down
    fov_deg: float  # horizontal, at zoom 1
    range_m: float
    is_ptz: bool
    username: str = "admin"
    password: str = "admin"
    clock_offset_s: float = 0.0  # the device clock = real UTC + offset (clock-skew tests)
    manufacturer: str = "CockpitSim"
    model: str = "SimCam-4MP"
    firmware: str = "1.0.0"
    serial: str = ""
    streams: tuple[StreamSpec, ...] = (MAIN, SUB)
    max_zoom: float = 4.0  # optical zoom at PTZ zoom = 1.0 (normalised)

    def stream(self, token: str) -> StreamSpec:
        return next(s for s in self.streams if s.token == token)

    def device_time(self, now: float | None = None) -> datetime:
        return datetime.fromtimestamp((time.time() if now is None else now) + self.clock_offset_s, UTC)


# -- PTZ -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PtzPosition:
    """ONVIF generic spaces: pan, tilt in [-1, 1], zoom in [0, 1]."""

    pan: float = 0.0
    tilt: float = 0.0
    zoom: float = 0.0


@dataclass(frozen=True)
class PtzPreset:
    token: str
    name: str
    position: PtzPosition


def _clamp(v: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, v))


class PtzState:
    """The simulated motor: continuous moves integrate over time; thread-safe.

    Pan ±1 maps to ±180° around the mounting heading, tilt ±1 to ±45° around the mounting tilt,
    zoom 0..1 to optical 1×..max_zoom×. Speeds are in normalised units per second.
    """

    PAN_RANGE_DEG = 180.0
    TILT_RANGE_DEG = 45.0

    def __init__(self, camera: SimCamera, clock=time.monotonic) -> None:  # noqa: ANN001
        self.camera = camera
        self._clock = clock
        self._lock = threading.Lock()
        self._pos = PtzPosition()
        self._velocity = (0.0, 0.0, 0.0)
        self._since = clock()
        self._until: float | None = None
        self._presets: dict[str, PtzPreset] = {}
        self._next_token = 1

    def _integrate(self, now: float) -> None:
        end = now if self._until is None else min(now, self._until)
        dt = max(0.0, end - self._since)
        vx, vy, vz = self._velocity
        if dt and (vx or vy or vz):
            pan = (self._pos.pan + vx * dt + 1.0) % 2.0 - 1.0  # pan wraps around
            self._pos = PtzPosition(pan, _clamp(self._pos.tilt + vy * dt, -1, 1),
                                    _clamp(self._pos.zoom + vz * dt, 0, 1))
        self._since = now
        if self._until is not None and now >= self._until:
            self._velocity, self._until = (0.0, 0.0, 0.0), None

    def position(self) -> PtzPosition:
        with self._lock:
            self._integrate(self._clock())
            return self._pos

    @property
    def moving(self) -> bool:
        with self._lock:
            self._integrate(self._clock())
            return self._velocity != (0.0, 0.0, 0.0)

    def continuous_move(self, pan: float, tilt: float, zoom: float, timeout_s: float | None = None) -> None:
        with self._lock:
            now = self._clock()
            self._integrate(now)
            self._velocity = (_clamp(pan, -1, 1), _clamp(tilt, -1, 1), _clamp(zoom, -1, 1))
            self._until = None if timeout_s is None else now + timeout_s

    def stop(self, pan_tilt: bool = True, zoom: bool = True) -> None:
        with self._lock:
            self._integrate(self._clock())
            vx, vy, vz = self._velocity
            self._velocity = (0.0 if pan_tilt else vx, 0.0 if pan_tilt else vy, 0.0 if zoom else vz)

    def absolute_move(self, position: PtzPosition) -> None:
        with self._lock:
            self._integrate(self._clock())
            self._velocity, self._until = (0.0, 0.0, 0.0), None
            self._pos = PtzPosition(_clamp(position.pan, -1, 1), _clamp(position.tilt, -1, 1),
                                    _clamp(position.zoom, 0, 1))

    # presets
    def presets(self) -> list[PtzPreset]:
        with self._lock:
            return list(self._presets.values())

    def set_preset(self, name: str, token: str | None = None) -> PtzPreset:
        with self._lock:
            self._integrate(self._clock())
            if token is None:
                token = f"preset{self._next_token}"
                self._next_token += 1
            preset = PtzPreset(token, name or token, self._pos)
            self._presets[token] = preset
            return preset

    def goto_preset(self, token: str) -> None:
        with self._lock:
            preset = self._presets[token]  # KeyError -> the caller sends a SOAP fault
        self.absolute_move(preset.position)

    def remove_preset(self, token: str) -> None:
        with self._lock:
            del self._presets[token]

    def view(self) -> tuple[float, float, float]:
        """Current (heading_deg, tilt_deg, horizontal fov_deg) on the site, for rendering."""
        cam = self.camera
        if not cam.is_ptz:
            return cam.heading_deg, cam.tilt_deg, cam.fov_deg
        p = self.position()
        heading = (cam.heading_deg + p.pan * self.PAN_RANGE_DEG) % 360.0
        tilt = _clamp(cam.tilt_deg + p.tilt * self.TILT_RANGE_DEG, -89.0, 30.0)
        optical = 1.0 + p.zoom * (cam.max_zoom - 1.0)
        fov = math.degrees(2 * math.atan(math.tan(math.radians(cam.fov_deg) / 2) / optical))
        return heading, tilt, fov


# -- the world the cameras look at ---------------------------------------------------------

Posture = Literal["walking", "standing", "fallen"]


@dataclass(frozen=True)
class Person:
    id: int
    x: float
    y: float
    heading_deg: float
    posture: Posture
    height_m: float = 1.7
    colour: tuple[int, int, int] = (200, 200, 200)  # BGR, for the renderer


@dataclass(frozen=True)
class WorldFrame:
    """Everyone's position at wall-clock time `t` (epoch seconds). Immutable: safe to share."""

    t: float
    people: tuple[Person, ...]
    night: bool = False  # renderers darken the scene


class WorldView(Protocol):
    def frame(self) -> WorldFrame:
        """The latest frame; cheap, callable from any thread."""


# -- camera events (what the ONVIF Events service reports) ---------------------------------

PropertyOperation = Literal["Initialized", "Changed", "Deleted"]


@dataclass(frozen=True)
class CameraEvent:
    camera_code: str
    topic: str  # "tns1:VideoSource/MotionAlarm", "tns1:RuleEngine/LineDetector/Crossed", …
    # SimpleItems of the Source part, as the simulated cameras announce them (onvif/__init__.py):
    # VideoSource topics {"Source": "vs0"}; RuleEngine topics {"VideoSourceConfigurationToken": "vsc0",
    # "VideoAnalyticsConfigurationToken": "vac0", "Rule": <name>}.
    source: dict[str, str]
    data: dict[str, str]  # SimpleItems of the Data part, e.g. {"State": "true"}
    utc_time: datetime  # real UTC; the ONVIF layer adds the camera's clock offset when it reports it
    operation: PropertyOperation = "Changed"
    key: dict[str, str] = field(default_factory=dict)


class EventHub:
    """Fan-out of camera events to subscribers (the ONVIF pull points); thread-safe, never blocks.

    A subscriber that stops reading loses its oldest events, not the publisher's time.
    """

    def __init__(self, maxsize: int = 1000) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[str, list[queue.Queue[CameraEvent]]] = {}
        self._maxsize = maxsize

    def subscribe(self, camera_code: str) -> queue.Queue[CameraEvent]:
        q: queue.Queue[CameraEvent] = queue.Queue(self._maxsize)
        with self._lock:
            self._subscribers.setdefault(camera_code, []).append(q)
        return q

    def unsubscribe(self, camera_code: str, q: queue.Queue[CameraEvent]) -> None:
        with self._lock:
            subs = self._subscribers.get(camera_code, [])
            if q in subs:
                subs.remove(q)

    def publish(self, event: CameraEvent) -> int:
        """Deliver to every current subscriber of the camera; returns how many got it."""
        with self._lock:
            subs = list(self._subscribers.get(event.camera_code, ()))
        for q in subs:
            while True:
                try:
                    q.put_nowait(event)
                    break
                except queue.Full:
                    try:
                        q.get_nowait()
                    except queue.Empty:
                        pass
        return len(subs)


def drain(q: queue.Queue[CameraEvent], limit: int) -> Iterator[CameraEvent]:
    for _ in range(limit):
        try:
            yield q.get_nowait()
        except queue.Empty:
            return
