"""The video lock end to end: real ingest → real queue bridge → camera choice → real RTSP decode and paint →
lock time stored with the alarm; urgent alarms keep the focus view; red borders go with acknowledgement."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from cockpit.config import AlarmsConfig, Config
from cockpit.models import Alarm, AlarmKind, AlarmSource, AuditEvent
from cockpit.video_lock import LockHow, choose_cameras
from main import _alarms
from services.alarms.inputs import AlarmInput
from services.video import DecoderState
from services.video.warm_pool import WarmPool
from tests.services.video.conftest import camera, loop  # noqa: F401 (fixtures: a simulated RTSP camera)
from tests.services.video.hosts import SimCameraHost
from widgets.main_window import MainWindow


def _done(value: object = None) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


class Motor:
    """The PTZ motor cannot run here: record what the lock asked of it."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def presets(self, code: str) -> Future:
        return _done([])

    def ptz_absolute(self, code: str, pan: float, tilt: float, zoom: float | None = None) -> Future:
        self.calls.append(("absolute", code, pan, tilt, zoom))
        return _done()

    def goto_preset(self, code: str, token: str) -> Future:
        self.calls.append(("preset", code, token))
        return _done()

    def ptz_stop(self, code: str) -> Future:
        return _done()

    def ptz_move(self, *args, **kwargs) -> Future:  # noqa: ANN002, ANN003
        return _done()


def _window(qtbot, demo, camera: SimCameraHost, pool: WarmPool | None = None):  # noqa: ANN001, ANN202, F811
    actor = demo.actor("operator")
    ingest, desk = _alarms(Config(alarms=AlarmsConfig(lock_priority=2, batch_wait_ms=5)), demo.db, actor, demo=True)
    ingest.start()
    motor = Motor()
    window = MainWindow(replace(demo.services(actor), stream_uri=lambda code, main: _done(camera.uri), ptz=motor,
                                alarms=desk, warm_pool=pool))
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window, ingest, motor
    window.wall.close_streams()
    window.focus.close_camera()
    ingest.stop(drain_s=1.0)
    if pool is not None:
        pool.close()


@pytest.fixture
def locked_window(qtbot, demo, camera: SimCameraHost):  # noqa: F811
    """The main window with every camera playing the simulated RTSP stream, and a running ingest."""
    yield from _window(qtbot, demo, camera)


@pytest.fixture
def warm_window(qtbot, demo, camera: SimCameraHost):  # noqa: F811
    """The same with a warm pool of two sub streams."""
    yield from _window(qtbot, demo, camera, WarmPool(lambda code, main: _done(camera.uri), max_streams=2, min_idle_pct=0))


def _place_seen_by(demo, fixed: bool = True) -> tuple[float, float, str]:  # noqa: ANN001
    """A point a fixed camera sees (its own target direction, a few metres out)."""
    for cam in demo.snapshot.cameras:
        if cam.is_ptz != (not fixed):
            continue
        from cockpit.geometry import heading_vector

        dx, dy = heading_vector(cam.heading_deg)
        x, y = cam.x + dx * cam.range_m * 0.4, cam.y + dy * cam.range_m * 0.4
        best = choose_cameras(demo.snapshot.cameras, x, y)
        if best and best[0].how is LockHow.SEES:
            return x, y, best[0].code
    raise AssertionError("no camera sees anything")


def test_an_urgent_alarm_locks_the_best_camera_and_the_lock_time_is_stored(qtbot, demo, locked_window) -> None:
    window, ingest, _ = locked_window
    x, y, best = _place_seen_by(demo)
    crowd = AlarmInput(AlarmKind.CROWD, AlarmSource.ANALYTICS, datetime.now(UTC), x=x, y=y)  # P2 at any hour
    with qtbot.waitSignal(window.video_lock.locked, timeout=15_000) as locked:
        outcome = ingest.submit(crowd).result(5)
    result = locked.args[0]
    assert result.alarm_id == outcome.alarm_id and result.code == best and result.where == "focus"
    assert 0.0 < result.lock_s < 10.0  # the promise; the benchmark measures how far under
    assert window.focus.code == best and window.focus.video.current_frame() is not None
    assert window.docks["focus"].isVisible()
    others = [c.code for c in choose_cameras(demo.snapshot.cameras, x, y)[1:]]
    assert all(window.wall.tiles_showing(code) for code in others)  # the other views of the place: on the wall
    assert all(window.wall.tiles[i].property("alarm") for code in others for i in window.wall.tiles_showing(code))
    assert window.statusBar().currentMessage().startswith(f"Alarm {outcome.alarm_id}: live picture of {best}")

    def stored() -> bool:
        with demo.db.session() as s:
            return s.get(Alarm, outcome.alarm_id).video_locked_at is not None
    qtbot.waitUntil(stored, timeout=5_000)
    with demo.db.session() as s:
        row = s.get(Alarm, outcome.alarm_id)
        audit = s.query(AuditEvent).filter_by(action="alarm.video_locked", target_id=row.id).one()
    assert row.lock_camera == best
    assert (row.video_locked_at - row.received_at).total_seconds() == pytest.approx(result.lock_s, abs=0.002)
    assert audit.detail["camera"] == best

    # acknowledging the alarm takes the red borders away
    queue = window.alarm_queue
    queue.select_alarm(outcome.alarm_id)
    queue.table.setFocus()
    qtbot.keyClick(queue.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not any(t.property("alarm") for t in window.wall.tiles), timeout=5_000)


