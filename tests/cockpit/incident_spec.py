"""What the incident state machine should allow, written out independently of cockpit/incidents.py, and a
snapshot of every row it may touch (to check that a refused action changed nothing)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cockpit.models import (
    Alarm,
    AuditEvent,
    DispatchState,
    DispatchTask,
    Incident,
    IncidentState,
)

DS, IS = DispatchState, IncidentState
LIVE = {IS.OPEN, IS.DISPATCHED, IS.ON_SITE}
ACTIVE = {DS.NOTIFIED, DS.ACCEPTED, DS.EN_ROUTE, DS.ON_SITE}
# The dispatch moves a control room accepts, pair by pair.
DISPATCH_ALLOWED = {
    (DS.NOTIFIED, DS.ACCEPTED), (DS.NOTIFIED, DS.EN_ROUTE), (DS.NOTIFIED, DS.ON_SITE), (DS.NOTIFIED, DS.DECLINED),
    (DS.NOTIFIED, DS.CANCELLED), (DS.ACCEPTED, DS.EN_ROUTE), (DS.ACCEPTED, DS.ON_SITE), (DS.ACCEPTED, DS.CANCELLED),
    (DS.EN_ROUTE, DS.ON_SITE), (DS.EN_ROUTE, DS.CANCELLED), (DS.ON_SITE, DS.DONE), (DS.ON_SITE, DS.CANCELLED),
}
NEXT = {DS.NOTIFIED: DS.ACCEPTED, DS.ACCEPTED: DS.EN_ROUTE, DS.EN_ROUTE: DS.ON_SITE, DS.ON_SITE: DS.DONE}
CANCELLABLE = {IS.OPEN, IS.DISPATCHED}  # before anyone arrived


def rows(session: Session) -> tuple[Any, ...]:
    """Every alarm, incident and dispatch row as stored (after a flush), and the number of audit events."""
    session.flush()
    tables = [Alarm.__table__, Incident.__table__, DispatchTask.__table__]
    stored = tuple(tuple(sorted(tuple(r) for r in session.execute(select(t)).all())) for t in tables)
    return (*stored, session.scalar(select(func.count()).select_from(AuditEvent)))
