"""The alarm queue panel: what to handle next, most urgent first, operable from the keyboard alone.

It renders AlarmQueueModel through AlarmFilterProxy and forwards intent as signals (acknowledge,
take, open); it never changes an alarm itself: the alarm service does, and its AlarmChanged comes
back through the bridge. Sounds and the P1 focus view are the main window's business: this panel
only says when (`soundRequested`, `p1Arrived`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cockpit.alarm_events import AlarmView
from cockpit.models.enums import AlarmKind, AlarmState

from .alarm_filter import ACTIVE, OPEN, AlarmFilterProxy
from .alarm_labels import kind_label, state_label
from .alarm_queue_model import AlarmQueueModel

logger = logging.getLogger(__name__)

# The rules file's colours (resources/alarm_rules.yaml); the main window passes the loaded ones.
DEFAULT_PRIORITY_COLOURS = {1: "#E53935", 2: "#FB8C00", 3: "#FDD835", 4: "#42A5F5"}
_COLUMN_WIDTHS = {"priority": 44, "kind": 120, "age": 96, "count": 48, "state": 110, "owner": 90}
_ACK_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class AlarmQueueWidget(QWidget):
    acknowledgeRequested = Signal(int)  # alarm id
    takeRequested = Signal(int)  # alarm id: the operator takes ownership
    openRequested = Signal(int)  # alarm id: show its details / incident
    alarmSelected = Signal(object)  # AlarmView of the current row
    p1Arrived = Signal(object)  # AlarmView: once per new P1, so the focus view can lock on at once
    soundRequested = Signal(str)  # the priority's sound name; once per batch, the most urgent one

    def __init__(self, model: AlarmQueueModel, priority_colours: Mapping[int, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alarmQueue")
        self.model = model
        self.proxy = AlarmFilterProxy(self)
        self.proxy.setSourceModel(model)
        self._colours = {**DEFAULT_PRIORITY_COLOURS, **(priority_colours or {})}
        self._sound: tuple[int, str] | None = None  # most urgent sound of the batch being applied

        self.badges: dict[int, QLabel] = {}
        badge_row = QHBoxLayout()
        for p in range(1, 5):
            badge = QLabel()
            badge.setObjectName("alarmBadge")
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            badge.setToolTip(self.tr("Open alarms of priority P%1").replace("%1", str(p)))
            self.badges[p] = badge
            badge_row.addWidget(badge)
        badge_row.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        badge_row.addWidget(self.summary)

        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("All types"), None)
        for kind in AlarmKind:
            self.kind_filter.addItem(kind_label(kind), kind.value)
        self.area_filter = QLineEdit()
        self.area_filter.setPlaceholderText(self.tr("Building or place…"))
        self.area_filter.setClearButtonEnabled(True)
        self.state_filter = QComboBox()
        self.state_filter.addItem(self.tr("All but suppressed"), ACTIVE)
        self.state_filter.addItem(self.tr("Open"), OPEN)
        for state in AlarmState:
            self.state_filter.addItem(state_label(state), state.value)
        filters = QHBoxLayout()
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.area_filter, 1)
        filters.addWidget(self.state_filter)
        for w in (self.kind_filter, self.state_filter):
            w.currentIndexChanged.connect(self._on_filter)
        self.area_filter.textChanged.connect(self._on_filter)

        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(badge_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

        model.alarmArrived.connect(self._on_alarm_arrived)
        model.batchApplied.connect(self._on_batch_applied)
        self._paint_badges()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("alarmTable")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        # Fixed row heights and column widths: anything "to contents" measures all 5,000 rows per change.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _COLUMN_WIDTHS.items():
            table.setColumnWidth(AlarmQueueModel.COLUMNS.index(column), width)
        header.setSectionResizeMode(AlarmQueueModel.COLUMNS.index("place"), QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(self._on_double_clicked)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        table.installEventFilter(self)
        return table

    # --- what the operator sees --------------------------------------------------------------------
    def current_alarm(self) -> AlarmView | None:
        """The selected alarm: keys act on what the operator sees highlighted, not on Qt's focus cursor."""
        row = self._selected_row()
        return self._alarm(row) if row >= 0 else None

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_alarm(self, alarm_id: int) -> bool:
        """Make the alarm current (e.g. when picked on the plan); False if hidden by the filter."""
        self.model.flush()
        source_row = self.model.row_of(alarm_id)
        row = self.proxy.mapFromSource(self.model.index(source_row, 0)).row() if source_row >= 0 else -1
        if row >= 0:
            self._select_row(row)
        return row >= 0

    def clear_filter(self) -> None:
        for w, value in ((self.kind_filter, 0), (self.state_filter, 0)):
            w.blockSignals(True)
            w.setCurrentIndex(value)
            w.blockSignals(False)
        self.area_filter.blockSignals(True)
        self.area_filter.clear()
        self.area_filter.blockSignals(False)
        self._on_filter()

    def select_next_unacknowledged(self, step: int = 1) -> AlarmView | None:
        """Walk the visible queue from the current row (wrapping) to the next alarm still `new`."""
        n = self.proxy.rowCount()
        current = self._selected_row()
        if current < 0:
            current = -1 if step > 0 else n  # nothing selected: start at an end
        for i in range(1, n + 1):
            row = (current + step * i) % n
            if row != current and self._alarm(row).state is AlarmState.NEW:
                self._select_row(row)
                return self._alarm(row)
        return None

    def _alarm(self, proxy_row: int) -> AlarmView:
        return self.model.alarm_at(self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row())

    def _select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _paint_badges(self) -> None:
        counts = self.model.open_counts()
        for p, badge in self.badges.items():
            count = counts.get(p, 0)
            badge.setText("P" + str(p) + "  " + str(count))
            lit = count > 0
            if badge.property("lit") != lit:  # restyle only when it changes: setStyleSheet is not free
                badge.setProperty("lit", lit)
                colour = self._colours[p]
                text = "#111111" if p == 3 else "#ffffff"
                badge.setStyleSheet("background: " + colour + "; color: " + text + ";" if lit else "")
        self.summary.setText(self.tr("%1 of %2 shown").replace("%1", str(self.proxy.rowCount()))
                             .replace("%2", str(self.model.rowCount())))

    # --- handlers ------------------------------------------------------------------------------------
    def _on_filter(self) -> None:
        kind = self.kind_filter.currentData()
        self.proxy.set_filter(AlarmKind(kind) if kind else None, self.area_filter.text(),
                              self.state_filter.currentData())
        self._paint_badges()

    def _on_alarm_arrived(self, alarm: AlarmView) -> None:
        if self._sound is None or alarm.priority < self._sound[0]:
            self._sound = (alarm.priority, alarm.sound)
        if alarm.priority == 1:
            self.p1Arrived.emit(alarm)

    def _on_batch_applied(self) -> None:
        if self._sound is not None:
            sound, self._sound = self._sound[1], None
            self.soundRequested.emit(sound)
        self._paint_badges()

    def _on_selection_changed(self) -> None:
        alarm = self.current_alarm()
        if alarm is not None:
            self.alarmSelected.emit(alarm)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.openRequested.emit(self._alarm(index.row()).id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            return self._on_key(event)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc from the filter bar (which ignores it) arrives here; other keys stay with their widget."""
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.clear_filter()
            event.accept()
        else:
            super().keyPressEvent(event)

    def _on_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        alarm = self.current_alarm()
        if key == Qt.Key.Key_Escape and mods == Qt.KeyboardModifier.NoModifier:
            self.clear_filter()
        elif key == Qt.Key.Key_Space and mods == Qt.KeyboardModifier.ControlModifier:
            if alarm is not None:
                self.takeRequested.emit(alarm.id)
        elif key in _ACK_KEYS and mods == Qt.KeyboardModifier.NoModifier:
            if alarm is not None:
                self.acknowledgeRequested.emit(alarm.id)
                self.select_next_unacknowledged()
        elif key in (Qt.Key.Key_N, Qt.Key.Key_J) and mods == Qt.KeyboardModifier.NoModifier:
            self.select_next_unacknowledged(1)
        elif key == Qt.Key.Key_K and mods == Qt.KeyboardModifier.NoModifier:
            self.select_next_unacknowledged(-1)
        else:
            return False
        event.accept()
        return True
