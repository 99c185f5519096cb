"""One thread that notices stalled streams for all decoders, since a decoder's own thread is blocked in a read."""

from __future__ import annotations

import logging
import threading
import time
import weakref
from typing import Protocol

logger = logging.getLogger(__name__)

PERIOD_S = 0.25


class Watched(Protocol):
    def check_stall(self, now: float) -> None: ...


class StallWatch:
    """Calls check_stall(now) on every registered decoder four times a second; the thread exits when none is left."""

    def __init__(self, period_s: float = PERIOD_S) -> None:
        self.period_s = period_s
        self._lock = threading.Lock()
        self._watched: weakref.WeakSet[Watched] = weakref.WeakSet()
        self._thread: threading.Thread | None = None

    def register(self, item: Watched) -> None:
        with self._lock:
            self._watched.add(item)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="video-stall-watch", daemon=True)
                self._thread.start()

    def unregister(self, item: Watched) -> None:
        with self._lock:
            self._watched.discard(item)

    def _run(self) -> None:
        while True:
            time.sleep(self.period_s)
            with self._lock:
                items = list(self._watched)
                if not items:
                    self._thread = None
                    return
            now = time.monotonic()
            for item in items:
                try:
                    item.check_stall(now)
                except Exception:
                    logger.exception("stall check failed")


WATCH = StallWatch()
