"""The main window wired as main.py wires it: I opens an incident from the alarm selected in the queue, the queue
sees the alarm join it, responders reported by the feed move on the site plan, alerts reach the status bar."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt

from cockpit.alarm_events import AlarmChanged
from cockpit.config import Config
from cockpit.incident_views import ResponderMoved
from cockpit.models import (
    Alarm,
    AlarmKind,
    AlarmSource,
    AlarmState,
    DeviceKind,
    IncidentState,
    ResponderStatus,
)
from main import _alarms, _dispatch
from services.alarms.views import load_view
from widgets.main_window import MainWindow


def test_open_an_incident_with_i_and_watch_responders_move(qtbot, demo):
    actor = demo.actor("operator")
    config = Config()
    ingest, alarm_desk = _alarms(config, demo.db, actor, demo=True)
    dispatch, desk = _dispatch(config, demo.db, demo.snapshot, actor, ingest, alarm_desk)
    dispatch.start()
    try:
        window = MainWindow(replace(demo.services(actor), alarms=alarm_desk, dispatch=desk))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.actions_by_name["openIncident"].shortcut().toString() == "I"

        button = next(d for d in demo.snapshot.sensors if d.kind is DeviceKind.EMERGENCY_BUTTON)
        announce_alarm(demo, alarm_desk, button, ingest.rules)  # as the ingest stores and announces it
        queue = window.alarm_queue
        qtbot.waitUntil(lambda: window.alarm_model.rowCount() == 1, timeout=5000)
        alarm = window.alarm_model.alarm_at(0)
        queue.select_alarm(alarm.id)
        queue.table.setFocus()
        qtbot.keyClick(queue.table, Qt.Key.Key_I)

        panel = window.incident_panel
        qtbot.waitUntil(lambda: panel.current() is not None, timeout=5000)
        incident = panel.current()
        assert [a.id for a in incident.alarms] == [alarm.id] and incident.state is IncidentState.OPEN
        assert incident.place == button.name
        qtbot.waitUntil(lambda: window.alarm_model.alarm_at(0).state is AlarmState.IN_INCIDENT, timeout=5000)
        assert window.plan.marker_position == (incident.x, incident.y)  # the plan shows where

        qtbot.keyClick(queue.table, Qt.Key.Key_I)  # again: its incident is shown, no second one
        qtbot.wait(200)
        assert len(panel.incidents()) == 1

        walker = next(r for r in dispatch.responders() if r.status is ResponderStatus.AVAILABLE)
        layer = window.plan.responder_layer
        assert layer.state_of(walker.id) == "available"
        moved = replace(walker, x=walker.x + 25.0, y=walker.y - 10.0, status=ResponderStatus.BUSY,
                        activity="en_route", incident_id=incident.id, eta_s=40.0, distance_m=60.0)
        feeder = threading.Thread(target=lambda: desk.bridge.sink(ResponderMoved(moved)))
        feeder.start()
        feeder.join()
        qtbot.waitUntil(lambda: layer.position_of(walker.id) == (moved.x, moved.y), timeout=2000)
        assert layer.state_of(walker.id) == "on_job"
    finally:
        dispatch.stop()


def announce_alarm(demo, alarm_desk, device, rules) -> None:  # noqa: ANN001
    """A stored alarm of `device` announced on the alarm bridge from another thread, as the ingest's writer does."""
    now = datetime.now(UTC)
    with demo.db.session() as session:
        alarm = Alarm(site_id=demo.snapshot.site_id, kind=AlarmKind.EMERGENCY_BUTTON, source=AlarmSource.SENSOR,
                      state=AlarmState.NEW, priority=1, device_id=device.id, building_id=device.building_id,
                      x=device.x, y=device.y, occurred_at=now, received_at=now, details={})
        session.add(alarm)
        session.commit()
        view = load_view(session, alarm, rules)
    writer = threading.Thread(target=lambda: alarm_desk.bridge.sink(AlarmChanged(view, new=True)))
    writer.start()
    writer.join()


def test_supervisor_alerts_show_in_the_status_bar(qtbot, demo):
    from cockpit.config import DispatchConfig

    from .incident_fixtures import store_alarm

    actor = demo.actor("operator")
    config = Config(dispatch=DispatchConfig(arrival_target_s=10.0, escalate_every_s=0.2))
    ingest, alarm_desk = _alarms(config, demo.db, actor, demo=True)
    dispatch, desk = _dispatch(config, demo.db, demo.snapshot, actor, ingest, alarm_desk)
    dispatch.start()
    try:
        window = MainWindow(replace(demo.services(actor), alarms=alarm_desk, dispatch=desk))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        badge = window.incident_panel.alert_badge
        assert badge.parentWidget() is not None and not badge.isVisible()
        dispatch.open_incident([store_alarm(demo, age_s=30)], actor)  # 30 s old, 10 s promised
        qtbot.waitUntil(lambda: badge.isVisible(), timeout=5000)
        assert "1 supervisor alert" in badge.text()
        window.incident_panel.select_incident(-1)  # nothing happens for an unknown id
        qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)
        assert window.incident_panel.current().open_alerts
    finally:
        dispatch.stop()
