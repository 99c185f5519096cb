"""Camera events and submitted alarms (video analytics, manual) through the same writer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cockpit.cameras import CameraEventKind, CameraEventReceived
from cockpit.models import Alarm, AlarmKind, AlarmSource, AlarmState, Building, Device
from services.alarms import AlarmInput

from .conftest import count_alarms, wait_for


def _event(kind: CameraEventKind, *, active: bool | None = True, initial: bool = False, code: str = "CAM-001",
           at: datetime | None = None) -> CameraEventReceived:
    return CameraEventReceived(code, kind, f"tns1:RuleEngine/{kind.value}", at or datetime.now(UTC), active,
                               source={"Rule": "r1"}, initial=initial)


def test_camera_events_become_alarms_at_the_camera(db, make_ingest, events):
    ingest = make_ingest(mqtt=False)
    t0 = datetime.now(UTC)
    ingest.camera_sink(_event(CameraEventKind.INTRUSION, at=t0))
    ingest.camera_sink(_event(CameraEventKind.INTRUSION, at=t0))  # the same event again: one alarm
    ingest.camera_sink(_event(CameraEventKind.MOTION, initial=True))  # state at subscription: no alarm
    ingest.camera_sink(_event(CameraEventKind.TAMPER, active=False))  # detector went quiet: no alarm
    ingest.camera_sink(_event(CameraEventKind.OTHER))
    ingest.camera_sink("not an event")
    ingest.camera_sink(_event(CameraEventKind.LINE_CROSSING, code="CAM-002", at=t0 + timedelta(seconds=1)))
    wait_for(lambda: len(events.new()) == 2, what="2 camera alarms")
    with Session(db.engine) as session:
        rows = session.execute(select(Alarm, Device).join(Device, Device.id == Alarm.device_id)
                               .order_by(Alarm.id)).all()
    assert [(a.kind, d.code) for a, d in rows] == [(AlarmKind.INTRUSION, "CAM-001"),
                                                   (AlarmKind.LINE_CROSSING, "CAM-002")]
    intrusion, cam = rows[0]
    assert (intrusion.source, intrusion.x, intrusion.y) == (AlarmSource.CAMERA, cam.x, cam.y)
    assert intrusion.rule_name in ("intrusion_day", "intrusion_night") and intrusion.category == "security"
    assert ingest.stats().redelivered == 1


def test_submitted_alarms_complete_their_future_after_commit(db, make_ingest, events):
    ingest = make_ingest(mqtt=False)
    with Session(db.engine) as session:
        building = session.scalars(select(Building).order_by(Building.number)).first()
    now = datetime.now(UTC)
    fall = ingest.submit(AlarmInput(AlarmKind.FALL, AlarmSource.ANALYTICS, now, x=10.0, y=20.0,
                                    building_id=building.id, source_ref="va:1")).result(5)
    assert fall.status == "new" and count_alarms(db.engine, id=fall.alarm_id) == 1  # committed when done
    again = ingest.submit(AlarmInput(AlarmKind.FALL, AlarmSource.ANALYTICS, now, x=11.0, y=21.0,
                                     building_id=building.id, source_ref="va:2")).result(5)
    assert (again.status, again.alarm_id) == ("merged", fall.alarm_id)  # same place (5 m cell), same kind
    far = ingest.submit(AlarmInput(AlarmKind.FALL, AlarmSource.MANUAL, now, x=90.0, y=90.0)).result(5)
    assert far.status == "new" and far.alarm_id != fall.alarm_id
    nowhere = ingest.submit(AlarmInput(AlarmKind.FALL, AlarmSource.MANUAL, now)).result(5)
    assert nowhere.status == "rejected"
    view = next(e.alarm for e in events.new() if e.alarm.id == fall.alarm_id)
    assert view.place == building.name and view.rule_name == "fall" and view.priority == 2
    with Session(db.engine) as session:
        assert session.get(Alarm, fall.alarm_id).repeat_count == 2


def test_submit_before_start_is_an_error(db):
    from services.alarms import AlarmIngestService
    ingest = AlarmIngestService(db, lambda e: None)
    with pytest.raises(RuntimeError):
        ingest.submit(AlarmInput(AlarmKind.FALL, AlarmSource.MANUAL, datetime.now(UTC), x=1.0, y=1.0))
    assert AlarmState.NEW  # (the enum the queue sorts by)
