"""Asks for the reason of an act that needs one (cancel an incident, reopen it); refuses an empty one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    def __init__(self, title: str, prompt: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        question = QLabel(prompt)
        question.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.error = QLabel(self.tr("A reason is required."))
        self.error.setObjectName("error")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (question, self.reason, self.error, self.buttons):
            layout.addWidget(widget)
        self.resize(460, 160)

    def text(self) -> str:
        return self.reason.text().strip()

    def accept(self) -> None:
        if not self.text():
            self.error.show()
            self.reason.setFocus()
            return
        super().accept()
