"""Alarms on the site plan: open ones ringed in their colour, new ones pulse, closed ones leave; bursts stay cheap."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pyqtgraph as pg

from cockpit.alarm_events import AlarmView
from cockpit.models import AlarmKind, AlarmSource, AlarmState
from widgets.plan_alarms import MAX_RINGS, PlanAlarms


def view(i: int, priority: int = 2, state: AlarmState = AlarmState.NEW, x: float | None = 10.0) -> AlarmView:
    now = datetime.now(UTC)
    return AlarmView(i, AlarmKind.CROWD, AlarmSource.ANALYTICS, state, priority, "public_order", "Order", "秩序",
                     "#ff0000" if priority == 1 else "#ffaa00", "chime", "r", None, "here", None, x, 20.0,
                     now, now + timedelta(seconds=i))


def test_rings_follow_the_alarms_state(qtbot) -> None:
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    rings = PlanAlarms(plot, plot)
    rings.apply(view(1))
    rings.apply(view(2, x=None))  # no place: nothing to draw
    qtbot.waitUntil(lambda: len(rings.pulse.data) == 1, timeout=1_000)
    assert rings.pulsing  # a new alarm pulses
    sizes = set()
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        qtbot.wait(100)
        sizes.add(round(rings.pulse.opacity(), 2))
    assert len(sizes) > 3  # it really pulses
    rings.apply(replace(view(1), state=AlarmState.ACKNOWLEDGED))
    qtbot.waitUntil(lambda: not rings.pulsing, timeout=1_000)
    assert len(rings.steady.data) == 1 and len(rings.pulse.data) == 0  # acknowledged: a steady ring
    rings.apply(replace(view(1), state=AlarmState.CLOSED))
    qtbot.waitUntil(lambda: len(rings.steady.data) == 0, timeout=1_000)


def test_a_burst_is_drawn_once_and_capped_most_urgent_first(qtbot) -> None:
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    rings = PlanAlarms(plot, plot)
    draws = []
    rings._soon.timeout.connect(lambda: draws.append(1))
    for i in range(5_000):
        rings.apply(view(i, priority=1 if i % 1000 == 999 else 3))
    qtbot.waitUntil(lambda: len(rings.pulse.data) == MAX_RINGS, timeout=2_000)
    assert [a.id for a in rings.shown[:5]] == [999, 1999, 2999, 3999, 4999]  # the P1s first
    assert len(draws) == 1  # one redraw for the whole burst, not one per alarm
