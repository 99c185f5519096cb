"""The status bar's supervisor-alert badge: how many escalations wait for someone to acknowledge them."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget


class SupervisorAlertBadge(QPushButton):
    """Hidden while there is nothing to see; a click brings the incident with the oldest open alert forward."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorAlertBadge")
        self.setFlat(True)
        self.count = 0
        self.set_count(0)

    def set_count(self, count: int, latest: str = "") -> None:
        self.count = count
        self.setText("⚠ " + self.tr("%1 supervisor alert(s)").replace("%1", str(count)))
        self.setToolTip(latest)
        self.setVisible(count > 0 and self.parentWidget() is not None)  # never a window of its own
