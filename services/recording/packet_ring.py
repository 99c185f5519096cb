"""The pre-alarm buffer of one camera: the newest encoded packets, bounded in seconds and bytes.

It always starts at a keyframe, so any snapshot can be written to a file that plays from its first
packet. Whole GOPs leave from the front: the ring covers at least `seconds` once that much has
arrived, and at most `seconds` plus one GOP. The byte cap is hard (a camera with a huge bitrate loses
pre-alarm seconds, never the cockpit's memory).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass

from .media import StoredPacket

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RingStats:
    packets: int
    bytes: int
    seconds: float  # arrival span from the first packet to the newest
    keyframes: int


class PacketRing:
    """Thread-safe: one writer (the tap) adds, any thread takes snapshots (copies of the packet list)."""

    def __init__(self, seconds: float, max_bytes: int) -> None:
        if seconds < 0 or max_bytes <= 0:
            raise ValueError("seconds must be >= 0 and max_bytes > 0")
        self.seconds, self.max_bytes = seconds, max_bytes
        self._packets: deque[StoredPacket] = deque()
        self._keyframes: deque[tuple[int, float]] = deque()  # (seq, arrival) of each keyframe, oldest first
        self._bytes = 0
        self._lock = threading.Lock()
        self._capped = False

    def add(self, packet: StoredPacket) -> None:
        with self._lock:
            if not self._packets and not packet.keyframe:
                return  # nothing before a keyframe can be played: wait for one
            self._packets.append(packet)
            self._bytes += packet.size
            if packet.keyframe:
                self._keyframes.append((packet.seq, packet.arrival))
            self._trim()

    def _trim(self) -> None:
        newest = self._packets[-1].arrival
        # Drop the oldest GOP while what remains (from the next keyframe) still covers `seconds`.
        while len(self._keyframes) > 1:
            next_key, start = self._keyframes[1]
            if newest - start < self.seconds and self._bytes <= self.max_bytes:
                break
            self._drop_until(next_key)
        if self._bytes > self.max_bytes:  # one GOP alone is over the cap: start again at the next keyframe
            if not self._capped:
                logger.warning("buffer over %d bytes within one GOP; dropping it", self.max_bytes)
                self._capped = True
            self._packets.clear()
            self._keyframes.clear()
            self._bytes = 0

    def _drop_until(self, seq: int) -> None:
        while self._packets and self._packets[0].seq < seq:
            self._bytes -= self._packets.popleft().size
        while self._keyframes and self._keyframes[0][0] < seq:
            self._keyframes.popleft()

    def snapshot(self, since: float | None = None) -> list[StoredPacket]:
        """The packets from the last keyframe at or before `since` (time.monotonic()), or all of them.

        If every keyframe is newer than `since`, the snapshot starts at the oldest one: less pre-alarm
        footage than asked for, but never a file that starts mid-GOP.
        """
        with self._lock:
            packets = list(self._packets)
        if since is None or not packets:
            return packets
        start = 0
        for i, p in enumerate(packets):
            if p.arrival > since:
                break
            if p.keyframe:
                start = i
        return packets[start:]

    def latest_seq(self) -> int | None:
        with self._lock:
            return self._packets[-1].seq if self._packets else None

    def clear(self) -> None:
        with self._lock:
            self._packets.clear()
            self._keyframes.clear()
            self._bytes = 0

    def stats(self) -> RingStats:
        with self._lock:
            if not self._packets:
                return RingStats(0, 0, 0.0, 0)
            span = self._packets[-1].arrival - self._packets[0].arrival
            return RingStats(len(self._packets), self._bytes, span, len(self._keyframes))
