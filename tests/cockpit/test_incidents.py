"""The incident state machine, walked through as a control room uses it: every act audited, refusals change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cockpit.audit import Actor
from cockpit.incidents import (
    DetailsRequired,
    IllegalTransition,
    IncidentDesk,
    IncidentError,
    NotPermitted,
)
from cockpit.models import (
    AlarmKind,
    AlarmState,
    AuditEvent,
    DispatchState,
    IncidentState,
)
from cockpit.roles import Role

from .ops_site import T0, make_alarm

DS, IS = DispatchState, IncidentState


def at(seconds: float):
    return T0 + timedelta(seconds=seconds)


def audit(session, action: str | None = None) -> list[AuditEvent]:
    q = select(AuditEvent).order_by(AuditEvent.id)
    if action:
        q = q.where(AuditEvent.action == action)
    return list(session.scalars(q))


def test_open_takes_kind_priority_place_and_first_time_from_its_alarms(ops):
    session, site = ops
    a = make_alarm(session, site.site_id, kind=AlarmKind.DOOR, priority=4, received_at=at(-5), x=None, y=None)
    b = make_alarm(session, site.site_id, kind=AlarmKind.FALL, priority=1, received_at=at(-2), x=12.0, y=34.0,
                   building_id=site.building_id)
    inc = IncidentDesk(session, site.actor, at(0)).open([a, b])
    assert (inc.kind, inc.priority, inc.x, inc.y) == (AlarmKind.FALL, 1, 12.0, 34.0)
    assert inc.first_alarm_at == at(-5) and inc.opened_at == at(0) and inc.state is IS.OPEN
    assert inc.title == "fall · 12幢" and inc.owner_id == site.actor.user_id
    assert {x.state for x in (a, b)} == {AlarmState.IN_INCIDENT} and a.acknowledged_at == at(0)
    [event] = audit(session, "incident.open")
    assert (event.target_type, event.target_id, event.username, event.workstation) == (
        "incident", inc.id, "op", "test-ws")
    assert event.at == at(0) and event.detail == {"from": None, "to": "open", "alarms": [a.id, b.id]}


def test_dispatch_follows_the_responders_and_closing_needs_outcome_and_note(ops):
    session, site = ops
    guard, medic, staff = site.responder_ids
    inc = IncidentDesk(session, site.actor, at(0)).open([make_alarm(session, site.site_id)])
    desk = IncidentDesk(session, site.actor, at(3))
    d1 = desk.assign(inc, guard, eta_s=120.0)
    assert inc.state is IS.DISPATCHED and d1.state is DS.NOTIFIED and d1.notified_at == at(3) and d1.eta_s == 120
    with pytest.raises(IllegalTransition, match="already on it"):
        desk.assign(inc, guard)
    IncidentDesk(session, site.actor, at(20)).update_dispatch(d1, DS.DECLINED, reason="off duty")
    assert inc.state is IS.OPEN and d1.finished_at == at(20)  # nobody on the way any more

    d2 = IncidentDesk(session, site.actor, at(25)).assign(inc, medic, eta_s=90.0)
    d3 = IncidentDesk(session, site.actor, at(26)).assign(inc, staff)
    IncidentDesk(session, site.actor, at(30)).update_dispatch(d2, DS.EN_ROUTE)  # "accepted" was lost on the way
    assert d2.accepted_at == at(30) and inc.state is IS.DISPATCHED
    IncidentDesk(session, site.actor, at(130)).update_dispatch(d2, DS.ON_SITE)
    assert inc.state is IS.ON_SITE and inc.arrived_at == d2.arrived_at == at(130)
    IncidentDesk(session, site.actor, at(140)).update_dispatch(d3, DS.ON_SITE)
    assert inc.arrived_at == at(130)  # the first arrival stops the clock

    desk = IncidentDesk(session, site.actor, at(400))
    with pytest.raises(IllegalTransition):
        desk.close(inc, outcome="treated", note="ok")  # resolve first
    desk.resolve(inc, note="resident helped up")
    for outcome, note in [("", "fine"), ("treated", "  "), ("x" * 65, "fine")]:
        with pytest.raises(DetailsRequired):
            desk.close(inc, outcome=outcome, note=note)
    assert inc.state is IS.RESOLVED and inc.closed_at is None and d2.state is DS.ON_SITE  # refused: nothing moved
    IncidentDesk(session, site.actor, at(500)).close(inc, outcome="treated_on_site", note="bruised knee")
    assert (inc.state, inc.closed_at, inc.outcome) == (IS.CLOSED, at(500), "treated_on_site")
    assert d2.state is DS.DONE and d2.finished_at == at(500)
    assert all(a.state is AlarmState.CLOSED for a in inc.alarms)
    event = audit(session, "dispatch.on_site")[0]
    assert event.detail == {"from": "en_route", "to": "on_site", "dispatch_id": d2.id, "responder_id": medic,
                            "incident_from": "dispatched", "incident_to": "on_site", "reason": None}
    assert {(e.target_type, e.target_id) for e in audit(session)} == {("incident", inc.id)}  # one story
    assert [e.action for e in audit(session)] == [
        "incident.open", "dispatch.assign", "dispatch.declined", "dispatch.assign", "dispatch.assign",
        "dispatch.en_route", "dispatch.on_site", "dispatch.on_site", "incident.resolve", "incident.close"]


def test_resolve_stands_down_those_on_the_way_and_reopen_brings_the_incident_back(ops):
    session, site = ops
    guard, medic, _ = site.responder_ids
    inc = IncidentDesk(session, site.actor, at(0)).open([make_alarm(session, site.site_id)])
    d1 = IncidentDesk(session, site.actor, at(1)).assign(inc, guard)
    d2 = IncidentDesk(session, site.actor, at(2)).assign(inc, medic)
    IncidentDesk(session, site.actor, at(50)).update_dispatch(d2, DS.ON_SITE)
    IncidentDesk(session, site.actor, at(60)).resolve(inc)
    assert (d1.state, d2.state, inc.resolved_at) == (DS.CANCELLED, DS.ON_SITE, at(60))
    assert audit(session, "incident.resolve")[0].detail["cancelled_dispatches"] == [d1.id]
    with pytest.raises(DetailsRequired):
        IncidentDesk(session, site.actor, at(70)).reopen(inc, reason="")
    IncidentDesk(session, site.actor, at(70)).reopen(inc, reason="she fell again")
    assert inc.state is IS.ON_SITE and inc.resolved_at is None
    IncidentDesk(session, site.actor, at(80)).update_dispatch(d2, DS.DONE)
    assert inc.state is IS.ON_SITE  # someone arrived: the arrival clock stays stopped


def test_cancel_withdraws_a_mistaken_incident_before_anyone_arrives(ops):
    session, site = ops
    inc = IncidentDesk(session, site.actor, at(0)).open([make_alarm(session, site.site_id)])
    d = IncidentDesk(session, site.actor, at(1)).assign(inc, site.responder_ids[0])
    with pytest.raises(DetailsRequired):
        IncidentDesk(session, site.actor, at(2)).cancel(inc, reason=" ")
    IncidentDesk(session, site.actor, at(2)).cancel(inc, reason="duplicate of the lobby fall")
    assert (inc.state, inc.outcome, inc.note, d.state) == (
        IS.CLOSED, "cancelled", "duplicate of the lobby fall", DS.CANCELLED)
    for act in (lambda desk: desk.reopen(inc, reason="x"), lambda desk: desk.resolve(inc),
                lambda desk: desk.assign(inc, site.responder_ids[1])):
        with pytest.raises(IllegalTransition):
            act(IncidentDesk(session, site.actor, at(3)))


def test_video_locks_once_and_alarms_join_only_once(ops):
    session, site = ops
    a, b = make_alarm(session, site.site_id, priority=3), make_alarm(session, site.site_id, priority=1,
                                                                      kind=AlarmKind.SMOKE, received_at=at(-9))
    inc = IncidentDesk(session, site.actor, at(0)).open([a])
    IncidentDesk(session, site.actor, at(0.8)).mark_video_locked(inc, camera="CAM-0012")
    with pytest.raises(IllegalTransition, match="already locked"):
        IncidentDesk(session, site.actor, at(2)).mark_video_locked(inc)
    assert inc.video_locked_at == at(0.8)
    IncidentDesk(session, site.actor, at(3)).add_alarm(inc, b)
    assert (inc.priority, inc.kind, inc.first_alarm_at) == (1, AlarmKind.SMOKE, at(-9))
    for alarm in (a, b):
        with pytest.raises(IllegalTransition):
            IncidentDesk(session, site.actor, at(4)).open([alarm])
    other = make_alarm(session, site.other_site_id)
    with pytest.raises(IncidentError):
        IncidentDesk(session, site.actor, at(4)).add_alarm(inc, other)
    with pytest.raises(IncidentError):
        IncidentDesk(session, site.actor, at(4)).open([other, make_alarm(session, site.site_id)])
    with pytest.raises(DetailsRequired):
        IncidentDesk(session, site.actor, at(4)).open([])


def test_dispatch_states_move_only_forwards(ops):
    session, site = ops
    inc = IncidentDesk(session, site.actor, at(0)).open([make_alarm(session, site.site_id)])
    d = IncidentDesk(session, site.actor, at(1)).assign(inc, site.responder_ids[0])
    desk = IncidentDesk(session, site.actor, at(2))
    with pytest.raises(IllegalTransition):
        desk.update_dispatch(d, DS.DONE)  # done only once on site
    desk.update_dispatch(d, DS.ACCEPTED)
    for illegal in (DS.ACCEPTED, DS.NOTIFIED, DS.DECLINED, DS.DONE):
        with pytest.raises(IllegalTransition):
            desk.update_dispatch(d, illegal)
    assert d.state is DS.ACCEPTED and len(audit(session)) == 3


def test_only_roles_that_handle_alarms_may_act_and_time_must_be_aware(ops):
    session, site = ops
    installer = Actor(user_id=None, username="inst", role=Role.INSTALLER)
    with pytest.raises(NotPermitted):
        IncidentDesk(session, installer, at(0))
    with pytest.raises(ValueError, match="aware"):
        IncidentDesk(session, site.actor, at(0).replace(tzinfo=None))
    with pytest.raises(IncidentError):
        inc = IncidentDesk(session, site.actor, at(0)).open([make_alarm(session, site.site_id)])
        IncidentDesk(session, site.actor, at(1)).assign(inc, 999_999)
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 1
