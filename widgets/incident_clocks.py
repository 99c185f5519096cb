"""The incident's SLA clocks: a big countdown to the arrival deadline and a line for the video lock.

Both derive from the incident's stored instants (cockpit.sla), never from when this widget started, so the
countdown reads the same after a restart. The arrival countdown turns amber under three minutes and red when
overdue; it stops at the first arrival and shows when that was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cockpit.incident_views import IncidentView
from cockpit.sla import ClockStatus, SlaTargets, arrival_clock, lock_clock

from .incident_labels import duration_text

WARN_BELOW_S = 180.0  # amber in the last three minutes
DEFAULT_TARGETS = SlaTargets()


def local_time(at: datetime) -> str:
    return QDateTime.fromSecsSinceEpoch(int(at.timestamp())).toString("HH:mm:ss")  # local time


def _restyle(widget: QWidget, name: str, value: str) -> None:
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class IncidentClocksWidget(QFrame):
    def __init__(self, targets: SlaTargets = DEFAULT_TARGETS, clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentClocks")
        self._targets, self._clock = targets, clock
        self._incident: IncidentView | None = None
        self.countdown = QLabel("—")
        self.countdown.setObjectName("arrivalCountdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.caption = QLabel()
        self.caption.setObjectName("hint")
        self.caption.setWordWrap(True)
        self.lock = QLabel()
        self.lock.setObjectName("lockClock")
        self.lock.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.caption)
        text.addWidget(self.lock)
        text.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.countdown)
        row.addSpacing(12)
        row.addLayout(text, 1)

    @property
    def level(self) -> str:
        return str(self.countdown.property("level") or "")

    def show_incident(self, incident: IncidentView | None) -> None:
        self._incident = incident
        self.refresh()

    def refresh(self) -> None:
        incident = self._incident
        if incident is None:
            self.countdown.setText("—")
            self.caption.setText("")
            self.lock.setText("")
            _restyle(self.countdown, "level", "idle")
            return
        now = self._clock()
        self._show_arrival(incident, now)
        self._show_lock(incident, now)

    def _show_arrival(self, incident: IncidentView, now: datetime) -> None:
        target = self._targets.arrival_s
        clock = arrival_clock(incident, target)
        reading = clock.at(now)
        minutes = f"{target / 60:g}"
        if reading.status in (ClockStatus.MET, ClockStatus.BREACHED) and clock.stopped_at is not None \
                and clock.stopped_at <= now:
            late = reading.elapsed_s - target
            self.countdown.setText(local_time(clock.stopped_at))
            caption = self.tr("Arrived %1 after the first alarm").replace("%1", duration_text(reading.elapsed_s))
            if late > 0:
                caption += " · " + self.tr("%1 late").replace("%1", duration_text(late))
            self.caption.setText(caption)
            level = "met" if reading.status is ClockStatus.MET else "bad"
        elif reading.status is ClockStatus.BREACHED:
            self.countdown.setText("+" + duration_text(-reading.remaining_s))
            self.caption.setText(self.tr("Overdue: nobody on site %1 minutes after the first alarm")
                                 .replace("%1", minutes))
            level = "bad"
        elif reading.status is ClockStatus.VOID:
            self.countdown.setText("—")
            self.caption.setText(self.tr("Ended before anyone had to arrive"))
            level = "idle"
        else:
            self.countdown.setText(duration_text(reading.remaining_s))
            self.caption.setText(self.tr("left to the %1-minute arrival deadline").replace("%1", minutes))
            level = "warn" if reading.remaining_s < WARN_BELOW_S else "ok"
        _restyle(self.countdown, "level", level)

    def _show_lock(self, incident: IncidentView, now: datetime) -> None:
        target = self._targets.lock_s
        clock = lock_clock(incident, target)
        reading = clock.at(now)
        seconds = f"{reading.elapsed_s:.1f}"
        if clock.stopped_at is not None and clock.stopped_at <= now:
            text = self.tr("Video locked in %1 s").replace("%1", seconds)
            if reading.status is ClockStatus.BREACHED:
                text += " · " + self.tr("target %1 s").replace("%1", f"{target:g}")
            level = "met" if reading.status is ClockStatus.MET else "bad"
        elif reading.status is ClockStatus.VOID:
            text, level = self.tr("Video lock not needed"), "idle"
        elif reading.status is ClockStatus.BREACHED:
            text = self.tr("No live picture of the place yet: %1").replace("%1", duration_text(reading.elapsed_s))
            level = "bad"
        else:
            text, level = self.tr("Locking video… %1 s").replace("%1", f"{reading.elapsed_s:.0f}"), "warn"
        self.lock.setText(text)
        _restyle(self.lock, "level", level)
