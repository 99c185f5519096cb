"""Decoded frames, their conversion for display, and the newest-frame-wins slot between decoder and view."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import av
import numpy as np
from av.video.reformatter import VideoReformatter

logger = logging.getLogger(__name__)

# FFmpeg's name for the decoder's output: B, G, R, 255 in memory, which is Qt's Format_RGB32 (0xffRRGGBB) on
# little-endian machines (x86-64, ARM64), so Qt's raster engine paints it without a conversion.
PIXEL_FORMAT = "bgra"


@dataclass(frozen=True, eq=False)
class Frame:
    """One decoded picture; its image is read-only once published, so it can cross threads without a copy."""

    image: np.ndarray  # H × W × 4 uint8 (B, G, R, 255 = QImage.Format_RGB32; `bgr` drops the 4th byte)
    #                    or H × W × 3 BGR from other producers; C-contiguous, not writeable
    seq: int  # 1, 2, 3 … per decoder, across reconnects
    decoded_at: float  # time.monotonic() when it left the decoder
    decoded_wall: float  # time.time() at the same moment
    pts_s: float | None = None  # presentation time in the stream's clock (RTP time for RTSP), if known
    keyframe: bool = False
    late_s: float = 0.0  # how much later it arrived than its timestamp promised (0 for a steady stream)

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])

    @property
    def bgr(self) -> np.ndarray:
        """The picture as H × W × 3 BGR (OpenCV's order); a view, no copy, when the image is 32-bit."""
        return self.image if self.image.shape[2] == 3 else self.image[..., :3]

    @property
    def fresh_at(self) -> float:
        """Monotonic time this picture stood for: a frame held back and delivered late counts as old."""
        return self.decoded_at - self.late_s


class FrameSlot:
    """A one-frame buffer: put() replaces what is there; a frame replaced before anyone took it is a drop.

    The writer never waits for the reader, so latency cannot pile up (Frigate's capture loop does the
    same with a bounded queue). Memory is bounded: one frame here, plus what readers still hold.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frame: Frame | None = None
        self._taken = True
        self.puts = 0
        self.drops = 0

    def put(self, frame: Frame) -> None:
        with self._lock:
            if self._frame is not None and not self._taken:
                self.drops += 1
            self._frame = frame
            self._taken = False
            self.puts += 1

    def latest(self) -> Frame | None:
        """The newest frame (the same one again if nothing newer came); marks it as taken."""
        with self._lock:
            self._taken = True
            return self._frame

    def clear(self) -> None:
        with self._lock:
            self._frame = None
            self._taken = True


class PictureConverter:
    """Decoded picture (YUV) → Frame.image (B, G, R, 255) with one swscale context reused for every picture.

    Measured (docs/PERFORMANCE.md, "Video wall"): `VideoFrame.to_ndarray(format="bgr24")` builds a new
    swscale context per picture with automatic threads (on 2 cores: a thread pair started per picture) —
    0.42 ms of CPU per 640×360 picture, most of it outside the decoder thread. A reused context with one
    thread: 0.07 ms. 32 bits per pixel because Qt's raster engine paints Format_RGB32 without converting
    (BGR888 is converted on every paint: 4.5× slower).
    """

    def __init__(self) -> None:
        self._reformatter = VideoReformatter()

    def __call__(self, decoded: av.VideoFrame) -> np.ndarray:
        """A new read-only C-contiguous image; call from one thread (the context is not shared)."""
        converted = self._reformatter.reformat(decoded, format=PIXEL_FORMAT, threads=1)
        image = np.ascontiguousarray(converted.to_ndarray())
        image.flags.writeable = False
        return image
