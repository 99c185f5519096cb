"""Wizard page 4 (PTZ cameras): move the camera, name presets, and test each one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from services.video import StreamDecoder

from ..ptz_pad import PtzPad
from ..video_view import VideoView
from .draft import Draft, WizardContext


class PtzPage(QWizardPage):
    def __init__(self, context: WizardContext, draft: Draft) -> None:
        super().__init__()
        self._context, self._draft = context, draft
        self.setTitle(self.tr("PTZ presets"))
        self.setSubTitle(self.tr("Aim the camera at places alarms may need (gate, square, entrance), save each "
                                 "as a preset, then test it with “Go to”."))
        self.view = VideoView()
        self.view.setMinimumSize(480, 270)
        self.pad = PtzPad()
        self.pad.moveRequested.connect(self._move)
        self.pad.stopRequested.connect(self._stop)
        self.preset_name = QLineEdit()
        self.preset_name.setPlaceholderText(self.tr("Preset name, e.g. 北门道闸"))
        self.add_button = QPushButton(self.tr("Save current view as preset"))
        self.add_button.clicked.connect(self._add)
        self.presets = QListWidget()
        self.go_button = QPushButton(self.tr("Go to"))
        self.go_button.clicked.connect(self._goto)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._remove)
        self.status = QLabel()
        self.status.setObjectName("hint")
        side = QVBoxLayout()
        side.addWidget(self.pad)
        side.addSpacing(12)
        side.addWidget(self.preset_name)
        side.addWidget(self.add_button)
        side.addWidget(self.presets, 1)
        row = QHBoxLayout()
        row.addWidget(self.go_button)
        row.addWidget(self.remove_button)
        side.addLayout(row)
        side.addWidget(self.status)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 3)
        layout.addLayout(side, 1)
        self._decoder: StreamDecoder | None = None

    def initializePage(self) -> None:  # noqa: N802
        report = self._draft.report
        if not self._draft.presets:  # the device's own presets, as found at log-in
            self._draft.presets = {p.token: p.name for p in report.presets}
        self._refresh()
        uri = next((p.stream_uri for p in report.profiles if p.token == self._draft.focus_profile), None)
        if uri:
            self._decoder = StreamDecoder(uri, name="focus").start()
            self.view.set_decoder(self._decoder, name=f"{report.manufacturer} {report.model}".strip())
        self.pad.setFocus()

    def _close_view(self) -> None:
        self.view.set_decoder(None)
        if self._decoder is not None:
            self._decoder.close(timeout_s=0)
            self._decoder = None

    def cleanupPage(self) -> None:  # noqa: N802
        self._close_view()

    def validatePage(self) -> bool:  # noqa: N802
        self._close_view()
        return True

    def _call(self, future, done=None, what: str = "") -> None:  # noqa: ANN001
        timeout = self._context.cameras.call_timeout_s * 2
        self._context.runner.submit(lambda: future.result(timeout), on_done=done,
                                    on_error=lambda exc: self.status.setText(f"{what}: {exc}"))

    def _move(self, pan: float, tilt: float, zoom: float) -> None:
        self._call(self._draft.session.ptz_move(pan, tilt, zoom), what=self.tr("Move failed"))

    def _stop(self) -> None:
        self._call(self._draft.session.ptz_stop(), what=self.tr("Stop failed"))

    def _refresh(self) -> None:
        self.presets.clear()
        for token, name in self._draft.presets.items():
            tested = token in self._draft.tested_presets
            item = QListWidgetItem(f"{'✓ ' if tested else '   '}{name}")
            item.setData(Qt.ItemDataRole.UserRole, token)
            item.setToolTip(self.tr("tested") if tested else self.tr("not tested yet"))
            self.presets.addItem(item)

    def _selected(self) -> str | None:
        item = self.presets.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _add(self) -> None:
        name = self.preset_name.text().strip() or self.tr("Preset %1").replace("%1", str(len(self._draft.presets) + 1))

        def added(token: str) -> None:
            self._draft.presets[token] = name
            self.preset_name.clear()
            self.status.setText(self.tr("Saved “%1”. Test it with “Go to”.").replace("%1", name))
            self._refresh()
        self._call(self._draft.session.set_preset(name), done=added, what=self.tr("Saving the preset failed"))

    def _goto(self) -> None:
        token = self._selected()
        if token is None:
            return

        def arrived(_: object) -> None:
            self._draft.tested_presets.add(token)
            self.status.setText(self.tr("Moved to “%1”: check the picture.").replace("%1", self._draft.presets[token]))
            self._refresh()
        self._call(self._draft.session.goto_preset(token), done=arrived, what=self.tr("Go to failed"))

    def _remove(self) -> None:
        token = self._selected()
        if token is None:
            return

        def removed(_: object) -> None:
            self._draft.presets.pop(token, None)
            self._draft.tested_presets.discard(token)
            self._refresh()
        self._call(self._draft.session.remove_preset(token), done=removed, what=self.tr("Removing failed"))
