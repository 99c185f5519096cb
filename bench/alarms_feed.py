"""The sensor side of the alarm benchmark and the cockpit crash test: a private Mosquitto, the simulator's real
feed publisher (SensorFeed) paced or flat out, and a bare paho subscriber as the pipe's physical limit.

    python -m bench.alarms_feed subscribe HOST PORT FILTER N     # the bare subscriber (a child process)
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from services.sim.feed import topics
from services.sim.feed.publisher import SensorFeed
from tools.mosquitto import mosquitto  # noqa: F401 (the bench's broker; tests import it from here too)

ROOT = Path(__file__).resolve().parents[1]

# Sensor message "type" (docs/sim/FEED.md) with an alarm value and unit; every sensor is made to send each
# type so that the burst holds distinct alarms (same type + device within 60 s merges into one alarm).
TYPES: tuple[tuple[str, object, str | None], ...] = (
    ("smoke", 12.0, "%/m"), ("heart_rate", 150, "bpm"), ("button", "pressed", None), ("door", "open", None),
    ("gas", 30.0, "%LEL"), ("water_leak", "wet", None), ("fall", "detected", None))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sensors(db_url: str) -> list[tuple[str, str]]:
    """(code, kind) of the site's sensors (every device but cameras and gates), as the simulator's feed knows them."""
    from sqlalchemy import create_engine, select

    from cockpit.models import Device, DeviceKind

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(Device.code, Device.kind)
                                .where(Device.kind.not_in([DeviceKind.CAMERA, DeviceKind.ACCESS_GATE]))
                                .order_by(Device.code))
            return [(code, str(kind)) for code, kind in rows]
    finally:
        engine.dispose()


@dataclass
class Published:
    """What a publishing run sent: message ids (the cockpit stores "mqtt:<id>") and how long it took."""

    ids: list[str] = field(default_factory=list)
    started: float = 0.0  # time.time()
    seconds: float = 0.0  # first publish to last publish

    @property
    def rate(self) -> float:
        return len(self.ids) / self.seconds if self.seconds > 0 else 0.0


class AlarmLoad:
    """Sensor alarms through SensorFeed: message i is type i // n of sensor i % n (n sensors), so the first
    n × 7 messages are distinct alarms and later ones repeat (merge into) them."""

    def __init__(self, feed: SensorFeed, sensors: list[tuple[str, str]]) -> None:
        if not sensors:
            raise ValueError("no sensors on the site")
        self.feed, self.sensors, self.next = feed, sensors, 0

    @property
    def distinct(self) -> int:
        return len(self.sensors) * len(TYPES)

    def send(self, out: Published) -> None:
        i, n = self.next, len(self.sensors)
        type_, value, unit = TYPES[(i // n) % len(TYPES)]
        code, kind = self.sensors[i % n]
        payload = self.feed.sensor_event(code, kind, type_, "alarm", value, unit)
        out.ids.append(payload["id"])
        self.next += 1

    def paced(self, rate: float, seconds: float) -> Published:
        """`rate` messages a second for `seconds`, each sent when due on one schedule (no drift)."""
        out = Published(started=time.time())
        total = round(rate * seconds)
        t0 = time.perf_counter()
        while len(out.ids) < total:
            due = min(total, int((time.perf_counter() - t0) * rate) + 1)
            while len(out.ids) < due:
                self.send(out)
            wait = t0 + len(out.ids) / rate - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
        out.seconds = time.perf_counter() - t0
        return out

    def flat_out(self, count: int, flush_every: int = 250) -> Published:
        """As fast as the feed goes. SensorFeed rescans its list of unconfirmed messages on every publish once it
        holds more than 256 (quadratic when the broker's acks fall behind: ~400/s instead of ~4,000/s), so this
        waits for the broker's acks every `flush_every` messages."""
        out = Published(started=time.time())
        t0 = time.perf_counter()
        for i in range(count):
            self.send(out)
            if (i + 1) % flush_every == 0:
                self.feed.flush(30)
        out.seconds = time.perf_counter() - t0
        return out


def bare_subscriber_rate(broker: tuple[str, int], site: str, sensors: list[tuple[str, str]], count: int) -> dict:
    """The pipe's limit: the same publisher flat out → Mosquitto → a bare paho subscriber (MQTT 5, QoS 1,
    Receive Maximum 1000 like the cockpit, automatic acks, nothing stored) in its own process."""
    filter_ = topics.sensor_event(site, "+")
    child = subprocess.Popen([sys.executable, "-m", "bench.alarms_feed", "subscribe", broker[0], str(broker[1]),
                              filter_, str(count)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            raise RuntimeError("the bare subscriber did not start")
        feed = SensorFeed(*broker, site).start()
        try:
            sent = AlarmLoad(feed, sensors).flat_out(count)
            feed.flush(30)
        finally:
            feed.stop()
        result = json.loads(child.stdout.readline() or "{}")
    finally:
        child.kill()
        child.wait(5)
    if result.get("received") != count:
        raise RuntimeError(f"the bare subscriber got {result.get('received')} of {count}")
    seconds = result["last_at"] - sent.started
    return {"messages": count, "publish_rate": round(sent.rate), "receive_rate": round(count / seconds),
            "seconds": round(seconds, 3)}


def _subscribe(host: str, port: int, filter_: str, count: int) -> None:
    import threading

    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion
    from paho.mqtt.packettypes import PacketTypes
    from paho.mqtt.properties import Properties

    received, done, subscribed = [0], threading.Event(), threading.Event()
    first_at, last_at = [0.0], [0.0]

    def on_message(_c: object, _u: object, msg: mqtt.MQTTMessage) -> None:
        json.loads(msg.payload)  # the cockpit parses every message too
        received[0] += 1
        if received[0] == 1:
            first_at[0] = time.time()
        if received[0] >= count:
            last_at[0] = time.time()
            done.set()

    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"bench-bare-{uuid.uuid4().hex[:8]}",
                         protocol=mqtt.MQTTv5)
    client.on_connect = lambda c, *_a: c.subscribe(filter_, qos=1)
    client.on_subscribe = lambda *_a: subscribed.set()
    client.on_message = on_message
    props = Properties(PacketTypes.CONNECT)
    props.ReceiveMaximum = 1000
    client.connect(host, port, 30, properties=props)
    client.loop_start()
    if not subscribed.wait(10):
        raise SystemExit("not subscribed")
    print("ready", flush=True)
    done.wait(120)
    print(json.dumps({"received": received[0], "first_at": first_at[0], "last_at": last_at[0] or time.time()}),
          flush=True)
    client.disconnect()
    client.loop_stop()


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "subscribe":
        _subscribe(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
    else:
        raise SystemExit(__doc__)
