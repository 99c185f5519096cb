"""Which cameras see a place, and the ONVIF events (motion, field, line) they raise about it."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from cockpit.geometry import in_view
from cockpit.site import CameraPlacement

from .model import CameraEvent, SimCamera

logger = logging.getLogger(__name__)

MOTION = "tns1:VideoSource/MotionAlarm"
FIELD = "tns1:RuleEngine/FieldDetector/ObjectsInside"
LINE = "tns1:RuleEngine/LineDetector/Crossed"
# Tokens as the simulated ONVIF devices announce them (docs/sim/ONVIF.md).
VIDEO_SOURCE = "vs0"  # Source of tns1:VideoSource/* topics
VIDEO_SOURCE_CONFIG = "vsc0"  # VideoSourceConfigurationToken of rule engine topics
ANALYTICS_CONFIG = "vac0"  # VideoAnalyticsConfigurationToken
CROWD_RULE = "CrowdField"
FENCE_RULE = "FenceLine"


@dataclass(frozen=True)
class Viewpoint:
    """The part of a camera that decides what it sees."""

    code: str
    x: float
    y: float
    heading_deg: float
    fov_deg: float
    range_m: float

    def sees(self, x: float, y: float) -> bool:
        return in_view(self.x, self.y, self.heading_deg, self.fov_deg, self.range_m, x, y)

    @staticmethod
    def time(now: float) -> datetime:
        """Real UTC: the ONVIF layer moves it onto the camera's (possibly skewed) clock."""
        return datetime.fromtimestamp(now, UTC)


def viewpoints(cameras: Iterable[SimCamera | CameraPlacement]) -> list[Viewpoint]:
    """At the mounting heading and zoom 1 (a PTZ camera turned elsewhere still counts)."""
    return [Viewpoint(c.code, c.x, c.y, c.heading_deg, c.fov_deg, c.range_m) for c in cameras]


def seeing(cameras: Iterable[Viewpoint], x: float, y: float) -> list[Viewpoint]:
    return [c for c in cameras if c.sees(x, y)]


def motion(cam: Viewpoint, active: bool, now: float) -> CameraEvent:
    return CameraEvent(cam.code, MOTION, {"Source": VIDEO_SOURCE},
                       {"State": "true" if active else "false"}, cam.time(now))


def _rule(rule: str) -> dict[str, str]:
    return {"VideoSourceConfigurationToken": VIDEO_SOURCE_CONFIG,
            "VideoAnalyticsConfigurationToken": ANALYTICS_CONFIG, "Rule": rule}


def objects_inside(cam: Viewpoint, inside: bool, object_id: int, now: float) -> CameraEvent:
    return CameraEvent(cam.code, FIELD, _rule(CROWD_RULE), {"IsInside": "true" if inside else "false"},
                       cam.time(now), key={"ObjectId": str(object_id)})


def line_crossed(cam: Viewpoint, object_id: int, now: float) -> CameraEvent:
    return CameraEvent(cam.code, LINE, _rule(FENCE_RULE), {"ObjectId": str(object_id)}, cam.time(now))
