"""Sensor events from the simulator's real feed publisher, through a real Mosquitto, into the database."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cockpit.models import (
    Alarm,
    AlarmKind,
    AlarmState,
    Device,
    MaintenanceWindow,
    Resident,
)
from services.alarms import AlarmIngestService
from services.sim.feed import topics

from .conftest import SITE, count_alarms, wait_for


def _alarms(engine) -> list[Alarm]:
    with Session(engine) as session:
        return list(session.scalars(select(Alarm).order_by(Alarm.id)))


def test_smoke_and_heart_rate_are_classified_and_announced(small_demo, make_ingest, feed, events):
    """Both backends: P1 for smoke, P1 for an elderly wearer living alone, and a younger wearer is P2."""
    from services.database import DatabaseService
    db = DatabaseService(small_demo.url.render_as_string(hide_password=False))
    with Session(small_demo) as session:  # WBL-0003's wearer: 75+, lives alone; WBL-0001's made young
        old = session.scalar(select(Resident).join(Device, Device.resident_id == Resident.id)
                             .where(Device.code == "WBL-0003"))
        young = session.scalar(select(Resident).join(Device, Device.resident_id == Resident.id)
                               .where(Device.code == "WBL-0001"))
        assert old is not None and young is not None
        old.birth_year, old.lives_alone, young.birth_year = 1940, True, 1990
        session.commit()
    ingest = make_ingest(database=db)
    feed.sensor_event("SMK-0001", "smoke_detector", "smoke", "alarm", 12.0, "%/m")
    feed.sensor_event("WBL-0003", "wearable", "heart_rate", "alarm", 150, "bpm")
    feed.sensor_event("WBL-0001", "wearable", "heart_rate", "alarm", 150, "bpm")
    assert feed.flush(5)
    wait_for(lambda: count_alarms(small_demo) == 3, what="3 alarms")
    by_code = {}
    with Session(small_demo) as session:
        for alarm, code in session.execute(select(Alarm, Device.code).join(Device, Device.id == Alarm.device_id)):
            by_code[code] = alarm
    smoke, old_hr, young_hr = by_code["SMK-0001"], by_code["WBL-0003"], by_code["WBL-0001"]
    assert (smoke.kind, smoke.priority, smoke.category, smoke.rule_name) == (AlarmKind.SMOKE, 1, "fire", "smoke")
    assert (old_hr.priority, old_hr.category, old_hr.rule_name) == (1, "life_safety", "heart_rate_elderly")
    assert old_hr.resident_id is not None and old_hr.building_id is not None and old_hr.x is not None
    assert (young_hr.priority, young_hr.rule_name) == (2, "heart_rate")
    assert smoke.source_ref.startswith("mqtt:") and smoke.state == AlarmState.NEW
    wait_for(lambda: len(events.new()) == 3, what="3 AlarmChanged(new=True)")
    views = {e.alarm.device_code: e.alarm for e in events.new()}
    assert views["WBL-0003"].colour == "#E53935" and views["WBL-0003"].sound == "alarm_p1_urgent"
    assert views["SMK-0001"].place and views["SMK-0001"].category_en == "Fire and gas"
    stats = ingest.stats()
    assert (stats.received, stats.persisted, stats.rejected) == (3, 3, 0) and stats.batch_p99_ms is not None
    db.stop()


def test_a_redelivered_message_id_is_stored_once(db, make_ingest, feed):
    ingest = make_ingest()
    payload = {"id": "a1b2c3", "device": "BTN-0001", "kind": "emergency_button", "type": "button",
               "state": "alarm", "value": "pressed", "at": topics.iso(time.time()), "seq": 1}
    for _ in range(3):
        feed.publish(topics.sensor_event(SITE, "BTN-0001"), payload)
    assert feed.flush(5)
    wait_for(lambda: ingest.stats().received == 3, what="3 received")
    wait_for(lambda: ingest.stats().redelivered == 2, what="2 recognised as redelivered")
    (alarm,) = _alarms(db.engine)
    assert alarm.kind == AlarmKind.EMERGENCY_BUTTON and alarm.repeat_count == 1 and alarm.priority == 1


def test_repeats_within_the_window_merge_with_a_count(db, make_ingest, feed, events):
    ingest = make_ingest(dedupe_window_s=60)
    for _ in range(4):
        feed.sensor_event("DOR-0001", "door_sensor", "door", "alarm", "open")
    feed.sensor_event("DOR-0001", "door_sensor", "door", "clear", "closed")
    assert feed.flush(5)
    wait_for(lambda: ingest.stats().received == 5, what="5 received")
    wait_for(lambda: ingest.stats().merged == 3 and ingest.stats().cleared == 1, what="merged and cleared")
    (alarm,) = _alarms(db.engine)
    assert alarm.repeat_count == 4 and alarm.state == AlarmState.NEW  # a clear ends nothing by itself
    assert "last_at" in alarm.details and "cleared_at" in alarm.details
    assert events.new()[0].alarm.id == alarm.id
    assert any(not e.new and e.alarm.repeat_count > 1 for e in events.items) or events.new()[0].alarm.repeat_count > 1


def test_outside_the_window_a_repeat_is_a_new_alarm(db, make_ingest, feed):
    ingest = make_ingest(dedupe_window_s=0.2)
    feed.sensor_event("DOR-0002", "door_sensor", "door", "alarm", "open")
    assert feed.flush(5)
    wait_for(lambda: ingest.stats().persisted == 1, what="first alarm")
    time.sleep(0.3)
    feed.sensor_event("DOR-0002", "door_sensor", "door", "alarm", "open")
    assert feed.flush(5)
    wait_for(lambda: ingest.stats().persisted == 2, what="second alarm")
    assert ingest.stats().merged == 0


def test_a_maintenance_window_suppresses_but_keeps_the_alarm(db, make_ingest, feed, events):
    now = datetime.now(UTC)
    with db.session() as session:
        smk = session.scalar(select(Device).where(Device.code == "SMK-0002"))
        session.add(MaintenanceWindow(site_id=smk.site_id, device_code="SMK-0002", starts_at=now - timedelta(hours=1),
                                      ends_at=now + timedelta(hours=1), reason="detector replaced"))
        session.add(MaintenanceWindow(site_id=smk.site_id, device_code="SMK-0003", starts_at=now - timedelta(hours=2),
                                      ends_at=now - timedelta(hours=1), reason="over"))
        session.commit()
    ingest = make_ingest()
    feed.sensor_event("SMK-0002", "smoke_detector", "smoke", "alarm", 12.0, "%/m")
    feed.sensor_event("SMK-0002", "smoke_detector", "smoke", "alarm", 12.0, "%/m")
    feed.sensor_event("SMK-0003", "smoke_detector", "smoke", "alarm", 12.0, "%/m")
    assert feed.flush(5)
    wait_for(lambda: ingest.stats().received == 3, what="3 received")
    wait_for(lambda: ingest.stats().suppressed == 2 and ingest.stats().persisted == 1, what="suppressed")
    states = {a.device_id: (a.state, a.repeat_count) for a in _alarms(db.engine)}
    assert sorted(states.values()) == [(AlarmState.NEW, 1), (AlarmState.SUPPRESSED, 2)]
    assert [e.alarm.state for e in events.items] == [AlarmState.NEW]  # the suppressed one is never shown


def test_malformed_and_unknown_messages_are_rejected_and_logged(db, make_ingest, feed, caplog):
    caplog.set_level(logging.WARNING)
    ingest = make_ingest()
    topic = topics.sensor_event(SITE, "SMK-0004")
    feed._client.publish(topic, b"{not json", qos=1)
    feed.publish(topic, {"id": "x1", "device": "SMK-0004", "type": "smoke"})  # no state
    feed.publish(topic, {"id": "x2", "device": "SMK-0004", "type": "lava", "state": "alarm", "at": "2026-11-24T14:25:07Z"})
    feed.sensor_event("NOPE-0001", "smoke_detector", "smoke", "alarm", 12.0)  # no such device
    feed.sensor_event("SMK-0004", "smoke_detector", "smoke", "alarm", 12.0)  # and a good one after them
    assert feed.flush(5)
    wait_for(lambda: ingest.stats().persisted == 1 and ingest.stats().rejected == 4, what="4 rejected, 1 stored")
    text = caplog.text
    assert "not JSON" in text and "unknown sensor type 'lava'" in text and "unknown device 'NOPE-0001'" in text
    assert count_alarms(db.engine) == 1


def test_a_burst_of_2000_is_persisted_and_acknowledged(db, make_ingest, feed, client_id):
    ingest = make_ingest(batch_max=500, batch_wait_ms=20)
    codes = [f"SMK-{i:04d}" for i in range(1, 18)] + [f"DOR-{i:04d}" for i in range(1, 5)]
    started = time.perf_counter()
    for i in range(2000):
        code = codes[i % len(codes)]
        feed.publish(topics.sensor_event(SITE, code), {
            "id": f"burst-{i}", "device": code, "kind": "x", "type": "smoke" if code[0] == "S" else "door",
            "state": "alarm", "at": topics.iso(time.time()), "seq": i})
    assert feed.flush(10)
    wait_for(lambda: ingest.stats().persisted + ingest.stats().merged == 2000, 20, "2,000 stored")
    elapsed = time.perf_counter() - started
    stats = ingest.stats()
    assert count_alarms(db.engine) == stats.persisted
    with Session(db.engine) as session:
        assert sum(session.scalars(select(Alarm.repeat_count))) == 2000
    ingest.stop()
    logging.getLogger(__name__).info("burst: 2000 in %.2f s, %d batches, largest %d, p99 %.1f ms",
                                     elapsed, stats.batches, stats.largest_batch, stats.batch_p99_ms)
    again = AlarmIngestService(db, lambda e: None, ingest.settings, mqtt=(feed.host, feed.port)).start()
    time.sleep(0.5)  # anything not acknowledged would come back now
    assert again.stats().received == 0
    again.stop()


def test_stop_drains_the_queue_and_a_restart_resumes_the_session(db, make_ingest, feed):
    """Messages published while the ingest is away wait in its persistent session; none is stored twice."""
    ingest = make_ingest()
    ingest.stop()
    for i in range(50):
        feed.sensor_event(f"SMK-{1 + i % 17:04d}", "smoke_detector", "smoke", "alarm", 12.0)
    assert feed.flush(5)
    again = make_ingest()
    wait_for(lambda: again.stats().received == 50, what="the 50 queued messages")
    wait_for(lambda: again.stats().persisted + again.stats().merged == 50, what="50 stored")
    with Session(db.engine) as session:
        assert sum(session.scalars(select(Alarm.repeat_count))) == 50

