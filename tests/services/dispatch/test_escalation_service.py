"""Escalation acted on once: the next responder when one does not accept or declines, the supervisor when
nobody can make the deadline — across restarts and a second workstation, with the real simulated responders."""

from __future__ import annotations

import time

from sqlalchemy import func, select, update

from cockpit.incident_views import AutoDispatched, SupervisorAlerted
from cockpit.models import (
    AuditEvent,
    DispatchState,
    DispatchTask,
    EscalationAction,
    Responder,
    ResponderRole,
    ResponderStatus,
)
from cockpit.site import load_snapshot

from .conftest import add_alarm, wait_for

GOAL = (222.0, 96.0)  # beside building 3; the east-gate guard (3) is nearest of the simulated team


def add_ghost(db, site_id: int) -> int:
    """A guard standing at the goal whom the simulator does not know: commands to him go unanswered."""
    with db.session() as session:
        ghost = Responder(site_id=site_id, name="无应答", role=ResponderRole.SECURITY_GUARD,
                          status=ResponderStatus.AVAILABLE, x=GOAL[0] + 2, y=GOAL[1])
        session.add(ghost)
        session.commit()
        return ghost.id


def actions(db, reason: str | None = None) -> list[EscalationAction]:
    with db.session() as session:
        query = select(EscalationAction).order_by(EscalationAction.id)
        if reason:
            query = query.where(EscalationAction.reason == reason)
        return list(session.scalars(query))


def dispatches(db, incident_id: int) -> list[tuple[int, DispatchState]]:
    with db.session() as session:
        return list(session.execute(select(DispatchTask.responder_id, DispatchTask.state)
                                    .where(DispatchTask.incident_id == incident_id).order_by(DispatchTask.id)).all())


def test_no_acceptance_sends_the_next_responder_once_across_restart_and_workstations(
        db, site, make_service, make_sim, events, operator):
    make_sim(site)  # knows the site without the ghost
    ghost = add_ghost(db, site.site_id)
    a = make_service(accept_within_s=1.0)
    b = make_service(accept_within_s=1.0)  # a second workstation on the same database
    opened = a.open_incident([add_alarm(db, site, *GOAL)], operator)
    assert a.propose(opened.id)[0].responder_id == ghost  # he is right there
    a.assign(opened.id, ghost, operator)

    wait_for(lambda: actions(db), what="the escalation")
    wait_for(lambda: any(s is DispatchState.EN_ROUTE for _, s in dispatches(db, opened.id)), what="the next guard")
    for service in (a, b):
        service.evaluate_now()
    [done] = actions(db)
    assert (done.reason, done.dispatch_id, done.detail["stood_down"]) == ("not_accepted", done.dispatch_id, ghost)
    assert done.acted_at >= opened.opened_at
    rows = dispatches(db, opened.id)
    assert rows[0] == (ghost, DispatchState.CANCELLED) and len(rows) == 2
    assert rows[1][0] == done.detail["assigned"] == 3  # the nearest guard the simulator knows
    assert a.stats().escalations + b.stats().escalations == 1
    [notice] = events.of(AutoDispatched)  # the operator hears it once, from whichever workstation acted
    assert (notice.reason, notice.stood_down_id, notice.assigned_id, notice.sent) == ("not_accepted", ghost, 3, True)

    a.stop()
    b.stop()
    c = make_service(accept_within_s=1.0)  # restarted: the key is stored, nothing is repeated
    c.evaluate_now()
    time.sleep(0.5)
    c.evaluate_now()
    assert len(actions(db)) == 1 and len(dispatches(db, opened.id)) == 2 and c.stats().escalations == 0
    with db.session() as session:
        trail = session.scalars(select(AuditEvent.action).where(AuditEvent.username == "escalation")
                                .order_by(AuditEvent.id)).all()
    assert trail == ["dispatch.cancelled", "dispatch.assign", "incident.escalate"]


