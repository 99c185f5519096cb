"""What one batch writes, on SQLite and PostgreSQL: merges within a batch and across batches, the state read
fresh at each batch, source keys older than the writer's memory, inputs without a key (docs/ALARM_INGEST.md)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from cockpit.models import (
    Alarm,
    AlarmKind,
    AlarmSource,
    AlarmSourceRef,
    AlarmState,
    Building,
    Site,
)
from services.alarms import AlarmIngestService, AlarmInput, IngestSettings
from services.database import DatabaseService

from .conftest import SITE, Events


@pytest.fixture
def start_ingest(small_demo: Engine, events: Events) -> Iterator[Callable[..., AlarmIngestService]]:
    """An ingest without MQTT on the small demo site of each backend; a long batch wait by default, so that
    inputs submitted together land in one batch."""
    db = DatabaseService(small_demo.url.render_as_string(hide_password=False))
    started: list[AlarmIngestService] = []

    def start(**settings: object) -> AlarmIngestService:
        settings.setdefault("batch_wait_ms", 300.0)
        ingest = AlarmIngestService(db, events, IngestSettings(site=SITE, client_id=f"t-{uuid.uuid4().hex[:6]}",
                                                               **settings))  # type: ignore[arg-type]
        started.append(ingest.start())
        return ingest

    yield start
    for ingest in started:
        ingest.stop()
    db.stop()


def _smoke(code: str, ref: str | None, *, clear: bool = False) -> AlarmInput:
    return AlarmInput(AlarmKind.SMOKE, AlarmSource.SENSOR, datetime.now(UTC), device_code=code, source_ref=ref,
                      clear=clear, details={"value": 12.0})


def _alarm(engine: Engine, alarm_id: int) -> Alarm:
    with Session(engine) as session:
        alarm = session.get(Alarm, alarm_id)
        assert alarm is not None
        return alarm


def _refs(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return dict(session.execute(select(AlarmSourceRef.ref, AlarmSourceRef.alarm_id)).all())


def test_one_batch_merges_its_repeats_and_announces_each_alarm_once(small_demo, start_ingest, events):
    ingest = start_ingest()
    codes = ("SMK-0001", "SMK-0002", "SMK-0003")
    items = [_smoke(codes[i % 3], f"b1:{i}") for i in range(12)] + [_smoke("SMK-0001", "b1:0")]  # one redelivered
    outcomes = [f.result(10) for f in [ingest.submit(item) for item in items]]
    assert ingest.stats().batches == 1
    assert [o.status for o in outcomes] == ["new"] * 3 + ["merged"] * 9 + ["duplicate"]
    ids = [o.alarm_id for o in outcomes[:3]]
    assert len(set(ids)) == 3 and [o.alarm_id for o in outcomes[3:12]] == ids * 3 and outcomes[12].alarm_id is None
    for alarm_id in ids:
        alarm = _alarm(small_demo, alarm_id)
        assert alarm.repeat_count == 4 and alarm.state == AlarmState.NEW and "last_at" in alarm.details
        assert alarm.details["value"] == 12.0 and alarm.priority == 1 and alarm.rule_name == "smoke"
    assert _refs(small_demo) == {f"b1:{i}": ids[i % 3] for i in range(3, 12)}
    assert sorted((e.alarm.id, e.new, e.alarm.repeat_count) for e in events.items) == [(i, True, 4) for i in sorted(ids)]
    stats = ingest.stats()
    assert (stats.received, stats.persisted, stats.merged, stats.redelivered) == (13, 3, 9, 1)


def test_later_batches_merge_into_the_stored_alarm_as_it_is_now(small_demo, start_ingest, events):
    """Each batch reads the alarm's state, handling and video lock afresh (operators change them); a closed
    alarm takes no more repeats: the next one is a new alarm."""
    ingest = start_ingest(batch_wait_ms=5.0)
    first = ingest.submit(_smoke("SMK-0004", "b2:1")).result(10)
    assert ingest.submit(_smoke("SMK-0004", "b2:2")).result(10) == type(first)("merged", first.alarm_id)
    locked_at = datetime.now(UTC).replace(microsecond=0)
    with Session(small_demo) as session:
        alarm = session.get(Alarm, first.alarm_id)
        alarm.state, alarm.video_locked_at, alarm.lock_camera = AlarmState.ACKNOWLEDGED, locked_at, "CAM-001"
        session.commit()
    third = ingest.submit(_smoke("SMK-0004", "b2:3")).result(10)
    assert (third.status, third.alarm_id) == ("merged", first.alarm_id)
    view = events.items[-1].alarm
    assert (view.id, view.state, view.repeat_count, view.lock_camera, view.video_locked_at) == (
        first.alarm_id, AlarmState.ACKNOWLEDGED, 3, "CAM-001", locked_at)
    assert (view.kind, view.priority, view.category, view.device_code) == (AlarmKind.SMOKE, 1, "fire", "SMK-0004")
    assert view.received_at == events.items[0].alarm.received_at and not events.items[-1].new
    cleared = ingest.submit(_smoke("SMK-0004", "b2:4", clear=True)).result(10)
    assert (cleared.status, cleared.alarm_id) == ("cleared", first.alarm_id)
    alarm = _alarm(small_demo, first.alarm_id)
    assert alarm.repeat_count == 3 and "cleared_at" in alarm.details and alarm.state == AlarmState.ACKNOWLEDGED
    with Session(small_demo) as session:
        session.get(Alarm, first.alarm_id).state = AlarmState.CLOSED
        session.commit()
    fresh = ingest.submit(_smoke("SMK-0004", "b2:5")).result(10)
    assert fresh.status == "new" and fresh.alarm_id != first.alarm_id
    assert _alarm(small_demo, first.alarm_id).repeat_count == 3
    assert _refs(small_demo) == {"b2:2": first.alarm_id, "b2:3": first.alarm_id}
    assert [(e.alarm.id, e.new) for e in events.items] == [
        (first.alarm_id, True), (first.alarm_id, False), (first.alarm_id, False), (fresh.alarm_id, True)]


def test_a_source_key_older_than_the_writers_memory_is_found_in_the_database(small_demo, start_ingest):
    """The writer remembers the keys of the last hour; older ones (a session redelivered after a long
    outage) are looked up: stored once, whether an alarm's first key or a merged one."""
    long_ago = datetime.now(UTC) - timedelta(hours=3)
    with Session(small_demo) as session:
        site_id = session.scalar(select(Site.id).where(Site.code == SITE))
        old = Alarm(site_id=site_id, kind=AlarmKind.SMOKE, source=AlarmSource.SENSOR, state=AlarmState.CLOSED,
                    occurred_at=long_ago, received_at=long_ago, source_ref="old:1", details={})
        session.add(old)
        session.flush()
        session.add(AlarmSourceRef(ref="old:2", alarm_id=old.id, received_at=long_ago))
        session.commit()
    ingest = start_ingest()
    outcomes = [f.result(10) for f in [ingest.submit(_smoke("SMK-0005", ref)) for ref in ("old:1", "old:2", "new:1")]]
    assert [o.status for o in outcomes] == ["duplicate", "duplicate", "new"]
    assert ingest.stats().redelivered == 2
    with Session(small_demo) as session:
        assert session.scalars(select(Alarm.source_ref).order_by(Alarm.id)).all() == ["old:1", "new:1"]


