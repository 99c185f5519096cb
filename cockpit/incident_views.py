"""What the dispatch service tells the rest of the cockpit: immutable snapshots of incidents and responders.

The service (services/dispatch) builds these inside its transaction and emits them through a sink after the
commit; a bridge in widgets/ turns them into queued Qt signals. Times are aware UTC. An IncidentView carries
the stored instants the SLA clocks derive from (it fits cockpit.sla.SlaTimes), so a view computes its own
countdown after a restart exactly as before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .models.enums import (
    AlarmKind,
    DispatchState,
    IncidentState,
    ResponderRole,
    ResponderStatus,
)

LIVE_INCIDENT_STATES = frozenset({IncidentState.OPEN, IncidentState.DISPATCHED, IncidentState.ON_SITE})
ACTIVE_DISPATCH = frozenset({DispatchState.NOTIFIED, DispatchState.ACCEPTED, DispatchState.EN_ROUTE,
                             DispatchState.ON_SITE})

# The outcomes an operator chooses from when closing (stored by key in Incident.outcome; the UI translates).
OUTCOMES = (
    "handled_on_site",
    "ambulance_called",
    "fire_service_called",
    "police_called",
    "resident_fine",
    "false_alarm",
    "device_fault",
    "referred",
    "other",
)


def incident_code(incident_id: int) -> str:
    """How an incident is named on the wire and to people: INC-42."""
    return f"INC-{incident_id}"


@dataclass(frozen=True)
class AlarmRef:
    id: int
    kind: AlarmKind
    priority: int
    place: str
    received_at: datetime
    device_code: str | None = None


@dataclass(frozen=True)
class DispatchView:
    id: int
    incident_id: int
    responder_id: int
    responder_name: str
    role: ResponderRole
    state: DispatchState
    eta_s: float | None  # routing's estimate when sent
    notified_at: datetime
    accepted_at: datetime | None = None
    arrived_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_DISPATCH


@dataclass(frozen=True)
class SupervisorAlert:
    id: int
    incident_id: int
    reason: str  # eta_beyond_deadline | arrival_overdue | no_responder
    raised_at: datetime
    projected_arrival: datetime | None = None
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None

    @property
    def open(self) -> bool:
        return self.acknowledged_at is None


@dataclass(frozen=True)
class IncidentView:
    id: int
    title: str
    kind: AlarmKind
    priority: int
    state: IncidentState
    place: str
    building_id: int | None
    x: float | None
    y: float | None
    first_alarm_at: datetime
    opened_at: datetime
    video_locked_at: datetime | None = None
    arrived_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str | None = None
    note: str | None = None
    owner: str | None = None
    alarms: tuple[AlarmRef, ...] = ()
    dispatches: tuple[DispatchView, ...] = ()
    steps_done: frozenset[str] = frozenset()  # SOP step ids ticked (from the audit trail)
    alerts: tuple[SupervisorAlert, ...] = ()

    @property
    def code(self) -> str:
        return incident_code(self.id)

    @property
    def live(self) -> bool:
        return self.state in LIVE_INCIDENT_STATES

    @property
    def active_dispatches(self) -> tuple[DispatchView, ...]:
        return tuple(d for d in self.dispatches if d.active)

    @property
    def open_alerts(self) -> tuple[SupervisorAlert, ...]:
        return tuple(a for a in self.alerts if a.open)


@dataclass(frozen=True)
class ResponderView:
    """A responder as the feed last reported them (position live; `activity` is the feed's own word)."""

    id: int
    name: str
    role: ResponderRole
    status: ResponderStatus
    x: float
    y: float
    activity: str | None = None  # notified, accepted, en_route, on_site, done, declined, available, off_duty
    incident_id: int | None = None
    eta_s: float | None = None  # from the responder's last en_route report
    distance_m: float | None = None
    reported_at: datetime | None = None


@dataclass(frozen=True)
class CandidateView:
    """A responder routing proposes for an incident, fastest first."""

    responder_id: int
    name: str
    role: ResponderRole
    distance_m: float
    eta_s: float
    beyond_deadline: bool  # would arrive after the arrival deadline


# -- events (through the sink, after the commit) ------------------------------------------------


@dataclass(frozen=True)
class IncidentChanged:
    incident: IncidentView


@dataclass(frozen=True)
class ResponderMoved:
    responder: ResponderView


@dataclass(frozen=True)
class SupervisorAlerted:
    alert: SupervisorAlert
    incident_title: str


@dataclass(frozen=True)
class AutoDispatched:
    """A responder declined or did not accept in time (then they were stood down): the next one, if any, was sent
    (`sent`), or is only suggested to the operator when the site turned `auto_assign` off."""

    incident_id: int
    reason: str  # not_accepted | declined
    stood_down_id: int
    stood_down_name: str
    assigned_id: int | None = None  # the next responder (None: nobody available)
    assigned_name: str = ""
    eta_s: float | None = None
    sent: bool = False


@dataclass(frozen=True)
class DispatchFeedChanged:
    """The responder feed (MQTT) connected or went away."""

    connected: bool
    broker: str = ""
