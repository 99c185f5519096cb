"""The ONVIF side of the camera simulator: each SimCamera as an ONVIF device, plus WS-Discovery.

Source items the Events service expects in CameraEvent.source (as real cameras send them):
VideoSource topics {"Source": VIDEO_SOURCE}; RuleEngine topics {"VideoSourceConfigurationToken":
VIDEO_SOURCE_CONFIG, "VideoAnalyticsConfigurationToken": "vac0", "Rule": <rule name>}.
"""

from .discovery import DiscoveryResponder
from .media import VIDEO_SOURCE, VIDEO_SOURCE_CONFIG
from .server import OnvifDevice, endpoint_reference
from .topics import TOPICS

__all__ = ["TOPICS", "VIDEO_SOURCE", "VIDEO_SOURCE_CONFIG", "DiscoveryResponder", "OnvifDevice",
           "endpoint_reference"]
