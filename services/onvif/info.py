"""What the ONVIF client reports about a device, as frozen dataclasses that can cross threads."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DeviceInfo:
    manufacturer: str
    model: str
    firmware: str
    serial: str
    hardware_id: str


@dataclass(frozen=True)
class ProfileInfo:
    """One media profile (ver10/media), as the encoder declares it."""

    token: str
    name: str
    encoding: str | None  # "H264", "H265", "JPEG", "MPEG4"
    width: int | None
    height: int | None
    fps: float | None  # FrameRateLimit
    gop: int | None  # GovLength: frames from one keyframe to the next
    bitrate_kbps: int | None  # BitrateLimit
    has_ptz: bool  # the profile carries a PTZ configuration
    stream_uri: str | None = None  # filled by probe_device / CameraService; profiles() leaves it None


@dataclass(frozen=True)
class PresetInfo:
    token: str
    name: str
    pan: float | None = None
    tilt: float | None = None
    zoom: float | None = None


@dataclass(frozen=True)
class PtzStatus:
    pan: float | None
    tilt: float | None
    zoom: float | None
    moving: bool  # pan/tilt or zoom MoveStatus is MOVING


@dataclass(frozen=True)
class DeviceReport:
    """Everything the commissioning wizard shows about a device it has just logged in to."""

    address: str  # the device service URL that was used
    manufacturer: str
    model: str
    firmware: str
    serial: str
    hardware_id: str
    clock_offset_s: float  # device clock minus ours
    services: tuple[str, ...]  # "device", "media", "ptz", "events", "imaging" … as the device offers them
    profiles: tuple[ProfileInfo, ...]  # with stream_uri
    presets: tuple[PresetInfo, ...] = ()
    snapshot: bool = False  # GetSnapshotUri answered
    connect_s: float = 0.0  # measured: clock read to profiles, the time a worker needs to come online
    warnings: tuple[str, ...] = field(default=())  # what did not work but did not stop the probe

    @property
    def is_ptz(self) -> bool:
        return "ptz" in self.services and any(p.has_ptz for p in self.profiles)

    @property
    def has_events(self) -> bool:
        return "events" in self.services
