"""Rates over a sliding window (fps, bitrate), the keyframe interval, and how late frames arrive."""

from __future__ import annotations

import logging
from collections import deque

logger = logging.getLogger(__name__)

WINDOW_S = 2.0


class RateMeter:
    """Events (with a size) in the last `window_s` seconds: rate() per second, bits_per_s()."""

    def __init__(self, window_s: float = WINDOW_S) -> None:
        self.window_s = window_s
        self._events: deque[tuple[float, int]] = deque()
        self._bytes = 0
        self._since: float | None = None

    def add(self, now: float, size: int = 0) -> None:
        if self._since is None:
            self._since = now
        self._events.append((now, size))
        self._bytes += size
        self._expire(now)

    def _expire(self, now: float) -> None:
        while self._events and self._events[0][0] < now - self.window_s:
            self._bytes -= self._events.popleft()[1]

    def _span(self, now: float) -> float:
        """The window, or less while the meter is younger than it (then from the first to the last event)."""
        if self._since is None:
            return 0.0
        if now - self._since >= self.window_s:
            return self.window_s
        return self._events[-1][0] - self._since if len(self._events) > 1 else 0.0

    def rate(self, now: float) -> float | None:
        """Events per second; None until two events were seen."""
        self._expire(now)
        span = self._span(now)
        if span <= 0:
            return None
        n = len(self._events) if span == self.window_s else len(self._events) - 1
        return n / span

    def bits_per_s(self, now: float) -> float | None:
        self._expire(now)
        span = self._span(now)
        if span <= 0:
            return None
        size = self._bytes if span == self.window_s else self._bytes - self._events[0][1]
        return size * 8 / span

    def reset(self) -> None:
        self._events.clear()
        self._bytes = 0
        self._since = None


class GopMeter:
    """Frames from one keyframe to the next, measured from the packets' keyframe flags."""

    def __init__(self) -> None:
        self._count = 0
        self._seen_key = False
        self.intervals: list[int] = []

    def add(self, keyframe: bool) -> None:
        if keyframe:
            if self._seen_key:
                self.intervals.append(self._count)
                del self.intervals[:-16]
            self._seen_key, self._count = True, 0
        self._count += 1

    @property
    def gop(self) -> int | None:
        """The most common of the recent intervals (a forced keyframe on join makes one short GOP)."""
        if not self.intervals:
            return None
        return max(set(self.intervals), key=lambda n: (self.intervals.count(n), n))


class LatenessMeter:
    """How late each frame arrives compared with its timestamp, relative to the earliest in a recent window.

    lag = arrival − pts (in seconds, any offset); the smallest lag of the last `window_s` is "on time".
    A frozen connection whose parser releases a held frame only at the read timeout gives that frame a
    lateness of the whole gap, so it is not mistaken for a live picture. The window lets the baseline
    follow a camera clock that drifts against ours; a jump in timestamps resets it.
    """

    def __init__(self, window_s: float = 10.0, reset_s: float = 30.0) -> None:
        self.window_s, self.reset_s = window_s, reset_s
        self._lags: deque[tuple[float, float]] = deque()  # (arrival, lag), lags increasing (monotone queue)

    def late_s(self, arrival: float, pts_s: float | None) -> float:
        if pts_s is None:
            return 0.0
        lag = arrival - pts_s
        if self._lags and abs(lag - self._lags[0][1]) > self.reset_s:  # timestamps jumped: start over
            self._lags.clear()
        while self._lags and self._lags[0][0] < arrival - self.window_s:
            self._lags.popleft()
        while self._lags and self._lags[-1][1] >= lag:
            self._lags.pop()
        self._lags.append((arrival, lag))
        return max(0.0, lag - self._lags[0][1])

    def reset(self) -> None:
        self._lags.clear()
