"""Tell the person what went wrong, in their language, and log it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

logger = logging.getLogger(__name__)


def show_error(message: str, detail: str = "", parent: QWidget | None = None) -> None:
    """Modal error box; `message` is translated by the caller, `detail` is technical text."""
    logger.error("%s %s", message, detail)
    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Community Cockpit"))
    box.setText(message)
    if detail:
        box.setInformativeText(detail)
    box.exec()
