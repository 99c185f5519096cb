"""The standard operating procedure of an incident's kind as a checklist; each tick is stored and audited.

The panel forwards `stepToggled` to the dispatch service; the ticks shown are always those the service
read back (IncidentView.steps_done), so two operators on one incident see the same list.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cockpit.sop import Procedure

_STEP = Qt.ItemDataRole.UserRole


class SopChecklistWidget(QWidget):
    stepToggled = Signal(str, bool)  # step id, done

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sopChecklist")
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.progress = QLabel()
        self.progress.setObjectName("hint")
        self.list = QListWidget()
        self.list.setObjectName("sopSteps")
        self.list.setWordWrap(True)
        self.list.itemChanged.connect(self._on_item_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.progress)
        self._filling = False

    def set_procedure(self, procedure: Procedure | None, done: Collection[str], language: str,
                      editable: bool = True) -> None:
        self._filling = True
        try:
            current = [self.list.item(i).data(_STEP) for i in range(self.list.count())]
            wanted = list(procedure.step_ids) if procedure else []
            if current != wanted:
                self.list.clear()
                for number, step in enumerate(procedure.steps if procedure else (), start=1):
                    item = QListWidgetItem(f"{number}. {step.text.pick(language)}")
                    item.setData(_STEP, step.id)
                    self.list.addItem(item)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if editable:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            for i in range(self.list.count()):
                item = self.list.item(i)
                item.setFlags(flags)
                item.setCheckState(Qt.CheckState.Checked if item.data(_STEP) in done else Qt.CheckState.Unchecked)
            self.title.setText(procedure.title.pick(language) if procedure else "")
            ticked = sum(1 for s in wanted if s in done)
            self.progress.setText(self.tr("%1 of %2 steps done").replace("%1", str(ticked))
                                  .replace("%2", str(len(wanted))) if wanted else "")
        finally:
            self._filling = False

    def checked_steps(self) -> list[str]:
        return [self.list.item(i).data(_STEP) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if not self._filling:
            self.stepToggled.emit(item.data(_STEP), item.checkState() == Qt.CheckState.Checked)
