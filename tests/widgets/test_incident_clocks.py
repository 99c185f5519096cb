"""The arrival countdown and lock clock read the incident's stored instants: amber under 3 min, red when overdue,
stopped at the arrival — the same after a restart of the service."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from cockpit.incident_views import IncidentView
from cockpit.models import AlarmKind, IncidentState
from cockpit.sla import SlaTargets
from widgets.incident_clocks import IncidentClocksWidget, local_time

from .incident_fixtures import make_desk, make_panel, store_alarm  # noqa: F401 (fixtures)

T0 = datetime(2026, 11, 24, 2, 30, 0, tzinfo=UTC)


def incident(**changes) -> IncidentView:
    base = IncidentView(id=7, title="fall", kind=AlarmKind.FALL, priority=1, state=IncidentState.DISPATCHED,
                        place="12幢", building_id=None, x=1.0, y=2.0, first_alarm_at=T0, opened_at=T0)
    return replace(base, **changes)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def at(self, seconds: float) -> None:
        self.now = T0 + timedelta(seconds=seconds)


def test_countdown_from_the_first_alarm(qtbot):
    clock = Clock()
    clocks = IncidentClocksWidget(SlaTargets(), clock)
    qtbot.addWidget(clocks)
    clocks.show_incident(incident())
    clock.at(130)
    clocks.refresh()
    assert (clocks.countdown.text(), clocks.level) == ("7:50", "ok")
    assert "10-minute" in clocks.caption.text()
    clock.at(421)
    clocks.refresh()
    assert (clocks.countdown.text(), clocks.level) == ("2:59", "warn")  # amber under three minutes
    clock.at(700)
    clocks.refresh()
    assert (clocks.countdown.text(), clocks.level) == ("+1:40", "bad")  # red when overdue
    assert "Overdue" in clocks.caption.text()


def test_countdown_stops_at_the_arrival_and_says_when(qtbot):
    clock = Clock()
    clocks = IncidentClocksWidget(SlaTargets(), clock)
    qtbot.addWidget(clocks)
    arrived = T0 + timedelta(seconds=400)
    clocks.show_incident(incident(state=IncidentState.ON_SITE, arrived_at=arrived))
    clock.at(900)  # long after: the clock stopped at 6:40
    clocks.refresh()
    assert (clocks.countdown.text(), clocks.level) == (local_time(arrived), "met")
    assert "6:40" in clocks.caption.text() and "late" not in clocks.caption.text()
    clocks.show_incident(incident(state=IncidentState.ON_SITE, arrived_at=T0 + timedelta(seconds=725)))
    assert clocks.level == "bad" and "2:05 late" in clocks.caption.text()


def test_lock_clock(qtbot):
    clock = Clock()
    clocks = IncidentClocksWidget(SlaTargets(lock_s=10), clock)
    qtbot.addWidget(clocks)
    clocks.show_incident(incident(video_locked_at=T0 + timedelta(seconds=3.2)))
    clock.at(60)
    clocks.refresh()
    assert clocks.lock.text() == "Video locked in 3.2 s" and clocks.lock.property("level") == "met"
    clocks.show_incident(incident())
    assert clocks.lock.property("level") == "bad" and "1:00" in clocks.lock.text()  # 60 s, no picture yet
    clock.at(4)
    clocks.refresh()
    assert clocks.lock.property("level") == "warn"


def test_the_panel_countdown_survives_a_restart(qtbot, demo, make_desk, make_panel):
    first = make_desk()
    alarm_id = store_alarm(demo, age_s=130)
    opened = first.service.open_incident([alarm_id], first.actor)
    first.service.stop()  # the cockpit closes; the incident stays in the database

    panel = make_panel()  # a new service and panel read it back
    qtbot.waitUntil(lambda: panel.current() is not None, timeout=5000)
    assert panel.current().id == opened.id
    minutes, seconds = panel.clocks.countdown.text().split(":")
    assert minutes == "7" and 45 <= int(seconds) <= 50  # 10:00 − 2:10, whatever the panel's own age
    assert panel.clocks.level == "ok"
