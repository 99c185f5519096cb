"""CameraService on a real database (SQLite and PostgreSQL) with encrypted credentials and simulated cameras."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from cockpit.cameras import CameraEventReceived, CameraState
from cockpit.commissioning import Placement
from cockpit.models import Camera, CameraProfile, Device, DeviceStatus, PtzPreset, Site, StreamRole
from services.database import DatabaseService
from services.onvif import (
    AuthFailed,
    CameraService,
    CredentialStore,
    DeviceReport,
    NotOnvif,
    UnknownCamera,
    Unsupported,
)
from services.sim.loop import LoopThread
from services.sim.model import CameraEvent

from . import hostile
from .conftest import PASSWORD, Collector, Running, make_camera, start_device

PLACE = Placement(x=12.0, y=30.0, height_m=4.0, heading_deg=90.0, tilt_deg=-20.0, fov_deg=70.0, range_m=35.0)


@pytest.fixture
def db(db_url: str) -> Iterator[DatabaseService]:
    service = DatabaseService(db_url)
    service.start()
    with service.session() as session:
        session.add(Site(code="S1", name="Test site", width_m=100, depth_m=100, timezone="Asia/Shanghai",
                         boundary=[]))
        session.commit()
    yield service
    service.stop()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[DatabaseService]:
    service = DatabaseService(f"sqlite:///{tmp_path / 'cams.db'}")
    service.start()
    with service.session() as session:
        session.add(Site(code="S1", name="Test site", width_m=100, depth_m=100, timezone="UTC", boundary=[]))
        session.commit()
    yield service
    service.stop()


def commission(service: CameraService, run: Running, code: str) -> DeviceReport:
    report = service.probe_device(f"127.0.0.1:{run.port}", "admin", PASSWORD)
    service.add_or_update_camera(code, report, "admin", PASSWORD, name="North gate", placement=PLACE)
    return report


def test_probe_commission_run_and_command(db: DatabaseService, tmp_path: Path, loop_thread: LoopThread) -> None:
    run = start_device(loop_thread, make_camera(41, clock_offset_s=-30.0))
    run.ptz.set_preset("Gate", "p-gate")
    sink = Collector()
    service = CameraService(db, CredentialStore(db, tmp_path / "keys" / "credentials.key"), sink, call_timeout_s=2.0)
    try:
        report = commission(service, run, "CAM-041")
        assert (report.manufacturer, report.model, report.serial) == ("CockpitSim", "SimCam-4MP", "SIM000041")
        assert report.clock_offset_s == pytest.approx(-30, abs=1.0) and report.is_ptz and report.has_events
        assert {p.token: p.stream_uri for p in report.profiles} == {
            "main": f"rtsp://127.0.0.1:8554/{run.camera.code}/main",
            "sub": f"rtsp://127.0.0.1:8554/{run.camera.code}/sub"}
        assert [p.name for p in report.presets] == ["Gate"] and report.snapshot and report.connect_s < 1.0

        with db.session() as session:
            camera = session.scalar(select(Camera).join(Device).where(Device.code == "CAM-041"))
            assert camera is not None and camera.onvif_url == report.address and camera.is_ptz
            assert {(p.token, p.role, p.gop, p.stream_uri is not None) for p in camera.profiles} == {
                ("main", StreamRole.MAIN, 15, True), ("sub", StreamRole.SUB, 15, True)}
            assert [(p.token, p.name) for p in camera.presets] == [("p-gate", "Gate")]
            secret = session.execute(text("SELECT secret FROM camera_credentials WHERE id = :id"),
                                     {"id": camera.credential_ref}).scalar_one()
        assert PASSWORD.encode() not in bytes(secret) and len(secret) > 50
        assert (tmp_path / "keys" / "credentials.key").stat().st_mode & 0o777 == 0o600

        assert service.start() == 1
        sink.wait_state("CAM-041", CameraState.ONLINE)
        assert service.health()["CAM-041"].clock_offset_s == pytest.approx(-30, abs=1.0)
        jpeg = service.snapshot("CAM-041").result(3)
        assert jpeg[:2] == b"\xff\xd8"
        service.ptz_absolute("CAM-041", 0.5, 0.0, 0.0).result(2)
        service.goto_preset("CAM-041", "p-gate").result(2)
        assert service.ptz_status("CAM-041").result(2).pan == pytest.approx(0.0, abs=1e-6)
        token = service.set_preset("CAM-041", "Parking").result(2)
        assert token in {p.token for p in service.presets("CAM-041").result(2)}
        service.ptz_move("CAM-041", 0.2, 0.0).result(2)
        service.ptz_stop("CAM-041").result(2)
        assert [p.token for p in service.refresh_profiles("CAM-041").result(3)] == ["main", "sub"]
        mark = sink.mark()
        run.hub.publish(CameraEvent("CAM-041", "tns1:RuleEngine/FieldDetector/ObjectsInside",
                                    {"Rule": "Yard"}, {"IsInside": "true"}, datetime.now(UTC)))
        _, event = sink.wait_for(lambda e: isinstance(e, CameraEventReceived) and not e.initial, since=mark)
        assert isinstance(event, CameraEventReceived) and event.active is True and event.kind.value == "intrusion"
        with pytest.raises(UnknownCamera):
            service.snapshot("CAM-999").result(1)
    finally:
        started = time.monotonic()
        service.stop()
        assert time.monotonic() - started < 2.0
        loop_thread.run(run.device.stop())


def test_recommissioning_updates_in_place_and_keeps_preset_targets(sqlite_db: DatabaseService, tmp_path: Path,
                                                                   loop_thread: LoopThread) -> None:
    run = start_device(loop_thread, make_camera(42))
    run.ptz.set_preset("Gate", "p-gate")
    service = CameraService(sqlite_db, CredentialStore(sqlite_db, tmp_path / "k"), Collector(), call_timeout_s=2.0)
    try:
        commission(service, run, "CAM-042")
        with sqlite_db.session() as session:
            preset = session.scalar(select(PtzPreset).where(PtzPreset.token == "p-gate"))
            assert preset is not None
            preset.target_x, preset.target_y = 5.0, 6.0
            ref = session.scalar(select(Camera.credential_ref))
            session.commit()
        report = service.probe_device(f"127.0.0.1:{run.port}", "admin", PASSWORD)
        service.add_or_update_camera("CAM-042", report, "operator", "new-secret",
                                     roles={"sub": StreamRole.SUB})  # placement kept, only the sub stream stored
        with sqlite_db.session() as session:
            camera = session.scalar(select(Camera))
            assert camera is not None and camera.heading_deg == PLACE.heading_deg
            assert [p.token for p in camera.profiles] == ["sub"]
            assert session.scalar(select(PtzPreset.target_x)) == 5.0
            assert camera.credential_ref == ref
            login = service._credentials.get(session, ref)
            assert (login.username, login.password) == ("operator", "new-secret")
            assert session.scalar(select(CameraProfile.id).where(CameraProfile.token == "main")) is None
        with pytest.raises(ValueError, match="placement"):
            service.add_or_update_camera("CAM-NEW", report, "admin", PASSWORD)
    finally:
        loop_thread.run(run.device.stop())


def test_the_password_is_nowhere_in_the_database_file(sqlite_db: DatabaseService, tmp_path: Path) -> None:
    store = CredentialStore(sqlite_db, tmp_path / "credentials.key")
    ref = store.save("admin", "Pa55-very-secret")
    assert store.load(ref).password == "Pa55-very-secret"
    path = Path(sqlite_db.engine.url.database or "")
    raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))  # the file, its WAL and SHM
    assert b"Pa55-very-secret" not in raw and b"admin" in raw


@pytest.mark.parametrize("damage", ["missing", "foreign"])
def test_a_lost_or_foreign_key_file_gives_a_clear_auth_failed(sqlite_db: DatabaseService, tmp_path: Path,
                                                              loop_thread: LoopThread, damage: str) -> None:
    run = start_device(loop_thread, make_camera(43))
    key = tmp_path / "credentials.key"
    service = CameraService(sqlite_db, CredentialStore(sqlite_db, key), Collector(), call_timeout_s=2.0)
    try:
        commission(service, run, "CAM-043")
        if damage == "missing":
            key.unlink()
        else:
            key.write_bytes(Fernet.generate_key())
        sink = Collector()
        fresh = CameraService(sqlite_db, CredentialStore(sqlite_db, key), sink, call_timeout_s=2.0)
        fresh.start()
        _, health = sink.wait_state("CAM-043", CameraState.AUTH_FAILED, timeout=1.0)
        assert health.message.startswith(f"credentials cannot be decrypted: key file {key}")
        assert ("is missing" if damage == "missing" else "is not the key") in health.message
        with pytest.raises(AuthFailed, match="cannot be decrypted"):
            fresh.snapshot("CAM-043").result(1)
        fresh.stop()
    finally:
        loop_thread.run(run.device.stop())


def test_disabled_cameras_get_no_worker(sqlite_db: DatabaseService, tmp_path: Path, loop_thread: LoopThread) -> None:
    run = start_device(loop_thread, make_camera(44))
    service = CameraService(sqlite_db, CredentialStore(sqlite_db, tmp_path / "k"), Collector(), call_timeout_s=2.0)
    try:
        commission(service, run, "CAM-044")
        with sqlite_db.session() as session:
            session.scalar(select(Device)).status = DeviceStatus.MAINTENANCE  # type: ignore[union-attr]
            session.commit()
        sink = Collector()
        disabled = CameraService(sqlite_db, CredentialStore(sqlite_db, tmp_path / "k"), sink)
        assert disabled.start() == 0
        assert disabled.health()["CAM-044"].state is CameraState.DISABLED
        with pytest.raises(Unsupported, match="out of service"):
            disabled.ptz_stop("CAM-044").result(1)
        disabled.stop()
    finally:
        loop_thread.run(run.device.stop())


def test_probe_device_reports_the_state_of_a_bad_device(sqlite_db: DatabaseService, tmp_path: Path,
                                                        loop_thread: LoopThread) -> None:
    service = CameraService(sqlite_db, CredentialStore(sqlite_db, tmp_path / "k"), Collector(), call_timeout_s=1.0)
    with hostile.serving(loop_thread, hostile.respond(200, b"<html>admin</html>", "text/html")) as server, \
            pytest.raises(NotOnvif) as info:
        service.probe_device(server.address, "admin", "x")
    assert info.value.state is CameraState.NOT_ONVIF
