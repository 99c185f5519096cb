"""From an alarm to a closed incident with the simulator's real responders answering over a real Mosquitto."""

from __future__ import annotations

import json
import math
import queue

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion
from sqlalchemy import select

from cockpit.incident_views import AutoDispatched, IncidentChanged, ResponderMoved
from cockpit.incidents import DetailsRequired
from cockpit.models import (
    AlarmState,
    AuditEvent,
    DispatchState,
    IncidentState,
    Responder,
    ResponderStatus,
)

from .conftest import add_alarm, alarm_state, wait_for

GOAL = (222.0, 96.0)  # beside building 3: the guard at the east gate (id 3, at 280, 85.5) is nearest


def wire_listener(broker: tuple[str, int], topic: str) -> tuple[mqtt.Client, queue.Queue]:
    """An independent MQTT client: what really went over the wire."""
    seen: queue.Queue = queue.Queue()
    client = mqtt.Client(CallbackAPIVersion.VERSION2)
    client.on_message = lambda _c, _u, msg: seen.put((msg.topic, json.loads(msg.payload)))
    subscribed = queue.Queue()
    client.on_subscribe = lambda *_a: subscribed.put(True)
    client.connect(*broker)
    client.subscribe(topic, qos=1)
    client.loop_start()
    subscribed.get(timeout=5)
    return client, seen


def test_assign_walk_arrive_close(db, site, make_service, make_sim, events, operator, alarm_broker):
    make_sim(site)
    service = make_service(position_write_s=60.0)
    listener, wire = wire_listener(alarm_broker, f"cockpit/{site.code}/dispatch/+")
    try:
        alarm_id = add_alarm(db, site, *GOAL, age_s=5)
        opened = service.open_incident([alarm_id], operator)
        assert opened.state is IncidentState.OPEN and [a.id for a in opened.alarms] == [alarm_id]
        assert alarm_state(db, alarm_id) is AlarmState.IN_INCIDENT

        proposals = service.propose(opened.id)
        assert proposals[0].responder_id == 3 and 1 not in [p.responder_id for p in proposals]  # 1 is off duty
        assert proposals == sorted(proposals, key=lambda p: p.eta_s)
        best = proposals[0]  # along the walkways: longer than the straight line, at a guard's 1.4 m/s
        assert math.dist((280.0, 85.5), GOAL) < best.distance_m < 3 * math.dist((280.0, 85.5), GOAL)
        assert best.eta_s == pytest.approx(best.distance_m / 1.4) and not best.beyond_deadline

        dispatched = service.assign(opened.id, 3, operator)
        assert dispatched.state is IncidentState.DISPATCHED
        [task] = dispatched.dispatches
        assert task.state is DispatchState.NOTIFIED and task.eta_s == pytest.approx(proposals[0].eta_s)

        topic, command = wire.get(timeout=5)
        assert topic == f"cockpit/{site.code}/dispatch/3"
        assert {k: command[k] for k in ("responder", "incident", "x", "y", "task", "dispatch")} == {
            "responder": 3, "incident": f"INC-{opened.id}", "x": GOAL[0], "y": GOAL[1], "task": "fall",
            "dispatch": task.id}
        assert command["seq"] == 1 and len(command["id"]) == 32 and command["at"].endswith("Z")

        on_site = wait_for(lambda: (v := service.incident(opened.id)).state is IncidentState.ON_SITE and v,
                           what="the responder on site")
        assert on_site.arrived_at is not None and on_site.arrived_at >= opened.first_alarm_at
        [task] = on_site.dispatches
        assert task.state is DispatchState.ON_SITE and task.accepted_at <= task.arrived_at
        moves = [e.responder for e in events.of(ResponderMoved) if e.responder.id == 3]
        activities = [m.activity for m in moves]
        assert activities.index("notified") < activities.index("accepted") < activities.index("en_route") \
            < activities.index("on_site")
        assert len({(m.x, m.y) for m in moves}) > 3  # it walked, and the cockpit saw it move
        assert moves[-1].activity == "on_site" and abs(moves[-1].x - GOAL[0]) < 1 and abs(moves[-1].y - GOAL[1]) < 1

        with db.session() as session:
            trail = session.execute(select(AuditEvent.action, AuditEvent.username).where(
                AuditEvent.target_type == "incident", AuditEvent.target_id == opened.id).order_by(AuditEvent.id)).all()
            assert trail[:2] == [("incident.open", "operator"), ("dispatch.assign", "operator")]
            assert ("dispatch.on_site", "responder-3") in trail
            assert session.get(Responder, 3).status is ResponderStatus.BUSY

        # closing needs an outcome and a note; refused, nothing changes
        for outcome, note in (("", "fine"), ("handled_on_site", "  "), ("made_up", "fine")):
            with pytest.raises(DetailsRequired):
                service.close(opened.id, operator, outcome=outcome, note=note)
        assert service.incident(opened.id).state is IncidentState.ON_SITE

        closed = service.close(opened.id, operator, outcome="handled_on_site", note="Resident helped up, unhurt.")
        assert closed.state is IncidentState.CLOSED and closed.outcome == "handled_on_site"
        assert closed.dispatches[0].state is DispatchState.DONE
        assert alarm_state(db, alarm_id) is AlarmState.CLOSED
        _, cancel = wire.get(timeout=5)
        assert cancel["task"] == "cancel" and cancel["incident"] == f"INC-{opened.id}"
        wait_for(lambda: service.book.get(3).activity == "available", what="the guard released")
        assert isinstance(events.of(IncidentChanged)[-1], IncidentChanged)
        assert events.of(AutoDispatched) == []
    finally:
        listener.loop_stop()
        listener.disconnect()

    last = service.book.get(3)
    service.stop()  # positions are stored at the latest on stop (position_write_s=60 held them back)
    with db.session() as session:
        row = session.get(Responder, 3)
        assert (row.x, row.y, row.status) == (last.x, last.y, ResponderStatus.AVAILABLE)


