"""Plain data that crosses threads: encoded packets as bytes and the codec parameters needed to mux them.

av.Packet and av.Stream objects belong to the thread and container that made them; these copies do not.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from fractions import Fraction

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StreamParams:
    """What a muxer needs to write a track without the input stream: one per connection."""

    codec: str  # FFmpeg codec name: "h264", "hevc", …
    width: int
    height: int
    time_base: Fraction
    rate: Fraction | None  # average frame rate, if the stream announces one
    extradata: bytes  # SPS/PPS (H.264, Annex B from the SDP's sprop-parameter-sets) or b""

    @property
    def frame_ticks(self) -> int:
        """One frame period in time_base units (15 fps if the stream does not say)."""
        rate = self.rate if self.rate else Fraction(15)
        return max(1, round(1 / (rate * self.time_base)))

    def compatible(self, other: StreamParams) -> bool:
        """Packets of both can share one track (same codec and picture size)."""
        return (self.codec, self.width, self.height) == (other.codec, other.width, other.height)


@dataclass(frozen=True, slots=True)
class StoredPacket:
    """One encoded access unit, copied out of FFmpeg. Times are the receiver's clocks."""

    seq: int  # increasing per tap, across reconnections
    data: bytes
    pts: int | None  # in params.time_base; None when the camera gave none (first packet of an RTSP session)
    dts: int | None
    keyframe: bool
    arrival: float  # time.monotonic() when demuxed
    wall: float  # time.time() at the same moment
    epoch: int  # connection number: timestamps of different epochs are unrelated
    params: StreamParams

    @property
    def size(self) -> int:
        return len(self.data)
