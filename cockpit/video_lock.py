"""Video lock: which cameras show the place of an alarm, best first, and how a PTZ camera is turned there.

Pure geometry over the site's camera placements (position, heading, field of view, range) and the PTZ
presets an installer pinned to a spot. No occlusion model: a wall between camera and spot is the
installer's business (they narrow the range or pin a preset); the ranking only has to put a camera that
sees the spot ahead of one that does not, and a close, centred view ahead of a far, oblique one.

PTZ convention (ONVIF's generic spaces, which the demo's cameras use and an installer calibrates a real
dome to): pan -1…1 spans ±180° around the mounting heading, tilt -1…1 spans ±45° around the mounting
tilt, zoom 0…1 from wide to tele.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .geometry import angle_between, heading_to, in_view
from .site import CameraPlacement, PresetPoint

PRESET_NEAR_M = 8.0  # a preset aimed within this of the spot is as good as aiming there
NEARBY_FACTOR = 1.5  # with no camera covering the spot, show those within 1.5 × their range
PAN_RANGE_DEG = 180.0
TILT_RANGE_DEG = 45.0
EYE_HEIGHT_M = 1.2  # what a camera should look at: a person's upper body


class LockHow(enum.StrEnum):
    SEES = "sees"  # the spot is in the camera's view cone now
    PRESET = "preset"  # a PTZ preset looks at (near) the spot
    AIM = "aim"  # a PTZ camera in range turns to the spot
    OWN = "own"  # the alarm came from this camera
    NEARBY = "nearby"  # nothing covers the spot: the closest view of its surroundings


@dataclass(frozen=True)
class PtzAim:
    pan: float
    tilt: float
    zoom: float


@dataclass(frozen=True)
class LockChoice:
    code: str
    how: LockHow
    distance_m: float
    score: float  # lower is better
    preset: str | None = None  # token, for LockHow.PRESET
    aim: PtzAim | None = None  # for LockHow.AIM


def ptz_aim(camera: CameraPlacement, x: float, y: float) -> PtzAim:
    """Pan, tilt and zoom that centre (x, y) at eye height, in the convention above; farther → more zoom."""
    pan_deg = (heading_to(camera.x, camera.y, x, y) - camera.heading_deg + 180.0) % 360.0 - 180.0
    distance = math.hypot(x - camera.x, y - camera.y)
    tilt_deg = -math.degrees(math.atan2(camera.z - EYE_HEIGHT_M, max(distance, 0.1)))
    pan = max(-1.0, min(1.0, pan_deg / PAN_RANGE_DEG))
    tilt = max(-1.0, min(1.0, (tilt_deg - camera.tilt_deg) / TILT_RANGE_DEG))
    zoom = max(0.0, min(1.0, distance / max(camera.range_m, 1.0)))
    return PtzAim(round(pan, 4), round(tilt, 4), round(zoom, 3))


def _cone_score(camera: CameraPlacement, x: float, y: float, distance: float) -> float:
    """0 for a close, centred view; grows with distance (share of range) and with the angle off axis."""
    off_axis = angle_between(heading_to(camera.x, camera.y, x, y), camera.heading_deg) if distance > 1e-9 else 0.0
    return distance / max(camera.range_m, 1.0) + 0.5 * off_axis / max(camera.fov_deg / 2.0, 1.0)


def choose_cameras(
    cameras: Iterable[CameraPlacement],
    x: float,
    y: float,
    *,
    presets: Iterable[PresetPoint] = (),
    own: str | None = None,
    unavailable: Collection[str] = (),
    limit: int = 4,
) -> list[LockChoice]:
    """The cameras to show for an alarm at (x, y), best first, at most `limit`.

    Order: the alarm's own camera (a camera's analytics saw it), then fixed cameras that see the spot and
    PTZ presets pinned near it (by score), then PTZ cameras that can turn to it; only when none of those
    exist, the nearest cameras within NEARBY_FACTOR × their range. Cameras in `unavailable` (offline,
    no stream) are left out: a black tile locks nothing.
    """
    usable = [c for c in cameras if c.code not in unavailable]
    pinned: dict[str, PresetPoint] = {}
    for p in presets:
        d = math.hypot(p.target_x - x, p.target_y - y)
        best = pinned.get(p.camera_code)
        if d <= PRESET_NEAR_M and (best is None or d < math.hypot(best.target_x - x, best.target_y - y)):
            pinned[p.camera_code] = p
    chosen: list[LockChoice] = []
    nearby: list[LockChoice] = []
    for cam in usable:
        distance = math.hypot(x - cam.x, y - cam.y)
        if cam.code == own:
            chosen.append(LockChoice(cam.code, LockHow.OWN, distance, -1.0))
        elif cam.is_ptz and cam.code in pinned:
            p = pinned[cam.code]
            off = math.hypot(p.target_x - x, p.target_y - y) / PRESET_NEAR_M
            chosen.append(LockChoice(cam.code, LockHow.PRESET, distance, distance / max(cam.range_m, 1.0) + 0.5 * off,
                                     preset=p.token))
        elif in_view(cam.x, cam.y, cam.heading_deg, cam.fov_deg, cam.range_m, x, y):
            chosen.append(LockChoice(cam.code, LockHow.SEES, distance, _cone_score(cam, x, y, distance)))
        elif cam.is_ptz and distance <= cam.range_m:
            # turning costs a second or two of motion: rank after a camera that already sees it
            chosen.append(LockChoice(cam.code, LockHow.AIM, distance, 1.0 + distance / max(cam.range_m, 1.0),
                                     aim=ptz_aim(cam, x, y)))
        elif distance <= NEARBY_FACTOR * cam.range_m:
            nearby.append(LockChoice(cam.code, LockHow.NEARBY, distance, 2.0 + distance / max(cam.range_m, 1.0)))
    ranked = sorted(chosen or nearby, key=lambda c: (c.score, c.code))
    return ranked[:max(0, limit)]


def lock_seconds(received_at_s: float, painted_at_s: float) -> float:
    """Lock time: alarm received → first frame of a chosen camera painted (wall-clock seconds, never < 0)."""
    return max(0.0, painted_at_s - received_at_s)
