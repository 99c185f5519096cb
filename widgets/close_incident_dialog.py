"""Closing an incident: an outcome from the list and a note are both required; the dialog says what is missing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cockpit.incident_views import OUTCOMES

from .incident_labels import outcome_label


class CloseIncidentDialog(QDialog):
    def __init__(self, incident_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeIncidentDialog")
        self.setWindowTitle(self.tr("Close %1").replace("%1", incident_name))
        self.outcome = QComboBox()
        self.outcome.addItem(self.tr("Choose the outcome…"), "")
        for key in OUTCOMES:
            self.outcome.addItem(outcome_label(key), key)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("What happened, what was done, who was informed"))
        self.note.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        hint = QLabel(self.tr("Responders still on their way are stood down; those on site are released."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Close incident"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, 320)

    def chosen_outcome(self) -> str:
        return str(self.outcome.currentData() or "")

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def accept(self) -> None:
        """Refused, with the reason shown, until both are given."""
        missing = []
        if not self.chosen_outcome():
            missing.append(self.tr("Choose an outcome."))
        if not self.note_text():
            missing.append(self.tr("Write a note: what happened and who was informed."))
        if missing:
            self.error.setText(" ".join(missing))
            self.error.show()
            (self.outcome if not self.chosen_outcome() else self.note).setFocus()
            return
        super().accept()