def test_a_window_that_passed_while_stopped_is_acted_on_once_after_start(db, site, make_service, operator):
    ghost = add_ghost(db, site.site_id)
    first = make_service(mqtt=False, accept_within_s=1.0, escalate_every_s=30.0)
    opened = first.open_incident([add_alarm(db, site, *GOAL)], operator)
    first.assign(opened.id, ghost, operator)
    first.stop()
    time.sleep(1.2)  # the accept window ends while no cockpit runs
    second = make_service(mqtt=False, accept_within_s=1.0, escalate_every_s=0.2)
    wait_for(lambda: actions(db), what="the escalation after start")
    time.sleep(0.6)
    assert [r.reason for r in actions(db)] == ["not_accepted"] and second.stats().escalations == 1
    assert [s for _, s in dispatches(db, opened.id)] == [DispatchState.CANCELLED, DispatchState.NOTIFIED]


def test_without_auto_assign_the_operator_is_only_told_who_is_next(db, site, make_service, events, operator):
    ghost = add_ghost(db, site.site_id)
    service = make_service(mqtt=False, accept_within_s=1.0, auto_assign=False, escalate_every_s=0.2)
    opened = service.open_incident([add_alarm(db, site, *GOAL)], operator)
    service.assign(opened.id, ghost, operator)
    wait_for(lambda: events.of(AutoDispatched), timeout_s=5, what="the notice")
    [notice] = events.of(AutoDispatched)
    assert (notice.stood_down_id, notice.assigned_id, notice.sent) == (ghost, 3, False)
    assert dispatches(db, opened.id) == [(ghost, DispatchState.CANCELLED)]  # stood down; nobody sent by itself
    assert actions(db)[0].detail == {"stood_down": ghost, "assigned": None, "suggested": 3}


def test_a_decline_sends_the_next_responder_at_once(db, site, make_service, make_sim, events, operator):
    make_sim(site)
    service = make_service(accept_within_s=60.0)
    opened = service.open_incident([add_alarm(db, site, *GOAL)], operator)
    service.assign(opened.id, 1, operator)  # the off-duty guard: the simulator declines for him
    wait_for(lambda: actions(db, "declined"), timeout_s=5, what="the follow-up of the decline")
    rows = dispatches(db, opened.id)
    assert rows[0] == (1, DispatchState.DECLINED) and rows[1][0] == 3
    [notice] = events.of(AutoDispatched)
    assert (notice.reason, notice.stood_down_id, notice.assigned_id) == ("declined", 1, 3)
    wait_for(lambda: dispatches(db, opened.id)[1][1] in (DispatchState.EN_ROUTE, DispatchState.ON_SITE),
             what="the replacement on the way")
    assert len(actions(db)) == 1


def test_supervisor_alerted_when_nobody_can_make_the_deadline(db, site, make_service, events, operator):
    service = make_service(mqtt=False, arrival_target_s=10.0, escalate_every_s=0.2)
    opened = service.open_incident([add_alarm(db, site, *GOAL)], operator)  # the nearest is a minute away
    wait_for(lambda: actions(db, "eta_beyond_deadline"), timeout_s=5, what="the ETA alert")
    [alerted] = events.of(SupervisorAlerted)
    assert alerted.alert.reason == "eta_beyond_deadline" and alerted.alert.projected_arrival is not None
    assert alerted.alert.projected_arrival > opened.first_alarm_at.replace(microsecond=0)
    view = service.incident(opened.id)
    assert [a.reason for a in view.open_alerts] == ["eta_beyond_deadline"]

    wait_for(lambda: actions(db, "arrival_overdue"), timeout_s=15, what="the overdue alert")
    time.sleep(0.5)
    assert sorted(a.reason for a in actions(db)) == ["arrival_overdue", "eta_beyond_deadline"]  # each once
    first = service.incident(opened.id).open_alerts[0]
    acknowledged = service.acknowledge_alert(first.id, operator)
    assert [a.reason for a in acknowledged.open_alerts] == ["arrival_overdue"]
    assert next(a for a in acknowledged.alerts if a.id == first.id).acknowledged_by == "operator"


def test_supervisor_alerted_when_nobody_is_available(db, site, make_service, operator):
    with db.session() as session:
        session.execute(update(Responder).values(status=ResponderStatus.OFF_DUTY))
        session.commit()
    service = make_service(mqtt=False, escalate_every_s=0.2)
    opened = service.open_incident([add_alarm(db, site, *GOAL)], operator)
    assert service.propose(opened.id) == []
    wait_for(lambda: actions(db, "no_responder"), timeout_s=5, what="the no-responder alert")
    time.sleep(0.5)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(EscalationAction)) == 1
        assert load_snapshot(session).stats.responders_available == 0
