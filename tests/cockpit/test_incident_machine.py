"""Random sequences of control-room actions on the incident state machine (hypothesis, stateful).

An independent statement of what is allowed (incident_spec.py) predicts whether each action is refused;
a refused one must change no row, an accepted one must leave exactly one audit event; the invariants
hold after every step, and the SLA clocks read back from the database equal those of the live rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import Engine, select

from cockpit.incidents import IncidentDesk, IncidentError
from cockpit.models import (
    Alarm,
    AlarmKind,
    AlarmState,
    AuditEvent,
    DispatchTask,
    Incident,
    IncidentState,
)
from cockpit.sla import incident_clocks

from .incident_spec import (
    ACTIVE,
    CANCELLABLE,
    DISPATCH_ALLOWED,
    DS,
    IS,
    LIVE,
    NEXT,
    rows,
)
from .ops_site import T0, OpsSite, RolledBack, make_alarm

TEXTS = st.sampled_from(["treated on site", "false alarm", "", "resident fine", "  "])
T = Any
FAVOUR = st.sampled_from([True, True, True, False])  # True is also what shrinking heads for
SELDOM = st.sampled_from([False, False, True])  # endings: incidents live long enough for responders to arrive


SLA_COLUMNS = (Incident.id, Incident.first_alarm_at, Incident.video_locked_at, Incident.arrived_at,
               Incident.resolved_at, Incident.closed_at)


def _ordered(*instants: Any) -> bool:
    present = [t for t in instants if t is not None]
    return all(a <= b for a, b in itertools.pairwise(present))


class IncidentMachine(RuleBasedStateMachine):
    engine: Engine
    site: OpsSite

    def __init__(self) -> None:
        super().__init__()
        self.rb = RolledBack(self.engine)
        self.session = self.rb.session
        self.now = T0
        self.alarms: list[Alarm] = [make_alarm(self.session, self.site.site_id, received_at=T0 - timedelta(seconds=i),
                                               priority=1 + i % 4) for i in range(3)]
        self.incidents: list[Incident] = []
        self.dispatches: list[DispatchTask] = []

    def teardown(self) -> None:
        self.rb.close()

    # -- the harness: predict, act, compare ---------------------------------------------------

    def attempt(self, data: st.DataObject, legal: bool, act: Callable[[IncidentDesk], Any]) -> Any:
        """Time passes (odd microseconds: stored precision matters), then the act, predicted `legal` or not."""
        self.now += timedelta(microseconds=data.draw(st.integers(0, 400_000)) * 997)
        before = rows(self.session)
        try:
            result = act(IncidentDesk(self.session, self.site.actor, self.now))
        except IncidentError:
            assert not legal, "a legal action was refused"
            assert rows(self.session) == before, "a refused action changed something"
            return None
        assert legal, "an illegal action was accepted"
        after = rows(self.session)
        assert after[-1] == before[-1] + 1, "a transition must leave exactly one audit event"
        return result

    def _some(self, states: set[IncidentState]) -> bool:
        """Rules run only where they can succeed; their pick still tries the wrong object now and then."""
        return any(i.state in states for i in self.incidents)

    @staticmethod
    def _free(alarm: Alarm) -> bool:
        return alarm.state in {AlarmState.NEW, AlarmState.ACKNOWLEDGED} and alarm.incident is None

    @staticmethod
    def pick(data: st.DataObject, pool: list[T], likely: Callable[[T], bool]) -> T:
        """Mostly something the action suits (so that runs go deep), sometimes anything (so that refusals are tried)."""
        good = [x for x in pool if likely(x)]
        if good and data.draw(FAVOUR):
            return data.draw(st.sampled_from(good))
        return data.draw(st.sampled_from(pool))

    # -- rules --------------------------------------------------------------------------------

    def _alarms(self, data: st.DataObject) -> list[Alarm]:
        """Mostly alarms just received (free to join an incident), sometimes any seen so far."""
        if data.draw(FAVOUR):
            return [self._fresh_alarm(data) for _ in range(data.draw(st.integers(1, 3)))]
        return data.draw(st.lists(st.sampled_from(self.alarms), min_size=1, max_size=3))

    def _fresh_alarm(self, data: st.DataObject) -> Alarm:
        alarm = make_alarm(self.session, self.site.site_id, kind=data.draw(st.sampled_from(AlarmKind)),
                           priority=data.draw(st.integers(1, 4)),
                           received_at=self.now - timedelta(seconds=data.draw(st.integers(0, 900))))
        self.alarms.append(alarm)
        return alarm

    @precondition(lambda self: sum(i.state in LIVE for i in self.incidents) < 2)  # few at once: runs go deeper
    @rule(data=st.data())
    def incident_open(self, data: st.DataObject) -> None:
        picks = self._alarms(data)
        legal = len({id(a) for a in picks}) == len(picks) and all(self._free(a) for a in picks)
        incident = self.attempt(data, legal, lambda desk: desk.open(picks))
        if incident is not None:
            self.incidents.append(incident)

    @precondition(lambda self: self._some(LIVE))
    @rule(data=st.data())
    def incident_add_alarm(self, data: st.DataObject) -> None:
        inc = self.pick(data, self.incidents, lambda i: i.state in LIVE)
        alarm = self._alarms(data)[0]
        self.attempt(data, inc.state in LIVE and self._free(alarm), lambda desk: desk.add_alarm(inc, alarm))

    @precondition(lambda self: self._some(LIVE))
    @rule(data=st.data())
    def dispatch_assign(self, data: st.DataObject) -> None:
        eta = data.draw(st.none() | st.floats(0, 1800))
        inc = self.pick(data, self.incidents, lambda i: i.state in LIVE)
        responder = data.draw(st.sampled_from(self.site.responder_ids))
        busy = any(d.responder_id == responder and d.state in ACTIVE for d in inc.dispatches)
        task = self.attempt(data, inc.state in LIVE and not busy, lambda desk: desk.assign(inc, responder, eta_s=eta))
        if task is not None:
            self.dispatches.append(task)

    @precondition(lambda self: any(d.state in ACTIVE for d in self.dispatches))
    @rule(data=st.data())
    def dispatch_report(self, data: st.DataObject) -> None:
        """A responder reports a few times in a row: mostly the usual next state; sometimes any state
        (skips, repeats, declines, nonsense)."""
        task = self.pick(data, self.dispatches, lambda d: d.state in ACTIVE)
        for _ in range(data.draw(st.integers(1, 4))):
            to = NEXT[task.state] if task.state in NEXT and data.draw(FAVOUR) else data.draw(st.sampled_from(DS))
            self.attempt(data, (task.state, to) in DISPATCH_ALLOWED, lambda desk, to=to: desk.update_dispatch(task, to))

    @precondition(lambda self: any(i.state in LIVE and i.video_locked_at is None for i in self.incidents))
    @rule(data=st.data())
    def incident_video_locked(self, data: st.DataObject) -> None:
        inc = self.pick(data, self.incidents, lambda i: i.state in LIVE and i.video_locked_at is None)
        self.attempt(data, inc.state in LIVE and inc.video_locked_at is None, lambda desk: desk.mark_video_locked(inc))

    @precondition(lambda self: self._some(LIVE))
    @rule(data=st.data())
    def incident_resolve(self, data: st.DataObject) -> None:
        if not data.draw(SELDOM):
            return
        inc = self.pick(data, self.incidents, lambda i: i.state in LIVE)
        self.attempt(data, inc.state in LIVE, lambda desk: desk.resolve(inc))

    @precondition(lambda self: self._some({IS.RESOLVED}))
    @rule(data=st.data())
    def incident_close(self, data: st.DataObject) -> None:
        outcome, note = data.draw(TEXTS), data.draw(TEXTS)
        inc = self.pick(data, self.incidents, lambda i: i.state is IS.RESOLVED)
        legal = inc.state is IS.RESOLVED and bool(outcome.strip()) and bool(note.strip())
        self.attempt(data, legal, lambda desk: desk.close(inc, outcome=outcome, note=note))

    @precondition(lambda self: self._some(CANCELLABLE))
    @rule(data=st.data())
    def incident_cancel(self, data: st.DataObject) -> None:
        if not data.draw(SELDOM):
            return
        reason = data.draw(TEXTS)
        inc = self.pick(data, self.incidents, lambda i: i.state in CANCELLABLE)
        legal = inc.state in CANCELLABLE and bool(reason.strip())
        self.attempt(data, legal, lambda desk: desk.cancel(inc, reason=reason))

    @precondition(lambda self: self._some({IS.RESOLVED}))
    @rule(data=st.data())
    def incident_reopen(self, data: st.DataObject) -> None:
        reason = data.draw(TEXTS)
        inc = self.pick(data, self.incidents, lambda i: i.state is IS.RESOLVED)
        legal = inc.state is IS.RESOLVED and bool(reason.strip())
        self.attempt(data, legal, lambda desk: desk.reopen(inc, reason=reason))

    # -- invariants ---------------------------------------------------------------------------

    @invariant()
    def incidents_are_consistent(self) -> None:
        for inc in self.incidents:
            arrivals = [d.arrived_at for d in inc.dispatches if d.arrived_at is not None]
            assert inc.arrived_at == (min(arrivals) if arrivals else None)
            assert _ordered(inc.first_alarm_at, inc.opened_at, inc.video_locked_at, inc.resolved_at, inc.closed_at)
            assert _ordered(inc.opened_at, inc.arrived_at, inc.resolved_at, inc.closed_at)
            assert (inc.state is IS.CLOSED) == (inc.closed_at is not None)
            assert (inc.state is IS.RESOLVED) <= (inc.resolved_at is not None)
            assert inc.first_alarm_at == min(a.received_at for a in inc.alarms)
            assert inc.priority == min(a.priority for a in inc.alarms)
            if inc.state is IS.CLOSED:
                assert inc.outcome and inc.outcome.strip() and inc.note and inc.note.strip()
                assert all(a.state is AlarmState.CLOSED for a in inc.alarms)
                assert not any(d.state in ACTIVE for d in inc.dispatches)
            else:
                assert all(a.state is AlarmState.IN_INCIDENT for a in inc.alarms)
            if inc.state in LIVE:
                assert inc.resolved_at is None
                expected = IS.ON_SITE if arrivals else (
                    IS.DISPATCHED if any(d.state in ACTIVE for d in inc.dispatches) else IS.OPEN)
                assert inc.state is expected
            if inc.state is IS.RESOLVED:
                assert all(d.state not in ACTIVE or d.state is DS.ON_SITE for d in inc.dispatches)

    @invariant()
    def dispatches_are_consistent(self) -> None:
        for d in self.dispatches:
            assert _ordered(d.notified_at, d.accepted_at, d.arrived_at, d.finished_at)
            assert (d.state in ACTIVE) == (d.finished_at is None)
            if d.state in {DS.ACCEPTED, DS.EN_ROUTE, DS.ON_SITE, DS.DONE}:
                assert d.accepted_at is not None
            if d.state in {DS.ON_SITE, DS.DONE}:
                assert d.arrived_at is not None
            if d.state in {DS.NOTIFIED, DS.ACCEPTED, DS.EN_ROUTE, DS.DECLINED}:
                assert d.arrived_at is None
            assert (d.state is DS.DECLINED) <= (d.accepted_at is None)

    @invariant()
    def audit_time_never_runs_backwards(self) -> None:
        times = list(self.session.scalars(select(AuditEvent.at).order_by(AuditEvent.id)))
        assert times == sorted(times) and all(t <= self.now for t in times)

    @invariant()
    def sla_clocks_read_back_from_the_database_unchanged(self) -> None:
        self.session.flush()
        stored = {r.id: r for r in self.session.execute(select(*SLA_COLUMNS))}  # the rows, as a restart reads them
        for inc in self.incidents:
            live, again = incident_clocks(inc), incident_clocks(stored[inc.id])
            assert again == live
            assert (again.lock.at(self.now), again.arrival.at(self.now)) == (live.lock.at(self.now),
                                                                             live.arrival.at(self.now))


def test_random_action_sequences(ops_db: tuple[Engine, OpsSite]) -> None:
    engine, site = ops_db
    machine = type("Machine", (IncidentMachine,), {"engine": engine, "site": site})
    run_state_machine_as_test(machine, settings=settings(
        max_examples=60, stateful_step_count=35, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
