"""Camera timestamps → a file's timestamps: from 0, dts strictly increasing, pts ≥ dts, gaps kept.

Cameras are not tidy: the first packet of an RTSP session has no timestamp until the first RTCP
report, a reconnection restarts the clock at an unrelated value, and a camera's clock can jump.
MP4 muxers refuse any of these, so every packet goes through `Timeline.feed` before muxing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from fractions import Fraction

from .media import StoredPacket

logger = logging.getLogger(__name__)

# A camera clock that disagrees with arrival times by more than this is treated as a new clock.
DISCONTINUITY_S = 10.0


@dataclass(frozen=True, slots=True)
class Placed:
    packet: StoredPacket
    pts: int  # in the file's time base (the first packet's)
    dts: int
    duration: int


class Timeline:
    """Feed packets in arrival order; get them back with file timestamps (possibly a few packets later)."""

    def __init__(self) -> None:
        self.time_base: Fraction | None = None
        self.gaps = 0  # reconnections and clock jumps inside the file
        self._pending: list[StoredPacket] = []  # leading packets of an epoch without any timestamp
        self._epoch: int | None = None
        self._offset = 0  # file dts = camera dts (in file time base) + offset, for the current epoch
        self._last_raw: int | None = None  # camera dts of the previous packet of this epoch
        self._last: Placed | None = None

    def feed(self, packet: StoredPacket) -> list[Placed]:
        if self.time_base is None:
            self.time_base = packet.params.time_base
        if packet.epoch != self._epoch:
            placed = self.flush()  # the previous epoch's leftovers, estimated from their predecessors
            self._epoch, self._last_raw = packet.epoch, None
        else:
            placed = []
        raw = self._raw(packet)
        if raw is None:
            if self._last_raw is None:
                self._pending.append(packet)  # wait for the first timestamp of this epoch
                return placed
            raw = (self._last_raw + packet.params.frame_ticks, None)
        if self._pending:  # back-fill: one frame period apart, ending one period before this packet
            step = packet.params.frame_ticks
            n = len(self._pending)
            for i, early in enumerate(self._pending):
                t = raw[0] - (n - i) * step
                placed.append(self._place(early, t, t))
            self._pending = []
        placed.append(self._place(packet, raw[0], raw[1]))
        return placed

    def flush(self) -> list[Placed]:
        """Place packets still waiting for a timestamp (end of file, or a new connection began)."""
        placed = []
        for i, packet in enumerate(self._pending):
            step = packet.params.frame_ticks
            t = self._last_raw + step if self._last_raw is not None else i * step
            placed.append(self._place(packet, t, t))
        self._pending = []
        return placed

    def _raw(self, packet: StoredPacket) -> tuple[int, int | None] | None:
        """(dts, pts) in the file time base; None if the packet has neither."""
        dts = packet.dts if packet.dts is not None else packet.pts
        if dts is None:
            return None
        return self._rescale(dts, packet), (self._rescale(packet.pts, packet) if packet.pts is not None else None)

    def _rescale(self, value: int, packet: StoredPacket) -> int:
        tb = packet.params.time_base
        return value if tb == self.time_base else round(value * tb / self.time_base)

    def _place(self, packet: StoredPacket, raw_dts: int, raw_pts: int | None) -> Placed:
        step = packet.params.frame_ticks
        last = self._last
        if last is None:
            self._offset = -raw_dts
        elif self._last_raw is None or self._jumped(packet, raw_dts, last):
            # New connection or a clock jump: continue after the last packet, keeping the real gap.
            gap = max(step, round((packet.arrival - last.packet.arrival) / self.time_base))
            self._offset = last.dts + gap - raw_dts
            self.gaps += 1
            logger.debug("gap of %d ticks in the file (epoch %d)", gap, packet.epoch)
        dts = raw_dts + self._offset
        pts = (raw_pts if raw_pts is not None else raw_dts) + self._offset
        if last is not None and dts <= last.dts:
            dts = last.dts + 1
        placed = Placed(packet, max(pts, dts), dts, step)
        self._last, self._last_raw = placed, raw_dts
        return placed

    def _jumped(self, packet: StoredPacket, raw_dts: int, last: Placed) -> bool:
        clock_s = float((raw_dts - self._last_raw) * self.time_base)  # type: ignore[operator]
        arrival_s = packet.arrival - last.packet.arrival
        return abs(clock_s - arrival_s) > DISCONTINUITY_S
