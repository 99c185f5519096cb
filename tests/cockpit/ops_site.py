"""Test data for the incident domain: a small seeded site, alarms, and sessions that are rolled back after use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cockpit.audit import Actor
from cockpit.models import (
    Alarm,
    AlarmKind,
    AlarmSource,
    Building,
    BuildingKind,
    Responder,
    ResponderRole,
    ResponderStatus,
    Site,
    User,
)
from cockpit.roles import Role

T0 = datetime(2026, 11, 24, 2, 30, 0, 250_000, tzinfo=UTC)  # 10:30 in Asia/Shanghai


@dataclass(frozen=True)
class OpsSite:
    """Ids of what the seed wrote."""

    site_id: int
    other_site_id: int
    building_id: int
    responder_ids: tuple[int, ...]
    actor: Actor


def seed(session: Session) -> OpsSite:
    site = Site(code="OPS", name="ops test", width_m=200, depth_m=200)
    other = Site(code="OTHER", name="other site", width_m=50, depth_m=50)
    session.add_all([site, other])
    session.flush()
    building = Building(site_id=site.id, number=12, name="12幢", kind=BuildingKind.RESIDENTIAL,
                        footprint=[[0, 0], [10, 0], [10, 10]], levels=18, height_m=54)
    user = User(username="op", display_name="Operator", role=Role.OPERATOR, password_hash="x")
    responders = [
        Responder(site_id=site.id, name=f"R{i}", role=role, status=ResponderStatus.AVAILABLE, x=10.0 * i, y=5.0)
        for i, role in enumerate([ResponderRole.SECURITY_GUARD, ResponderRole.MEDIC, ResponderRole.PROPERTY_STAFF])
    ]
    session.add_all([building, user, *responders])
    session.flush()
    return OpsSite(site.id, other.id, building.id, tuple(r.id for r in responders),
                   Actor(user_id=user.id, username="op", role=Role.OPERATOR, workstation="test-ws"))


class RolledBack:
    """A session inside a transaction that is rolled back at the end (savepoints for the session's commits)."""

    def __init__(self, engine: Engine) -> None:
        self.connection = engine.connect()
        self.transaction = self.connection.begin()
        self.session = Session(bind=self.connection, join_transaction_mode="create_savepoint")

    def close(self) -> None:
        self.session.close()
        self.transaction.rollback()
        self.connection.close()


def make_alarm(session: Session, site_id: int, *, kind: AlarmKind = AlarmKind.FALL, priority: int = 2,
               received_at: datetime = T0, x: float | None = 50.0, y: float | None = 60.0,
               building_id: int | None = None) -> Alarm:
    alarm = Alarm(site_id=site_id, kind=kind, source=AlarmSource.SENSOR, priority=priority, x=x, y=y,
                  occurred_at=received_at - timedelta(milliseconds=300), received_at=received_at,
                  building_id=building_id, details={})
    session.add(alarm)
    session.flush()
    return alarm