def test_inputs_without_a_source_key_get_their_own_alarm_ids(small_demo, start_ingest, events):
    """Manual alarms have no key: their ids come back in the order of the rows, next to keyed ones."""
    ingest = start_ingest()
    with Session(small_demo) as session:
        building = session.scalars(select(Building).order_by(Building.number)).first()
    now = datetime.now(UTC)
    points = [(10.0, 10.0), (200.0, 40.0), (60.0, 300.0), (120.0, 120.0)]
    items = [AlarmInput(AlarmKind.FALL, AlarmSource.MANUAL, now, x=x, y=y, building_id=building.id) for x, y in points]
    items.insert(2, AlarmInput(AlarmKind.FALL, AlarmSource.ANALYTICS, now, x=500.0, y=500.0, source_ref="va:9"))
    outcomes = [f.result(10) for f in [ingest.submit(item) for item in items]]
    assert ingest.stats().batches == 1 and all(o.status == "new" for o in outcomes)
    assert len({o.alarm_id for o in outcomes}) == 5
    for item, outcome in zip(items, outcomes, strict=True):
        alarm = _alarm(small_demo, outcome.alarm_id)
        assert (alarm.x, alarm.y, alarm.source_ref) == (item.x, item.y, item.source_ref)
    views = {e.alarm.id: e.alarm for e in events.new()}
    assert views[outcomes[0].alarm_id].place == building.name and views[outcomes[2].alarm_id].place == "(500, 500)"
