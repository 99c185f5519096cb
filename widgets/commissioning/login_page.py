"""Wizard page 2: log in; the device's identity or a clear reason why not."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWizardPage

from services.onvif import DeviceReport, OnvifError

from ..labels import label
from .draft import Draft, WizardContext


class LoginPage(QWizardPage):
    def __init__(self, context: WizardContext, draft: Draft) -> None:
        super().__init__()
        self._context, self._draft = context, draft
        self.setTitle(self.tr("Log in"))
        self.setSubTitle(self.tr("The camera's ONVIF user. The password is stored encrypted, never in plain text."))
        self.username = QLineEdit(draft.username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setObjectName("primary")
        self.connect_button.clicked.connect(self.connect_device)
        self.password.returnPressed.connect(self.connect_device)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.identity = QFormLayout()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.connect_button)
        layout.addWidget(self.result)
        layout.addLayout(self.identity)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self.result.setText(self.tr("Address: %1").replace("%1", self._draft.address))

    def connect_device(self) -> None:
        self._draft.close_session()
        self._draft.report = None
        self._draft.username, self._draft.password = self.username.text().strip(), self.password.text()
        session = self._context.cameras.commissioning_session(self._draft.address, self._draft.username,
                                                              self._draft.password)
        self._draft.session = session
        self.connect_button.setEnabled(False)
        self.result.setObjectName("hint")
        self.result.setText(self.tr("Connecting…"))
        self.completeChanged.emit()
        future = session.connect()
        self._context.runner.submit(lambda: future.result(self._context.cameras.call_timeout_s * 4),
                                    on_done=self._on_report, on_error=self._on_error)

    def _clear_identity(self) -> None:
        while self.identity.rowCount():
            self.identity.removeRow(0)

    def _on_report(self, report: DeviceReport) -> None:
        self._draft.report = report
        self.connect_button.setEnabled(True)
        self._clear_identity()
        rows = [(self.tr("Manufacturer"), report.manufacturer), (self.tr("Model"), report.model),
                (self.tr("Firmware"), report.firmware), (self.tr("Serial number"), report.serial),
                (self.tr("Services"), ", ".join(report.services)),
                (self.tr("Clock offset"), f"{report.clock_offset_s:+.1f} s"),
                (self.tr("Profiles"), str(len(report.profiles))),
                (self.tr("PTZ"), self.tr("yes") if report.is_ptz else self.tr("no"))]
        for key, value in rows:
            self.identity.addRow(key, QLabel(value))
        self.result.setObjectName("hint")
        self.result.setText(self.tr("Connected in %1 ms.").replace("%1", f"{report.connect_s * 1000:.0f}"))
        self.completeChanged.emit()

    def _on_error(self, exc: Exception) -> None:
        self.connect_button.setEnabled(True)
        self._clear_identity()
        self.result.setObjectName("error")
        if isinstance(exc, OnvifError):
            self.result.setText(f"{label(exc.state)}: {exc.message}")
        else:
            self.result.setText(self.tr("Cannot connect: %1").replace("%1", str(exc)))
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self._draft.report is not None
