"""Minimal database rows the recorder links to: a site, a camera, a user, incidents and alarms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cockpit.audit import Actor
from cockpit.models import (
    Alarm,
    AlarmKind,
    AlarmSource,
    Camera,
    Device,
    DeviceKind,
    Incident,
    IncidentState,
    Recording,
    RecordingReason,
    Site,
    User,
    utcnow,
)
from cockpit.roles import Role
from services.database import DatabaseService


@dataclass(frozen=True)
class Fixture:
    site_id: int
    camera_id: int
    actor: Actor


def add_site(db: DatabaseService, code: str = "CAM-T") -> Fixture:
    with db.session() as s:
        site = Site(code="T", name="Test", width_m=100, depth_m=100, timezone="UTC", boundary=[])
        s.add(site)
        s.flush()
        device = Device(site_id=site.id, kind=DeviceKind.CAMERA, code=code, name="Test gate", x=50, y=10)
        s.add(device)
        s.flush()
        camera = Camera(device_id=device.id, heading_deg=0, fov_deg=70, range_m=60)
        user = User(username="operator", display_name="Operator", role=Role.OPERATOR, password_hash="x")
        s.add_all([camera, user])
        s.commit()
        return Fixture(site.id, camera.id, Actor(user.id, user.username, user.role))


def add_incident(db: DatabaseService, site_id: int, state: IncidentState = IncidentState.OPEN) -> int:
    with db.session() as s:
        incident = Incident(site_id=site_id, title="Fall in lobby", kind=AlarmKind.FALL, priority=1, state=state,
                            first_alarm_at=utcnow())
        s.add(incident)
        s.commit()
        return incident.id


def add_alarm(db: DatabaseService, site_id: int, incident_id: int | None = None) -> int:
    with db.session() as s:
        alarm = Alarm(site_id=site_id, kind=AlarmKind.FALL, source=AlarmSource.CAMERA, occurred_at=utcnow(),
                      incident_id=incident_id)
        s.add(alarm)
        s.commit()
        return alarm.id


def set_incident_state(db: DatabaseService, incident_id: int, state: IncidentState) -> None:
    with db.session() as s:
        s.get(Incident, incident_id).state = state  # type: ignore[union-attr]
        s.commit()


def add_clip(db: DatabaseService, directory: Path, name: str, size: int, started_at: datetime, *,
             incident_id: int | None = None, alarm_id: int | None = None, evidence: bool = False,
             file: bool = True) -> int:
    """A recording row and a file of `size` bytes (retention reads sizes, never contents)."""
    if file:
        (directory / name).write_bytes(b"\0" * size)
    with db.session() as s:
        row = Recording(camera_code="CAM-T", started_at=started_at, ended_at=started_at + timedelta(seconds=150),
                        path=name, size_bytes=size, container="mp4", codec="h264", reason=RecordingReason.ALARM,
                        incident_id=incident_id, alarm_id=alarm_id, evidence=evidence)
        s.add(row)
        s.commit()
        return row.id
