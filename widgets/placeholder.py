"""A panel that says what will appear here, instead of blank grey."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class PlaceholderPanel(QFrame):
    def __init__(self, title: str, text: str, next_step: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholder")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addStretch(1)
        for content, name in ((title, "placeholderTitle"), (text, "placeholderText"),
                              (next_step, "placeholderNext")):
            if not content:
                continue
            lbl = QLabel(content)
            lbl.setObjectName(name)
            lbl.setWordWrap(True)
            lbl.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(lbl)
        layout.addStretch(2)
