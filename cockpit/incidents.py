"""The incident state machine: alarms open an incident, responders are dispatched and report, the incident is
resolved and closed.

Plain domain code over the ORM rows. The caller owns the session and the commit and passes `now`, so an act
and its audit record commit together, clocks are never read here, and tests control time. Every action
checks everything before it changes anything: a refused action raises an IncidentError and leaves the rows
as they were; a successful one writes exactly one audit event, targeted at the incident (side effects are
listed in its detail; dispatch events carry dispatch_id and the incident's from/to as well as their own).

Incident:  OPEN ─assign→ DISPATCHED ─first on site→ ON_SITE ─resolve→ RESOLVED ─close→ CLOSED
           (all dispatches declined/cancelled before anyone arrived: back to OPEN; resolve from any live
           state; cancel from OPEN/DISPATCHED → CLOSED with outcome "cancelled"; reopen RESOLVED → live)
Dispatch:  NOTIFIED → ACCEPTED → EN_ROUTE → ON_SITE → DONE (steps may be skipped forwards: feeds lose
           messages); NOTIFIED → DECLINED; any active state → CANCELLED.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from .audit import Actor, record
from .errors import CockpitError
from .models import (
    Alarm,
    AlarmState,
    Building,
    DispatchState,
    DispatchTask,
    Incident,
    IncidentState,
    Responder,
)
from .roles import Permission, can

logger = logging.getLogger(__name__)

IS, DS = IncidentState, DispatchState
LIVE_STATES = frozenset({IS.OPEN, IS.DISPATCHED, IS.ON_SITE})
ACTIVE_DISPATCH_STATES = frozenset({DS.NOTIFIED, DS.ACCEPTED, DS.EN_ROUTE, DS.ON_SITE})
DISPATCH_MOVES: dict[DispatchState, frozenset[DispatchState]] = {
    DS.NOTIFIED: frozenset({DS.ACCEPTED, DS.EN_ROUTE, DS.ON_SITE, DS.DECLINED, DS.CANCELLED}),
    DS.ACCEPTED: frozenset({DS.EN_ROUTE, DS.ON_SITE, DS.CANCELLED}),
    DS.EN_ROUTE: frozenset({DS.ON_SITE, DS.CANCELLED}),
    DS.ON_SITE: frozenset({DS.DONE, DS.CANCELLED}),
    DS.DONE: frozenset(), DS.DECLINED: frozenset(), DS.CANCELLED: frozenset(),
}
OPENABLE_ALARM_STATES = frozenset({AlarmState.NEW, AlarmState.ACKNOWLEDGED})
CANCELLED_OUTCOME = "cancelled"
OUTCOME_MAX_CHARS = 64  # Incident.outcome is String(64)


class IncidentError(CockpitError):
    """An incident or dispatch action was refused; nothing was changed."""


class IllegalTransition(IncidentError):
    """The action is not allowed from the current state."""

    def __init__(self, subject: str, subject_id: int | None, state: str, action: str, why: str = "") -> None:
        self.subject, self.subject_id, self.state, self.action = subject, subject_id, state, action
        super().__init__(f"cannot {action} {subject} {subject_id} in state {state}" + (f": {why}" if why else ""))


class DetailsRequired(IncidentError):
    """The action needs text the operator did not give (an outcome, a note, a reason)."""


class NotPermitted(IncidentError):
    """The actor's role may not handle incidents."""


