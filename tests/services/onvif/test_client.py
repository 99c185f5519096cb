"""OnvifClient against the simulator's ONVIF devices, over real SOAP on loopback."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from cockpit.cameras import CameraEventKind
from services.onvif import ClockSkew, OnvifClient, RequestRejected, Unsupported, device_url
from services.sim.loop import LoopThread
from services.sim.model import CameraEvent, PtzPosition

from .conftest import PASSWORD, Running, make_camera, start_device

LINE = "tns1:RuleEngine/LineDetector/Crossed"
MOTION = "tns1:VideoSource/MotionAlarm"


@pytest.fixture
def client(device: Running) -> Iterator[OnvifClient]:
    c = OnvifClient(f"127.0.0.1:{device.port}", "admin", PASSWORD, code=device.camera.code, timeout_s=2.0)
    yield c
    c.close()


def test_device_url_normalises_what_an_installer_types() -> None:
    assert device_url("127.0.0.1:8081") == "http://127.0.0.1:8081/onvif/device_service"
    assert device_url("http://cam.local") == "http://cam.local/onvif/device_service"
    assert device_url("https://10.0.0.5:8443/onvif/dev") == "https://10.0.0.5:8443/onvif/dev"


def test_connect_identity_profiles_and_stream_uri(client: OnvifClient, device: Running) -> None:
    started = time.perf_counter()
    info = client.connect()
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"connect took {elapsed:.2f} s on loopback"
    assert (info.manufacturer, info.model, info.firmware) == ("CockpitSim", "SimCam-4MP", "1.0.0")
    assert info.serial == "SIM000021"
    assert set(client.services) == {"device", "media", "ptz", "events"}
    assert abs(client.clock_offset_s or 0) < 1.5
    profiles = {p.token: p for p in client.profiles()}
    main, sub = profiles["main"], profiles["sub"]
    assert (main.encoding, main.width, main.height, main.fps, main.gop, main.bitrate_kbps) == (
        "H264", 1280, 720, 15.0, 15, 2048)
    assert (sub.width, sub.height, sub.bitrate_kbps) == (640, 360, 512)
    assert main.has_ptz and client.ptz_profile == "main"
    assert client.stream_uri("sub") == f"rtsp://127.0.0.1:8554/{device.camera.code}/sub"


def test_snapshot_over_http_digest(client: OnvifClient) -> None:
    client.connect()
    jpeg = client.snapshot("main")
    assert jpeg[:3] == b"\xff\xd8\xff" and len(jpeg) > 500
    assert client.snapshot("sub")[:2] == b"\xff\xd8"  # the digest challenge is reused or answered again
    with pytest.raises(RequestRejected):
        client.snapshot("nope")  # the device refuses the profile token


def test_snapshot_with_a_wrong_password_is_refused_not_a_crash(device: Running) -> None:
    good = OnvifClient(f"127.0.0.1:{device.port}", "admin", PASSWORD, timeout_s=2.0)
    good.connect()
    uri = good.snapshot_uri("main")
    bad = OnvifClient(f"127.0.0.1:{device.port}", "admin", "wrong", timeout_s=2.0)
    response = bad._cmd.transport.request("GET", uri, what="the snapshot")
    assert response.status_code == 401  # digest answered, still refused: no loop, no exception


def test_ptz_moves_presets_and_status(client: OnvifClient, device: Running) -> None:
    client.connect()
    client.absolute_move(0.0, 0.0, 0.0)
    client.continuous_move(0.5, 0.0, 0.0)
    assert client.status().moving
    time.sleep(0.2)
    client.stop()
    status = client.status()
    assert not status.moving and status.pan is not None and 0.09 <= status.pan <= 0.3
    client.absolute_move(-0.5, 0.25, 0.75)
    assert device.ptz.position() == PtzPosition(pytest.approx(-0.5), pytest.approx(0.25), pytest.approx(0.75))
    token = client.set_preset("North gate")
    presets = {p.token: p for p in client.presets()}
    assert presets[token].name == "North gate" and presets[token].pan == pytest.approx(-0.5)
    client.absolute_move(0.0, 0.0, 0.0)
    client.goto_preset(token)
    assert device.ptz.position().zoom == pytest.approx(0.75)
    client.remove_preset(token)
    assert token not in {p.token for p in client.presets()}
    with pytest.raises(RequestRejected, match="GotoPreset"):
        client.goto_preset("no-such-preset")


def test_a_fixed_camera_has_no_ptz(loop_thread: LoopThread) -> None:
    run = start_device(loop_thread, make_camera(22, is_ptz=False))
    try:
        client = OnvifClient(f"127.0.0.1:{run.port}", "admin", PASSWORD, timeout_s=2.0)
        client.connect()
        assert "ptz" not in client.services and client.ptz_profile is None
        with pytest.raises(Unsupported, match="PTZ"):
            client.continuous_move(0.1, 0, 0)
    finally:
        loop_thread.run(run.device.stop())


def test_events_are_typed_with_kind_state_and_corrected_time(loop_thread: LoopThread) -> None:
    run = start_device(loop_thread, make_camera(23, clock_offset_s=7200.0))
    client = OnvifClient(f"127.0.0.1:{run.port}", "admin", PASSWORD, code="CAM-023", timeout_s=2.0)
    try:
        client.connect()
        assert client.clock_offset_s == pytest.approx(7200.0, abs=1.0)
        assert client.create_pull_point(30) == pytest.approx(30, abs=1.5)
        initial = client.pull(0.0)
        assert {(e.kind, e.active, e.initial) for e in initial} >= {(CameraEventKind.MOTION, False, True)}
        published = datetime.now(UTC)
        run.hub.publish(CameraEvent("CAM-023", LINE, {"VideoSourceConfigurationToken": "vsc0", "Rule": "Fence"},
                                    {"ObjectId": "7"}, published))
        run.hub.publish(CameraEvent("CAM-023", MOTION, {"Source": "vs0"}, {"State": "true"}, published))
        got = client.pull(2.0)
        while len(got) < 2:
            got += client.pull(2.0)
        line, motion = got
        assert (line.code, line.kind, line.topic, line.active, line.initial) == (
            "CAM-023", CameraEventKind.LINE_CROSSING, LINE, None, False)
        assert line.source["Rule"] == "Fence" and line.data == {"ObjectId": "7"}
        assert abs((line.at - published).total_seconds()) < 1.0  # the device's 2 h are taken out
        assert (motion.kind, motion.active) == (CameraEventKind.MOTION, True)
        client.unsubscribe()
        assert not client.subscribed
    finally:
        client.close()
        loop_thread.run(run.device.stop())


def test_renewal_keeps_a_subscription_alive_past_its_termination_time(client: OnvifClient, device: Running) -> None:
    client.connect()
    other = OnvifClient(f"127.0.0.1:{device.port}", "admin", PASSWORD, timeout_s=2.0)
    other.connect()
    client.create_pull_point(1)
    other.create_pull_point(1)  # never renewed, never pulled: it expires after 1 s
    started = time.monotonic()
    while time.monotonic() - started < 2.5:
        assert client.renew(1) == pytest.approx(1, abs=0.6)
        time.sleep(0.4)
    assert isinstance(client.pull(0.0), list)  # still there, 2.5 s after a 1 s termination time
    with pytest.raises(RequestRejected, match="Unknown or expired subscription"):
        other.pull(0.0)


def test_a_clock_two_hours_off_logs_in_and_a_limit_makes_it_clock_skew(loop_thread: LoopThread) -> None:
    run = start_device(loop_thread, make_camera(24, clock_offset_s=7200.0))
    try:
        fine = OnvifClient(f"127.0.0.1:{run.port}", "admin", PASSWORD, timeout_s=2.0)
        fine.connect()  # WS-Security's ±5 min window would refuse our own clock
        assert fine.clock_offset_s == pytest.approx(7200, abs=1.0)
        strict = OnvifClient(f"127.0.0.1:{run.port}", "admin", PASSWORD, timeout_s=2.0, max_clock_offset_s=3600)
        with pytest.raises(ClockSkew, match="device clock 2 h 00 min ahead") as info:
            strict.connect()
        assert info.value.state.value == "clock_skew"
        assert strict.clock_offset_s == pytest.approx(7200, abs=1.0)
    finally:
        loop_thread.run(run.device.stop())
