"""The demo's own broker (amqtt, MQTT 3.1.1 only): the ingest joins it after start, over MQTT 3.1.1."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cockpit.models import Alarm, AlarmKind
from services.sim.feed import EmbeddedBroker, SensorFeed

from .conftest import SITE, count_alarms, wait_for


def test_sensor_alarms_arrive_through_the_embedded_broker_once_each(db, make_ingest, events):
    with EmbeddedBroker() as broker:
        host, port = broker.host, broker.port
        ingest = make_ingest(mqtt=False)  # started without a broker, like the demo before its simulator
        ingest.connect_mqtt(host, port, v5=False, timeout_s=10)
        feed = SensorFeed(host, port, SITE).start()
        try:
            feed.sensor_event("SMK-0001", "smoke_detector", "smoke", "alarm", 12.0, "%/m")
            feed.sensor_event("SMK-0001", "smoke_detector", "smoke", "alarm", 12.0, "%/m")  # a repeat: merged
            assert feed.flush(5)
            wait_for(lambda: count_alarms(db.engine) == 1 and ingest.stats().merged == 1, what="1 alarm, 1 merge")
        finally:
            feed.stop()
    with Session(db.engine) as session:
        alarm = session.scalars(select(Alarm)).one()
    assert (alarm.kind, alarm.priority, alarm.repeat_count) == (AlarmKind.SMOKE, 1, 2)
    assert alarm.source_ref.startswith("mqtt:")
    assert len(events.new()) == 1
