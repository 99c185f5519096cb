"""Log-in: credentials are checked in a worker (argon2 takes ~100 ms), errors said plainly."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cockpit.audit import Actor
from cockpit.errors import AuthenticationFailed, CockpitError

from .worker import TaskRunner

logger = logging.getLogger(__name__)


class LoginDialog(QDialog):
    def __init__(
        self,
        authenticate: Callable[[str, str], Actor],
        runner: TaskRunner,
        site_name: str,
        *,
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Community Cockpit — sign in"))
        self.setMinimumWidth(460)
        self._authenticate = authenticate
        self._runner = runner
        self.actor: Actor | None = None

        title = QLabel(self.tr("Community Cockpit"))
        title.setObjectName("loginTitle")
        subtitle = QLabel(site_name)
        subtitle.setObjectName("loginSubtitle")
        self.username = QLineEdit(username)
        self.username.setObjectName("loginUser")
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in.setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if username else self.username).setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_busy(self, busy: bool) -> None:
        for w in (self.username, self.password, self.sign_in):
            w.setEnabled(not busy)
        if busy:
            self.message.setObjectName("hint")
            self.message.setText(self.tr("Checking…"))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def _submit(self) -> None:
        user, password = self.username.text().strip(), self.password.text()
        if not user or not password:
            self._show_error(self.tr("Enter your user name and password."))
            return
        self._set_busy(True)
        self._runner.submit(lambda: self._authenticate(user, password),
                            on_done=self._on_success, on_error=self._on_failure)

    def _on_success(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _on_failure(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, AuthenticationFailed):
            text = self.tr("Wrong user name or password.")
        elif isinstance(exc, CockpitError):
            text = self.tr("Cannot sign in: %1").replace("%1", str(exc))
        else:
            text = self.tr("Cannot sign in: %1").replace("%1", f"{type(exc).__name__}: {exc}")
        self._show_error(text)
        self.password.selectAll()
        self.password.setFocus()

    def _show_error(self, text: str) -> None:
        self.message.setObjectName("error")
        self.message.setText(text)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
