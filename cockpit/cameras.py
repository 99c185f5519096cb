"""What the cockpit knows about a camera's health, and the typed events cameras raise.

The same states drive the health panel, the video wall tiles and the twin, so they live here,
in the domain, with no Qt and no I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

ERROR_HISTORY = 20  # problems kept per camera for the health panel


class CameraState(enum.StrEnum):
    UNKNOWN = "unknown"  # not tried yet
    CONNECTING = "connecting"
    ONLINE = "online"
    UNREACHABLE = "unreachable"  # no TCP connection, or no answer within the timeout
    AUTH_FAILED = "auth_failed"  # wrong user name or password (NotAuthorized / 401)
    CLOCK_SKEW = "clock_skew"  # device clock too far off to log in or to trust event times
    NOT_ONVIF = "not_onvif"  # answers, but not as an ONVIF device (HTML, garbage, wrong service)
    UNSUPPORTED = "unsupported"  # an operation we need is not supported (e.g. no media service)
    STREAM_UNPLAYABLE = "stream_unplayable"  # ONVIF fine, but its stream URI does not play
    DISABLED = "disabled"  # taken out of service by an installer

    @property
    def is_problem(self) -> bool:
        return self not in (CameraState.UNKNOWN, CameraState.CONNECTING, CameraState.ONLINE,
                            CameraState.DISABLED)


@dataclass(frozen=True)
class CameraProblem:
    at: datetime
    state: CameraState
    message: str


@dataclass(frozen=True)
class CameraHealth:
    """One camera's health as last measured; immutable, so it can cross threads."""

    code: str
    state: CameraState = CameraState.UNKNOWN
    since: datetime = field(default_factory=lambda: datetime.now(UTC))
    message: str = ""
    clock_offset_s: float | None = None  # device clock minus ours
    last_frame_at: datetime | None = None
    fps: float | None = None
    bitrate_kbps: float | None = None
    first_frame_s: float | None = None  # time to first frame when the stream was last opened
    problems: tuple[CameraProblem, ...] = ()

    def moved_to(self, state: CameraState, message: str = "", at: datetime | None = None) -> CameraHealth:
        """The same camera in a new state; problems go into the bounded history."""
        now = at or datetime.now(UTC)
        if state == self.state and message == self.message:
            return self
        problems = self.problems
        if state.is_problem:
            problems = (*problems, CameraProblem(now, state, message))[-ERROR_HISTORY:]
        return replace(self, state=state, since=now, message=message, problems=problems)


class CameraEventKind(enum.StrEnum):
    MOTION = "motion"
    TAMPER = "tamper"
    LINE_CROSSING = "line_crossing"
    INTRUSION = "intrusion"  # field detector: object inside a region
    OTHER = "other"


# ONVIF topic (without namespace prefix) -> what it means to an operator.
TOPIC_KINDS: dict[str, CameraEventKind] = {
    "VideoSource/MotionAlarm": CameraEventKind.MOTION,
    "RuleEngine/CellMotionDetector/Motion": CameraEventKind.MOTION,
    "VideoSource/GlobalSceneChange/ImagingService": CameraEventKind.TAMPER,
    "RuleEngine/TamperDetector/Tamper": CameraEventKind.TAMPER,
    "RuleEngine/LineDetector/Crossed": CameraEventKind.LINE_CROSSING,
    "RuleEngine/FieldDetector/ObjectsInside": CameraEventKind.INTRUSION,
}


def topic_kind(topic: str) -> CameraEventKind:
    """'tns1:RuleEngine/LineDetector/Crossed' (any prefix) -> LINE_CROSSING; unknown -> OTHER."""
    bare = topic.split(":", 1)[-1].strip("/")
    return TOPIC_KINDS.get(bare, CameraEventKind.OTHER)


@dataclass(frozen=True)
class CameraEventReceived:
    """An ONVIF notification, typed; `at` is the device's time corrected to our clock (UTC)."""

    code: str
    kind: CameraEventKind
    topic: str
    at: datetime
    active: bool | None  # State/IsInside/IsMotion … when the event carries one; None for pulses
    source: dict[str, str] = field(default_factory=dict)
    data: dict[str, str] = field(default_factory=dict)
    # PropertyOperation="Initialized": the state when the subscription began (sent again after every
    # reconnect), not a new occurrence; track the state from it, but do not raise an alarm on it.
    initial: bool = False


@dataclass(frozen=True)
class CameraStateChanged:
    health: CameraHealth
