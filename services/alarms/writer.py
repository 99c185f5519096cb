"""The one writer thread: alarms are classified, merged or suppressed, committed in batches, and only
then acknowledged to their source (the Future completes, or the MQTT source gets the batch's acks) and
announced through the sink.

One thread and one transaction per batch (up to `batch_max` items collected for up to `batch_wait_ms`)
is what lets a burst of 1,000 alarms/s through without a commit — an fsync — per alarm. The thread runs in
the GUI's process, so its CPU per alarm is the GUI's to lose (the GIL): the batch's statements are few and
the same whatever it holds (batch.py), the thread keeps its own connection, and it is not woken per input.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import UTC, datetime

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from cockpit.alarm_events import AlarmChanged
from cockpit.alarm_rules import AlarmRules
from services.database import DatabaseService

from .batch import Batch, Outcome, Statements
from .dedupe import OpenAlarms, SeenRefs, warm
from .directory import DeviceDirectory
from .inputs import AlarmInput
from .stats import IngestCounters
from .views import ViewStyles
from .windows import MaintenanceSchedule

logger = logging.getLogger(__name__)

Sink = Callable[[object], None]
RETRY_MAX_S = 5.0
COLLECT_TICK_S = 0.005  # while a batch collects, look at the queue this often (not woken per input)
Committed = Callable[[list[object]], None]


class Pending:
    """One queued input and who learns that it was committed: a Future (submit(), camera events), or the
    `committed` callback with `token` (the MQTT source: its acks, handed over once per batch)."""

    __slots__ = ("committed", "future", "input", "received_at", "token")

    def __init__(self, item: AlarmInput, received_at: datetime, future: Future[Outcome] | None,
                 token: object = None, committed: Committed | None = None) -> None:
        self.input, self.received_at, self.future = item, received_at, future
        self.token, self.committed = token, committed


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
        self._styles = ViewStyles(rules)
        self._conn: Connection | None = None  # the writer's own connection, kept between batches
        self._statements: Statements | None = None
        self._thread: threading.Thread | None = None
        self._accepting = False
        self._stopping = threading.Event()

    def start(self) -> None:
        with self._db.session() as session:
            warm(session, self._directory.site.id, self._clock(), self._seen, self._open)
            devices = self._directory.preload(session)
        logger.info("alarm writer: %d recent source keys, %d open alarms, %d devices remembered",
                    len(self._seen), len(self._open), devices)
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
        self._counters.add_received()
        self._queue.put(Pending(item, self._clock(), future))
        return future

    def put_committed(self, item: AlarmInput, token: object, committed: Committed) -> bool:
        """Like put(), without a Future: once the input's batch is committed, `committed` gets its token
        (with the others of the batch that named the same callback, in one call, on the writer thread).
        Never called for an input that was not committed. False: stopped, not queued."""
        if not self._accepting:
            return False
        self._counters.add_received()
        self._queue.put(Pending(item, self._clock(), None, token, committed))
        return True

    def maintenance_changed(self) -> None:
        self._schedule.invalidate()  # read on the writer thread at its next batch; a flag, no lock needed

    @property
    def queued(self) -> int:
        return self._queue.qsize()

    # -- the thread ---------------------------------------------------------------------------

    def _collect(self) -> tuple[list[Pending], bool]:
        """Wait for one input, then collect for up to batch_wait (or until batch_max): the queue is looked
        at every COLLECT_TICK_S rather than waking this thread (and the GIL) for every input put."""
        first = self._queue.get()
        if first is _STOP:
            return [], True
        batch = [first]  # type: ignore[list-item]
        deadline = time.monotonic() + self._batch_wait_s
        get, limit = self._queue.get_nowait, self._batch_max
        while True:
            while len(batch) < limit:
                try:
                    item = get()
                except queue.Empty:
                    break
                if item is _STOP:
                    return batch, True  # type: ignore[return-value]
                batch.append(item)  # type: ignore[arg-type]
            left = deadline - time.monotonic()
            if len(batch) >= limit or left <= 0:
                return batch, False  # type: ignore[return-value]
            time.sleep(min(left, COLLECT_TICK_S))

    def _run(self) -> None:
        stop = False
        try:
            while not stop:
                batch, stop = self._collect()
                if batch:
                    self._write_with_retry(batch)
        finally:
            self._release_connection()
        while True:  # anything put() raced in after _STOP: fail it so its source redelivers
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, Pending) and item.future is not None:
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
                    self._complete(batch, [Outcome("rejected", reason="database refused it")])
                    return
                for one in batch:  # find the one the database refuses; the rest go through
                    self._write_with_retry([one])
                return
            if self._stopping.wait(delay):
                for p in batch:
                    if p.future is not None:
                        p.future.set_exception(RuntimeError("the alarm writer stopped before the database came back"))
                return
            delay = min(delay * 2, RETRY_MAX_S)

    def _connection(self) -> tuple[Connection, Statements]:
        if self._conn is None:
            self._conn = self._db.engine.connect()
            if self._statements is None:
                self._statements = Statements.for_connection(self._conn)
        return self._conn, self._statements  # type: ignore[return-value]

    def _release_connection(self) -> None:
        """After a failed batch (the connection may be dead: PostgreSQL restarted, say; the retry then takes a
        fresh one from the pool, pinged) and at the end."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except DBAPIError:
                logger.debug("alarm writer: closing a broken connection failed", exc_info=True)

    def _write(self, batch: list[Pending]) -> None:
        started = time.perf_counter()
        try:
            conn, statements = self._connection()
            with conn.begin(), Session(bind=conn, expire_on_commit=False) as session:
                work = Batch(conn, session, statements, self._directory, self._rules, self._schedule, self._seen,
                             self._open, self._styles)
                work.run([(p.input, p.received_at) for p in batch])
                outcomes, events = work.outcomes()
        except BaseException:
            self._release_connection()
            raise
        work.remember()  # only what is committed goes into the writer's memory
        self._counters.add(**work.counts)
        self._counters.batch_done((time.perf_counter() - started) * 1000.0, len(batch))
        self._complete(batch, outcomes)  # the MQTT source acknowledges here
        for view, new in events:
            try:
                self._sink(AlarmChanged(view, new=new))
            except Exception:
                logger.exception("alarm sink failed")
        if len(self._open) > 10_000:
            self._open.prune(self._clock())

    @staticmethod
    def _complete(batch: list[Pending], outcomes: list[Outcome]) -> None:
        committed: dict[Committed, list[object]] = {}
        for p, outcome in zip(batch, outcomes, strict=True):
            if p.future is not None:
                p.future.set_result(outcome)
            elif p.committed is not None:
                tokens = committed.get(p.committed)
                if tokens is None:
                    tokens = committed[p.committed] = []
                tokens.append(p.token)
        for callback, tokens in committed.items():
            try:
                callback(tokens)
            except Exception:
                logger.exception("alarm commit callback failed")
