"""WarmStreams keeps the pool on the cameras live alarms make likely: batched, on-screen cameras left out,
handled alarms forgotten, and the choices per place computed once."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from datetime import UTC, datetime

from cockpit.alarm_events import AlarmChanged, AlarmView
from cockpit.models import AlarmKind, AlarmSource, AlarmState
from cockpit.warm_cameras import WarmPlanner
from services.video.warm_pool import WarmPool
from widgets.warm_streams import REFRESH_MS, WarmStreams


def _alarm(alarm_id: int, priority: int, x: float, state: AlarmState = AlarmState.NEW) -> AlarmView:
    now = datetime.now(UTC)
    return AlarmView(alarm_id, AlarmKind.MOTION, AlarmSource.ANALYTICS, state, priority, "security", "Security",
                     "安全", "#ffffff", "chime", "motion", None, "plaza", None, x, 0.0, now, now)


class Choices:
    """The lock's camera choice by place: x = 1 → CAM-1 then CAM-9, x = 2 → CAM-2 …; calls are counted."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, alarm: AlarmView) -> list:
        self.calls += 1
        return [type("C", (), {"code": code})() for code in (f"CAM-{alarm.x:g}", "CAM-9")]


def test_live_alarms_rank_their_cameras_and_what_is_on_screen_or_handled_drops_out(qtbot) -> None:
    pending: Future = Future()  # streams never open here: only what is asked of the pool is looked at
    pool = WarmPool(lambda code, main: pending, max_streams=3)
    on_screen: set[str] = set()
    choices = Choices()
    warm = WarmStreams(pool, WarmPlanner(), choices, lambda: set(on_screen))
    warm.on_alarm_changed(AlarmChanged(_alarm(1, 4, 1), new=True))
    warm.on_alarm_changed(AlarmChanged(_alarm(2, 2, 2), new=True))
    assert warm.wanted == []  # batched: nothing until the refresh
    qtbot.waitUntil(lambda: bool(warm.wanted), timeout=REFRESH_MS * 5)
    assert warm.wanted == ["CAM-2", "CAM-9", "CAM-1"]  # P2's camera, the runner-up of both, the P4's

    on_screen.add("CAM-2")  # the focus view shows it now
    warm.schedule()
    qtbot.waitUntil(lambda: "CAM-2" not in warm.wanted, timeout=REFRESH_MS * 5)
    assert pool.stats().warm == ("CAM-1", "CAM-9")

    warm.on_alarm_changed(AlarmChanged(_alarm(1, 4, 1, AlarmState.CLOSED), new=False))
    qtbot.waitUntil(lambda: "CAM-1" not in warm.wanted, timeout=REFRESH_MS * 5)
    assert warm.wanted == ["CAM-9"]

    for i in range(50):  # a repeating sensor at one place: one camera choice
        warm.on_alarm_changed(AlarmChanged(replace(_alarm(2, 2, 2), repeat_count=i + 2), new=False))
    qtbot.waitUntil(lambda: not warm._batch.isActive(), timeout=REFRESH_MS * 5)
    assert choices.calls == 2
    warm.close()
    assert pool.stats().warm == ()
