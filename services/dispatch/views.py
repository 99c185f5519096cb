"""Incident rows -> IncidentView snapshots (cockpit.incident_views), built inside the transaction that changed them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cockpit.incident_views import (
    AlarmRef,
    DispatchView,
    IncidentView,
    ResponderView,
    SupervisorAlert,
)
from cockpit.models import (
    Alarm,
    AuditEvent,
    Building,
    Device,
    EscalationAction,
    Incident,
    IncidentState,
    Responder,
    User,
)
from services.alarms.views import place_of

SOP_STEP_ACTION = "incident.sop_step"
ALERT_KIND = "alert_supervisor"
OPEN_STATES = (IncidentState.OPEN, IncidentState.DISPATCHED, IncidentState.ON_SITE, IncidentState.RESOLVED)


def load_incident(session: Session, incident_id: int, *, lock: bool = False) -> Incident | None:
    """The incident with its alarms and dispatches; `lock` takes its row lock (PostgreSQL) for an update."""
    query = (select(Incident).where(Incident.id == incident_id)
             .options(selectinload(Incident.alarms), selectinload(Incident.dispatches)))
    if lock:
        query = query.with_for_update(of=Incident)
    return session.scalars(query.execution_options(populate_existing=True)).first()


def steps_done(session: Session, incident_id: int) -> frozenset[str]:
    """SOP steps ticked and not unticked since, replayed from the audit trail (it is the record of them)."""
    done: set[str] = set()
    for detail in session.scalars(
        select(AuditEvent.detail).where(AuditEvent.target_type == "incident", AuditEvent.target_id == incident_id,
                                        AuditEvent.action == SOP_STEP_ACTION).order_by(AuditEvent.at, AuditEvent.id)
    ):
        step = (detail or {}).get("step")
        if isinstance(step, str):
            (done.add if (detail or {}).get("done") else done.discard)(step)
    return frozenset(done)


def alerts_of(session: Session, incident_id: int) -> tuple[SupervisorAlert, ...]:
    rows = session.execute(
        select(EscalationAction, User.username).outerjoin(User, User.id == EscalationAction.acknowledged_by_id)
        .where(EscalationAction.incident_id == incident_id, EscalationAction.kind == ALERT_KIND)
        .order_by(EscalationAction.acted_at, EscalationAction.id)
    ).all()
    return tuple(alert_view(row, username) for row, username in rows)


def alert_view(row: EscalationAction, acknowledged_by: str | None = None) -> SupervisorAlert:
    projected = (row.detail or {}).get("projected_arrival")
    return SupervisorAlert(
        id=row.id, incident_id=row.incident_id, reason=row.reason, raised_at=row.acted_at,
        projected_arrival=datetime.fromisoformat(projected) if isinstance(projected, str) else None,
        acknowledged_at=row.acknowledged_at, acknowledged_by=acknowledged_by)


def _alarm_refs(session: Session, alarms: Iterable[Alarm]) -> tuple[AlarmRef, ...]:
    alarms = sorted(alarms, key=lambda a: (a.priority, a.received_at, a.id))
    device_ids = {a.device_id for a in alarms if a.device_id is not None}
    building_ids = {a.building_id for a in alarms if a.building_id is not None}
    devices = {d.id: d for d in session.scalars(select(Device).where(Device.id.in_(device_ids)))} if device_ids else {}
    buildings = dict(session.execute(select(Building.id, Building.name).where(Building.id.in_(building_ids))).all()) \
        if building_ids else {}
    refs = []
    for a in alarms:
        device = devices.get(a.device_id) if a.device_id is not None else None
        place = place_of(device.name if device else None, buildings.get(a.building_id), a.x, a.y)
        refs.append(AlarmRef(a.id, a.kind, a.priority, place, a.received_at, device.code if device else None))
    return tuple(refs)


def incident_view(session: Session, incident: Incident) -> IncidentView:
    """A snapshot of the incident as stored (flushed) in this session."""
    alarms = _alarm_refs(session, incident.alarms)  # the most urgent first: it names the place
    lead = next((a for a in incident.alarms if a.id == alarms[0].id), None) if alarms else None
    responder_ids = {d.responder_id for d in incident.dispatches}
    responders = {r.id: r for r in session.scalars(select(Responder).where(Responder.id.in_(responder_ids)))} \
        if responder_ids else {}  # a responder's dispatches go with them (ON DELETE CASCADE): always there
    dispatches = tuple(
        DispatchView(id=d.id, incident_id=incident.id, responder_id=d.responder_id,
                     responder_name=responders[d.responder_id].name, role=responders[d.responder_id].role,
                     state=d.state, eta_s=d.eta_s, notified_at=d.notified_at, accepted_at=d.accepted_at,
                     arrived_at=d.arrived_at, finished_at=d.finished_at)
        for d in sorted(incident.dispatches, key=lambda d: (d.notified_at, d.id))
    )
    owner = session.scalar(select(User.username).where(User.id == incident.owner_id)) if incident.owner_id else None
    return IncidentView(
        id=incident.id, title=incident.title, kind=incident.kind, priority=incident.priority, state=incident.state,
        place=alarms[0].place if alarms else "", building_id=lead.building_id if lead is not None else None,
        x=incident.x, y=incident.y, first_alarm_at=incident.first_alarm_at,
        opened_at=incident.opened_at, video_locked_at=incident.video_locked_at, arrived_at=incident.arrived_at,
        resolved_at=incident.resolved_at, closed_at=incident.closed_at, outcome=incident.outcome, note=incident.note,
        owner=owner, alarms=alarms, dispatches=dispatches, steps_done=steps_done(session, incident.id),
        alerts=alerts_of(session, incident.id),
    )


def open_incidents(session: Session, site_id: int) -> list[IncidentView]:
    """Incidents not yet closed, most urgent and oldest first (for start-up: they survive a restart)."""
    rows = session.scalars(
        select(Incident).where(Incident.site_id == site_id, Incident.state.in_(OPEN_STATES))
        .options(selectinload(Incident.alarms), selectinload(Incident.dispatches))
        .order_by(Incident.priority, Incident.first_alarm_at)
    ).all()
    return [incident_view(session, row) for row in rows]


def responder_view(row: Responder) -> ResponderView:
    return ResponderView(id=row.id, name=row.name, role=row.role, status=row.status, x=row.x, y=row.y)
