"""The units of work of the dispatch service, run on its thread inside one transaction each.

Each takes (session, now, effects, ...): it changes rows through cockpit.incidents.IncidentDesk (which writes
the audit record), adds the commands to publish and the events to emit to `effects`, and never commits —
DispatchService._transaction does, then publishes and emits.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cockpit.audit import Actor, record
from cockpit.errors import CockpitError
from cockpit.incident_views import (
    OUTCOMES,
    AutoDispatched,
    CandidateView,
    IncidentChanged,
    IncidentView,
    SupervisorAlerted,
    incident_code,
)
from cockpit.incidents import (
    ACTIVE_DISPATCH_STATES,
    DISPATCH_MOVES,
    LIVE_STATES,
    DetailsRequired,
    IllegalTransition,
    IncidentDesk,
)
from cockpit.models import (
    Alarm,
    DispatchState,
    DispatchTask,
    EscalationAction,
    Incident,
    IncidentState,
    Responder,
)
from cockpit.roles import Permission, can
from cockpit.routing import Candidate, NoPath, rank_responders, walking_eta_s
from cockpit.sla import arrival_clock

from . import escalator
from .feed import ResponderReport
from .views import (
    OPEN_STATES,
    SOP_STEP_ACTION,
    alert_view,
    incident_view,
    load_incident,
)

if TYPE_CHECKING:
    from .service import DispatchService, Effects

logger = logging.getLogger(__name__)

DS = DispatchState
DISPATCH_OF_ACTIVITY = {"accepted": DS.ACCEPTED, "en_route": DS.EN_ROUTE, "on_site": DS.ON_SITE, "done": DS.DONE,
                        "declined": DS.DECLINED}
_ON_THE_WAY = (DS.NOTIFIED, DS.ACCEPTED, DS.EN_ROUTE)


class DispatchRefused(CockpitError):
    """The action does not apply (no such incident, alarm or step; not permitted); nothing changed."""


def moves_dispatch(report: ResponderReport) -> bool:
    return report.incident_id is not None and report.status in DISPATCH_OF_ACTIVITY


def command(incident: Incident, task: DispatchTask, *, cancel: bool = False) -> dict[str, Any]:
    """The dispatch command's body (docs/sim/FEED.md); the feed adds id, responder, at and seq."""
    if cancel:
        return {"incident": incident_code(incident.id), "task": "cancel", "dispatch": task.id}
    body: dict[str, Any] = {"incident": incident_code(incident.id), "task": incident.kind.value, "dispatch": task.id}
    if incident.x is not None and incident.y is not None:
        body.update(x=round(incident.x, 2), y=round(incident.y, 2))
    return body


