"""Low-latency H.264 encoding of BGR frames with PyAV's libx264, plus the SDP parameters it implies."""

from __future__ import annotations

import base64
import contextlib
import logging
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import av
import av.video.frame
import cv2
import numpy as np

from services.sim.model import StreamSpec

from .rtp import NAL_PPS, NAL_SPS, AccessUnit, nal_type

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SdpParameters:
    """What a DESCRIBE answer needs to know about the bitstream before the first frame."""

    sps: bytes
    pps: bytes

    @property
    def sprop_parameter_sets(self) -> str:
        return f"{base64.b64encode(self.sps).decode()},{base64.b64encode(self.pps).decode()}"

    @property
    def profile_level_id(self) -> str:
        return self.sps[1:4].hex().upper()


class H264Encoder:
    """One libx264 encoder: ultrafast + zerolatency, fixed GOP, no B-frames, one thread.

    SPS/PPS are repeated in front of every IDR so a client can start at any keyframe, and
    `encode(..., keyframe=True)` forces an IDR when a new client joins. Not thread-safe: one
    owner thread calls encode().
    """

    def __init__(self, spec: StreamSpec) -> None:
        self.spec = spec
        self._codec = _open_codec(spec)
        self._last_pts = -1

    def encode(self, bgr: np.ndarray, capture_time: float, keyframe: bool = False) -> list[AccessUnit]:
        """Encode one frame captured at `capture_time` (epoch s); zerolatency gives its AU at once."""
        yuv = cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV_I420)
        frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
        pts = max(round(capture_time * 90_000), self._last_pts + 1)
        self._last_pts = pts
        frame.pts = pts
        if keyframe:
            frame.pict_type = av.video.frame.PictureType.I
        return [AccessUnit.from_annexb(bytes(p), p.pts / 90_000, p.is_keyframe)
                for p in self._codec.encode(frame)]

    def close(self) -> None:
        with contextlib.suppress(av.error.EOFError):
            self._codec.encode(None)  # flush; zerolatency holds nothing back


def _open_codec(spec: StreamSpec) -> av.VideoCodecContext:
    codec = av.CodecContext.create("libx264", "w")
    codec.width, codec.height = spec.width, spec.height
    codec.pix_fmt = "yuv420p"
    codec.time_base = Fraction(1, 90_000)
    codec.framerate = Fraction(spec.fps, 1)
    codec.gop_size = spec.gop
    codec.max_b_frames = 0
    codec.thread_count = 1
    codec.bit_rate = spec.bitrate_kbps * 1000
    kbps = spec.bitrate_kbps
    codec.options = {
        "preset": "ultrafast",
        "tune": "zerolatency",
        "forced-idr": "1",
        "x264-params": (f"keyint={spec.gop}:min-keyint={spec.gop}:scenecut=0:bframes=0:"
                        f"repeat-headers=1:threads=1:sliced-threads=0:"
                        f"vbv-maxrate={kbps}:vbv-bufsize={kbps}"),
    }
    codec.open()
    return codec


@lru_cache(maxsize=32)
def sdp_parameters(spec: StreamSpec) -> SdpParameters:
    """SPS/PPS the encoder will emit for this spec, learnt by encoding one black frame once."""
    encoder = H264Encoder(spec)
    black = np.zeros((spec.height, spec.width, 3), np.uint8)
    nals = [p for au in encoder.encode(black, 0.0, keyframe=True) for p in au.payloads]
    sps = next((p for p in nals if nal_type(p) == NAL_SPS), b"")
    pps = next((p for p in nals if nal_type(p) == NAL_PPS), b"")
    encoder.close()
    if not sps or not pps:
        raise RuntimeError(f"libx264 emitted no SPS/PPS for {spec}")
    return SdpParameters(sps, pps)

