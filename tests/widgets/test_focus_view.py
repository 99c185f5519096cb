"""The focus view against real cameras: simulated ONVIF domes whose PTZ motor also steers their RTSP picture,
commissioned into a real CameraService (SQLite, encrypted login), played by a real StreamDecoder."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QMessageBox, QWidget

from cockpit.cameras import CameraState
from cockpit.commissioning import Placement
from cockpit.models import Site
from services.database import DatabaseService
from services.onvif import CameraService, CredentialStore
from services.sim.loop import LoopThread
from services.sim.model import EventHub, PtzPosition, PtzState, SimCamera
from services.sim.onvif import OnvifDevice
from services.sim.video import CameraStreams
from services.sim.video.orbit import OrbitWorld
from services.video import DecoderState
from tests.services.sim.test_onvif_support import PASSWORD, make_camera, sample_jpeg
from tests.services.video.hosts import FreezableProxy, tiny_site
from widgets import focus_view
from widgets.focus_view import FocusView
from widgets.ptz_control import MOVE_TIMEOUT_S
from widgets.worker import TaskRunner

PLACE = Placement(x=50.0, y=10.0, height_m=4.0, heading_deg=0.0, tilt_deg=-10.0, fov_deg=70.0, range_m=40.0)
DOME, FIXED, OFFLINE = "CAM-151", "CAM-152", "CAM-153"
CALL_TIMEOUT_S = 1.0


@dataclass
class SimCam:
    """One simulated camera: ONVIF device and RTSP streams sharing one PTZ motor."""

    camera: SimCamera
    ptz: PtzState
    device: OnvifDevice
    streams: CameraStreams | None


class HoldingProxy(FreezableProxy):
    """freeze() also holds what a pump has just read, so not one more exchange gets through (a hung camera)."""

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while not self._stop.is_set():
                data = src.recv(65536)
                if not data:
                    break
                while not self._running.wait(0.1):
                    if self._stop.is_set():
                        return
                dst.sendall(data)
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)


@dataclass
class Rig:
    service: CameraService
    dome: SimCam
    proxy: HoldingProxy  # the dome's ONVIF is reached through it: freeze() hangs the camera


def start_cam(loop: LoopThread, camera: SimCamera, video: bool = True) -> SimCam:
    ptz = PtzState(camera)
    streams = CameraStreams(tiny_site(), camera, ptz, OrbitWorld(camera)) if video else None
    if streams is not None:
        loop.run(streams.start())
    device = OnvifDevice(camera, ptz, EventHub(), snapshot_jpeg=sample_jpeg,
                         stream_uri=streams.stream_uri if streams else lambda token: "rtsp://127.0.0.1:9/none")
    loop.run(device.start())
    return SimCam(camera, ptz, device, streams)


def stop_cam(loop: LoopThread, cam: SimCam) -> None:
    loop.run(cam.device.stop())
    if cam.streams is not None:
        loop.run(cam.streams.stop())


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    root = tmp_path_factory.mktemp("focus")
    db = DatabaseService(f"sqlite:///{root / 'cams.db'}")
    db.start()
    with db.session() as session:
        session.add(Site(code="S1", name="Test site", width_m=100, depth_m=100, timezone="UTC", boundary=[]))
        session.commit()
    service = CameraService(db, CredentialStore(db, root / "credentials.key"), lambda event: None,
                            call_timeout_s=CALL_TIMEOUT_S, pull_wait_s=0.5, backoff_initial_s=0.5, backoff_max_s=2.0)
    with LoopThread("focus-test-loop") as loop:
        dome = start_cam(loop, make_camera(151, x=50.0, y=10.0, heading_deg=0.0))
        fixed = start_cam(loop, make_camera(152, is_ptz=False, x=50.0, y=10.0, heading_deg=0.0))
        offline = start_cam(loop, make_camera(153), video=False)
        proxy = HoldingProxy(dome.device.port)
        # "localhost": the client keeps the host it reached for every service, so PTZ goes through the proxy
        for code, address in ((DOME, f"localhost:{proxy.port}"), (FIXED, f"127.0.0.1:{fixed.device.port}"),
                              (OFFLINE, f"127.0.0.1:{offline.device.port}")):
            report = service.probe_device(address, "admin", PASSWORD)
            service.add_or_update_camera(code, report, "admin", PASSWORD, name=code, placement=PLACE)
        loop.run(offline.device.stop())  # commissioned, then gone: unreachable
        service.start()
        try:
            wait_until(lambda: service.health()[DOME].state is CameraState.ONLINE
                       and service.health()[FIXED].state is CameraState.ONLINE
                       and service.health()[OFFLINE].state is CameraState.UNREACHABLE, 10)
            yield Rig(service, dome, proxy)
        finally:
            service.stop(5)
            proxy.close()
            stop_cam(loop, dome)
            stop_cam(loop, fixed)
            db.stop()


def wait_until(predicate: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


class Recording:
    """The real camera service, with the calls the view made written down."""

    def __init__(self, service: CameraService) -> None:
        self.service, self.calls = service, []

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.service, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            return method(*args, **kwargs)
        return call


@pytest.fixture
def make_view(qtbot, rig: Rig) -> Iterator[Any]:
    made: list[tuple[FocusView, TaskRunner]] = []

    def make(controller: Any = None) -> FocusView:
        runner = TaskRunner()
        view = FocusView(controller or rig.service, lambda code, main: rig.service.stream_uri(code, main=main), runner)
        qtbot.addWidget(view)
        view.resize(1100, 700)
        view.show()
        qtbot.waitExposed(view)
        made.append((view, runner))
        return view

    yield make
    for view, runner in made:
        view.close_camera()
        runner.wait(10_000)


def ptz_at(rig: Rig) -> PtzPosition:
    status = rig.service.ptz_status(DOME).result(2)
    return PtzPosition(status.pan, status.tilt, status.zoom)


def test_a_dome_plays_its_main_stream_and_held_keys_steer_it(qtbot, rig: Rig, make_view) -> None:
    rig.service.ptz_absolute(DOME, 0.0, 0.0, 0.0).result(2)
    view = make_view()
    view.show_camera(DOME, "North gate dome", True)
    assert view.title.text() == "North gate dome" and DOME in view.subtitle.text() and view.panel.isVisible()
    qtbot.waitUntil(lambda: view.video.painted_frames > 3, timeout=10_000)
    assert view.decoder is not None and view.decoder.uri.endswith(f"/{DOME}/main")
    frame = view.decoder.latest()
    assert (frame.image.shape[1], frame.image.shape[0]) == (1280, 720)

    start = ptz_at(rig)
    qtbot.keyPress(view, Qt.Key.Key_Right)  # held ...
    qtbot.waitUntil(lambda: rig.dome.ptz.moving, timeout=3_000)
    qtbot.wait(400)
    qtbot.keyRelease(view, Qt.Key.Key_Right)  # ... and let go
    qtbot.waitUntil(lambda: not rig.dome.ptz.moving, timeout=3_000)
    stopped = ptz_at(rig)
    assert stopped.pan > start.pan + 0.05 and stopped.tilt == pytest.approx(start.tilt)
    qtbot.wait(300)
    assert ptz_at(rig).pan == pytest.approx(stopped.pan)  # it stays stopped

    qtbot.keyPress(view.pad, Qt.Key.Key_Plus)  # keys work on the pad too; + zooms in
    qtbot.waitUntil(lambda: rig.dome.ptz.moving, timeout=3_000)
    qtbot.wait(200)
    qtbot.keyRelease(view.pad, Qt.Key.Key_Plus)
    qtbot.waitUntil(lambda: not rig.dome.ptz.moving, timeout=3_000)
    assert ptz_at(rig).zoom > 0.05 and view.message_text == ""


def test_focus_leaving_mid_hold_stops_the_dome(qtbot, rig: Rig) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    runner = TaskRunner()
    view = FocusView(rig.service, lambda code, main: rig.service.stream_uri(code, main=main), runner)
    other = QLineEdit()
    row = QHBoxLayout(window)
    row.addWidget(view)
    row.addWidget(other)
    window.show()
    qtbot.waitActive(window)
    view.show_camera(DOME, "North gate dome", True)
    qtbot.waitUntil(view.hasFocus, timeout=2_000)
    qtbot.keyPress(view, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: rig.dome.ptz.moving, timeout=3_000)
    other.setFocus()  # the key's release goes to the line edit now
    qtbot.waitUntil(lambda: not rig.dome.ptz.moving, timeout=3_000)
    view.close_camera()
    runner.wait(10_000)


def test_a_held_move_is_sent_again_before_the_cameras_dead_man_timeout(qtbot, rig: Rig, make_view,
                                                                      monkeypatch) -> None:
    monkeypatch.setattr(focus_view, "MOVE_REFRESH_MS", 150)
    recording = Recording(rig.service)
    view = make_view(recording)
    view.show_camera(DOME, "North gate dome", True)
    qtbot.keyPress(view, Qt.Key.Key_Left)
    qtbot.wait(700)
    qtbot.keyRelease(view, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: not rig.dome.ptz.moving, timeout=3_000)
    moves = [(args, kwargs) for name, args, kwargs in recording.calls if name == "ptz_move"]
    assert len(moves) >= 3 and all(kwargs == {"timeout_s": MOVE_TIMEOUT_S} for _, kwargs in moves)
    assert [name for name, _, _ in recording.calls][-1] == "ptz_stop"


def test_presets_save_go_back_and_remove(qtbot, rig: Rig, make_view, monkeypatch) -> None:
    view = make_view()
    view.show_camera(DOME, "North gate dome", True)
    qtbot.waitUntil(lambda: not view.presets.busy, timeout=5_000)
    rig.service.ptz_absolute(DOME, 0.3, 0.1, 0.2).result(2)

    qtbot.keyClicks(view.presets.name, "Gate view")
    qtbot.mouseClick(view.presets.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(p.name == "Gate view" for p in view.presets.presets), timeout=5_000)
    assert "Gate view" in view.message_text and view.presets.name.text() == ""
    row = next(i for i, p in enumerate(view.presets.presets) if p.name == "Gate view")
    assert view.presets.list.currentRow() == row  # the new preset is selected
    assert view.presets.list.item(row).text().startswith(f"{row + 1}  ")

    rig.service.ptz_absolute(DOME, -0.5, -0.2, 0.0).result(2)
    qtbot.keyClick(view, getattr(Qt.Key, f"Key_{row + 1}"))  # its digit goes back there
    qtbot.waitUntil(lambda: ptz_at(rig).pan == pytest.approx(0.3, abs=1e-3), timeout=3_000)
    assert ptz_at(rig) == PtzPosition(pytest.approx(0.3, abs=1e-3), pytest.approx(0.1, abs=1e-3),
                                      pytest.approx(0.2, abs=1e-3))
    rig.service.ptz_absolute(DOME, -0.5, -0.2, 0.0).result(2)
    view.presets.list.setCurrentRow(row)
    view.presets.list.setFocus()
    qtbot.keyClick(view.presets.list, Qt.Key.Key_Return)  # Enter on the list goes there too
    qtbot.waitUntil(lambda: ptz_at(rig).pan == pytest.approx(0.3, abs=1e-3), timeout=3_000)

    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: next(answers))
    view.presets.list.setCurrentRow(row)
    qtbot.mouseClick(view.presets.remove_button, Qt.MouseButton.LeftButton)  # "No": kept
    assert not view.presets.busy and "Gate view" in [p.name for p in rig.service.presets(DOME).result(2)]
    qtbot.mouseClick(view.presets.remove_button, Qt.MouseButton.LeftButton)  # "Yes": removed
    qtbot.waitUntil(lambda: all(p.name != "Gate view" for p in view.presets.presets) and not view.presets.busy,
                    timeout=5_000)
    assert "Gate view" not in [p.name for p in rig.service.presets(DOME).result(2)]
    assert "Removed" in view.message_text


def test_a_fixed_camera_has_no_ptz_panel_and_a_new_camera_closes_the_old_stream(qtbot, rig: Rig, make_view) -> None:
    recording = Recording(rig.service)
    view = make_view(recording)
    view.show_camera(DOME, "North gate dome", True)
    qtbot.waitUntil(lambda: view.decoder is not None, timeout=5_000)
    dome_decoder = view.decoder
    view.show_camera(FIXED, "Square", False)
    qtbot.waitUntil(lambda: dome_decoder.state is DecoderState.CLOSED, timeout=5_000)
    assert view.panel.isHidden() and "fixed camera" in view.subtitle.text()
    qtbot.waitUntil(lambda: view.video.painted_frames > 0, timeout=10_000)
    assert view.decoder.uri.endswith(f"/{FIXED}/main")
    recording.calls.clear()
    qtbot.keyPress(view, Qt.Key.Key_Left)
    qtbot.keyRelease(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.wait(100)
    assert recording.calls == []  # no PTZ command for a fixed camera
    view.close_camera()
    assert view.decoder is None and view.title.text() == "No camera"


def test_an_unreachable_camera_says_so_and_the_ui_keeps_going(qtbot, rig: Rig, make_view) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    view = make_view()
    view.show_camera(OFFLINE, "Bike shed", True)
    qtbot.waitUntil(lambda: "not online" in view.message_text, timeout=5_000)
    qtbot.keyPress(view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: "did not move" in view.message_text, timeout=5_000)
    qtbot.keyRelease(view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not view._sender.busy, timeout=5_000)
    # the stop failed too; the message keeps what matters: the camera did not move, and why
    assert "did not move" in view.message_text and "unreachable" in view.message_text
    assert view.decoder is None and view.video.painted_frames == 0
    timer.stop()
    assert max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 0.1


def test_a_frozen_dome_never_freezes_the_ui_and_moves_do_not_pile_up(qtbot, rig: Rig, make_view) -> None:
    recording = Recording(rig.service)
    view = make_view(recording)
    view.show_camera(DOME, "North gate dome", True)
    qtbot.waitUntil(lambda: not view.presets.busy and view.video.painted_frames > 0, timeout=10_000)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    rig.proxy.freeze()
    try:
        recording.calls.clear()
        timer.start()
        for _ in range(10):  # an impatient operator: press, release, press, … while the camera hangs
            for key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
                qtbot.keyPress(view, key)
                qtbot.keyRelease(view, key)
        qtbot.waitUntil(lambda: "did not move" in view.message_text, timeout=CALL_TIMEOUT_S * 1000 + 2_000)
        qtbot.waitUntil(lambda: not view._sender.busy, timeout=CALL_TIMEOUT_S * 1000 + 2_000)
        timer.stop()
        assert "did not answer" in view.message_text
        # one move went out and hung; the 39 requests after it waited in one slot, where the final stop won
        assert [name for name, _, _ in recording.calls] == ["ptz_move", "ptz_stop"]
        assert recording.calls[0][1][:3] == (DOME, pytest.approx(-0.5), 0.0)
        assert max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 0.1, "the UI thread stalled"
        assert len(ticks) > CALL_TIMEOUT_S * 50
        assert view.video.painted_frames > 0  # the picture (straight RTSP) kept playing
    finally:
        rig.proxy.thaw()
    qtbot.waitUntil(lambda: rig.service.health()[DOME].state is CameraState.ONLINE, timeout=10_000)
    rig.service.ptz_stop(DOME).result(2)  # a move the proxy held may have reached the dome on thawing