def _text(value: str | None, what: str, limit: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise DetailsRequired(f"{what} is required")
    if limit is not None and len(text) > limit:
        raise DetailsRequired(f"{what} is longer than {limit} characters")
    return text


class IncidentDesk:
    """The actions on incidents for one unit of work: one session, one actor, one instant."""

    def __init__(self, session: Session, actor: Actor, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("now must be an aware datetime (UTC)")
        if not can(actor.role, Permission.HANDLE_ALARMS):
            raise NotPermitted(f"{actor.username} ({actor.role}) may not handle incidents")
        self._session, self._actor, self._now = session, actor, now

    # -- incidents ----------------------------------------------------------------------------

    def open(self, alarms: Sequence[Alarm], *, title: str | None = None) -> Incident:
        """A new incident from alarms not yet in one; it takes kind, priority and place from the most urgent."""
        if not alarms:
            raise DetailsRequired("an incident opens from at least one alarm")
        if len({id(a) for a in alarms}) != len(alarms) or len({a.site_id for a in alarms}) != 1:
            raise IncidentError("give each alarm once, all from one site")
        for alarm in alarms:
            self._check_alarm_free(alarm)
        lead = min(alarms, key=lambda a: (a.priority, a.received_at))
        placed = next((a for a in (lead, *alarms) if a.x is not None and a.y is not None), lead)
        building = self._session.get(Building, lead.building_id) if lead.building_id is not None else None
        incident = Incident(
            site_id=lead.site_id, kind=lead.kind, priority=min(a.priority for a in alarms),
            title=(title or "").strip()[:128] or f"{lead.kind.value}" + (f" · {building.name}" if building else ""),
            state=IS.OPEN, owner_id=self._actor.user_id, x=placed.x, y=placed.y,
            first_alarm_at=min(a.received_at for a in alarms), opened_at=self._now,
            video_locked_at=min((a.video_locked_at for a in alarms if a.video_locked_at is not None), default=None),
        )
        self._session.add(incident)
        for alarm in alarms:
            self._take_alarm(incident, alarm)
        self._session.flush()
        self._audit("incident.open", incident, None, IS.OPEN, alarms=[a.id for a in alarms])
        return incident

    def add_alarm(self, incident: Incident, alarm: Alarm) -> None:
        """Join a further alarm to a live incident: priority and first alarm time may only move earlier/higher."""
        self._require(incident, LIVE_STATES, "add an alarm to")
        self._check_alarm_free(alarm)
        if alarm.site_id != incident.site_id:
            raise IncidentError(f"alarm {alarm.id} is from another site")
        before = {"priority": incident.priority, "first_alarm_at": incident.first_alarm_at.isoformat()}
        if alarm.priority < incident.priority:
            incident.priority, incident.kind = alarm.priority, alarm.kind
        incident.first_alarm_at = min(incident.first_alarm_at, alarm.received_at)
        if incident.x is None and alarm.x is not None and alarm.y is not None:
            incident.x, incident.y = alarm.x, alarm.y
        self._take_alarm(incident, alarm)
        self._session.flush()
        self._audit("incident.add_alarm", incident, incident.state, incident.state, alarm_id=alarm.id,
                    before=before, priority=incident.priority, first_alarm_at=incident.first_alarm_at.isoformat())

    def mark_video_locked(self, incident: Incident, *, camera: str | None = None) -> None:
        """The first live picture of the place was shown: stops the lock clock, once."""
        self._require(incident, LIVE_STATES, "lock video for")
        if incident.video_locked_at is not None:
            raise IllegalTransition("incident", incident.id, incident.state, "lock video for", "already locked")
        incident.video_locked_at = self._now
        self._audit("incident.video_locked", incident, incident.state, incident.state, camera=camera)

    def resolve(self, incident: Incident, *, note: str | None = None) -> None:
        """The situation is over; responders not yet there are stood down (those on site report done)."""
        before = self._require(incident, LIVE_STATES, "resolve")
        stood_down = self._finish_dispatches(incident, {DS.NOTIFIED, DS.ACCEPTED, DS.EN_ROUTE}, DS.CANCELLED)
        incident.state, incident.resolved_at = IS.RESOLVED, self._now
        self._audit("incident.resolve", incident, before, IS.RESOLVED, note=(note or "").strip() or None,
                    cancelled_dispatches=stood_down)

    def close(self, incident: Incident, *, outcome: str, note: str) -> None:
        """File a resolved incident: requires an outcome and a note; its alarms close with it."""
        before = self._require(incident, {IS.RESOLVED}, "close")
        outcome = _text(outcome, "an outcome", OUTCOME_MAX_CHARS)
        note = _text(note, "a note")
        done = self._finish_dispatches(incident, {DS.ON_SITE}, DS.DONE)
        self._end(incident, outcome, note)
        self._audit("incident.close", incident, before, IS.CLOSED, outcome=outcome, finished_dispatches=done)

    def cancel(self, incident: Incident, *, reason: str) -> None:
        """Withdraw an incident opened by mistake or twice, before anyone arrived (after: resolve and close)."""
        before = self._require(incident, {IS.OPEN, IS.DISPATCHED}, "cancel")
        reason = _text(reason, "a reason")
        stood_down = self._finish_dispatches(incident, set(ACTIVE_DISPATCH_STATES), DS.CANCELLED)
        self._end(incident, CANCELLED_OUTCOME, reason)
        self._audit("incident.cancel", incident, before, IS.CLOSED, reason=reason, cancelled_dispatches=stood_down)

    def reopen(self, incident: Incident, *, reason: str) -> None:
        """A resolved incident is not over after all (closed ones stay closed: open a new one)."""
        self._require(incident, {IS.RESOLVED}, "reopen")
        reason = _text(reason, "a reason")
        incident.resolved_at = None
        incident.state = self._live_state(incident)
        self._audit("incident.reopen", incident, IS.RESOLVED, incident.state, reason=reason)

    # -- dispatch -----------------------------------------------------------------------------

    def assign(self, incident: Incident, responder_id: int, *, eta_s: float | None = None) -> DispatchTask:
        """Notify a responder (ETA from routing, if known); a live incident may have several."""
        before = self._require(incident, LIVE_STATES, "dispatch to")
        if eta_s is not None and not (math.isfinite(eta_s) and eta_s >= 0):
            raise ValueError(f"eta_s must be a finite number of seconds >= 0, not {eta_s!r}")
        responder = self._session.get(Responder, responder_id)
        if responder is None or responder.site_id != incident.site_id:
            raise IncidentError(f"no responder {responder_id} on this site")
        if any(d.responder_id == responder_id and d.state in ACTIVE_DISPATCH_STATES for d in incident.dispatches):
            raise IllegalTransition("incident", incident.id, incident.state, "dispatch to",
                                    f"responder {responder_id} is already on it")
        task = DispatchTask(incident=incident, responder_id=responder_id, state=DS.NOTIFIED, eta_s=eta_s,
                            notified_at=self._now, assigned_by_id=self._actor.user_id)
        self._session.add(task)
        incident.state = self._live_state(incident)
        self._session.flush()
        self._audit_dispatch("dispatch.assign", task, None, before, eta_s=eta_s)
        return task

    def update_dispatch(self, task: DispatchTask, to: DispatchState, *, reason: str | None = None) -> None:
        """A responder's report (accepted, en route, on site, done, declined) or the operator standing them down."""
        if to not in DISPATCH_MOVES[task.state]:
            raise IllegalTransition("dispatch", task.id, task.state, f"move to {to.value}")
        incident = task.incident
        before, was = incident.state, task.state
        if to in {DS.ACCEPTED, DS.EN_ROUTE, DS.ON_SITE} and task.accepted_at is None:
            task.accepted_at = self._now
        if to == DS.ON_SITE:
            task.arrived_at = self._now
            if incident.arrived_at is None:
                incident.arrived_at = self._now
        if to not in ACTIVE_DISPATCH_STATES:
            task.finished_at = self._now
        task.state = to
        if incident.state in LIVE_STATES:
            incident.state = self._live_state(incident)
        self._audit_dispatch(f"dispatch.{to.value}", task, was, before, reason=(reason or "").strip() or None)

    # -- helpers ------------------------------------------------------------------------------

    def _require(self, incident: Incident, states: set[IncidentState] | frozenset[IncidentState],
                 action: str) -> IncidentState:
        if incident.state not in states:
            raise IllegalTransition("incident", incident.id, incident.state, action)
        return incident.state

    def _check_alarm_free(self, alarm: Alarm) -> None:
        if alarm.state not in OPENABLE_ALARM_STATES or alarm.incident_id is not None or alarm.incident is not None:
            raise IllegalTransition("alarm", alarm.id, alarm.state, "add to an incident", "already handled")
        if alarm.received_at is None:
            raise IncidentError(f"alarm {alarm.id} has no received_at")

    def _take_alarm(self, incident: Incident, alarm: Alarm) -> None:
        if alarm.state == AlarmState.NEW:
            alarm.acknowledged_at, alarm.acknowledged_by_id = self._now, self._actor.user_id
        alarm.state, alarm.incident = AlarmState.IN_INCIDENT, incident

    @staticmethod
    def _live_state(incident: Incident) -> IncidentState:
        """Someone has arrived → ON_SITE (the arrival clock stopped); someone is on the way → DISPATCHED."""
        if incident.arrived_at is not None:
            return IS.ON_SITE
        if any(d.state in ACTIVE_DISPATCH_STATES for d in incident.dispatches):
            return IS.DISPATCHED
        return IS.OPEN

    def _finish_dispatches(self, incident: Incident, states: set[DispatchState], to: DispatchState) -> list[int]:
        ended = []
        for task in incident.dispatches:
            if task.state in states:
                task.state, task.finished_at = to, self._now
                ended.append(task.id)
        return ended

    def _end(self, incident: Incident, outcome: str, note: str) -> None:
        incident.state, incident.closed_at, incident.outcome, incident.note = IS.CLOSED, self._now, outcome, note
        for alarm in incident.alarms:
            alarm.state = AlarmState.CLOSED

    def _audit(self, action: str, incident: Incident, was: IncidentState | None, now_in: IncidentState,
               **detail: Any) -> None:
        event = record(self._session, self._actor, action, target_type="incident", target_id=incident.id,
                       **{"from": was.value if was else None, "to": now_in.value}, **detail)
        event.at = self._now
        logger.info("%s incident %s by %s: %s → %s", action, incident.id, self._actor.username, was, now_in)

    def _audit_dispatch(self, action: str, task: DispatchTask, was: DispatchState | None,
                        incident_was: IncidentState, **detail: Any) -> None:
        incident = task.incident  # the incident is the target: its whole story is one query on the trail
        event = record(self._session, self._actor, action, target_type="incident", target_id=incident.id,
                       **{"from": was.value if was else None, "to": task.state.value}, dispatch_id=task.id,
                       responder_id=task.responder_id, incident_from=incident_was.value,
                       incident_to=incident.state.value, **detail)
        event.at = self._now
        logger.info("%s dispatch %s (incident %s) by %s", action, task.id, incident.id, self._actor.username)
