"""Camera health panel: every camera's state, stream figures and recent problems; sortable, filterable."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cockpit.cameras import CameraHealth, CameraState

from .labels import label
from .theme import COLORS

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_COLOURS = {
    CameraState.ONLINE: COLORS["ok"],
    CameraState.CONNECTING: COLORS["warn"],
    CameraState.UNKNOWN: COLORS["muted"],
    CameraState.DISABLED: COLORS["muted"],
}


def _age(at: datetime | None, now: datetime) -> str:
    if at is None:
        return "—"
    s = max(0.0, (now - at).total_seconds())
    return f"{s:.0f} s" if s < 120 else f"{s / 60:.0f} min" if s < 7200 else f"{s / 3600:.0f} h"


def _num(value: float | None, fmt: str) -> str:
    return "—" if value is None else format(value, fmt)


class CameraHealthModel(QAbstractTableModel):
    """Rows are cameras in a fixed order; `update()` replaces one camera's health."""

    COLUMNS = ("code", "name", "state", "since", "last_frame", "fps", "bitrate", "first_frame", "clock", "message")

    def __init__(self, cameras: Iterable[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = dict(cameras)
        self._rows = list(self._names)
        self._health = {code: CameraHealth(code) for code in self._rows}
        self._now = datetime.now(UTC)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Camera"), self.tr("Name"), self.tr("State"), self.tr("For"), self.tr("Last frame"),
                self.tr("fps"), self.tr("kbit/s"), self.tr("First frame"), self.tr("Clock offset"),
                self.tr("Problem"))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def health(self, row: int) -> CameraHealth:
        return self._health[self._rows[row]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        h = self.health(index.row())
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(h, column)
        if role == SORT_ROLE:
            return self._sort_key(h, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            return QColor(STATE_COLOURS.get(h.state, COLORS["alarm"]))
        if role == Qt.ItemDataRole.ToolTipRole and column in ("message", "state"):
            return h.message or None
        return None

    def _text(self, h: CameraHealth, column: str) -> str:
        match column:
            case "code":
                return h.code
            case "name":
                return self._names.get(h.code, "")
            case "state":
                return label(h.state)
            case "since":
                return _age(h.since, self._now)
            case "last_frame":
                return _age(h.last_frame_at, self._now)
            case "fps":
                return _num(h.fps, ".1f")
            case "bitrate":
                return _num(h.bitrate_kbps, ".0f")
            case "first_frame":
                return "—" if h.first_frame_s is None else f"{h.first_frame_s:.2f} s"
            case "clock":
                return "—" if h.clock_offset_s is None else f"{h.clock_offset_s:+.1f} s"
            case _:
                return h.message

    def _sort_key(self, h: CameraHealth, column: str):  # noqa: ANN202
        match column:
            case "state":  # problems first, then by state and code (a string: Qt compares it natively)
                return f"{0 if h.state.is_problem else 1} {h.state.value} {h.code}"
            case "since":
                return h.since.timestamp()
            case "last_frame":
                return h.last_frame_at.timestamp() if h.last_frame_at else 0.0
            case "fps" | "bitrate" | "first_frame" | "clock":
                value = {"fps": h.fps, "bitrate": h.bitrate_kbps, "first_frame": h.first_frame_s,
                         "clock": h.clock_offset_s}[column]
                return -1e18 if value is None else abs(value) if column == "clock" else value
            case _:
                return self._text(h, column)

    def update(self, health: CameraHealth) -> None:
        if health.code not in self._health:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(health.code)
            self._health[health.code] = health
            self.endInsertRows()
            return
        self._health[health.code] = health
        row = self._rows.index(health.code)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def tick(self) -> None:
        """Ages ("for 5 min") move on even when nothing else changes."""
        self._now = datetime.now(UTC)
        if self._rows:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._rows) - 1, 4))

    def counts(self) -> tuple[int, int]:
        """(online, total)."""
        return sum(h.state is CameraState.ONLINE for h in self._health.values()), len(self._rows)


class _Filter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.state: str = "all"  # "all", "problems", or a CameraState value
        self.setSortRole(SORT_ROLE)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        model: CameraHealthModel = self.sourceModel()  # type: ignore[assignment]
        h = model.health(row)
        if self.state == "problems" and not h.state.is_problem:
            return False
        if self.state not in ("all", "problems") and h.state.value != self.state:
            return False
        if self.text:
            hay = f"{h.code} {model._names.get(h.code, '')} {h.message}".lower()
            return self.text.lower() in hay
        return True

    def refresh(self) -> None:
        self.invalidate()


class CameraHealthWidget(QWidget):
    def __init__(self, model: CameraHealthModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter by code, name or problem…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_filter)
        self.state = QComboBox()
        self.state.addItem(self.tr("All cameras"), "all")
        self.state.addItem(self.tr("Problems only"), "problems")
        for s in CameraState:
            self.state.addItem(label(s), s.value)
        self.state.currentIndexChanged.connect(self._on_filter)
        self.summary = QLabel()
        self.summary.setObjectName("hint")

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_history())
        self.history = QListWidget()
        self.history_title = QLabel(self.tr("Recent problems"))
        self.history_title.setObjectName("sectionTitle")

        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.state, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.history_title)
        lower_layout.addWidget(self.history)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

        model.dataChanged.connect(lambda *_: self._update_summary())
        model.rowsInserted.connect(lambda *_: self._update_summary())
        self._timer = QTimer(self)  # ages move on while the panel is seen (re-sorting a hidden table costs 0.1 s)
        self._timer.timeout.connect(lambda: self.isVisible() and model.tick())
        self._timer.start(5000)
        self._update_summary()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        self.model.tick()

    def _on_filter(self) -> None:
        self.proxy.text = self.search.text().strip()
        self.proxy.state = self.state.currentData()
        self.proxy.refresh()
        self._update_summary()

    def _update_summary(self) -> None:
        online, total = self.model.counts()
        problems = sum(self.model.health(r).state.is_problem for r in range(self.model.rowCount()))
        self.summary.setText(self.tr("%1 of %2 cameras online · %3 with problems · %4 shown")
                             .replace("%1", str(online)).replace("%2", str(total))
                             .replace("%3", str(problems)).replace("%4", str(self.proxy.rowCount())))
        if self.table.currentIndex().isValid():
            self._show_history()

    def _show_history(self) -> None:
        index = self.table.currentIndex()
        self.history.clear()
        if not index.isValid():
            return
        h = self.model.health(self.proxy.mapToSource(index).row())
        for p in reversed(h.problems):
            local = p.at.astimezone().strftime("%m-%d %H:%M:%S")
            self.history.addItem(f"{local}  {label(p.state)}  {p.message}")
        if not h.problems:
            self.history.addItem(self.tr("No problems recorded."))
