"""Escalation rules: pure functions of an incident's stored state and `now` that say what is overdue.

They decide nothing and change nothing: the service layer evaluates them on a timer, acts on each
Escalation (offer the next responder, alert the supervisor) and remembers which `key`s it has acted on.
Being pure, they give the same answer after a restart as before it.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .incidents import LIVE_STATES
from .models import DispatchState, Incident
from .routing import Candidate
from .sla import ARRIVAL_TARGET_S

logger = logging.getLogger(__name__)

ACCEPT_WITHIN_S = 60.0
_ON_THE_WAY = frozenset({DispatchState.NOTIFIED, DispatchState.ACCEPTED, DispatchState.EN_ROUTE})


class EscalationKind(enum.StrEnum):
    OFFER_NEXT_RESPONDER = "offer_next_responder"
    ALERT_SUPERVISOR = "alert_supervisor"


class EscalationReason(enum.StrEnum):
    NOT_ACCEPTED = "not_accepted"  # a notified responder did not accept in time
    ETA_BEYOND_DEADLINE = "eta_beyond_deadline"  # nobody can be there before the arrival deadline
    ARRIVAL_OVERDUE = "arrival_overdue"  # the deadline passed and nobody has arrived
    NO_RESPONDER = "no_responder"  # nobody on the way and nobody available to send


@dataclass(frozen=True)
class EscalationPolicy:
    accept_within_s: float = ACCEPT_WITHIN_S
    arrival_target_s: float = ARRIVAL_TARGET_S


@dataclass(frozen=True)
class Escalation:
    kind: EscalationKind
    reason: EscalationReason
    incident_id: int
    due_at: datetime  # when it became due
    dispatch_id: int | None = None
    responder_id: int | None = None
    projected_arrival: datetime | None = None  # for ETA_BEYOND_DEADLINE

    @property
    def key(self) -> tuple[str, str, int, int | None]:
        """Identity for "already acted on": the same situation yields the same key on every evaluation."""
        return (self.kind.value, self.reason.value, self.incident_id, self.dispatch_id)


def unaccepted(incident: Incident, now: datetime, policy: EscalationPolicy = EscalationPolicy()) -> list[Escalation]:
    """Each dispatch still NOTIFIED `accept_within_s` after it was sent: offer the next responder."""
    if incident.state not in LIVE_STATES:
        return []
    out = []
    for task in incident.dispatches:
        due = task.notified_at + timedelta(seconds=policy.accept_within_s)
        if task.state == DispatchState.NOTIFIED and now >= due:
            out.append(Escalation(EscalationKind.OFFER_NEXT_RESPONDER, EscalationReason.NOT_ACCEPTED,
                                  incident.id, due, task.id, task.responder_id))
    return out


def arrival_risk(
    incident: Incident,
    now: datetime,
    candidates: Sequence[Candidate] | None = None,
    policy: EscalationPolicy = EscalationPolicy(),
) -> list[Escalation]:
    """Alert the supervisor when nobody has arrived and the deadline is passed or cannot be kept.

    The best arrival is the earliest of: each responder on the way (sent at + their ETA) and, if
    `candidates` (routing's ranking, now) are given, now + the fastest candidate's ETA. `candidates=[]`
    means routing found nobody available; None means it was not asked.
    """
    if incident.state not in LIVE_STATES or incident.arrived_at is not None:
        return []
    deadline = incident.first_alarm_at + timedelta(seconds=policy.arrival_target_s)
    if now > deadline:
        return [Escalation(EscalationKind.ALERT_SUPERVISOR, EscalationReason.ARRIVAL_OVERDUE, incident.id, deadline)]
    on_the_way = [t for t in incident.dispatches if t.state in _ON_THE_WAY]
    projected = [t.notified_at + timedelta(seconds=t.eta_s) for t in on_the_way if t.eta_s is not None]
    projected += [now + timedelta(seconds=c.eta_s) for c in candidates or ()]
    if not on_the_way and candidates is not None and not candidates:
        return [Escalation(EscalationKind.ALERT_SUPERVISOR, EscalationReason.NO_RESPONDER, incident.id, now)]
    if projected and min(projected) > deadline:
        return [Escalation(EscalationKind.ALERT_SUPERVISOR, EscalationReason.ETA_BEYOND_DEADLINE, incident.id, now,
                           projected_arrival=min(projected))]
    return []


def escalations(
    incident: Incident,
    now: datetime,
    candidates: Sequence[Candidate] | None = None,
    policy: EscalationPolicy = EscalationPolicy(),
) -> list[Escalation]:
    """Everything due for one incident at `now`."""
    return unaccepted(incident, now, policy) + arrival_risk(incident, now, candidates, policy)
