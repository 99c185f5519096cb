"""Wizard page 6: what will be saved, its warnings and a snapshot; Save writes the camera and its report."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWizardPage

from cockpit.commissioning import CommissioningRecord, ProfileRecord, check
from cockpit.models import StreamRole
from services.onvif import PresetInfo

from .draft import Draft, WizardContext
from .report import CommissioningReport


def build_record(draft: Draft, installer: str) -> CommissioningRecord:
    """The draft as the domain's record, warnings included (pure: the report and the tests use it)."""
    report = draft.report
    assert report is not None
    roles = {draft.focus_profile: "main", draft.wall_profile: "sub"}
    if draft.focus_profile == draft.wall_profile:
        roles = {draft.focus_profile: "main"}
    profiles = []
    for p in report.profiles:
        probe = draft.probes.get(p.token)
        profiles.append(ProfileRecord(
            token=p.token, name=p.name, role=roles.get(p.token, ""), encoding=p.encoding or "",
            width=p.width or 0, height=p.height or 0, declared_fps=p.fps, declared_gop=p.gop,
            uri=p.stream_uri or "",
            first_frame_s=probe.first_frame_s if probe else None, measured_fps=probe.fps if probe else None,
            measured_gop=probe.gop_frames if probe else None, bitrate_kbps=probe.bitrate_kbps if probe else None,
            error=probe.error if probe else None))
    presets = tuple((t, n) for t, n in draft.presets.items() if t in draft.tested_presets) if report.is_ptz else ()
    record = CommissioningRecord(
        code=draft.code, name=draft.name, address=report.address, manufacturer=report.manufacturer,
        model=report.model, firmware=report.firmware, serial=report.serial, clock_offset_s=report.clock_offset_s,
        profiles=tuple(profiles), is_ptz=report.is_ptz, presets=presets, placement=draft.placement,
        snapshot_jpeg=draft.snapshot, installer=installer, commissioned_at=datetime.now(UTC))
    return replace(record, warnings=tuple(check(record)))


def save(context: WizardContext, draft: Draft, record: CommissioningRecord) -> tuple[int, tuple[Path, ...]]:
    """Worker side: the camera rows and encrypted credentials, then the report files."""
    report = draft.report
    presets = tuple(PresetInfo(token=t, name=n) for t, n in draft.presets.items())
    roles = {draft.wall_profile: StreamRole.SUB, draft.focus_profile: StreamRole.MAIN}
    camera_id = context.cameras.add_or_update_camera(
        draft.code, replace(report, presets=presets), draft.username, draft.password, name=draft.name,
        placement=draft.placement, roles=roles)
    context.reports_dir.mkdir(parents=True, exist_ok=True)
    stamp = record.commissioned_at.astimezone().strftime("%Y%m%d-%H%M%S")
    base = context.reports_dir / f"{draft.code}-{stamp}"
    renderer = CommissioningReport(record)
    files = (renderer.write_html(base.with_suffix(".html")), renderer.write_pdf(base.with_suffix(".pdf")))
    return camera_id, files


class SummaryPage(QWizardPage):
    def __init__(self, context: WizardContext, draft: Draft) -> None:
        super().__init__()
        self._context, self._draft = context, draft
        self.setTitle(self.tr("Check and save"))
        self.setSubTitle(self.tr("Review the report. Save adds the camera to the site (or updates it) and "
                                 "writes the commissioning report."))
        self.preview = QTextBrowser()
        self.preview.setObjectName("reportPreview")  # paper colours: the report is printed as it is shown
        self.snapshot = QLabel(self.tr("Taking a snapshot…"))
        self.snapshot.setObjectName("hint")
        self.snapshot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.snapshot.setMinimumSize(320, 180)
        self.save_button = QPushButton(self.tr("Save camera"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.status.setOpenExternalLinks(True)
        side = QVBoxLayout()
        side.addWidget(self.snapshot)
        side.addWidget(self.save_button)
        side.addWidget(self.status)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.preview, 3)
        layout.addLayout(side, 1)
        self.record: CommissioningRecord | None = None

    def initializePage(self) -> None:  # noqa: N802
        self._draft.saved_camera_id = None
        self.save_button.setEnabled(True)
        self.status.clear()
        self._render()
        if self._draft.snapshot is None and self._draft.report.snapshot:
            token = self._draft.focus_profile or self._draft.report.profiles[0].token
            future = self._draft.session.snapshot(token)
            self._context.runner.submit(lambda: future.result(self._context.cameras.call_timeout_s * 2),
                                        on_done=self._on_snapshot, on_error=self._on_snapshot_error)
        else:
            self._show_snapshot()

    def _render(self) -> None:
        self.record = build_record(self._draft, self._context.installer)
        self.preview.setHtml(CommissioningReport(self.record).html())

    def _on_snapshot(self, jpeg: bytes) -> None:
        self._draft.snapshot = jpeg
        self._render()
        self._show_snapshot()

    def _on_snapshot_error(self, exc: Exception) -> None:
        self.snapshot.setText(self.tr("No snapshot: %1").replace("%1", str(exc)))

    def _show_snapshot(self) -> None:
        image = QImage.fromData(self._draft.snapshot or b"", "JPEG")
        if image.isNull():
            self.snapshot.setText(self.tr("No snapshot"))
            return
        self.snapshot.setPixmap(QPixmap.fromImage(image).scaled(
            320, 180, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def save(self) -> None:
        self._render()
        record = self.record
        self.save_button.setEnabled(False)
        self.status.setObjectName("hint")
        self.status.setText(self.tr("Saving…"))
        self._context.runner.submit(lambda: save(self._context, self._draft, record),
                                    on_done=self._on_saved, on_error=self._on_error)

    def _restyle(self, name: str) -> None:
        self.status.setObjectName(name)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def _on_saved(self, result: tuple[int, tuple[Path, ...]]) -> None:
        camera_id, files = result
        self._draft.saved_camera_id, self._draft.report_files = camera_id, files
        links = "<br>".join(f"<a href='{f.as_uri()}'>{html.escape(f.name)}</a>" for f in files)
        self._restyle("hint")
        self.status.setText(self.tr("Saved %1. Report:").replace("%1", html.escape(self._draft.code)) + "<br>" + links)
        self.completeChanged.emit()

    def _on_error(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self._restyle("error")
        self.status.setText(self.tr("Not saved: %1").replace("%1", str(exc)))

    def isComplete(self) -> bool:  # noqa: N802
        return self._draft.saved_camera_id is not None
