"""The MQTT feed against a real Mosquitto and the embedded broker: topics, payloads, QoS, retained heartbeats."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from services.sim.feed import EmbeddedBroker, SensorFeed, SimulatedSensors, topics

from .conftest import Listener


@pytest.fixture
def site_code() -> str:
    """A fresh site code per test, so retained messages of other tests never show up."""
    return f"T{uuid.uuid4().hex[:6]}"


def test_sensor_events_arrive_on_their_topic_with_the_documented_payload(mosquitto, site_code):
    listener = Listener(*mosquitto, topics.sensors_filter(site_code))
    feed = SensorFeed(*mosquitto, site_code).start()
    try:
        sent = [feed.sensor_event("SMK-0001", "smoke_detector", "smoke", "alarm", 12.0, "%/m"),
                feed.sensor_event("SMK-0001", "smoke_detector", "smoke", "clear", 0.0, "%/m"),
                feed.sensor_event("WBL-0002", "wearable", "heart_rate", "alarm", 150, "bpm")]
        assert feed.flush(5)
        got = listener.collect(5, lambda out: len(out) == 3)
    finally:
        feed.stop()
        listener.close()
    assert [t for t, _, _ in got] == [f"cockpit/{site_code}/sensors/SMK-0001/event"] * 2 + \
        [f"cockpit/{site_code}/sensors/WBL-0002/event"]
    assert [p for _, p, _ in got] == sent
    first = got[0][1]
    assert set(first) == {"id", "device", "kind", "type", "state", "value", "unit", "at", "seq"}
    assert (first["device"], first["kind"], first["type"], first["state"], first["value"]) == \
        ("SMK-0001", "smoke_detector", "smoke", "alarm", 12.0)
    assert datetime.fromisoformat(first["at"]).timestamp() == pytest.approx(time.time(), abs=10)
    assert [p["seq"] for _, p, _ in got] == [1, 2, 1]  # per device
    assert len({p["id"] for _, p, _ in got}) == 3


def test_heartbeats_are_retained_and_carry_the_latest_state(mosquitto, sim_site, site_code):
    feed = SensorFeed(*mosquitto, site_code).start()
    sensors = SimulatedSensors(sim_site.snapshot, feed, interval_s=0.5)
    silent = sim_site.snapshot.sensors[0].code
    sensors.silence(silent)
    try:
        feed.sensor_event("SMK-0003", "smoke_detector", "smoke", "alarm", 9.0)
        assert sensors.beat_all() == len(sim_site.snapshot.sensors) - 1
        feed.publish(f"cockpit/{site_code}/test/barrier", {}, qos=1)  # acknowledged after all before it
        assert feed.flush(5)
        # a product that connects later still learns every live sensor's status at once
        late = Listener(*mosquitto, f"cockpit/{site_code}/sensors/+/heartbeat")
        got = late.collect(5, lambda out: len(out) >= len(sim_site.snapshot.sensors) - 1)
        sensors.start()  # then they keep coming, spread over the interval
        more = late.collect(1.0)
        late.close()
    finally:
        sensors.stop()
        feed.stop()
    beats = {t.split("/")[3]: (p, retained) for t, p, retained in got}
    assert len(beats) == len(sim_site.snapshot.sensors) - 1 and silent not in beats
    assert all(retained and p["status"] == "online" and 55 <= p["battery_pct"] <= 100
               for p, retained in beats.values())
    assert beats["SMK-0003"][0]["state"] == "alarm" and beats["SMK-0004"][0]["state"] == "clear"
    live = {t.split("/")[3] for t, _, retained in more if not retained}
    assert len(live) >= len(sim_site.snapshot.sensors) - 3 and silent not in live


def test_a_subscriber_sees_dispatch_commands_with_their_responder(mosquitto, site_code):
    received: list[tuple[int, dict]] = []
    done = threading.Event()
    sim = SensorFeed(*mosquitto, site_code).start()
    sim.on_dispatch(lambda rid, cmd: (received.append((rid, cmd)), done.set()))
    product = SensorFeed(*mosquitto, site_code).start()
    try:
        time.sleep(0.2)  # the subscription is on its way
        sent = product.dispatch(3, "INC-1", 10.0, 20.0, "fall")
        assert done.wait(5)
    finally:
        product.stop()
        sim.stop()
    assert received == [(3, sent)]
    assert sent["incident"] == "INC-1" and sent["task"] == "fall" and (sent["x"], sent["y"]) == (10.0, 20.0)


def test_the_embedded_broker_serves_paho_end_to_end():
    with EmbeddedBroker() as broker:
        host, port = broker.host, broker.port
        assert port > 0
        retained = mqtt.Client(CallbackAPIVersion.VERSION2)
        retained.connect(host, port)
        retained.loop_start()
        retained.publish("cockpit/E/sensors/SMK-1/heartbeat", b'{"status":"online"}', qos=0, retain=True)
        feed = SensorFeed(host, port, "E").start()
        listener = Listener(host, port, "cockpit/E/#")
        try:
            feed.sensor_event("BTN-0001", "emergency_button", "button", "alarm", "pressed")
            got = listener.collect(5, lambda out: len(out) == 2)
        finally:
            listener.close()
            feed.stop()
            retained.disconnect()
            retained.loop_stop()
    assert {t for t, _, _ in got} == {"cockpit/E/sensors/SMK-1/heartbeat", "cockpit/E/sensors/BTN-0001/event"}
    assert next(r for t, _, r in got if t.endswith("heartbeat"))  # delivered as retained
    assert next(p for t, p, _ in got if t.endswith("event"))["value"] == "pressed"
    assert not broker._thread  # stopped and joined


def test_feed_start_fails_clearly_without_a_broker():
    from tests.servers import _free_port

    with pytest.raises(TimeoutError, match="did not accept"):
        SensorFeed("127.0.0.1", _free_port(), "X").start(timeout_s=0.5)
