"""What is due for an incident now: cockpit.escalation's rules plus "a responder declined", each with a stable key.

The dispatch service evaluates this on its timer and acts on each key once (the key is stored with the act,
unique in the database: see cockpit.models.EscalationAction). Declines are followed up at once, like a
responder who did not accept in time: the operator asked for someone, so someone else is sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from cockpit.escalation import EscalationKind, EscalationPolicy, escalations
from cockpit.incidents import LIVE_STATES
from cockpit.models import DispatchState, Incident
from cockpit.routing import Candidate

OFFER = EscalationKind.OFFER_NEXT_RESPONDER.value
ALERT = EscalationKind.ALERT_SUPERVISOR.value
DECLINED = "declined"
NOT_ACCEPTED = "not_accepted"


@dataclass(frozen=True)
class Due:
    kind: str  # offer_next_responder | alert_supervisor
    reason: str  # not_accepted | declined | eta_beyond_deadline | arrival_overdue | no_responder
    incident_id: int
    due_at: datetime
    dispatch_id: int | None = None
    responder_id: int | None = None
    projected_arrival: datetime | None = None

    @property
    def key(self) -> str:
        """Same situation, same key, on every evaluation and every workstation."""
        return f"{self.kind}:{self.reason}:{self.incident_id}:{self.dispatch_id if self.dispatch_id else '-'}"

    @property
    def offer(self) -> bool:
        return self.kind == OFFER


def declined(incident: Incident) -> list[Due]:
    if incident.state not in LIVE_STATES:
        return []
    return [Due(OFFER, DECLINED, incident.id, task.finished_at or task.notified_at, task.id, task.responder_id)
            for task in incident.dispatches if task.state == DispatchState.DECLINED]


def due_actions(incident: Incident, now: datetime, candidates: Sequence[Candidate] | None,
                policy: EscalationPolicy) -> list[Due]:
    """Offers (the next responder) first, then supervisor alerts."""
    out = [Due(e.kind.value, e.reason.value, e.incident_id, e.due_at, e.dispatch_id, e.responder_id,
               e.projected_arrival) for e in escalations(incident, now, candidates, policy)]
    out += declined(incident)
    return sorted(out, key=lambda d: (not d.offer, d.due_at, d.dispatch_id or 0))
