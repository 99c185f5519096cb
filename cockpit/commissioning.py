"""What an installer records when bringing a camera into service, and the settings we warn about.

The commissioning report renders a `CommissioningRecord`; the rules here decide its warnings,
so they are tested without a camera or a screen.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

# Thresholds, with why:
MAX_GOP_S = 2.0  # a viewer joining mid-stream waits up to one GOP for a picture; > 2 s breaks "10-second lock" margins
MAX_CLOCK_OFFSET_S = 5.0  # event times and recordings are matched to the second across cameras
MAX_FIRST_FRAME_S = 2.0  # the alarm-to-picture budget is 1 s in total; opening must be far below it
MIN_FPS = 10.0  # falls and crossings are missed below ~10 fps


class WarningCode(enum.StrEnum):
    LONG_GOP = "long_gop"
    NO_SUB_STREAM = "no_sub_stream"
    CLOCK_DRIFT = "clock_drift"
    SLOW_FIRST_FRAME = "slow_first_frame"
    LOW_FPS = "low_fps"
    PTZ_WITHOUT_PRESETS = "ptz_without_presets"
    NOT_PLACED = "not_placed"
    STREAM_ERROR = "stream_error"


@dataclass(frozen=True)
class ProfileRecord:
    token: str
    name: str
    role: str  # "main" / "sub" as the installer chose, or "" if unused
    encoding: str
    width: int
    height: int
    declared_fps: float | None
    declared_gop: int | None
    uri: str
    # measured by opening the stream:
    first_frame_s: float | None = None
    measured_fps: float | None = None
    measured_gop: int | None = None  # frames between keyframes
    bitrate_kbps: float | None = None
    error: str | None = None

    @property
    def gop_seconds(self) -> float | None:
        gop = self.measured_gop or self.declared_gop
        fps = self.measured_fps or self.declared_fps
        return gop / fps if gop and fps else None


@dataclass(frozen=True)
class Placement:
    x: float
    y: float
    height_m: float
    heading_deg: float
    tilt_deg: float
    fov_deg: float
    range_m: float


@dataclass(frozen=True)
class CommissioningRecord:
    code: str
    name: str
    address: str
    manufacturer: str
    model: str
    firmware: str
    serial: str
    clock_offset_s: float | None
    profiles: tuple[ProfileRecord, ...]
    is_ptz: bool
    presets: tuple[tuple[str, str], ...] = ()  # (token, name), each tested by the installer
    placement: Placement | None = None
    snapshot_jpeg: bytes | None = None
    installer: str = ""
    commissioned_at: datetime | None = None
    notes: str = ""
    warnings: tuple[Finding, ...] = field(default=())


@dataclass(frozen=True)
class Finding:
    """One known-bad setting: what (code), where (a profile name, or ""), the measured value and our limit.

    The report words it in the reader's language from these parts; `detail` is the English for logs.
    """

    code: WarningCode
    subject: str = ""
    value: float | None = None
    limit: float | None = None

    @property
    def detail(self) -> str:
        v, lim, who = self.value, self.limit, f"{self.subject}: " if self.subject else ""
        match self.code:
            case WarningCode.STREAM_ERROR:
                return who.rstrip(": ") or "a stream does not play"
            case WarningCode.LONG_GOP:
                return f"{who}a keyframe every {v:.1f} s (at most {lim:.0f} s)"
            case WarningCode.SLOW_FIRST_FRAME:
                return f"{who}first picture after {v:.1f} s (at most {lim:.0f} s)"
            case WarningCode.LOW_FPS:
                return f"{who}{v:.1f} fps (at least {lim:.0f})"
            case WarningCode.CLOCK_DRIFT:
                return f"device clock {v:+.1f} s from ours (at most {lim:.0f} s; set up NTP)"
            case WarningCode.NO_SUB_STREAM:
                return "the wall would have to decode the main stream"
            case WarningCode.PTZ_WITHOUT_PRESETS:
                return "alarms cannot turn this camera to a place"
            case WarningCode.NOT_PLACED:
                return "the twin and alarm video lock cannot use this camera"
        return self.code.value


def check(record: CommissioningRecord) -> list[Finding]:
    """The known-bad settings of this camera."""
    out: list[Finding] = []
    for p in record.profiles:
        if p.error:
            out.append(Finding(WarningCode.STREAM_ERROR, f"{p.name}: {p.error}"))
            continue
        gop_s = p.gop_seconds
        if gop_s is not None and gop_s > MAX_GOP_S:
            out.append(Finding(WarningCode.LONG_GOP, p.name, gop_s, MAX_GOP_S))
        if p.first_frame_s is not None and p.first_frame_s > MAX_FIRST_FRAME_S:
            out.append(Finding(WarningCode.SLOW_FIRST_FRAME, p.name, p.first_frame_s, MAX_FIRST_FRAME_S))
        if p.measured_fps is not None and p.measured_fps < MIN_FPS:
            out.append(Finding(WarningCode.LOW_FPS, p.name, p.measured_fps, MIN_FPS))
    if len(record.profiles) < 2 or not any(p.role == "sub" for p in record.profiles):
        out.append(Finding(WarningCode.NO_SUB_STREAM))
    if record.clock_offset_s is not None and abs(record.clock_offset_s) > MAX_CLOCK_OFFSET_S:
        out.append(Finding(WarningCode.CLOCK_DRIFT, "", record.clock_offset_s, MAX_CLOCK_OFFSET_S))
    if record.is_ptz and not record.presets:
        out.append(Finding(WarningCode.PTZ_WITHOUT_PRESETS))
    if record.placement is None:
        out.append(Finding(WarningCode.NOT_PLACED))
    return out
