"""Escalation rules: computed from stored state and `now` only, the same on every evaluation."""

from __future__ import annotations

from datetime import datetime, timedelta

from cockpit.escalation import EscalationKind, EscalationPolicy, EscalationReason, escalations
from cockpit.models import AlarmKind, DispatchState, DispatchTask, Incident, IncidentState, ResponderRole
from cockpit.routing import Candidate
from cockpit.walkways import Route

from .ops_site import T0

DS, IS = DispatchState, IncidentState
OFFER, ALERT = EscalationKind.OFFER_NEXT_RESPONDER, EscalationKind.ALERT_SUPERVISOR


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def incident(*tasks: DispatchTask, state: IncidentState = IS.DISPATCHED, arrived: float | None = None) -> Incident:
    return Incident(id=7, kind=AlarmKind.FALL, priority=1, title="t", state=state, first_alarm_at=T0, opened_at=T0,
                    arrived_at=None if arrived is None else at(arrived), dispatches=list(tasks))


def task(id: int, state: DispatchState, sent: float, eta_s: float | None = 120.0) -> DispatchTask:
    return DispatchTask(id=id, responder_id=100 + id, state=state, notified_at=at(sent), eta_s=eta_s)


def candidate(eta_s: float) -> Candidate:
    return Candidate(1, ResponderRole.SECURITY_GUARD, Route(((0, 0), (1, 1)), 1.4), eta_s, False)


def test_no_acceptance_within_a_minute_offers_the_next_responder():
    inc = incident(task(1, DS.NOTIFIED, 10), task(2, DS.ACCEPTED, 10), task(3, DS.NOTIFIED, 40))
    assert escalations(inc, at(69.9)) == []
    [e] = escalations(inc, at(70))
    assert (e.kind, e.reason, e.dispatch_id, e.responder_id, e.due_at) == (
        OFFER, EscalationReason.NOT_ACCEPTED, 1, 101, at(70))
    assert [x.dispatch_id for x in escalations(inc, at(100))] == [1, 3]
    assert [x.key for x in escalations(inc, at(100))] == [x.key for x in escalations(inc, at(300))]  # stable
    assert escalations(inc, at(100), policy=EscalationPolicy(accept_within_s=120)) == []
    assert escalations(incident(task(1, DS.NOTIFIED, 10), state=IS.RESOLVED), at(500)) == []


def test_an_eta_beyond_the_deadline_alerts_the_supervisor():
    on_time = incident(task(1, DS.EN_ROUTE, 5, eta_s=590))
    assert escalations(on_time, at(30)) == []
    late = incident(task(1, DS.EN_ROUTE, 5, eta_s=600))
    [e] = escalations(late, at(30))
    assert (e.kind, e.reason, e.projected_arrival) == (ALERT, EscalationReason.ETA_BEYOND_DEADLINE, at(605))
    # a faster responder routing can still send: no alert
    assert escalations(late, at(30), candidates=[candidate(200)]) == []
    # nobody sent yet, and the best candidate is too far
    [e] = escalations(incident(state=IS.OPEN), at(100), candidates=[candidate(550), candidate(700)])
    assert e.reason is EscalationReason.ETA_BEYOND_DEADLINE and e.projected_arrival == at(650)
    assert escalations(incident(task(1, DS.EN_ROUTE, 5, eta_s=None)), at(30)) == []  # no ETA known: no guess


def test_nobody_available_and_an_overdue_arrival_alert_the_supervisor():
    [e] = escalations(incident(task(1, DS.DECLINED, 5), state=IS.OPEN), at(60), candidates=[])
    assert e.reason is EscalationReason.NO_RESPONDER
    assert escalations(incident(state=IS.OPEN), at(60)) == []  # routing not asked: no claim either way
    [e] = escalations(incident(task(1, DS.EN_ROUTE, 5)), at(600.001))
    assert (e.reason, e.due_at) == (EscalationReason.ARRIVAL_OVERDUE, at(600))
    assert escalations(incident(task(1, DS.ON_SITE, 5), state=IS.ON_SITE, arrived=700), at(900)) == []
    assert escalations(incident(state=IS.OPEN), at(400), policy=EscalationPolicy(arrival_target_s=300))[0].reason \
        is EscalationReason.ARRIVAL_OVERDUE
