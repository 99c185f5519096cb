"""The incident's responders: those routing proposes (fastest first, one click or Enter assigns) and those
already dispatched (live state and ETA from the feed, a button to stand them down)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cockpit.incident_views import CandidateView, DispatchView, ResponderView
from cockpit.models import DispatchState

from .incident_clocks import local_time
from .incident_labels import dispatch_state_label, duration_text
from .labels import label
from .theme import COLORS

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _table(table: QTableWidget, headers: Sequence[str]) -> None:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(34)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(False)


def _item(text: str, data: object = None, *, colour: str | None = None, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if colour:
        item.setForeground(QColor(colour))
    if tip:
        item.setToolTip(tip)
    return item


class ProposalTable(QTableWidget):
    """Available responders ranked by walking time to the incident."""

    assignRequested = Signal(int)  # responder id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalTable")
        _table(self, [self.tr("Responder"), self.tr("Role"), self.tr("Walk"), self.tr("ETA"), ""])
        self._shown: tuple = ()
        self.cellDoubleClicked.connect(lambda row, _col: self._assign_row(row))

    def set_candidates(self, candidates: Sequence[CandidateView], enabled: bool = True) -> None:
        key = tuple((c.responder_id, round(c.eta_s), c.beyond_deadline) for c in candidates) + (enabled,)
        if key == self._shown:
            return  # unchanged: keep the operator's selection and the buttons still
        self._shown = key
        selected = self.current_responder()
        self.setRowCount(len(candidates))
        for row, c in enumerate(candidates):
            late = self.tr("Would arrive after the deadline") if c.beyond_deadline else ""
            colour = COLORS["alarm"] if c.beyond_deadline else None
            self.setItem(row, 0, _item(c.name, c.responder_id))
            self.setItem(row, 1, _item(label(c.role)))
            self.setItem(row, 2, _item(self.tr("%1 m").replace("%1", f"{c.distance_m:.0f}")))
            self.setItem(row, 3, _item(duration_text(c.eta_s), colour=colour, tip=late))
            button = QPushButton(self.tr("Assign"))
            button.setObjectName("assignButton")
            button.setEnabled(enabled)
            button.setToolTip(self.tr("Send %1 (Enter)").replace("%1", c.name))
            button.clicked.connect(lambda _checked=False, rid=c.responder_id: self.assignRequested.emit(rid))
            self.setCellWidget(row, 4, button)
            if c.responder_id == selected:
                self.selectRow(row)
        if self.currentRow() < 0 and candidates:
            self.selectRow(0)  # the fastest: Enter sends them
        self.setEnabled(enabled or not candidates)

    def current_responder(self) -> int | None:
        item = self.item(self.currentRow(), 0) if self.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _assign_row(self, row: int) -> None:
        item = self.item(row, 0)
        if item is not None and self.cellWidget(row, 4) is not None and self.cellWidget(row, 4).isEnabled():
            self.assignRequested.emit(item.data(Qt.ItemDataRole.UserRole))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER and self.currentRow() >= 0:
            self._assign_row(self.currentRow())
            event.accept()
            return
        super().keyPressEvent(event)


class DispatchTable(QTableWidget):
    """Who was sent, what the feed says they are doing, and when they will be (or were) there."""

    standDownRequested = Signal(int)  # dispatch id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchTable")
        _table(self, [self.tr("Responder"), self.tr("State"), self.tr("ETA"), ""])
        self._rows: tuple = ()

    def set_dispatches(self, dispatches: Sequence[DispatchView], responders: Mapping[int, ResponderView],
                       now: datetime, *, can_stand_down: bool = True) -> None:
        ordered = sorted(dispatches, key=lambda d: (not d.active, d.notified_at, d.id))
        rows = tuple((d.id, d.state, can_stand_down) for d in ordered)
        rebuild = rows != self._rows
        self._rows = rows
        if rebuild:
            self.setRowCount(len(ordered))
        for row, d in enumerate(ordered):
            responder = responders.get(d.responder_id)
            muted = None if d.active else COLORS["muted"]
            self.setItem(row, 0, _item(d.responder_name + ("  · " + label(d.role) if d.role else ""), d.id,
                                       colour=muted))
            state_colour = COLORS["ok"] if d.state is DispatchState.ON_SITE else muted
            self.setItem(row, 1, _item(dispatch_state_label(d.state), colour=state_colour))
            self.setItem(row, 2, _item(self._eta_text(d, responder, now), colour=muted))
            if rebuild:
                if d.active:
                    button = QPushButton(self.tr("Stand down"))
                    button.setObjectName("standDownButton")
                    button.setEnabled(can_stand_down)
                    button.clicked.connect(lambda _checked=False, did=d.id: self.standDownRequested.emit(did))
                    self.setCellWidget(row, 3, button)
                else:
                    self.removeCellWidget(row, 3)

    def _eta_text(self, d: DispatchView, responder: ResponderView | None, now: datetime) -> str:
        if d.state is DispatchState.ON_SITE or (d.state is DispatchState.DONE and d.arrived_at):
            return self.tr("arrived %1").replace("%1", local_time(d.arrived_at)) if d.arrived_at else ""
        if not d.active:
            return local_time(d.finished_at) if d.finished_at else ""
        live = responder is not None and responder.incident_id == d.incident_id and responder.eta_s is not None \
            and responder.activity == "en_route"
        if live:
            distance = self.tr("%1 m").replace("%1", f"{responder.distance_m:.0f}") if responder.distance_m else ""
            return (duration_text(responder.eta_s) + ("  · " + distance if distance else "")).strip()
        if d.eta_s is None:
            return "?"
        left = d.eta_s - (now - d.notified_at).total_seconds()
        return "≈ " + duration_text(max(0.0, left))

    def dispatch_at(self, row: int) -> int | None:
        item = self.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
