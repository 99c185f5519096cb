"""The installer's wizard end to end against the real simulator process (SOAP, RTSP, WS-Discovery on
loopback), and the UI staying responsive while a device hangs."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QWizard
from sqlalchemy import select, text

from cockpit.cameras import CameraState
from cockpit.commissioning import WarningCode
from cockpit.models import Camera, PtzPreset, CameraProfile, Device, StreamRole
from cockpit.site import load_snapshot
from services.database import DatabaseService
from services.onvif import CameraService, CredentialStore
from services.sim.process import SimulatedCameraInfo, SimulatorProcess, record_cameras
from tests.services.video.hosts import SilentServer
from widgets.commissioning.draft import WizardContext
from widgets.commissioning.wizard import CommissioningWizard, Page
from widgets.labels import label
from widgets.worker import TaskRunner

PTZ_CODE = "CAM-004"  # the first PTZ camera of the demo site


@dataclass
class Bench:
    db: DatabaseService
    cameras: CameraService
    store: CredentialStore
    context: WizardContext
    announced: dict[str, SimulatedCameraInfo]


@pytest.fixture
def bench(qapp, demo_db_url: str, tmp_path: Path) -> Iterator[Bench]:
    """Four simulated cameras (one PTZ); three are already in the site with their addresses, CAM-004 is not."""
    sim = SimulatorProcess(demo_db_url, 4, extra_args=["--no-scenario", "--no-feed"])
    announced = sim.start(timeout_s=90)
    db = DatabaseService(demo_db_url)
    db.start()
    store = CredentialStore(db, tmp_path / "credentials.key")
    with db.session() as session:
        record_cameras(session, [a for a in announced if a.code != PTZ_CODE], store)
        snapshot = load_snapshot(session)
    cameras = CameraService(db, store, lambda event: None, call_timeout_s=2.0)
    runner = TaskRunner()
    host, _, port = announced[0].discovery.rpartition(":")
    context = WizardContext(cameras=cameras, runner=runner, site=snapshot, installer="installer",
                            reports_dir=tmp_path / "reports", discovery_targets=lambda: [(host, int(port))],
                            known_addresses=cameras.known_addresses)
    try:
        yield Bench(db, cameras, store, context, {a.code: a for a in announced})
    finally:
        runner.wait(15_000)
        cameras.stop(timeout_s=5)
        db.stop()
        sim.stop()


def _next(qtbot, wizard: CommissioningWizard, page: Page, timeout: int = 15_000) -> None:
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.NextButton).isEnabled(), timeout=timeout)
    wizard.next()
    assert wizard.currentId() == page


def test_commission_a_ptz_camera_from_discovery_to_saved_report(qtbot, bench: Bench) -> None:
    wizard = CommissioningWizard(bench.context)
    qtbot.addWidget(wizard)
    wizard.show()
    ptz = bench.announced[PTZ_CODE]

    # 1. discovery lists every simulated camera; those in the site say so
    find = wizard.pages[Page.FIND]
    qtbot.waitUntil(lambda: find.found.topLevelItemCount() == 4 and find.search_button.isEnabled(), timeout=10_000)
    rows = {find.found.topLevelItem(i).text(2): find.found.topLevelItem(i) for i in range(4)}
    assert rows[bench.announced["CAM-001"].onvif_url].text(3) == "yes (CAM-001)"
    assert rows[ptz.onvif_url].text(3) == "no"
    find.found.setCurrentItem(rows[ptz.onvif_url])
    assert find.address.text() == ptz.onvif_url

    # 2. a wrong password is a clear state, then the right one shows the identity
    _next(qtbot, wizard, Page.LOGIN)
    login = wizard.pages[Page.LOGIN]
    login.username.setText(ptz.username)
    login.password.setText("wrong")
    qtbot.mouseClick(login.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: login.connect_button.isEnabled(), timeout=10_000)
    assert login.result.text().startswith(label(CameraState.AUTH_FAILED))
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    login.password.setText(ptz.password)
    qtbot.mouseClick(login.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.draft.report is not None, timeout=10_000)
    assert wizard.draft.report.is_ptz and login.identity.rowCount() >= 6

    # 3. both streams play, are measured, and get their roles (sub → wall, main → focus)
    _next(qtbot, wizard, Page.STREAMS)
    streams = wizard.pages[Page.STREAMS]
    qtbot.waitUntil(lambda: len(wizard.draft.probes) == 2 and streams.measure_button.isEnabled(), timeout=20_000)
    assert all(p.error is None and p.fps and p.fps > 10 for p in wizard.draft.probes.values())
    assert (wizard.draft.wall_profile, wizard.draft.focus_profile) == ("sub", "main")
    qtbot.waitUntil(lambda: streams.sub_view.painted_frames > 0 and streams.main_view.painted_frames > 0,
                    timeout=10_000)

    # 4. PTZ: save a preset, test it with "Go to"
    _next(qtbot, wizard, Page.PTZ)
    ptz_page = wizard.pages[Page.PTZ]
    ptz_page.preset_name.insert("北门道闸")
    qtbot.mouseClick(ptz_page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "北门道闸" in wizard.draft.presets.values(), timeout=10_000)
    token = next(t for t, n in wizard.draft.presets.items() if n == "北门道闸")
    ptz_page.presets.setCurrentRow(list(wizard.draft.presets).index(token))
    qtbot.mouseClick(ptz_page.go_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: token in wizard.draft.tested_presets, timeout=10_000)

    # 5. placement: a new code (the device is not in the site), numbers typed move the cone
    _next(qtbot, wizard, Page.PLACEMENT)
    place = wizard.pages[Page.PLACEMENT]
    assert wizard.draft.code == "C-001"
    place.name.setText("北门 PTZ")
    place.spins["heading_deg"].setValue(135.0)
    place.spins["height_m"].setValue(6.5)
    assert wizard.draft.placement.heading_deg == 135.0 and place.plan.placement.heading_deg == 135.0
    place.plan._editor.position.setPos(120.0, 80.0)  # a drag of the square handle
    assert (place.spins["x"].value(), place.spins["y"].value()) == (120.0, 80.0)

    # 6. summary: snapshot, warnings, save → rows, encrypted login, report files
    _next(qtbot, wizard, Page.SUMMARY)
    summary = wizard.pages[Page.SUMMARY]
    qtbot.waitUntil(lambda: wizard.draft.snapshot is not None, timeout=10_000)
    assert wizard.draft.snapshot[:2] == b"\xff\xd8"
    assert summary.record.presets == ((token, "北门道闸"),)
    assert WarningCode.NOT_PLACED not in {f.code for f in summary.record.warnings}
    qtbot.mouseClick(summary.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.draft.saved_camera_id is not None, timeout=15_000)
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

    with bench.db.session() as session:
        device, camera = session.execute(select(Device, Camera).join(Camera).where(Device.code == "C-001")).one()
        assert (device.name, device.x, device.y, device.z) == ("北门 PTZ", 120.0, 80.0, 6.5)
        assert camera.onvif_url == ptz.onvif_url and camera.heading_deg == 135.0 and camera.is_ptz
        roles = dict(session.execute(select(CameraProfile.token, CameraProfile.role)
                                     .where(CameraProfile.camera_id == camera.id)).all())
        assert roles == {"main": StreamRole.MAIN, "sub": StreamRole.SUB}
        presets = session.scalars(select(PtzPreset.name).where(PtzPreset.camera_id == camera.id)).all()
        assert "北门道闸" in presets
        login = bench.store.get(session, camera.credential_ref)
        assert (login.username, login.password) == (ptz.username, ptz.password)
        secrets = session.execute(text("SELECT secret FROM camera_credentials")).scalars().all()
        assert not any(ptz.password.encode() in s for s in secrets)
    html, pdf = wizard.draft.report_files
    assert "C-001" in html.read_text(encoding="utf-8") and "北门道闸" in html.read_text(encoding="utf-8")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5_000  # the snapshot is in it
    assert "C-001" in summary.status.text()

    wizard.accept()
    assert wizard.draft.session is None  # the device's session is released on close


def test_the_ui_answers_while_the_camera_being_added_hangs(qtbot, bench: Bench) -> None:
    """A device that accepts the connection and never replies: clicks and timers keep running, and the
    page says "unreachable" once the call times out."""
    silent = SilentServer()
    wizard = CommissioningWizard(bench.context)
    qtbot.addWidget(wizard)
    wizard.show()
    find = wizard.pages[Page.FIND]
    qtbot.waitUntil(lambda: find.search_button.isEnabled(), timeout=10_000)
    find.address.setText(f"127.0.0.1:{silent.port}")
    _next(qtbot, wizard, Page.LOGIN)
    login = wizard.pages[Page.LOGIN]
    login.password.setText("whatever")

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    try:
        started = time.monotonic()
        qtbot.mouseClick(login.connect_button, Qt.MouseButton.LeftButton)
        assert login.result.text() == "Connecting…"
        clicks = []
        login.username.textChanged.connect(lambda text: clicks.append(time.monotonic()))
        for i in range(5):  # the installer keeps typing while the device hangs
            qtbot.wait(200)
            sent = time.monotonic()
            qtbot.keyClicks(login.username, str(i))
            assert clicks and clicks[-1] - sent < 0.1
        qtbot.waitUntil(lambda: login.connect_button.isEnabled(), timeout=15_000)
        elapsed = time.monotonic() - started
    finally:
        timer.stop()
        silent.close()
    assert label(CameraState.UNREACHABLE) in login.result.text()
    assert 1.5 < elapsed < 10.0  # the 2 s call timeout, not forever
    assert max(gaps) < 250, f"the event loop stalled for {max(gaps)} ms"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
