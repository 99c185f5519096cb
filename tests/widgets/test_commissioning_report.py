"""The commissioning report carries everything the issue asks for, in HTML and PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import cv2
import numpy as np

from cockpit.commissioning import CommissioningRecord, Placement, ProfileRecord, check
from widgets.commissioning.report import CommissioningReport


def _record() -> CommissioningRecord:
    jpeg = cv2.imencode(".jpg", np.full((90, 160, 3), 90, np.uint8))[1].tobytes()
    profiles = (
        ProfileRecord("main", "MainStream", "main", "H264", 1280, 720, 15, 60, "rtsp://127.0.0.1:1/CAM-007/main",
                      first_frame_s=0.31, measured_fps=15.0, measured_gop=60, bitrate_kbps=1800),
        ProfileRecord("sub", "SubStream", "sub", "H264", 640, 360, 15, 15, "rtsp://127.0.0.1:1/CAM-007/sub",
                      first_frame_s=0.22, measured_fps=14.9, measured_gop=15, bitrate_kbps=480),
    )
    record = CommissioningRecord(
        code="CAM-007", name="中心广场球机", address="http://127.0.0.1:8000/onvif/device_service",
        manufacturer="CockpitSim", model="SimCam-PTZ-4MP", firmware="1.0.0", serial="SIM0001", clock_offset_s=12.5,
        profiles=profiles, is_ptz=True, presets=(("preset1", "广场中心"),),
        placement=Placement(120, 88, 6, 45, -20, 60, 50), snapshot_jpeg=jpeg, installer="installer",
        commissioned_at=datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
    return replace(record, warnings=tuple(check(record)))


def test_html_report_has_identity_streams_measurements_presets_placement_snapshot_warnings(qapp, tmp_path):
    path = CommissioningReport(_record()).write_html(tmp_path / "CAM-007.html")
    text = path.read_text(encoding="utf-8")
    for needle in ("CAM-007", "中心广场球机", "SimCam-PTZ-4MP", "1.0.0", "SIM0001", "+12.50 s", "1280×720",
                   "0.31 s", "14.9", "480", "广场中心", "x 120.0 m", "45°", "data:image/jpeg;base64,",
                   "Keyframes too far apart", "Clock drift"):
        assert needle in text, needle
    assert "No known bad settings" not in text


def test_pdf_report_is_written(qapp, tmp_path):
    path = CommissioningReport(_record()).write_pdf(tmp_path / "CAM-007.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000  # with the embedded snapshot


def test_a_clean_camera_says_so(qapp):
    record = _record()
    clean = replace(record, warnings=(), clock_offset_s=0.1)
    assert "No known bad settings found." in CommissioningReport(clean).html()
