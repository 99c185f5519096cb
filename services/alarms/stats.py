"""Ingest counters, shared by the sources and the writer, read as AlarmIngestStats by the status bar."""

from __future__ import annotations

import threading
from collections import deque

from cockpit.alarm_events import AlarmIngestStats


class IngestCounters:
    """Thread-safe counters plus the commit times of the last 1,000 batches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts = dict.fromkeys(
            ("received", "persisted", "merged", "suppressed", "rejected", "redelivered", "cleared"), 0)
        self._batch_ms: deque[float] = deque(maxlen=1000)
        self._batches = 0
        self._largest = 0

    def add(self, **deltas: int) -> None:
        with self._lock:
            for name, n in deltas.items():
                self._counts[name] += n

    def add_received(self) -> None:
        """One input queued (every source, per input: kept cheaper than add())."""
        with self._lock:
            self._counts["received"] += 1

    def batch_done(self, ms: float, size: int) -> None:
        with self._lock:
            self._batch_ms.append(ms)
            self._batches += 1
            self._largest = max(self._largest, size)

    def snapshot(self, queued: int = 0) -> AlarmIngestStats:
        with self._lock:
            times = sorted(self._batch_ms)
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))] if times else None
            c = dict(self._counts)
            return AlarmIngestStats(c["received"], c["persisted"], c["merged"], c["suppressed"], c["rejected"],
                                    p99, redelivered=c["redelivered"], cleared=c["cleared"], queued=queued,
                                    batches=self._batches, largest_batch=self._largest)
