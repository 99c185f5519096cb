"""The wall's toolbar: layout, saved views, tour. It only shows choices and forwards them as signals."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpinBox, QWidget


class WallBar(QWidget):
    layoutChosen = Signal(str)
    viewChosen = Signal(str)
    saveViewRequested = Signal()
    deleteViewRequested = Signal(str)
    tourToggled = Signal(bool)  # True: start a tour of the cameras listed beside the wall

    def __init__(self, layouts: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_box = QComboBox()
        self.layout_box.setToolTip(self.tr("Tiles on the wall"))
        for name in layouts:
            self.layout_box.addItem(name.replace("x", "×"), name)
        self.layout_box.activated.connect(lambda: self.layoutChosen.emit(self.layout_box.currentData()))

        self.views = QComboBox()
        self.views.setMinimumContentsLength(10)
        self.views.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.views.setToolTip(self.tr("Saved views: a layout with its cameras"))
        self.views.activated.connect(self._on_view)
        self.save_view = QPushButton(self.tr("Save view…"))
        self.save_view.clicked.connect(self.saveViewRequested)
        self.delete_view = QPushButton(self.tr("Delete view"))
        self.delete_view.clicked.connect(lambda: self.deleteViewRequested.emit(self.views.currentData() or ""))

        self.tour = QPushButton(self.tr("Tour"))
        self.tour.setCheckable(True)
        self.tour.setToolTip(self.tr("Show the cameras listed beside the wall a page at a time"))
        self.tour.toggled.connect(self.tourToggled)
        self.interval = QSpinBox()
        self.interval.setRange(3, 600)
        self.interval.setValue(10)
        self.interval.setSuffix(self.tr(" s"))
        self.interval.setToolTip(self.tr("Seconds per page of the tour"))

        hint = QLabel(self.tr("Drag a camera onto a tile · double-click: full size · wheel: zoom · "
                              "right-click: snapshot, record, focus"))
        hint.setObjectName("hint")
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the wall
        hint.setToolTip(hint.text())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Layout")))
        row.addWidget(self.layout_box)
        row.addSpacing(12)
        row.addWidget(QLabel(self.tr("View")))
        row.addWidget(self.views)
        row.addWidget(self.save_view)
        row.addWidget(self.delete_view)
        row.addSpacing(12)
        row.addWidget(self.tour)
        row.addWidget(self.interval)
        row.addWidget(hint, 1)
        self.set_views([])

    def set_layout(self, name: str) -> None:
        self.layout_box.setCurrentIndex(self.layout_box.findData(name))

    def set_views(self, names: list[str], current: str | None = None) -> None:
        self.views.clear()
        self.views.addItem(self.tr("(choose a view)"), None)
        for name in names:
            self.views.addItem(name, name)
        self.views.setCurrentIndex(max(0, self.views.findData(current)) if current else 0)
        self.delete_view.setEnabled(bool(names))

    def set_touring(self, on: bool) -> None:
        if self.tour.isChecked() != on:
            self.tour.blockSignals(True)
            self.tour.setChecked(on)
            self.tour.blockSignals(False)

    def _on_view(self) -> None:
        name = self.views.currentData()
        if name:
            self.viewChosen.emit(name)