def test_a_lesser_alarm_does_not_take_the_focus_view_from_a_p1(qtbot, demo, locked_window) -> None:
    window, ingest, _ = locked_window
    window.detach_wall()  # the wall on its own monitor: it keeps playing while the focus view shows the P1
    x, y, _ = _place_seen_by(demo)
    smoke_cam = demo.snapshot.cameras[3].code
    smoke = AlarmInput(AlarmKind.SMOKE, AlarmSource.ANALYTICS, datetime.now(UTC), device_code=smoke_cam)  # P1
    with qtbot.waitSignal(window.video_lock.locked, timeout=15_000):
        ingest.submit(smoke).result(5)
    assert window.focus.code == smoke_cam
    crowd = AlarmInput(AlarmKind.CROWD, AlarmSource.ANALYTICS, datetime.now(UTC), x=x, y=y)  # P2
    with qtbot.waitSignal(window.video_lock.locked, timeout=15_000) as locked:
        ingest.submit(crowd).result(5)
    assert window.focus.code == smoke_cam  # the P1 stays in front of the operator
    assert locked.args[0].where == "wall"  # the P2's cameras went onto the wall and locked there


def test_a_dome_is_aimed_at_the_spot_when_it_is_the_best_view(qtbot, demo, locked_window) -> None:
    window, ingest, motor = locked_window
    lock = window.video_lock
    dome = next(c for c in demo.snapshot.cameras if c.is_ptz)
    for cam in demo.snapshot.cameras:  # only the dome can show a picture
        lock.set_available(cam.code, cam.code == dome.code)
    from cockpit.geometry import heading_vector

    dx, dy = heading_vector(dome.heading_deg + 150)  # well outside its current cone, within range
    x, y = dome.x + dx * dome.range_m * 0.5, dome.y + dy * dome.range_m * 0.5
    crowd = AlarmInput(AlarmKind.CROWD, AlarmSource.ANALYTICS, datetime.now(UTC), x=x, y=y)
    with qtbot.waitSignal(lock.locked, timeout=15_000) as locked:
        ingest.submit(crowd).result(5)
    assert locked.args[0].code == dome.code and locked.args[0].how is LockHow.AIM
    (call,) = [c for c in motor.calls if c[1] == dome.code]
    assert call[0] == "absolute" and call[2] == pytest.approx(150 / 180, abs=0.01)


def test_no_camera_for_the_place_is_said_not_crashed(qtbot, demo, locked_window) -> None:
    window, ingest, _ = locked_window
    far = AlarmInput(AlarmKind.CROWD, AlarmSource.ANALYTICS, datetime.now(UTC), x=-5000.0, y=-5000.0)
    with qtbot.waitSignal(window.video_lock.notice, timeout=10_000) as notice:
        ingest.submit(far).result(5)
    assert "No camera sees the place" in notice.args[0]
    assert window.focus.code is None


def test_a_kept_selection_does_not_pull_the_focus_back_when_a_p1_sorts_in_above_it(qtbot, demo, locked_window) -> None:
    window, ingest, _ = locked_window
    x, y, best = _place_seen_by(demo)
    door = AlarmInput(AlarmKind.DOOR, AlarmSource.ANALYTICS, datetime.now(UTC), x=x, y=y)  # P3/P4: no auto lock
    outcome = ingest.submit(door).result(5)
    qtbot.waitUntil(lambda: window.alarm_queue.select_alarm(outcome.alarm_id), timeout=5_000)
    qtbot.waitUntil(lambda: window.focus.code == best, timeout=5_000)  # selecting it locks it
    smoke_cam = next(c.code for c in demo.snapshot.cameras if c.code != best)
    smoke = AlarmInput(AlarmKind.SMOKE, AlarmSource.ANALYTICS, datetime.now(UTC), device_code=smoke_cam)  # P1
    with qtbot.waitSignal(window.video_lock.locked, timeout=15_000):
        ingest.submit(smoke).result(5)
    qtbot.wait(500)  # the queue re-sorts with the old row still selected
    assert window.alarm_queue.current_alarm().id == outcome.alarm_id
    assert window.focus.code == smoke_cam


