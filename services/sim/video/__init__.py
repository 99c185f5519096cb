"""Simulated camera video: a synthetic scene rendered from the site, H.264 over a hand-written RTSP server.

See docs/sim/VIDEO.md. Entry point: `CameraStreams` (one per camera, owns its `RtspServer`).
"""

from .render import SceneRenderer
from .rtsp import RtspServer
from .stream import CameraStreams, ProfileStream
from .timecode import decode_timecode, encode_timecode

__all__ = ["CameraStreams", "ProfileStream", "RtspServer", "SceneRenderer", "decode_timecode", "encode_timecode"]
