"""The alarm queue as a table model: rows keyed by alarm id, kept sorted by priority then age.

Why it is built this way: the ingest service may deliver thousands of AlarmChanged events in one
event-loop turn. `apply()` only records the newest event per id (O(1)); a timer applies them in
batches (0 ms after a quiet period, at most every 50 ms under load, at most MAX_BATCH per turn), so
the view sees one insert per priority block instead of one per alarm and the UI never stalls.
The model keeps its own order (a sorted list of keys, located by bisection) so "next unacknowledged"
and the proxy's filtering follow the queue order without a sorting proxy.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable
from itertools import islice

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from cockpit.alarm_events import AlarmChanged, AlarmView
from cockpit.models.enums import AlarmState

from .alarm_labels import kind_label, state_label
from .theme import COLORS

Index = QModelIndex | QPersistentModelIndex
Key = tuple[int, float, int]  # (priority, received_at as POSIX seconds, id): oldest first within a priority
ALARM_ROLE = Qt.ItemDataRole.UserRole + 1  # the AlarmView of the row
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2  # the AlarmView again, for the filter proxy
OPEN_STATES = frozenset({AlarmState.NEW, AlarmState.ACKNOWLEDGED, AlarmState.IN_INCIDENT})
MAX_BATCH = 2_000  # changes applied per event-loop turn; the rest follow on the next turn
BATCH_INTERVAL_MS = 50  # under load, at most one batch per interval
PULSE_MS = 80  # one timer pulses every unacknowledged P1 row
PULSE_PERIOD_S = 1.6
_DARK_TEXT = QColor("#111111")
_LIGHT_TEXT = QColor("#ffffff")


def _key(a: AlarmView) -> Key:
    return (a.priority, a.received_at.timestamp(), a.id)


def _filtered_fields(a: AlarmView) -> tuple:
    return (a.state, a.kind, a.place, a.device_code)


def _readable_on(colour: QColor) -> QColor:
    """Black text on light badges (P3 yellow), white on dark ones."""
    return _DARK_TEXT if colour.lightnessF() > 0.6 else _LIGHT_TEXT


class AlarmQueueModel(QAbstractTableModel):
    """Alarm rows in queue order. Feed it `apply(AlarmChanged)` (e.g. from AlarmBridge.alarmChanged)."""

    COLUMNS = ("priority", "kind", "place", "age", "count", "state", "owner")
    AGE = COLUMNS.index("age")

    alarmArrived = Signal(object)  # AlarmView: a new, live alarm got its row (once per id)
    batchApplied = Signal()  # rows or counts changed; badges refresh on this
    filterFieldsChanged = Signal()  # an existing row changed state, kind or place: filters must look again

    def __init__(self, parent=None, clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self._clock = clock
        self._now = clock()
        self._keys: list[Key] = []
        self._alarms: dict[int, AlarmView] = {}
        self._pending: dict[int, AlarmChanged] = {}
        self._open = dict.fromkeys(range(1, 5), 0)
        self._p1_new = 0
        self._last_flush = 0.0
        self._flush_timer = QTimer(self, singleShot=True, timeout=self._flush)
        self._age_timer = QTimer(self, interval=1000, timeout=self.tick)
        self._age_timer.start()
        self._pulse_timer = QTimer(self, interval=PULSE_MS, timeout=self._on_pulse)
        self._pulse = 0.0

    # --- feeding ----------------------------------------------------------------------------------
    def apply(self, event: AlarmChanged) -> None:
        """O(1): remember the newest change per alarm; the batch timer applies it."""
        earlier = self._pending.get(event.alarm.id)
        if earlier is not None and earlier.new and not event.new:
            event = AlarmChanged(event.alarm, new=True)
        self._pending[event.alarm.id] = event
        if not self._flush_timer.isActive():
            since_ms = (time.monotonic() - self._last_flush) * 1000
            self._flush_timer.start(max(0, int(BATCH_INTERVAL_MS - since_ms)))

    def extend(self, alarms: Iterable[AlarmView]) -> None:
        """Alarms already known at start-up: shown, but not announced (no sound, no P1 focus)."""
        for a in alarms:
            self.apply(AlarmChanged(a, new=False))

    def flush(self) -> None:
        """Apply every pending change now (tests, and before reading the model synchronously)."""
        while self._pending:
            self._flush()

    def _flush(self) -> None:
        self._last_flush = time.monotonic()
        batch = list(islice(self._pending.items(), MAX_BATCH))
        for alarm_id, _ in batch:
            del self._pending[alarm_id]
        inserts: list[AlarmView] = []
        arrivals: list[AlarmView] = []
        changed: list[int] = []
        refilter = False
        for alarm_id, event in batch:
            a, old = event.alarm, self._alarms.get(alarm_id)
            self._count(old, -1)
            self._count(a, +1)
            self._alarms[alarm_id] = a
            if old is None:
                inserts.append(a)
                if event.new and a.state not in (AlarmState.SUPPRESSED, AlarmState.CLOSED):
                    arrivals.append(a)
            elif _key(old) != _key(a):  # reclassified: leaves its place, is inserted at the new one
                row = bisect_left(self._keys, _key(old))
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._keys[row]
                self.endRemoveRows()
                inserts.append(a)
            else:
                changed.append(bisect_left(self._keys, _key(a)))
                refilter = refilter or _filtered_fields(old) != _filtered_fields(a)
        self._emit_changed(sorted(changed))
        if refilter:
            self.filterFieldsChanged.emit()
        self._insert(sorted(inserts, key=_key))
        for a in arrivals:
            self.alarmArrived.emit(a)
        if self._p1_new and not self._pulse_timer.isActive():
            self._pulse_timer.start()
        self.batchApplied.emit()
        if self._pending:
            self._flush_timer.start(0)

    def _emit_changed(self, rows: list[int]) -> None:
        last = len(self.COLUMNS) - 1
        start = prev = None
        for row in [*rows, None]:
            if start is not None and (row is None or row != prev + 1):
                self.dataChanged.emit(self.index(start, 0), self.index(prev, last))
                start = None
            if row is not None and start is None:
                start = row
            prev = row

    def _insert(self, alarms: list[AlarmView]) -> None:
        """Sorted new alarms go in as contiguous blocks, one beginInsertRows per block (≈ one per priority)."""
        i = 0
        while i < len(alarms):
            pos = bisect_left(self._keys, _key(alarms[i]))
            j = i + 1
            bound = self._keys[pos] if pos < len(self._keys) else None
            while j < len(alarms) and (bound is None or _key(alarms[j]) < bound):
                j += 1
            block = [_key(a) for a in alarms[i:j]]
            self.beginInsertRows(QModelIndex(), pos, pos + len(block) - 1)
            self._keys[pos:pos] = block
            self.endInsertRows()
            i = j

    def _count(self, a: AlarmView | None, delta: int) -> None:
        if a is None:
            return
        if a.state in OPEN_STATES:
            self._open[a.priority] = self._open.get(a.priority, 0) + delta
        if a.priority == 1 and a.state is AlarmState.NEW:
            self._p1_new += delta

    # --- reading ----------------------------------------------------------------------------------
    def alarm_at(self, row: int) -> AlarmView:
        return self._alarms[self._keys[row][2]]

    def alarm(self, alarm_id: int) -> AlarmView | None:
        return self._alarms.get(alarm_id)

    def row_of(self, alarm_id: int) -> int:
        """O(log n); -1 when the alarm is unknown or still pending."""
        a = self._alarms.get(alarm_id)
        if a is None:
            return -1
        row = bisect_left(self._keys, _key(a))
        return row if row < len(self._keys) and self._keys[row][2] == alarm_id else -1

    def open_counts(self) -> dict[int, int]:
        """Open (new, acknowledged, in incident) alarms per priority 1…4."""
        return dict(self._open)

    def pending(self) -> int:
        return len(self._pending)

    def age_text(self, seconds: float) -> str:
        s = max(0, int(seconds))
        if s < 60:
            return self.tr("%1 s").replace("%1", str(s))
        if s < 3600:
            return self.tr("%1 min %2 s").replace("%1", str(s // 60)).replace("%2", f"{s % 60:02d}")
        return self.tr("%1 h %2 min").replace("%1", str(s // 3600)).replace("%2", f"{s % 3600 // 60:02d}")

    # --- Qt model interface --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Priority"), self.tr("Type"), self.tr("Place"), self.tr("Waiting"),
                    self.tr("Repeats"), self.tr("State"), self.tr("Owner"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.alarm_at(index.row())
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(a, column)
        if role in (ALARM_ROLE, FILTER_ROLE):
            return a
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == "priority":
                return QColor(a.colour)
            if a.priority == 1 and a.state is AlarmState.NEW:
                c = QColor(a.colour)
                c.setAlphaF(0.10 + 0.22 * self._pulse)
                return c
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "priority":
                return _readable_on(QColor(a.colour))
            if column == "state" and a.state is AlarmState.NEW:
                return QColor(COLORS["alarm"])
            return None
        if role == Qt.ItemDataRole.FontRole and (column == "priority" or a.state is AlarmState.NEW):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("priority", "age", "count"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(p for p in (a.category_title(QLocale().name()), a.rule_name, a.device_code or "") if p)
        return None

    def _text(self, a: AlarmView, column: str) -> str:
        match column:
            case "priority":
                return "P" + str(a.priority)
            case "kind":
                return kind_label(a.kind)
            case "place":
                return a.place
            case "age":
                return self.age_text(self._now - a.received_at.timestamp())
            case "count":
                return "×" + str(a.repeat_count) if a.repeat_count > 1 else ""
            case "state":
                return state_label(a.state)
            case _:
                return a.owner or ""

    # --- timers ---------------------------------------------------------------------------------------
    def tick(self) -> None:
        """Once a second: ages move on. Only the age column, display role only (no re-filtering)."""
        self._now = self._clock()
        if self._keys:
            self.dataChanged.emit(self.index(0, self.AGE), self.index(len(self._keys) - 1, self.AGE),
                                  [Qt.ItemDataRole.DisplayRole])

    def _on_pulse(self) -> None:
        """Unacknowledged P1 rows breathe; they sit at the top, so one range covers them all."""
        self._pulse = 0.5 + 0.5 * math.sin(2 * math.pi * time.monotonic() / PULSE_PERIOD_S)
        end = bisect_left(self._keys, (2, -math.inf, 0))
        if self._p1_new == 0:
            self._pulse_timer.stop()
        if end:
            self.dataChanged.emit(self.index(0, 0), self.index(end - 1, len(self.COLUMNS) - 1),
                                  [Qt.ItemDataRole.BackgroundRole])
