"""Wizard page 3: both streams live, measured (first frame, fps, GOP, bitrate), and their roles chosen."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from services.onvif import ProfileInfo
from services.video import StreamDecoder, StreamProbe, probe_stream

from ..video_view import VideoView
from .draft import Draft, WizardContext

PROBE_S = 3.0


def _default_roles(profiles: tuple[ProfileInfo, ...]) -> tuple[str | None, str | None]:
    """(wall, focus): the smallest stream feeds the wall, the largest the focus view."""
    sized = sorted((p for p in profiles if p.stream_uri), key=lambda p: (p.width or 0) * (p.height or 0))
    if not sized:
        return None, None
    return sized[0].token, sized[-1].token


class StreamsPage(QWizardPage):
    COLUMNS = 9

    def __init__(self, context: WizardContext, draft: Draft) -> None:
        super().__init__()
        self._context, self._draft = context, draft
        self.setTitle(self.tr("Streams"))
        self.setSubTitle(self.tr("Check both pictures, measure them, and choose which stream feeds the wall "
                                 "tiles and which the focus view."))
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("Profile"), self.tr("Encoding"), self.tr("Resolution"), self.tr("Declared"),
            self.tr("First frame"), self.tr("Measured fps"), self.tr("GOP (frames)"), self.tr("kbit/s"),
            self.tr("Result")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.measure_button = QPushButton(self.tr("Measure streams"))
        self.measure_button.clicked.connect(self.measure)
        self.measure_status = QLabel()
        self.measure_status.setObjectName("hint")
        self.wall = QComboBox()
        self.focus = QComboBox()
        self.wall.currentIndexChanged.connect(self._on_roles)
        self.focus.currentIndexChanged.connect(self._on_roles)
        roles = QFormLayout()
        roles.addRow(self.tr("Wall tiles use"), self.wall)
        roles.addRow(self.tr("Focus view uses"), self.focus)
        self.main_view = VideoView()
        self.sub_view = VideoView()
        for view in (self.main_view, self.sub_view):
            view.setMinimumSize(320, 180)
        previews = QHBoxLayout()
        previews.addWidget(self.main_view, 1)
        previews.addWidget(self.sub_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.measure_button)
        buttons.addWidget(self.measure_status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(previews, 3)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        layout.addLayout(roles)
        self._decoders: list[StreamDecoder] = []

    def initializePage(self) -> None:  # noqa: N802
        report = self._draft.report
        assert report is not None
        profiles = report.profiles
        self.table.setRowCount(len(profiles))
        for combo in (self.wall, self.focus):
            combo.blockSignals(True)
            combo.clear()
            for p in profiles:
                combo.addItem(f"{p.name} ({p.width}×{p.height})", p.token)
            combo.blockSignals(False)
        wall, focus = _default_roles(profiles)
        self.wall.setCurrentIndex(max(0, self.wall.findData(self._draft.wall_profile or wall)))
        self.focus.setCurrentIndex(max(0, self.focus.findData(self._draft.focus_profile or focus)))
        self._on_roles()
        for row, p in enumerate(profiles):
            self._fill_row(row, p, self._draft.probes.get(p.token))
        self._start_previews()
        if not self._draft.probes:
            self.measure()

    def _start_previews(self) -> None:
        self._stop_previews()
        report = self._draft.report
        by_token = {p.token: p for p in report.profiles}
        for view, token in ((self.main_view, self._draft.focus_profile), (self.sub_view, self._draft.wall_profile)):
            p = by_token.get(token or "")
            if p is None or not p.stream_uri:
                view.set_decoder(None)
                continue
            decoder = StreamDecoder(p.stream_uri, name=p.name).start()
            self._decoders.append(decoder)
            view.set_decoder(decoder, name=f"{p.name} · {p.width}×{p.height}")

    def _stop_previews(self) -> None:
        for view in (self.main_view, self.sub_view):
            view.set_decoder(None)
        for decoder in self._decoders:
            decoder.close(timeout_s=0)  # never wait on the UI thread
        self._decoders.clear()

    def cleanupPage(self) -> None:  # noqa: N802 (going back)
        self._stop_previews()

    def validatePage(self) -> bool:  # noqa: N802 (going on)
        self._stop_previews()
        return True

    def _fill_row(self, row: int, p: ProfileInfo, probe: StreamProbe | None) -> None:
        fmt = lambda v, f: "—" if v is None else format(v, f)  # noqa: E731
        cells = [p.name, p.encoding or "?", f"{p.width}×{p.height}",
                 f"{fmt(p.fps, '.0f')} fps, GOP {fmt(p.gop, 'd')}"]
        if probe is None:
            cells += ["", "", "", "", self.tr("not measured")]
        elif probe.error:
            cells += ["", "", "", "", probe.error]
        else:
            cells += [f"{probe.first_frame_s:.2f} s" if probe.first_frame_s is not None else "—",
                      fmt(probe.fps, ".1f"), fmt(probe.gop_frames, "d"), fmt(probe.bitrate_kbps, ".0f"),
                      self.tr("plays")]
        for col, text in enumerate(cells):
            self.table.setItem(row, col, QTableWidgetItem(text))

    def measure(self) -> None:
        report = self._draft.report
        todo = [(row, p) for row, p in enumerate(report.profiles) if p.stream_uri]
        if not todo:
            self.measure_status.setText(self.tr("The device gave no stream addresses."))
            return
        self.measure_button.setEnabled(False)
        self.measure_status.setText(self.tr("Measuring %1 streams, about %2 s…").replace("%1", str(len(todo)))
                                    .replace("%2", f"{len(todo) * PROBE_S:.0f}"))
        self._pending = len(todo)
        for row, p in todo:
            self._context.runner.submit(lambda uri=p.stream_uri: probe_stream(uri, seconds=PROBE_S),
                                        on_done=lambda probe, r=row, pr=p: self._on_probe(r, pr, probe))

    def _on_probe(self, row: int, profile: ProfileInfo, probe: StreamProbe) -> None:
        self._draft.probes[profile.token] = probe
        self._fill_row(row, profile, probe)
        self._pending -= 1
        if self._pending == 0:
            self.measure_button.setEnabled(True)
            bad = [t for t, pr in self._draft.probes.items() if pr.error]
            self.measure_status.setText(self.tr("Measured.") if not bad else
                                        self.tr("Some streams do not play: %1").replace("%1", ", ".join(bad)))
        self.completeChanged.emit()

    def _on_roles(self) -> None:
        changed = (self.wall.currentData(), self.focus.currentData()) != (self._draft.wall_profile,
                                                                          self._draft.focus_profile)
        self._draft.wall_profile, self._draft.focus_profile = self.wall.currentData(), self.focus.currentData()
        if changed and self.isVisible():
            self._start_previews()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self._draft.wall_profile and self._draft.focus_profile)
