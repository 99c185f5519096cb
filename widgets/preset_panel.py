"""A dome's presets as a list: go to one, save the current position under a name, remove one (after asking).

A view only: it says what the operator wants (signals) and shows what the camera has; the focus view
talks to the camera. While an edit is on its way the edit buttons are disabled, so a double click or an
impatient operator never sends the same save twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
                               QPushButton, QVBoxLayout, QWidget)

from services.onvif.info import PresetInfo

NAME_MAX = 64  # the database's preset name column (commissioning stores presets there)


class PresetPanel(QWidget):
    gotoRequested = Signal(int)  # row (0-based), on double-click, Enter or "Go to"
    saveRequested = Signal(str)  # the name typed for the current position
    removeRequested = Signal(int)  # row, once the operator confirmed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presets: list[PresetInfo] = []
        self.busy = False
        self.list = QListWidget(objectName="presetList")
        self.list.itemActivated.connect(lambda item: self.gotoRequested.emit(self.list.row(item)))
        self.list.itemSelectionChanged.connect(self._update)
        self.goto_button = QPushButton(self.tr("Go to"))
        self.goto_button.clicked.connect(lambda: self.gotoRequested.emit(self.list.currentRow()))
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(self._on_remove)
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText(self.tr("Name of this position"))
        self.name.textChanged.connect(self._update)
        self.name.returnPressed.connect(self._on_save)
        self.save_button = QPushButton(self.tr("Save position"))
        self.save_button.clicked.connect(self._on_save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.goto_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Presets"), objectName="sectionTitle"))
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.name)
        layout.addWidget(self.save_button)
        self._update()

    def set_presets(self, presets: Sequence[PresetInfo], select: str | None = None) -> None:
        """Show the camera's presets; the first nine are numbered (their digit key goes there)."""
        self.presets = list(presets)
        self.list.clear()
        for n, preset in enumerate(self.presets, 1):
            label = preset.name or preset.token
            item = QListWidgetItem(f"{n}  {label}" if n <= 9 else f"     {label}")
            item.setToolTip(preset.token)
            self.list.addItem(item)
            if preset.token == select:
                self.list.setCurrentItem(item)
        self._update()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update()

    def select(self, row: int) -> None:
        self.list.setCurrentRow(row)

    def _on_save(self) -> None:
        name = self.name.text().strip()
        if name and not self.busy:
            self.saveRequested.emit(name)

    def _on_remove(self) -> None:
        row = self.list.currentRow()
        if self.busy or not 0 <= row < len(self.presets):
            return
        answer = QMessageBox.question(
            self, self.tr("Remove preset"),
            self.tr("Remove the preset “%1” from the camera?").replace("%1", self.presets[row].name))
        if answer == QMessageBox.StandardButton.Yes:
            self.removeRequested.emit(row)

    def _update(self) -> None:
        chosen = 0 <= self.list.currentRow() < len(self.presets)
        self.goto_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and not self.busy)
        self.save_button.setEnabled(bool(self.name.text().strip()) and not self.busy)
