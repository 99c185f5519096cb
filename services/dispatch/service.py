"""DispatchService: incidents and responders, operated by people and by the feed, escalated by rules.

One thread, `dispatch`, does all of the service's database work in order: operator actions (handed over by
the blocking API, which workers call), responder reports (parsed on paho's network thread, queued here), and
the escalation pass every `escalate_every_s`. Serialising them means the feed and an operator never race
over the same incident in this process; across workstations the incident row lock (PostgreSQL) and the
unique escalation key do. Each unit is one transaction with its audit records; only after the commit are
commands published (MQTT QoS 1) and events emitted through the sink (immutable views, cockpit.incident_views).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from cockpit.alarm_events import AlarmChanged
from cockpit.alarm_rules import AlarmRules
from cockpit.audit import Actor
from cockpit.errors import CockpitError
from cockpit.incident_views import (
    CandidateView,
    DispatchFeedChanged,
    IncidentChanged,
    IncidentView,
    ResponderMoved,
    ResponderView,
)
from cockpit.models import (
    Alarm,
    DispatchTask,
    EscalationAction,
    Incident,
    Responder,
)
from cockpit.roles import Role
from cockpit.site import SiteSnapshot
from cockpit.sop import SopBook, load_sops
from cockpit.walkways import WalkwayGraph
from services.database import DatabaseService

from . import actions, escalator
from .feed import Rejected, ResponderFeed, ResponderReport, parse_report
from .responders import ResponderBook, Verdict
from .settings import DispatchSettings, DispatchStats
from .views import (
    OPEN_STATES,
    incident_view,
    load_incident,
    open_incidents,
    responder_view,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")
Sink = Callable[[object], None]
RETRIES = 4  # SQLite: another writer committed between our read and our write ("database is locked")
CALL_TIMEOUT_S = 30.0
_STOP = object()
_ESCALATE = object()


def fingerprint(incident: Incident | IncidentView) -> tuple:
    """What an incident's panel shows that others may change: its state, clocks and dispatches."""
    return (incident.state.value, incident.video_locked_at, incident.arrived_at, incident.resolved_at,
            incident.closed_at, tuple(sorted((d.id, d.state.value) for d in incident.dispatches)))


class DispatchUnavailable(CockpitError):
    """The dispatch service is not running (not started yet, or stopped)."""


@dataclass
class Effects:
    """What a unit of work leaves to do after its commit."""

    events: list[object] = field(default_factory=list)
    alarms: list[AlarmChanged] = field(default_factory=list)
    commands: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@dataclass
class _Call:
    fn: Callable[[], Any]
    future: Future[Any]


