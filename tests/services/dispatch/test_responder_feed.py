"""What comes over the responder feed: malformed and unknown messages are logged and ignored, duplicates and
stale ones are dropped, and the service carries on."""

from __future__ import annotations

import json
import logging
import uuid

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from cockpit.incident_views import ResponderMoved
from services.dispatch.feed import Rejected, parse_report

from .conftest import wait_for


def publisher(broker: tuple[str, int]) -> mqtt.Client:
    client = mqtt.Client(CallbackAPIVersion.VERSION2)
    client.connect(*broker)
    client.loop_start()
    return client


def state(responder: int, status: str = "en_route", *, at: str = "2026-11-24T02:30:00.000Z", seq: int = 1,
          **extra: object) -> dict:
    return {"id": uuid.uuid4().hex, "responder": responder, "status": status, "x": 100.0, "y": 50.0,
            "incident": None, "at": at, "seq": seq, **extra}


def send(client: mqtt.Client, topic: str, payload: bytes | dict) -> None:
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    client.publish(topic, data, qos=1).wait_for_publish(5)


def test_malformed_and_unknown_messages_are_logged_and_ignored(site, make_service, events, alarm_broker, caplog):
    service = make_service()
    client = publisher(alarm_broker)
    base = f"cockpit/{site.code}/responders"
    caplog.set_level(logging.WARNING, logger="services.dispatch")
    try:
        bad = [
            (f"{base}/2/state", b"\xff\xfe not utf-8"),
            (f"{base}/2/state", b"{not json"),
            (f"{base}/2/state", b"[1, 2, 3]"),
            (f"{base}/2/state", state(2, "teleporting")),
            (f"{base}/2/state", {**state(2), "x": "north"}),
            (f"{base}/2/state", {**state(2), "y": float("nan")}),
            (f"{base}/2/state", {**state(2), "at": "yesterday"}),
            (f"{base}/2/state", state(3)),  # says it is 3 on 2's topic
            (f"{base}/2/state", {k: v for k, v in state(2).items() if k != "id"}),
            (f"{base}/two/state", state(2)),
        ]
        for topic, payload in bad:
            send(client, topic, payload)
        send(client, f"{base}/9999/state", state(9999))  # well formed, but no such responder here
        send(client, f"{base}/2/state", state(2, "en_route", eta_s=12.5, distance_m=17.0))  # fine
        wait_for(lambda: any(e.responder.id == 2 for e in events.of(ResponderMoved)), what="the good message")
    finally:
        client.loop_stop()
        client.disconnect()
    stats = service.stats()
    assert (stats.rejected, stats.unknown, stats.applied) == (len(bad), 1, 1)
    moved = next(e.responder for e in events.of(ResponderMoved) if e.responder.id == 2)
    assert (moved.x, moved.y, moved.activity, moved.eta_s, moved.distance_m) == (100.0, 50.0, "en_route", 12.5, 17.0)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert sum("ignored" in w for w in warnings) == len(bad) + 1  # each one said why; none crashed the thread
    assert any("unknown status 'teleporting'" in w for w in warnings)
    assert any("not a responder of site" in w for w in warnings)
    service.evaluate_now()  # the dispatch thread is alive and answering


def test_duplicates_and_stale_reports_are_dropped(site, make_service, events, alarm_broker):
    service = make_service()
    client = publisher(alarm_broker)
    topic = f"cockpit/{site.code}/responders/4/state"
    try:
        newer = state(4, "en_route", at="2026-11-24T02:30:05.000Z", seq=7)
        send(client, topic, newer)
        send(client, topic, newer)  # QoS 1 redelivery: same id
        send(client, topic, {**state(4, "accepted", at="2026-11-24T02:30:04.000Z", seq=6), "x": 1.0})  # late
        send(client, topic, {**state(4, "en_route", at="2026-11-24T02:30:05.000Z", seq=8), "x": 101.0})  # same ms
        send(client, topic, {**state(4, "en_route", at="2026-11-24T02:30:06.000Z", seq=1), "x": 102.0})  # restarted
        wait_for(lambda: service.stats().received == 5, what="all five")
        service.evaluate_now()  # queued behind them: all five were judged
    finally:
        client.loop_stop()
        client.disconnect()
    stats = service.stats()
    assert (stats.applied, stats.duplicates, stats.stale) == (3, 1, 1)
    assert [e.responder.x for e in events.of(ResponderMoved) if e.responder.id == 4] == [100.0, 101.0, 102.0]


def test_parse_report_reads_the_simulators_format():
    payload = json.dumps({"id": "a" * 32, "responder": 2, "status": "en_route", "x": 120.4, "y": 87.0,
                          "incident": "INC-42", "role": "security_guard", "distance_m": 38.2, "eta_s": 21.2,
                          "at": "2026-11-24T14:25:07.989Z", "seq": 7}).encode()
    report = parse_report("cockpit/DEMO/responders/2/state", payload, "DEMO")
    assert (report.responder_id, report.incident_id, report.eta_s, report.seq) == (2, 42, 21.2, 7)
    assert report.at.isoformat() == "2026-11-24T14:25:07.989000+00:00"
    with pytest.raises(Rejected, match="site DEMO"):
        parse_report("cockpit/OTHER/responders/2/state", payload, "DEMO")
    other = parse_report("cockpit/DEMO/responders/2/state", payload.replace(b"INC-42", b"job 42"), "DEMO")
    assert other.incident_id is None  # not one of ours: no dispatch is moved by it
