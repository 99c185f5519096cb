"""Search-as-you-type over residents, homes, vehicles and devices; never blocks the UI."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from services.lookup import HitKind, LookupHit, LookupResult

from .labels import field_name, field_value, kind_name, label
from .worker import TaskRunner

logger = logging.getLogger(__name__)

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class LookupWidget(QWidget):
    """`search` and `record_view` are bound to the logged-in actor by the caller."""

    locateRequested = Signal(object, object, object)  # x, y, building id (any may be None)
    resultsShown = Signal(object)  # LookupResult, after the view updated

    def __init__(
        self,
        search: Callable[[str], LookupResult],
        record_view: Callable[[LookupHit], None],
        runner: TaskRunner,
        *,
        debounce_ms: int = 120,
        masked: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._record_view = record_view
        self._runner = runner
        self._sequence = 0  # newest query wins; older results are dropped
        self._selected: LookupHit | None = None

        self.query = QLineEdit()
        self.query.setObjectName("lookupQuery")
        self.query.setPlaceholderText(self.tr("Name, home (12-2-1502), plate or phone…"))
        self.query.setClearButtonEnabled(True)
        self.status = QLabel(self.tr("Type to search residents, households, vehicles and devices."))
        self.status.setObjectName("hint")
        self.mask_note = QLabel(self.tr("Phone and ID numbers are masked for your role."))
        self.mask_note.setObjectName("maskNote")
        self.mask_note.setVisible(masked)

        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("Result"), self.tr("Details")])
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(True)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.doubleClicked.connect(lambda _: self._locate_selected())

        self.detail = QFrame()
        self.detail_title = QLabel()
        self.detail_title.setObjectName("detailTitle")
        self.detail_form = QFormLayout()
        self.locate_button = QPushButton(self.tr("Show on plan"))
        self.locate_button.setEnabled(False)
        self.locate_button.clicked.connect(self._locate_selected)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addLayout(self.detail_form)
        detail_layout.addWidget(self.locate_button, 0, Qt.AlignmentFlag.AlignLeft)
        detail_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(self.detail)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumHeight(190)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.tree.setMinimumHeight(120)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.mask_note)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._start_search)
        self.query.textChanged.connect(lambda _: self._debounce.start())
        self.query.returnPressed.connect(self._start_search)

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    # -- searching in the background --------------------------------------------

    def _start_search(self) -> None:
        self._debounce.stop()
        text = self.query.text().strip()
        self._sequence += 1
        seq = self._sequence
        if not text:
            self.model.removeRows(0, self.model.rowCount())
            self.status.setText(self.tr("Type to search residents, households, vehicles and devices."))
            return
        self.status.setText(self.tr("Searching…"))
        self._runner.submit(
            lambda: self._search(text),
            on_done=lambda result: self._on_result(seq, result),
            on_error=lambda exc: self._on_error(seq, exc),
        )

    def _on_result(self, seq: int, result: LookupResult) -> None:
        if seq != self._sequence:
            return  # a newer query is on its way
        self._fill(result)
        if not result.hits:
            self.status.setText(self.tr("Nothing found for “%1”.").replace("%1", result.query))
        else:
            text = self.tr("%1 results in %2 ms").replace("%1", str(len(result.hits))).replace(
                "%2", f"{result.elapsed_ms:.0f}")
            if result.truncated:
                text += " · " + self.tr("showing the first matches; type more to narrow down")
            self.status.setText(text)
        self.resultsShown.emit(result)

    def _on_error(self, seq: int, exc: Exception) -> None:
        if seq != self._sequence:
            return
        logger.error("lookup failed: %s", exc)
        self.status.setText(self.tr("Search failed: %1").replace("%1", str(exc).splitlines()[0]))

    def _fill(self, result: LookupResult) -> None:
        self.model.removeRows(0, self.model.rowCount())
        groups: dict[HitKind, list[LookupHit]] = {}
        for hit in result.hits:
            groups.setdefault(hit.kind, []).append(hit)
        for kind in HitKind:
            hits = groups.get(kind)
            if not hits:
                continue
            head = QStandardItem(f"{label(kind)} ({len(hits)})")
            head.setSelectable(False)
            for hit in hits:
                title = QStandardItem(hit.title)
                title.setData(hit, HIT_ROLE)
                head.appendRow([title, QStandardItem(hit.subtitle)])
            self.model.appendRow([head, QStandardItem()])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self._show_detail(None)

    # -- details ------------------------------------------------------------------

    def _on_current_changed(self, current, _previous) -> None:  # noqa: ANN001 (Qt index types)
        hit = current.siblingAtColumn(0).data(HIT_ROLE) if current.isValid() else None
        self._show_detail(hit)
        if hit is not None:
            self._runner.submit(lambda: self._record_view(hit))
            self.locateRequested.emit(hit.x, hit.y, hit.building_id)

    def _show_detail(self, hit: LookupHit | None) -> None:
        self._selected = hit
        while self.detail_form.rowCount():
            self.detail_form.removeRow(0)
        self.locate_button.setEnabled(hit is not None and hit.x is not None)
        if hit is None:
            self.detail_title.setText("")
            return
        self.detail_title.setText(f"{hit.title}  ·  {kind_name(hit.kind)}")
        for key, value in hit.fields.items():
            if value:
                text = QLabel(field_value(key, value))
                text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.detail_form.addRow(field_name(key), text)

    def _locate_selected(self) -> None:
        if self._selected is not None:
            self.locateRequested.emit(self._selected.x, self._selected.y, self._selected.building_id)