class DispatchService:
    def __init__(self, db: DatabaseService, site: SiteSnapshot, sink: Sink,
                 settings: DispatchSettings | None = None, *, mqtt: tuple[str, int] | None = None,
                 v5: bool = True, sops: SopBook | None = None, rules: AlarmRules | None = None,
                 alarm_sink: Sink | None = None, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._db, self.site, self._sink = db, site, sink
        self.settings = settings = settings or DispatchSettings()
        self._mqtt_address, self._v5 = mqtt, v5
        self.sops = sops or load_sops()
        self._rules, self._alarm_sink, self._clock = rules, alarm_sink, clock
        self.graph = WalkwayGraph.from_site(site)
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._feed: ResponderFeed | None = None
        self._book = ResponderBook((), settings.position_write_s)
        self._acted: set[str] = set()
        self._started = threading.Event()
        self._fingerprints: dict[int, tuple] = {}  # what was last announced of each open incident
        self._stats_lock = threading.Lock()
        self._stats: dict[str, int] = dict.fromkeys(DispatchStats.__dataclass_fields__, 0)
        self.actions = actions.Actions(self)

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self, timeout_s: float = 10.0) -> DispatchService:
        """Load responders and what was acted on (blocking: a worker), start the thread, join the broker if given."""
        with self._db.session() as session:
            rows = session.scalars(select(Responder).where(Responder.site_id == self.site.site_id)).all()
            self._book = ResponderBook([responder_view(r) for r in rows], self.settings.position_write_s)
            self._fingerprints = {i.id: fingerprint(i) for i in self.actions.open_incidents(session)}
            self._acted = set(session.scalars(
                select(EscalationAction.key).join(Incident, Incident.id == EscalationAction.incident_id)
                .where(Incident.site_id == self.site.site_id, Incident.state.in_(OPEN_STATES))))
        self._thread = threading.Thread(target=self._run, name="dispatch", daemon=True)
        self._thread.start()
        self._started.set()
        if self._mqtt_address is not None:
            self.connect_mqtt(*self._mqtt_address, v5=self._v5, timeout_s=timeout_s)
        else:
            self._emit(DispatchFeedChanged(False))  # no live positions until a broker is joined (the demo's, later)
        logger.info("dispatch started for site %s: %d responders, %d escalations already acted on",
                    self.site.code, len(self._book.all()), len(self._acted))
        return self

    def connect_mqtt(self, host: str, port: int, *, v5: bool = True, timeout_s: float = 10.0) -> None:
        """Join the responder feed on a broker (blocking); the demo's broker comes up after start(), which this
        waits for (up to timeout_s) when it runs on another thread."""
        if not self._started.wait(timeout_s):
            raise DispatchUnavailable("dispatch did not start")
        if self._feed is not None:
            self._feed.stop()
        self._feed = ResponderFeed(host, port, self.site.code, self._on_message, self._on_connection, v5=v5)
        try:
            self._feed.start(timeout_s)
        except TimeoutError:
            self._emit(DispatchFeedChanged(False, f"{host}:{port}"))
            raise

    def stop(self, timeout_s: float = 5.0) -> None:
        """Finish queued work, store the latest positions, leave the broker."""
        if self._feed is not None:
            self._feed.stop()
        thread, self._thread = self._thread, None
        if thread is not None and thread.is_alive():
            self._queue.put(_STOP)
            thread.join(timeout_s)
        while True:  # whoever still waits on a call is told at once, not after CALL_TIMEOUT_S
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, _Call) and item.future.set_running_or_notify_cancel():
                item.future.set_exception(DispatchUnavailable("dispatch stopped"))
        try:
            self._store_positions(everything=True)
        except Exception:
            logger.exception("positions of responders could not be stored at stop")

    @property
    def feed_connected(self) -> bool:
        return self._feed is not None and self._feed.connected

    def stats(self) -> DispatchStats:
        with self._stats_lock:
            return DispatchStats(**self._stats)

    def _count(self, name: str, n: int = 1) -> None:
        with self._stats_lock:
            self._stats[name] += n

    # -- the blocking API (workers; never the UI thread) ------------------------------------------

    def open_incidents(self) -> list[IncidentView]:
        with self._db.session() as session:
            return open_incidents(session, self.site.site_id)

    def incident(self, incident_id: int) -> IncidentView:
        with self._db.session() as session:
            incident = load_incident(session, incident_id)
            if incident is None or incident.site_id != self.site.site_id:
                raise actions.DispatchRefused(f"no incident {incident_id}")
            return incident_view(session, incident)

    def responders(self) -> list[ResponderView]:
        return self._book.all()

    def open_incident(self, alarm_ids: Iterable[int], actor: Actor, title: str | None = None) -> IncidentView:
        return self._call(lambda: self._transaction(lambda s, now, fx: self.actions.open(
            s, now, fx, actor, list(alarm_ids), title)))

    def add_alarm(self, incident_id: int, alarm_id: int, actor: Actor) -> IncidentView:
        return self._call(lambda: self._transaction(lambda s, now, fx: self.actions.add_alarm(
            s, now, fx, actor, incident_id, alarm_id)))

    def propose(self, incident_id: int) -> list[CandidateView]:
        """Available responders not yet on this incident, fastest first along the walkways."""
        def work() -> list[CandidateView]:
            with self._db.session() as session:
                return self.actions.propose(session, self._clock(), incident_id)
        return self._call(work)

    def assign(self, incident_id: int, responder_id: int, actor: Actor) -> IncidentView:
        return self._call(lambda: self._transaction(lambda s, now, fx: self.actions.assign(
            s, now, fx, actor, incident_id, responder_id)))

    def stand_down(self, dispatch_id: int, actor: Actor, reason: str | None = None) -> IncidentView:
        return self._call(lambda: self._transaction(lambda s, now, fx: self.actions.stand_down(
            s, now, fx, actor, dispatch_id, reason)))

    def resolve(self, incident_id: int, actor: Actor, note: str | None = None) -> IncidentView:
        return self._call(lambda: self._transaction(lambda s, now, fx: self.actions.resolve(
            s, now, fx, actor, incident_id, note)))

    def close(self, incident_id: int, actor: Actor, *, outcome: str, note: str) -> IncidentView:
        """Resolve (if still live) and close with an outcome from cockpit.incident_views.OUTCOMES and a note."""
        return self._call(lambda: self._transaction(lambda s, now, fx: self.actions.close(
            s, now, fx, actor, incident_id, outcome, note)))

    def cancel(self, incident_id: int, actor: Actor, *, reason: str) -> IncidentView:
        return self._call(lambda: self._transaction(lambda s, now, fx: self.actions.cancel(
            s, now, fx, actor, incident_id, reason)))

    def reopen(self, incident_id: int, actor: Actor, *, reason: str) -> IncidentView:
        return self._call(lambda: self._transaction(lambda s, now, fx: self.actions.reopen(
            s, now, fx, actor, incident_id, reason)))

    def mark_video_locked(self, incident_id: int, actor: Actor, *, camera: str | None = None,
                          at: datetime | None = None) -> IncidentView:
        return self._call(lambda: self._transaction(lambda s, now, fx: self.actions.video_locked(
            s, at or now, fx, actor, incident_id, camera)))

    def set_step(self, incident_id: int, step: str, done: bool, actor: Actor) -> IncidentView:
        """Tick (or untick) a step of the incident's procedure; audited, and read back from the audit trail."""
        return self._call(lambda: self._transaction(lambda s, now, fx: self.actions.set_step(
            s, now, fx, actor, incident_id, step, done)))

    def acknowledge_alert(self, alert_id: int, actor: Actor) -> IncidentView:
        return self._call(lambda: self._transaction(lambda s, now, fx: self.actions.acknowledge_alert(
            s, now, fx, actor, alert_id)))

    def evaluate_now(self) -> None:
        """Run an escalation pass now and wait for it (tests, and after a decline)."""
        self._call(self._escalate)

    # -- the dispatch thread --------------------------------------------------------------------

    def _call(self, fn: Callable[[], T]) -> T:
        if threading.current_thread() is self._thread:
            return fn()
        thread = self._thread
        if thread is None or not thread.is_alive():
            raise DispatchUnavailable("dispatch is not running")
        future: Future[T] = Future()
        self._queue.put(_Call(fn, future))
        return future.result(timeout=CALL_TIMEOUT_S)

    def _run(self) -> None:
        every = self.settings.escalate_every_s
        next_pass = time.monotonic() + every
        while True:
            try:
                item = self._queue.get(timeout=max(0.0, next_pass - time.monotonic()))
            except queue.Empty:
                item = None
            if item is _STOP:
                return
            try:
                if isinstance(item, _Call):
                    self._handle_call(item)
                elif isinstance(item, ResponderReport):
                    self._apply_report(item)
                elif item is _ESCALATE:
                    self._escalate()
                if time.monotonic() >= next_pass:
                    next_pass = time.monotonic() + every
                    self._escalate()
                    self._store_positions()
            except Exception:
                logger.exception("dispatch work failed; carrying on")

    @staticmethod
    def _handle_call(call: _Call) -> None:
        if not call.future.set_running_or_notify_cancel():
            return
        try:
            call.future.set_result(call.fn())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            call.future.set_exception(exc)

    def _transaction(self, work: Callable[[Session, datetime, Effects], T]) -> T:
        """One unit of work: a session, `now`, one commit (retried when SQLite was busy); then its effects."""
        for attempt in range(RETRIES):
            fx, now = Effects(), self._clock()
            try:
                with self._db.session() as session:
                    result = work(session, now, fx)
                    session.commit()
            except OperationalError as exc:
                if attempt == RETRIES - 1:
                    raise
                logger.info("dispatch transaction retried (%s)", str(exc.orig or exc).splitlines()[0])
                time.sleep(0.05 * (attempt + 1))
                continue
            self._after(fx, now)
            return result
        raise AssertionError("unreachable")

    def _changed_elsewhere(self, session: Session, incidents: Sequence[Incident]) -> None:
        """Incidents changed by another workstation or service (a video lock, an operator elsewhere): announced.

        Every pass compares what is stored with what this service last announced; a change it did not make
        goes out as IncidentChanged too, so every screen shows the same within `escalate_every_s`."""
        seen = {i.id: fingerprint(i) for i in incidents}
        gone = [i for i in self._fingerprints if i not in seen]  # closed (or deleted) elsewhere
        for incident in incidents:
            if self._fingerprints.get(incident.id) != seen[incident.id]:
                self._emit(IncidentChanged(incident_view(session, incident)))
        for incident_id in gone:
            row = load_incident(session, incident_id)
            if row is not None:
                self._emit(IncidentChanged(incident_view(session, row)))
        self._fingerprints = seen

    def _after(self, fx: Effects, now: datetime) -> None:
        for responder_id, body in fx.commands:
            if self._feed is None:
                logger.warning("no responder feed: %s for responder %s not sent", body.get("task"), responder_id)
                continue
            self._feed.publish(responder_id, body, now)
            self._count("commands")
        for event in fx.events:
            if isinstance(event, IncidentChanged):
                self._fingerprints[event.incident.id] = fingerprint(event.incident)
            self._emit(event)
        if self._alarm_sink is not None:
            for change in fx.alarms:
                try:
                    self._alarm_sink(change)
                except Exception:
                    logger.exception("alarm sink failed")

    def _emit(self, event: object) -> None:
        try:
            self._sink(event)
        except Exception:
            logger.exception("dispatch sink failed")

    # -- the feed -------------------------------------------------------------------------------

    def _on_message(self, topic: str, payload: bytes) -> None:  # paho's thread: parse and queue only
        try:
            report = parse_report(topic, payload, self.site.code)
        except Rejected as exc:
            self._count("rejected")
            logger.warning("responder message on %s ignored: %s", topic, exc)
            return
        self._count("received")
        self._queue.put(report)

    def _on_connection(self, connected: bool) -> None:
        self._emit(DispatchFeedChanged(connected, self._feed.address if self._feed else ""))

    def _apply_report(self, report: ResponderReport) -> None:
        verdict = self._book.judge(report)
        if verdict is not Verdict.APPLY:
            self._count({Verdict.UNKNOWN: "unknown", Verdict.DUPLICATE: "duplicates", Verdict.STALE: "stale"}[verdict])
            if verdict is Verdict.UNKNOWN:
                logger.warning("state of responder %s ignored: not a responder of site %s", report.responder_id,
                               self.site.code)
            return
        view, status = self._book.apply(report)
        self._count("applied")
        self._emit(ResponderMoved(view))
        if status is None and not actions.moves_dispatch(report):
            return
        declined = self._transaction(lambda s, now, fx: self.actions.report(s, now, fx, report, status))
        if status is not None:
            self._book.written(report.responder_id, self._clock())
        if declined:
            self._queue.put(_ESCALATE)  # the next responder at once, not at the next pass

    def _store_positions(self, *, everything: bool = False) -> None:
        due = self._book.due_positions(self._clock(), everything=everything)
        if not due:
            return
        with self._db.session() as session:
            for rid, (x, y) in due.items():
                row = session.get(Responder, rid)
                if row is not None:
                    row.x, row.y = x, y
            session.commit()

    # -- escalation -----------------------------------------------------------------------------

    def _escalate(self) -> None:
        now = self._clock()
        with self._db.session() as session:
            incidents = self.actions.open_incidents(session)
            self._changed_elsewhere(session, incidents)
            dues = [d for d in self.actions.due(session, now, incidents) if d.key not in self._acted]
        offered: set[int] = set()
        for due in dues:
            if not due.offer and due.incident_id in offered:
                continue  # the incident just changed: its alerts are judged on the next pass
            outcome = self._act(due)
            if outcome != "passed":
                self._acted.add(due.key)
            if outcome == "acted":
                self._count("escalations")
                if due.offer:
                    offered.add(due.incident_id)

    def _act(self, due: escalator.Due) -> str:
        try:
            return self._transaction(lambda s, now, fx: self.actions.escalate(s, now, fx, due))
        except IntegrityError:  # another workstation stored the same key first: it acted
            logger.info("escalation %s was acted on elsewhere", due.key)
            return "elsewhere"

    def responder_actor(self, responder_id: int) -> Actor:
        """Who the audit trail names for a responder's own report."""
        return Actor(None, f"responder-{responder_id}", Role.OPERATOR, "Responder feed", self.settings.workstation)

    @property
    def escalation_actor(self) -> Actor:
        return Actor(None, "escalation", Role.OPERATOR, "Escalation rules", self.settings.workstation)

    @property
    def book(self) -> ResponderBook:
        return self._book

    def alarm_changes(self, session: Session, alarms: Iterable[Alarm], fx: Effects) -> None:
        if self._rules is None or self._alarm_sink is None:
            return
        from services.alarms.views import load_view

        for alarm in alarms:
            fx.alarms.append(AlarmChanged(load_view(session, alarm, self._rules), new=False))

    def commands_for(self, task: DispatchTask, incident: Incident, fx: Effects, *, cancel: bool = False) -> None:
        fx.commands.append((task.responder_id, actions.command(incident, task, cancel=cancel)))
