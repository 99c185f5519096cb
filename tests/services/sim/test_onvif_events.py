"""Events service: pull-point subscriptions fed by the EventHub, long-poll, expiry, over real SOAP."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from lxml import etree
from onvif import ONVIFCamera
from zeep.exceptions import Fault
from zeep.plugins import HistoryPlugin

from services.sim.model import CameraEvent, EventHub

from .test_onvif_support import (PASSWORD, LoopThread, Running, fault_codes, make_camera, post, soap_envelope, start_device, username_token)

TT = "http://www.onvif.org/ver10/schema"
WSNT = "http://docs.oasis-open.org/wsn/b-2"
TEV = "http://www.onvif.org/ver10/events/wsdl"
LINE = "tns1:RuleEngine/LineDetector/Crossed"
MOTION = "tns1:VideoSource/MotionAlarm"


@pytest.fixture
def running(loop_thread: LoopThread) -> Iterator[Running]:
    run = start_device(loop_thread, make_camera(5))
    yield run
    loop_thread.run(run.device.stop())


def crossing(code: str, object_id: int = 7) -> CameraEvent:
    return CameraEvent(code, LINE, {"VideoSourceConfigurationToken": "vsc0",
                                    "VideoAnalyticsConfigurationToken": "vac0", "Rule": "NorthFence"},
                       {"ObjectId": str(object_id)}, datetime.now(UTC))


def notifications(envelope: etree._Element) -> list[dict]:
    """(topic, operation, source, data, utc) of each NotificationMessage in a PullMessagesResponse."""
    found = []
    for note in envelope.iter(f"{{{WSNT}}}NotificationMessage"):
        message = note.find(f"{{{WSNT}}}Message/{{{TT}}}Message")
        items = {part: {i.get("Name"): i.get("Value") for i in message.iterfind(f"{{{TT}}}{part}/{{{TT}}}SimpleItem")}
                 for part in ("Source", "Data")}
        topic = note.find(f"{{{WSNT}}}Topic")
        prefix, _, path = topic.text.partition(":")
        assert topic.nsmap[prefix] == "http://www.onvif.org/ver10/topics"
        found.append({"topic": f"tns1:{path}", "dialect": topic.get("Dialect"),
                      "operation": message.get("PropertyOperation"), "utc": message.get("UtcTime"), **items})
    return found


class PullPoint:
    """onvif-zeep's pull-point client, with the raw replies kept (zeep hides wsnt:Topic's text)."""

    def __init__(self, cam: ONVIFCamera, initial_termination: str | None = None) -> None:
        args = {"InitialTerminationTime": initial_termination} if initial_termination else {}
        created = cam.create_events_service().CreatePullPointSubscription(args)
        self.address = created.SubscriptionReference.Address._value_1
        self.created = created
        cam.xaddrs["http://www.onvif.org/ver10/events/wsdl/PullPointSubscription"] = self.address
        self.service = cam.create_pullpoint_service()
        self.history = HistoryPlugin()
        self.service.zeep_client.plugins.append(self.history)

    def pull(self, timeout: str = "PT2S", limit: int = 10) -> list[dict]:
        self.service.PullMessages({"Timeout": timeout, "MessageLimit": limit})
        return notifications(self.history.last_received["envelope"])


@pytest.fixture
def cam(running: Running) -> ONVIFCamera:
    return ONVIFCamera("127.0.0.1", running.port, "admin", PASSWORD)


def test_event_properties_announce_the_topic_set(running: Running) -> None:
    body = '<GetEventProperties xmlns="http://www.onvif.org/ver10/events/wsdl"/>'
    reply = post(f"http://127.0.0.1:{running.port}/onvif/events_service",
                 soap_envelope(body, username_token("admin", PASSWORD)))
    assert reply.status_code == 200
    root = etree.fromstring(reply.content)
    topics = set()
    for leaf in root.iter():
        if leaf.get("{http://docs.oasis-open.org/wsn/t-1}topic") == "true":
            path = [leaf]
            while path[-1].getparent().tag != "{http://docs.oasis-open.org/wsn/t-1}TopicSet":
                path.append(path[-1].getparent())
            topics.add("tns1:" + "/".join(etree.QName(e).localname for e in reversed(path)))
            assert leaf.find(f"{{{TT}}}MessageDescription") is not None
    assert topics == {MOTION, "tns1:VideoSource/GlobalSceneChange/ImagingService", LINE,
                      "tns1:RuleEngine/FieldDetector/ObjectsInside", "tns1:RuleEngine/CellMotionDetector/Motion"}
    dialects = {e.text for e in root.iter(f"{{{WSNT}}}TopicExpressionDialect")}
    assert "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet" in dialects


def test_pull_messages_returns_a_published_event(cam: ONVIFCamera, running: Running) -> None:
    point = PullPoint(cam)
    assert point.created.TerminationTime > point.created.CurrentTime
    first = point.pull(timeout="PT0S")
    assert {(m["topic"], m["operation"]) for m in first} >= {(MOTION, "Initialized")}
    assert running.hub.publish(crossing(running.camera.code, 42)) >= 1
    got = point.pull()
    assert len(got) == 1
    message = got[0]
    assert message["topic"] == LINE
    assert message["dialect"] == "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet"
    assert message["operation"] == "Changed"
    assert message["Source"]["Rule"] == "NorthFence"
    assert message["Data"] == {"ObjectId": "42"}
    assert point.pull(timeout="PT0.2S") == []


def test_message_limit_and_property_changes(cam: ONVIFCamera, running: Running) -> None:
    point = PullPoint(cam)
    point.pull(timeout="PT0S", limit=100)  # the Initialized states
    for i in range(5):
        running.hub.publish(crossing(running.camera.code, i))
    assert [m["Data"]["ObjectId"] for m in point.pull(limit=3)] == ["0", "1", "2"]
    assert [m["Data"]["ObjectId"] for m in point.pull(limit=3)] == ["3", "4"]
    running.hub.publish(CameraEvent(running.camera.code, MOTION, {"Source": "vs0"}, {"State": "true"},
                                    datetime.now(UTC)))
    assert point.pull()[0]["Data"] == {"State": "true"}
    later = PullPoint(cam)  # a new subscriber learns the current state first
    states = {m["topic"]: m for m in later.pull(timeout="PT0S", limit=100)}
    assert states[MOTION]["operation"] == "Initialized"
    assert states[MOTION]["Data"] == {"State": "true"}
    point.service.SetSynchronizationPoint()
    assert MOTION in {m["topic"] for m in point.pull(timeout="PT0S", limit=100)}


def test_a_waiting_pull_does_not_block_the_device(cam: ONVIFCamera, running: Running) -> None:
    point = PullPoint(cam)
    point.pull(timeout="PT0S", limit=100)
    result: dict[str, object] = {}

    def waiting_pull() -> None:
        started = time.monotonic()
        result["messages"] = point.pull(timeout="PT5S")
        result["waited"] = time.monotonic() - started

    thread = threading.Thread(target=waiting_pull)
    thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    assert cam.devicemgmt.GetDeviceInformation().Model == "SimCam-4MP"
    assert time.monotonic() - started < 0.5
    time.sleep(0.2)
    running.hub.publish(crossing(running.camera.code, 9))
    thread.join(5)
    assert [m["Data"]["ObjectId"] for m in result["messages"]] == ["9"]
    assert 0.3 < result["waited"] < 2.0


def test_unrenewed_subscription_expires_and_frees_its_hub_queue(cam: ONVIFCamera, running: Running) -> None:
    probe = CameraEvent(running.camera.code, "tns1:Test/Probe", {}, {}, datetime.now(UTC))
    before = running.hub.publish(probe)
    short = PullPoint(cam, initial_termination="PT1S")
    kept = PullPoint(cam, initial_termination="PT1S")
    assert running.hub.publish(probe) == before + 2
    renew = cam.create_events_service().zeep_client.create_service(
        "{http://www.onvif.org/ver10/events/wsdl}SubscriptionManagerBinding", kept.address)
    renewed = renew.Renew(TerminationTime="PT30S")
    assert renewed.TerminationTime - renewed.CurrentTime >= timedelta(seconds=29)
    time.sleep(2.0)
    assert running.hub.publish(probe) == before + 1
    with pytest.raises(Fault) as gone:
        short.service.ws_client.PullMessages(Timeout="PT0S", MessageLimit=1)
    assert [q.localname for q in gone.value.subcodes] == ["InvalidArgVal"]
    assert kept.pull(timeout="PT0S", limit=100)  # still alive: Initialized states and the probes
    renew.Unsubscribe()
    assert running.hub.publish(probe) == before
    with pytest.raises(Fault):
        kept.service.ws_client.PullMessages(Timeout="PT0S", MessageLimit=1)


def test_topic_filter_and_device_clock(loop_thread: LoopThread) -> None:
    hub = EventHub()
    run = start_device(loop_thread, make_camera(6, clock_offset_s=3600.0), hub)
    try:
        url = f"http://127.0.0.1:{run.port}/onvif/events_service"
        token = username_token("admin", PASSWORD, created=datetime.now(UTC) + timedelta(hours=1))
        body = ('<CreatePullPointSubscription xmlns="http://www.onvif.org/ver10/events/wsdl">'
                '<Filter><TopicExpression xmlns="http://docs.oasis-open.org/wsn/b-2" xmlns:a="http://www.onvif.org/ver10/topics"'
                ' Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">a:RuleEngine//.</TopicExpression>'
                "</Filter><InitialTerminationTime>PT10S</InitialTerminationTime></CreatePullPointSubscription>")
        created = post(url, soap_envelope(body, token))
        assert created.status_code == 200, created.text
        address = etree.fromstring(created.content).findtext(".//{http://www.w3.org/2005/08/addressing}Address")
        hub.publish(CameraEvent(run.camera.code, MOTION, {"Source": "vs0"}, {"State": "true"}, datetime.now(UTC)))
        hub.publish(crossing(run.camera.code, 5))
        pull = ('<PullMessages xmlns="http://www.onvif.org/ver10/events/wsdl"><Timeout>PT1S</Timeout>'
                "<MessageLimit>10</MessageLimit></PullMessages>")
        token = username_token("admin", PASSWORD, created=datetime.now(UTC) + timedelta(hours=1))
        got = notifications(etree.fromstring(post(address, soap_envelope(pull, token)).content))
        assert [m["topic"] for m in got] == [LINE]
        utc = datetime.fromisoformat(got[0]["utc"])
        assert abs(utc - (datetime.now(UTC) + timedelta(hours=1))) < timedelta(seconds=5)
        too_long = pull.replace("PT1S", "PT10M")
        token = username_token("admin", PASSWORD, created=datetime.now(UTC) + timedelta(hours=1))
        refused = post(address, soap_envelope(too_long, token))
        assert refused.status_code == 400
        assert fault_codes(refused)[:2] == ["env:Sender", "ter:InvalidArgVal"]
        assert etree.fromstring(refused.content).findtext(f".//{{{TEV}}}MaxTimeout") == "PT60S"
    finally:
        loop_thread.run(run.device.stop())