def test_a_flood_of_urgent_alarms_changes_the_screen_at_most_once_a_second_most_urgent_first(
        qtbot, demo, locked_window) -> None:
    from widgets.video_lock import FOCUS_MIN_S

    window, ingest, _ = locked_window
    switches: list[str] = []
    window.focus.cameraShown.connect(switches.append)
    site = demo.snapshot
    crowds = [AlarmInput(AlarmKind.CROWD, AlarmSource.ANALYTICS, datetime.now(UTC), x=10.0 + 7 * (i % 20),
                         y=10.0 + 7 * (i // 20)) for i in range(120)]  # P2, 7 m apart: no merging
    smoke_cam = site.cameras[4].code
    futures = [ingest.submit(c) for c in crowds[:60]]
    futures.append(ingest.submit(AlarmInput(AlarmKind.SMOKE, AlarmSource.ANALYTICS, datetime.now(UTC),
                                            device_code=smoke_cam)))  # P1 in the middle of the flood
    futures += [ingest.submit(c) for c in crowds[60:]]
    started = datetime.now(UTC)
    for f in futures:
        f.result(10)
    qtbot.waitUntil(lambda: window.focus.code == smoke_cam, timeout=10_000)  # the most urgent wins the screen
    qtbot.wait(round(FOCUS_MIN_S * 1000 * 1.5))
    elapsed = (datetime.now(UTC) - started).total_seconds()
    assert len(switches) <= 2 + elapsed / FOCUS_MIN_S  # not one switch per alarm
    assert window.focus.code == smoke_cam  # P2s do not take the P1's place


def test_a_lesser_alarm_warms_its_camera_and_the_urgent_one_that_follows_locks_on_the_warm_picture(
        qtbot, demo, warm_window) -> None:
    window, ingest, _ = warm_window
    pool = window.warm.pool
    x, y, best = _place_seen_by(demo)
    motion = AlarmInput(AlarmKind.MOTION, AlarmSource.ANALYTICS, datetime.now(UTC), x=x, y=y)  # P3/P4: no lock
    ingest.submit(motion).result(5)
    qtbot.waitUntil(lambda: pool.bridge(best) is not None, timeout=10_000)  # its sub stream decodes off screen
    assert window.focus.code is None
    warm = pool.bridge(best)

    crowd = AlarmInput(AlarmKind.CROWD, AlarmSource.ANALYTICS, datetime.now(UTC), x=x, y=y)  # P2: locks
    with qtbot.waitSignal(window.video_lock.locked, timeout=15_000) as locked:
        ingest.submit(crowd).result(5)
    result = locked.args[0]
    assert (result.code, result.where, result.was_warm, result.bridged) == (best, "focus", True, True)
    # the focus view swaps to its own main stream at that stream's first picture; the pool lets the camera go
    qtbot.waitUntil(lambda: not window.focus.bridged and window.focus.video.decoder is window.focus.decoder,
                    timeout=10_000)
    assert window.focus.decoder is not warm and window.focus.video.current_frame() is not None
    qtbot.waitUntil(lambda: best not in pool.stats().warm, timeout=10_000)  # on screen: no warm copy needed
    qtbot.waitUntil(lambda: warm.state is DecoderState.CLOSED, timeout=5_000)


def test_the_focus_view_shows_the_wall_tile_of_the_same_camera_while_its_main_stream_opens(
        qtbot, demo, locked_window) -> None:
    window, _, _ = locked_window
    code = demo.snapshot.cameras[0].code
    window.wall.assign(0, code)
    qtbot.waitUntil(lambda: window.wall.live_decoder(code) is not None, timeout=10_000)
    tile_decoder = window.wall.live_decoder(code)
    window.open_focus(code)
    assert window.focus.bridged and window.focus.video.decoder is tile_decoder and window.focus.video.borrowed
    window.focus.hide()  # a hidden borrower never pauses the tile's stream
    assert tile_decoder.state is DecoderState.PLAYING
    window.focus.show()
    qtbot.waitUntil(lambda: not window.focus.bridged, timeout=10_000)
    assert window.focus.video.decoder is window.focus.decoder is not tile_decoder
    assert tile_decoder.state is DecoderState.PLAYING  # the tile plays on
