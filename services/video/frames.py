"""Decoded frames and the newest-frame-wins slot between a decoder thread and whoever displays it."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np

logger = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class Frame:
    """One decoded picture; its image is read-only once published, so it can cross threads without a copy."""

    image: np.ndarray  # H × W × 3 uint8, BGR, C-contiguous, not writeable
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
