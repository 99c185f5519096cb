"""Keeps the warm pool (services/video/warm_pool.py) on the cameras the live alarms make likely.

Live alarms of any priority are signs (cockpit/warm_cameras.py); the cameras the video lock would choose
for their places are ranked, those already on screen (wall, focus view) left out, and the pool keeps
the first ones its budget allows. Work is batched: alarm events are collected and handled at most every
REFRESH_MS, and camera choices are cached per place, so a flood of sensor alarms costs the UI thread
little (bench alarms measures it). A slow timer refreshes the ranking as signs fade and CPU is measured.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from cockpit.alarm_events import AlarmChanged, AlarmView
from cockpit.models import AlarmState
from cockpit.warm_cameras import WarmPlanner
from services.video.warm_pool import WarmPool

REFRESH_MS = 200  # alarm events are handled in batches this far apart
IDLE_REFRESH_MS = 5000  # signs fade, CPU is measured, the screen changed
LIVE = frozenset({AlarmState.NEW, AlarmState.ACKNOWLEDGED, AlarmState.IN_INCIDENT})
CACHE_MAX = 4096

Choose = Callable[[AlarmView], list[Any]]  # an alarm -> its LockChoices, best first (VideoLockController.choices_for)


class WarmStreams(QObject):
    def __init__(self, pool: WarmPool, planner: WarmPlanner, choose: Choose, on_screen: Callable[[], set[str]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool, self.planner = pool, planner
        self._choose, self._on_screen = choose, on_screen
        self._waiting: dict[int, AlarmView] = {}
        self._choices: dict[tuple, tuple[str, ...]] = {}  # place -> the cameras that see it, best first
        self.wanted: list[str] = []  # what the last refresh asked the pool to keep
        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.setInterval(REFRESH_MS)
        self._batch.timeout.connect(self.refresh)
        self._idle = QTimer(self)
        self._idle.setInterval(IDLE_REFRESH_MS)
        self._idle.timeout.connect(self.refresh)
        self._idle.start()

    def on_alarm_changed(self, event: AlarmChanged) -> None:
        self._waiting[event.alarm.id] = event.alarm
        self.schedule()

    def add_alarms(self, alarms: list[AlarmView]) -> None:
        """Alarms still open at start-up: signs like new ones."""
        for alarm in alarms:
            self._waiting[alarm.id] = alarm
        self.schedule()

    def schedule(self) -> None:
        """Something changed (an alarm, the wall, the focus view): refresh soon, once."""
        if not self._batch.isActive():
            self._batch.start()

    def cameras_changed(self) -> None:
        """Availability changed: choices per place are recomputed."""
        self._choices.clear()
        self.schedule()

    def refresh(self) -> None:
        waiting, self._waiting = self._waiting, {}
        for alarm in waiting.values():
            if alarm.state in LIVE:
                self.planner.note(alarm.id, alarm.priority, self._cameras_for(alarm), alarm.received_at.timestamp())
            else:
                self.planner.forget(alarm.id)
        self.wanted = self.pool.want(self.planner.ranked(time.time(), exclude=self._on_screen()))

    def _cameras_for(self, alarm: AlarmView) -> tuple[str, ...]:
        key = (alarm.device_code, alarm.x, alarm.y)
        found = self._choices.get(key)
        if found is None:
            if len(self._choices) >= CACHE_MAX:
                self._choices.clear()
            found = self._choices[key] = tuple(c.code for c in self._choose(alarm)[:2])
        return found

    def close(self) -> None:
        self._batch.stop()
        self._idle.stop()
        self.pool.want([])
