"""Pull-point subscriptions of one camera: EventHub queues, expiry, long-poll, property state."""

from __future__ import annotations

import asyncio
import logging
import queue
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from ..model import CameraEvent, EventHub, SimCamera, drain
from .media import VIDEO_SOURCE
from .soap import SoapFault, invalid_arg
from .topics import PROPERTY_TOPICS, TopicFilter

logger = logging.getLogger(__name__)

POLL_S = 0.05  # how often a waiting PullMessages looks at its queue (the hub has no wake-up hook)


@dataclass(eq=False)
class PullPoint:
    sid: str
    queue: queue.Queue[CameraEvent]
    expires_at: float  # real epoch seconds
    keep_alive_s: float | None  # a relative termination time: each pull pushes the expiry out again
    topic_filter: TopicFilter | None = None
    pending: deque[CameraEvent] = field(default_factory=deque)  # Initialized messages not yet pulled
    pulling: int = 0
    closed: bool = False

    def take(self, limit: int) -> list[CameraEvent]:
        out: list[CameraEvent] = []
        while self.pending and len(out) < limit:
            out.append(self.pending.popleft())
        while len(out) < limit:
            batch = list(drain(self.queue, limit - len(out)))
            if not batch:
                break
            out.extend(e for e in batch if self.topic_filter is None or self.topic_filter.matches(e.topic))
        return out


StateKey = tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]


def _state_key(event: CameraEvent) -> StateKey:
    return event.topic, tuple(sorted(event.source.items())), tuple(sorted(event.key.items()))


class PropertyTracker:
    """The current value of every property topic of one camera, for 'Initialized' messages."""

    def __init__(self, hub: EventHub, camera: SimCamera) -> None:
        self._hub = hub
        self._code = camera.code
        self._queue = hub.subscribe(camera.code)
        now = datetime.now(UTC)
        self._state: dict[StateKey, CameraEvent] = {}
        for topic in ("tns1:VideoSource/MotionAlarm", "tns1:VideoSource/GlobalSceneChange/ImagingService"):
            event = CameraEvent(camera.code, topic, {"Source": VIDEO_SOURCE}, {"State": "false"}, now, "Initialized")
            self._state[_state_key(event)] = event

    def refresh(self) -> None:
        for event in drain(self._queue, self._queue.maxsize or 1000):
            if event.topic not in PROPERTY_TOPICS:
                continue
            if event.operation == "Deleted":
                self._state.pop(_state_key(event), None)
            else:
                self._state[_state_key(event)] = event

    def initialized(self) -> list[CameraEvent]:
        self.refresh()
        now = datetime.now(UTC)
        return [replace(e, operation="Initialized", utc_time=now) for e in self._state.values()]

    def close(self) -> None:
        self._hub.unsubscribe(self._code, self._queue)


class SubscriptionManager:
    """All pull points of one camera. Lives on the device's event loop; not thread-safe."""

    def __init__(self, camera: SimCamera, hub: EventHub, *, max_pull_points: int = 32,
                 default_ttl_s: float = 60.0, clock: Callable[[], float] = time.time) -> None:
        self._camera = camera
        self._hub = hub
        self.max_pull_points = max_pull_points
        self._default_ttl_s = default_ttl_s
        self._clock = clock
        self._points: dict[str, PullPoint] = {}
        self._tracker = PropertyTracker(hub, camera)
        self._closed = False

    def __len__(self) -> int:
        return len(self._points)

    def create(self, expires_at: float | None, keep_alive_s: float | None,
               topic_filter: TopicFilter | None) -> PullPoint:
        self.reap()
        if len(self._points) >= self.max_pull_points:
            raise SoapFault("Receiver", ["ter:Action"], "Maximum number of pull points reached")
        if expires_at is None:
            keep_alive_s = keep_alive_s or self._default_ttl_s
            expires_at = self._clock() + keep_alive_s
        point = PullPoint(secrets.token_hex(8), self._hub.subscribe(self._camera.code), expires_at,
                          keep_alive_s, topic_filter)
        self.synchronize(point)  # after subscribing: nothing published in between is lost
        self._points[point.sid] = point
        logger.debug("%s: pull point %s until %.0f", self._camera.code, point.sid, expires_at)
        return point

    def synchronize(self, point: PullPoint) -> None:
        """Queue an 'Initialized' message for every current property (SetSynchronizationPoint)."""
        point.pending.extend(e for e in self._tracker.initialized()
                             if point.topic_filter is None or point.topic_filter.matches(e.topic))

    def get(self, sid: str | None) -> PullPoint:
        point = self._points.get(sid or "")
        if point is None or (point.expires_at < self._clock() and not point.pulling):
            if point is not None:
                self.remove(point.sid)
            raise invalid_arg(None, "Unknown or expired subscription")
        return point

    def remove(self, sid: str) -> None:
        point = self._points.pop(sid, None)
        if point is not None:
            point.closed = True
            self._hub.unsubscribe(self._camera.code, point.queue)

    def reap(self) -> int:
        """Drop expired pull points (and their hub queues); returns how many."""
        now = self._clock()
        expired = [p.sid for p in self._points.values() if p.expires_at < now and not p.pulling]
        for sid in expired:
            logger.debug("%s: pull point %s expired", self._camera.code, sid)
            self.remove(sid)
        self._tracker.refresh()
        return len(expired)

    async def pull(self, point: PullPoint, limit: int, timeout_s: float) -> list[CameraEvent]:
        """Wait up to timeout_s for at least one message, without blocking the event loop."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0.0, timeout_s)
        point.pulling += 1
        try:
            while True:
                found = point.take(limit)
                remaining = deadline - loop.time()
                if found or point.closed or self._closed or remaining <= 0:
                    return found
                await asyncio.sleep(min(POLL_S, remaining))
        finally:
            point.pulling -= 1
            if point.keep_alive_s is not None:
                point.expires_at = max(point.expires_at, self._clock() + point.keep_alive_s)

    async def run_reaper(self, interval_s: float = 0.5) -> None:
        while True:
            await asyncio.sleep(interval_s)
            try:
                self.reap()
            except Exception:  # the reaper must outlive any one bad tick
                logger.exception("%s: reaping pull points failed", self._camera.code)

    def close(self) -> None:
        self._closed = True
        for sid in list(self._points):
            self.remove(sid)
        self._tracker.close()
