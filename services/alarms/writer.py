"""The one writer thread: alarms are classified, merged or suppressed, committed in batches, and only
then acknowledged to their source (the Future completes) and announced through the sink.

One thread and one transaction per batch (up to `batch_max` items collected for up to `batch_wait_ms`)
is what lets a burst of 1,000 alarms/s through without a commit — an fsync — per alarm.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import DBAPIError, OperationalError

from cockpit.alarm_events import AlarmChanged
from cockpit.alarm_rules import AlarmRules
from services.database import DatabaseService

from .batch import Batch, Outcome
from .dedupe import OpenAlarms, SeenRefs, warm
from .directory import DeviceDirectory
from .inputs import AlarmInput
from .stats import IngestCounters
from .windows import MaintenanceSchedule

logger = logging.getLogger(__name__)

Sink = Callable[[object], None]
RETRY_MAX_S = 5.0


@dataclass
class Pending:
    input: AlarmInput
    received_at: datetime
    future: Future[Outcome]


_STOP = object()


class BatchWriter:
    """put() from any thread; everything else happens on the `alarm-writer` thread."""

    def __init__(self, db: DatabaseService, directory: DeviceDirectory, rules: AlarmRules, sink: Sink,
                 counters: IngestCounters, *, dedupe_window_s: float = 60.0, batch_max: int = 500,
                 batch_wait_ms: float = 20.0, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._db, self._directory, self._rules, self._sink = db, directory, rules, sink
        self._counters = counters
        self._batch_max, self._batch_wait_s = batch_max, batch_wait_ms / 1000.0
        self._clock = clock
        self._queue: queue.SimpleQueue[Pending | object] = queue.SimpleQueue()
        self._seen = SeenRefs()
        self._open = OpenAlarms(dedupe_window_s)
        self._schedule = MaintenanceSchedule(directory.site.id)
        self._thread: threading.Thread | None = None
        self._accepting = False
        self._stopping = threading.Event()

    def start(self) -> None:
        with self._db.session() as session:
            warm(session, self._directory.site.id, self._clock(), self._seen, self._open)
        logger.info("alarm writer: %d recent source keys, %d open alarms remembered", len(self._seen), len(self._open))
        self._accepting = True
        self._thread = threading.Thread(target=self._run, name="alarm-writer", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Commit what is queued (within `timeout_s`), then end; later put()s fail (their source keeps them)."""
        self._accepting = False
        self._queue.put(_STOP)
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                logger.warning("alarm writer did not drain within %.1f s", timeout_s)
                self._stopping.set()
                self._thread.join(RETRY_MAX_S + 1)

    def put(self, item: AlarmInput) -> Future[Outcome]:
        future: Future[Outcome] = Future()
        if not self._accepting:
            future.set_exception(RuntimeError("the alarm writer is stopped"))
            return future
        self._counters.add(received=1)
        self._queue.put(Pending(item, self._clock(), future))
        return future

    def maintenance_changed(self) -> None:
        self._schedule.invalidate()  # read on the writer thread at its next batch; a flag, no lock needed

    @property
    def queued(self) -> int:
        return self._queue.qsize()

    # -- the thread ---------------------------------------------------------------------------

    def _collect(self) -> tuple[list[Pending], bool]:
        first = self._queue.get()
        if first is _STOP:
            return [], True
        batch = [first]  # type: ignore[list-item]
        deadline = time.monotonic() + self._batch_wait_s
        while len(batch) < self._batch_max:
            left = deadline - time.monotonic()
            try:
                item = self._queue.get(timeout=left) if left > 0 else self._queue.get_nowait()
            except queue.Empty:
                break
            if item is _STOP:
                return batch, True  # type: ignore[return-value]
            batch.append(item)  # type: ignore[arg-type]
        return batch, False  # type: ignore[return-value]

    def _run(self) -> None:
        stop = False
        while not stop:
            batch, stop = self._collect()
            if batch:
                self._write_with_retry(batch)
        while True:  # anything put() raced in after _STOP: fail it so its source redelivers
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, Pending):
                item.future.set_exception(RuntimeError("the alarm writer stopped"))

    def _write_with_retry(self, batch: list[Pending]) -> None:
        delay = 0.1
        while True:
            try:
                self._write(batch)
                return
            except OperationalError as exc:  # database away or locked: the same batch again, later
                logger.warning("alarm batch of %d not committed (%s); retrying in %.1f s",
                               len(batch), str(exc.orig or exc).splitlines()[0], delay)
            except DBAPIError:
                if len(batch) == 1:
                    logger.exception("alarm %s cannot be stored; rejected", batch[0].input)
                    self._counters.add(rejected=1)
                    batch[0].future.set_result(Outcome("rejected", reason="database refused it"))
                    return
                for one in batch:  # find the one the database refuses; the rest go through
                    self._write_with_retry([one])
                return
            if self._stopping.wait(delay):
                for p in batch:
                    p.future.set_exception(RuntimeError("the alarm writer stopped before the database came back"))
                return
            delay = min(delay * 2, RETRY_MAX_S)

    def _write(self, batch: list[Pending]) -> None:
        started = time.perf_counter()
        with self._db.session() as session:
            work = Batch(session, self._directory, self._rules, self._schedule, self._seen, self._open)
            work.prefetch([p.input.source_ref for p in batch if p.input.source_ref])
            for p in batch:
                work.add(p.input, p.received_at)
            session.flush()
            outcomes, events = work.outcomes()
            session.commit()
        work.remember()  # only what is committed goes into the writer's memory
        self._counters.add(**work.counts)
        self._counters.batch_done((time.perf_counter() - started) * 1000.0, len(batch))
        for p, outcome in zip(batch, outcomes, strict=True):
            p.future.set_result(outcome)  # the MQTT source acknowledges here
        for view, new in events:
            try:
                self._sink(AlarmChanged(view, new=new))
            except Exception:
                logger.exception("alarm sink failed")
        if len(self._open) > 10_000:
            self._open.prune(self._clock())