def test_restart_keeps_the_incident_and_its_clocks(db, site, make_service, operator):
    first = make_service(mqtt=False)
    alarm_id = add_alarm(db, site, *GOAL, age_s=42)
    opened = first.open_incident([alarm_id], operator)
    first.assign(opened.id, 4, operator)
    first.stop()

    second = make_service(mqtt=False)
    [again] = second.open_incidents()
    assert again.id == opened.id and again.first_alarm_at == opened.first_alarm_at  # the clocks start there
    assert again.state is IncidentState.DISPATCHED and again.dispatches[0].responder_id == 4


def test_sop_steps_are_audited_and_read_back(db, site, make_service, operator):
    from services.dispatch import DispatchRefused

    service = make_service(mqtt=False)
    opened = service.open_incident([add_alarm(db, site, *GOAL)], operator)
    ticked = service.set_step(opened.id, "verify_video", True, operator)
    assert ticked.steps_done == {"verify_video"}
    assert service.set_step(opened.id, "verify_video", True, operator).steps_done == {"verify_video"}  # no-op
    service.set_step(opened.id, "call_resident", True, operator)
    assert service.set_step(opened.id, "verify_video", False, operator).steps_done == {"call_resident"}
    with pytest.raises(DispatchRefused):
        service.set_step(opened.id, "call_119", True, operator)  # a smoke step, not a fall's
    with db.session() as session:
        steps = session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "incident.sop_step")).all()
    assert [(d["step"], d["done"]) for d in steps] == [
        ("verify_video", True), ("call_resident", True), ("verify_video", False)]


def test_cancel_needs_a_reason_and_stands_everyone_down(db, site, make_service, operator):
    service = make_service(mqtt=False)
    alarm_id = add_alarm(db, site, *GOAL)
    opened = service.open_incident([alarm_id], operator)
    service.assign(opened.id, 3, operator)
    with pytest.raises(DetailsRequired):
        service.cancel(opened.id, operator, reason=" ")
    cancelled = service.cancel(opened.id, operator, reason="Opened twice for the same fall")
    assert cancelled.state is IncidentState.CLOSED and cancelled.outcome == "cancelled"
    assert cancelled.dispatches[0].state is DispatchState.CANCELLED
    assert alarm_state(db, alarm_id) is AlarmState.CLOSED


def test_on_the_demos_embedded_broker_over_mqtt_311(db, site, make_service, operator):
    """The demo joins the simulator's own amqtt broker after start, as main.py does (MQTT 3.1.1 only)."""
    from cockpit.walkways import WalkwayGraph
    from services.sim.feed import EmbeddedBroker, SensorFeed, SimulatedResponders

    with EmbeddedBroker() as broker:
        feed = SensorFeed(broker.host, broker.port, site.code).start()
        sim = SimulatedResponders(site, WalkwayGraph.from_site(site), feed, accept_delay_s=0.2, speed_factor=30.0,
                                  report_every_s=0.2)
        sim.start()
        service = make_service(mqtt=False)
        try:
            service.connect_mqtt(broker.host, broker.port, v5=False)
            opened = service.open_incident([add_alarm(db, site, *GOAL)], operator)
            service.assign(opened.id, 3, operator)
            wait_for(lambda: service.incident(opened.id).state is IncidentState.ON_SITE, what="on site via amqtt")
            assert service.feed_connected
        finally:
            service.stop()
            sim.stop()
            feed.stop()


def test_changes_made_elsewhere_are_announced(db, site, make_service, events, operator):
    """Another workstation assigns, the video lock stops the clock in the alarm service: every screen hears it."""
    from datetime import UTC, datetime

    from cockpit.models import Incident

    here = make_service(mqtt=False, escalate_every_s=0.2)
    there = make_service(mqtt=False, escalate_every_s=60.0, sink=lambda _e: None)  # a second workstation
    opened = here.open_incident([add_alarm(db, site, *GOAL)], operator)
    there.assign(opened.id, 4, operator)

    def announced(check):  # noqa: ANN001, ANN202
        return [e.incident for e in events.of(IncidentChanged) if e.incident.id == opened.id and check(e.incident)]

    wait_for(lambda: announced(lambda v: [d.responder_id for d in v.dispatches] == [4]), timeout_s=5,
             what="the assignment made elsewhere")
    locked_at = datetime.now(UTC)
    with db.session() as session:  # as AlarmOperations.record_lock does it
        session.get(Incident, opened.id).video_locked_at = locked_at
        session.commit()
    [view] = wait_for(lambda: announced(lambda v: v.video_locked_at is not None), timeout_s=5, what="the lock")
    assert abs((view.video_locked_at - locked_at).total_seconds()) < 0.001
    count = len(events.of(IncidentChanged))
    here.evaluate_now()
    assert len(events.of(IncidentChanged)) == count  # nothing new: nothing announced again