class Actions:
    def __init__(self, service: DispatchService) -> None:
        self._s = service

    # -- helpers ----------------------------------------------------------------------------------

    def _incident(self, session: Session, incident_id: int) -> Incident:
        incident = load_incident(session, incident_id, lock=True)
        if incident is None or incident.site_id != self._s.site.site_id:
            raise DispatchRefused(f"no incident {incident_id}")
        return incident

    def _changed(self, session: Session, incident: Incident, fx: Effects) -> IncidentView:
        view = incident_view(session, incident)
        fx.events.append(IncidentChanged(view))
        return view

    def _stand_down_commands(self, incident: Incident, before: dict[int, DispatchState], fx: Effects) -> None:
        """Tell every responder whose dispatch just ended to stand down (they are free again)."""
        for task in incident.dispatches:
            if task.id in before and task.state not in ACTIVE_DISPATCH_STATES:
                self._s.commands_for(task, incident, fx, cancel=True)

    @staticmethod
    def _active(incident: Incident) -> dict[int, DispatchState]:
        return {t.id: t.state for t in incident.dispatches if t.state in ACTIVE_DISPATCH_STATES}

    def busy(self, session: Session) -> set[int]:
        """Responders on an active dispatch anywhere on the site."""
        return set(session.scalars(
            select(DispatchTask.responder_id).join(Incident, Incident.id == DispatchTask.incident_id)
            .where(Incident.site_id == self._s.site.site_id, DispatchTask.state.in_(ACTIVE_DISPATCH_STATES))))

    def rank(self, incident: Incident, now: datetime, busy: set[int]) -> list[Candidate] | None:
        """Available responders not on this incident before and not busy, fastest first; None: no place known."""
        if incident.x is None or incident.y is None:
            return None
        settings = self._s.settings
        remaining = arrival_clock(incident, settings.arrival_target_s).at(now).remaining_s
        exclude = busy | {t.responder_id for t in incident.dispatches}
        return rank_responders(self._s.graph, self._s.book.all(), (incident.x, incident.y), speeds=settings.speeds,
                               deadline_s=max(0.0, remaining), exclude=exclude)

    # -- operator actions -------------------------------------------------------------------------

    def open(self, session: Session, now: datetime, fx: Effects, actor: Actor, alarm_ids: Sequence[int],
             title: str | None) -> IncidentView:
        alarms = []
        for alarm_id in dict.fromkeys(alarm_ids):
            alarm = session.get(Alarm, alarm_id, with_for_update=True, populate_existing=True)
            if alarm is None or alarm.site_id != self._s.site.site_id:
                raise DispatchRefused(f"no alarm {alarm_id}")
            alarms.append(alarm)
        incident = IncidentDesk(session, actor, now).open(alarms, title=title)
        locked = [a for a in alarms if a.video_locked_at is not None]
        if locked and incident.video_locked_at is None:  # the picture was on screen already: the lock clock stopped
            first = min(locked, key=lambda a: a.video_locked_at)
            IncidentDesk(session, actor, first.video_locked_at).mark_video_locked(incident, camera=first.lock_camera)
        self._s.alarm_changes(session, alarms, fx)
        return self._changed(session, incident, fx)

    def add_alarm(self, session: Session, now: datetime, fx: Effects, actor: Actor, incident_id: int,
                  alarm_id: int) -> IncidentView:
        incident = self._incident(session, incident_id)
        alarm = session.get(Alarm, alarm_id, with_for_update=True, populate_existing=True)
        if alarm is None:
            raise DispatchRefused(f"no alarm {alarm_id}")
        IncidentDesk(session, actor, now).add_alarm(incident, alarm)
        self._s.alarm_changes(session, [alarm], fx)
        return self._changed(session, incident, fx)

    def propose(self, session: Session, now: datetime, incident_id: int) -> list[CandidateView]:
        incident = load_incident(session, incident_id)
        if incident is None or incident.state not in LIVE_STATES:
            return []
        ranked = self.rank(incident, now, self.busy(session)) or []
        names = {r.id: r.name for r in self._s.book.all()}
        return [CandidateView(c.responder_id, names.get(c.responder_id, "?"), c.role, c.distance_m, c.eta_s,
                              c.beyond_deadline) for c in ranked]

    def assign(self, session: Session, now: datetime, fx: Effects, actor: Actor, incident_id: int,
               responder_id: int) -> IncidentView:
        incident = self._incident(session, incident_id)
        responder = self._s.book.get(responder_id)
        eta = None
        if responder is not None and incident.x is not None and incident.y is not None:
            try:
                route = self._s.graph.route((responder.x, responder.y), (incident.x, incident.y))
                eta = walking_eta_s(route, responder.role, self._s.settings.speeds)
            except NoPath:
                logger.warning("responder %s has no walkway to incident %s", responder_id, incident_id)
        task = IncidentDesk(session, actor, now).assign(incident, responder_id, eta_s=eta)
        self._s.commands_for(task, incident, fx)
        return self._changed(session, incident, fx)

    def stand_down(self, session: Session, now: datetime, fx: Effects, actor: Actor, dispatch_id: int,
                   reason: str | None) -> IncidentView:
        incident_id = session.scalar(select(DispatchTask.incident_id).where(DispatchTask.id == dispatch_id))
        if incident_id is None:
            raise DispatchRefused(f"no dispatch {dispatch_id}")
        incident = self._incident(session, incident_id)
        task = next(t for t in incident.dispatches if t.id == dispatch_id)
        IncidentDesk(session, actor, now).update_dispatch(task, DS.CANCELLED, reason=reason or "stood down")
        self._s.commands_for(task, incident, fx, cancel=True)
        return self._changed(session, incident, fx)

    def resolve(self, session: Session, now: datetime, fx: Effects, actor: Actor, incident_id: int,
                note: str | None) -> IncidentView:
        incident = self._incident(session, incident_id)
        before = self._active(incident)
        IncidentDesk(session, actor, now).resolve(incident, note=note)
        self._stand_down_commands(incident, before, fx)
        return self._changed(session, incident, fx)

    def close(self, session: Session, now: datetime, fx: Effects, actor: Actor, incident_id: int, outcome: str,
              note: str) -> IncidentView:
        outcome, note = (outcome or "").strip(), (note or "").strip()
        if outcome not in OUTCOMES:
            raise DetailsRequired(f"an outcome is required (one of {', '.join(OUTCOMES)})" if not outcome
                                  else f"unknown outcome {outcome!r}")
        if not note:
            raise DetailsRequired("a note is required")
        incident = self._incident(session, incident_id)
        before = self._active(incident)
        desk = IncidentDesk(session, actor, now)
        if incident.state in LIVE_STATES:
            desk.resolve(incident)
        desk.close(incident, outcome=outcome, note=note)
        self._stand_down_commands(incident, before, fx)
        self._s.alarm_changes(session, incident.alarms, fx)
        return self._changed(session, incident, fx)

    def cancel(self, session: Session, now: datetime, fx: Effects, actor: Actor, incident_id: int,
               reason: str) -> IncidentView:
        incident = self._incident(session, incident_id)
        before = self._active(incident)
        IncidentDesk(session, actor, now).cancel(incident, reason=reason)
        self._stand_down_commands(incident, before, fx)
        self._s.alarm_changes(session, incident.alarms, fx)
        return self._changed(session, incident, fx)

    def reopen(self, session: Session, now: datetime, fx: Effects, actor: Actor, incident_id: int,
               reason: str) -> IncidentView:
        incident = self._incident(session, incident_id)
        IncidentDesk(session, actor, now).reopen(incident, reason=reason)
        return self._changed(session, incident, fx)

    def video_locked(self, session: Session, at: datetime, fx: Effects, actor: Actor, incident_id: int,
                     camera: str | None) -> IncidentView:
        incident = self._incident(session, incident_id)
        IncidentDesk(session, actor, at).mark_video_locked(incident, camera=camera)
        return self._changed(session, incident, fx)

    def set_step(self, session: Session, now: datetime, fx: Effects, actor: Actor, incident_id: int, step: str,
                 done: bool) -> IncidentView:
        if not can(actor.role, Permission.HANDLE_ALARMS):
            raise DispatchRefused(f"{actor.username} may not handle incidents")
        incident = self._incident(session, incident_id)
        if step not in self._s.sops.for_kind(incident.kind).step_ids:
            raise DispatchRefused(f"{step!r} is not a step of the {incident.kind.value} procedure")
        if incident.state not in LIVE_STATES and incident.state is not IncidentState.RESOLVED:
            raise IllegalTransition("incident", incident.id, incident.state, "tick a step of")
        view = incident_view(session, incident)
        if (step in view.steps_done) == done:
            return view  # already so: nothing to record
        event = record(session, actor, SOP_STEP_ACTION, target_type="incident", target_id=incident.id, step=step,
                       done=done, kind=incident.kind.value)
        event.at = now
        return self._changed(session, incident, fx)

    def acknowledge_alert(self, session: Session, now: datetime, fx: Effects, actor: Actor,
                          alert_id: int) -> IncidentView:
        if not can(actor.role, Permission.HANDLE_ALARMS):
            raise DispatchRefused(f"{actor.username} may not handle incidents")
        row = session.get(EscalationAction, alert_id, with_for_update=True)
        if row is None or row.kind != escalator.ALERT:
            raise DispatchRefused(f"no supervisor alert {alert_id}")
        incident = self._incident(session, row.incident_id)
        if row.acknowledged_at is None:
            row.acknowledged_at, row.acknowledged_by_id = now, actor.user_id
            event = record(session, actor, "incident.alert_acknowledge", target_type="incident",
                           target_id=incident.id, alert_id=row.id, reason=row.reason)
            event.at = now
        return self._changed(session, incident, fx)

    # -- the feed ---------------------------------------------------------------------------------

    def report(self, session: Session, now: datetime, fx: Effects, report: ResponderReport,
               status: Any) -> bool:
        """A responder's state: their status row, and their dispatch on that incident. True if they declined."""
        if status is not None:
            row = session.get(Responder, report.responder_id)
            if row is not None:
                row.status, row.x, row.y = status, report.x, report.y
        target = DISPATCH_OF_ACTIVITY.get(report.status)
        if target is None or report.incident_id is None:
            return False
        task_id = session.scalar(
            select(DispatchTask.id).where(DispatchTask.responder_id == report.responder_id,
                                          DispatchTask.incident_id == report.incident_id,
                                          DispatchTask.state.in_(ACTIVE_DISPATCH_STATES))
            .order_by(DispatchTask.notified_at.desc(), DispatchTask.id.desc()).limit(1))
        if task_id is None:
            logger.debug("responder %s reports %s for %s: no active dispatch", report.responder_id, report.status,
                         incident_code(report.incident_id))
            return False
        incident = load_incident(session, report.incident_id, lock=True)
        task = next(t for t in incident.dispatches if t.id == task_id)
        steps = [target]
        if target is DS.DONE and task.state in _ON_THE_WAY:
            steps = [DS.ON_SITE, DS.DONE]  # "on site" was lost on the way: they arrived before they finished
        if task.state == target or steps[0] not in DISPATCH_MOVES[task.state]:
            return False
        when = min(now, max(report.at, task.notified_at))  # their clock, within what we know to be true
        desk = IncidentDesk(session, self._s.responder_actor(report.responder_id), when)
        for step in steps:
            desk.update_dispatch(task, step, reason=report.reason)
        self._changed(session, incident, fx)
        return target is DS.DECLINED

    # -- escalation -------------------------------------------------------------------------------

    def open_incidents(self, session: Session) -> list[Incident]:
        """Not yet closed (live and resolved), with their dispatches."""
        return list(session.scalars(
            select(Incident).where(Incident.site_id == self._s.site.site_id, Incident.state.in_(OPEN_STATES))
            .options(selectinload(Incident.dispatches))))

    def due(self, session: Session, now: datetime, incidents: Sequence[Incident]) -> list[escalator.Due]:
        live = [i for i in incidents if i.state in LIVE_STATES]
        busy = self.busy(session) if live else set()
        out: list[escalator.Due] = []
        for incident in live:
            candidates = self.rank(incident, now, busy) if incident.arrived_at is None else None
            out += escalator.due_actions(incident, now, candidates, self._s.settings.policy)
        return out

    def escalate(self, session: Session, now: datetime, fx: Effects, due: escalator.Due) -> str:
        """Act on one escalation if it still holds: "acted", "elsewhere" (another workstation did) or "passed"."""
        incident = load_incident(session, due.incident_id, lock=True)
        if incident is None or incident.state not in LIVE_STATES:
            return "passed"
        if session.scalar(select(EscalationAction.id).where(EscalationAction.key == due.key)) is not None:
            return "elsewhere"
        busy = self.busy(session)
        fresh = {d.key: d for d in escalator.due_actions(incident, now, self.rank(incident, now, busy),
                                                         self._s.settings.policy)}
        if due.key not in fresh:
            return "passed"
        due = fresh[due.key]
        row = EscalationAction(key=due.key, incident_id=incident.id, kind=due.kind, reason=due.reason,
                               dispatch_id=due.dispatch_id, due_at=due.due_at, acted_at=now, detail={})
        session.add(row)
        actor = self._s.escalation_actor
        if due.offer:
            row.detail = self._offer_next(session, now, fx, incident, due, busy)
        elif due.projected_arrival is not None:
            row.detail = {"projected_arrival": due.projected_arrival.isoformat()}
        session.flush()  # the unique key: a second workstation stops here
        event = record(session, actor, "incident.escalate", target_type="incident", target_id=incident.id,
                       kind=due.kind, reason=due.reason, key=due.key, dispatch_id=due.dispatch_id, **row.detail)
        event.at = now
        if not due.offer:
            fx.events.append(SupervisorAlerted(alert_view(row), incident.title))
            logger.warning("supervisor alerted: %s for %s", due.reason, incident_code(incident.id))
        self._changed(session, incident, fx)
        return "acted"

    def _offer_next(self, session: Session, now: datetime, fx: Effects, incident: Incident, due: escalator.Due,
                    busy: set[int]) -> dict[str, Any]:
        """Stand down the one who did not accept; send the next (same role first if they can make it in time)."""
        settings = self._s.settings
        task = next(t for t in incident.dispatches if t.id == due.dispatch_id)
        desk = IncidentDesk(session, self._s.escalation_actor, now)
        if task.state == DS.NOTIFIED:
            desk.update_dispatch(task, DS.CANCELLED, reason=f"not accepted within {settings.accept_within_s:g} s")
            self._s.commands_for(task, incident, fx, cancel=True)
        gone = self._s.book.get(task.responder_id)
        ranked = self.rank(incident, now, busy) or []
        same = [c for c in ranked if gone is not None and c.role == gone.role and not c.beyond_deadline]
        pick = (same or ranked or [None])[0]
        detail: dict[str, Any] = {"stood_down": task.responder_id, "assigned": None}
        chosen = self._s.book.get(pick.responder_id) if pick is not None else None
        if pick is not None and settings.auto_assign:
            new = desk.assign(incident, pick.responder_id, eta_s=pick.eta_s)
            self._s.commands_for(new, incident, fx)
            detail.update(assigned=pick.responder_id, eta_s=round(pick.eta_s, 1))
        elif pick is not None:
            detail.update(suggested=pick.responder_id)
        fx.events.append(AutoDispatched(incident.id, due.reason, task.responder_id, gone.name if gone else "",
                                        pick.responder_id if pick else None, chosen.name if chosen else "",
                                        pick.eta_s if pick else None, sent=pick is not None and settings.auto_assign))
        logger.info("%s: responder %s %s; next: %s", incident_code(incident.id), task.responder_id, due.reason,
                    pick.responder_id if pick else "nobody available")
        return detail
