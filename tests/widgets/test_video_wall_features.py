"""The wall's operator features on a real RTSP stream: saved views, tour, snapshot, zoom, tile menu, faults."""

from __future__ import annotations

import time

import cv2
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from services.video import DecoderState
from tests.services.video.conftest import camera, loop  # noqa: F401 (fixtures: a simulated RTSP camera)
from tests.services.video.hosts import SimCameraHost
from tests.widgets.test_video_wall import Uris
from widgets.video_wall import VideoWall
from widgets.wall_views import SavedViews, WallView
from widgets.worker import TaskRunner


def make_wall(qtbot, camera: SimCameraHost, tmp_path, **kw) -> tuple[VideoWall, Uris, list[tuple]]:  # noqa: F811
    uris, audited = Uris(camera.uri), []
    runner = TaskRunner()
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    wall = VideoWall(uris, runner, {f"CAM-{i}": f"Camera {i}" for i in range(1, 9)}, settings=settings,
                     user="op", snapshot_dir=tmp_path / "snapshots", audit=lambda a, d: audited.append((a, d)), **kw)
    wall._runner_keepalive = runner  # type: ignore[attr-defined]
    qtbot.addWidget(wall)
    wall.resize(1280, 800)
    wall.show()
    qtbot.waitExposed(wall)
    return wall, uris, audited


def playing(wall: VideoWall, index: int) -> bool:
    d = wall.decoder_of(index)
    return d is not None and d.state is DecoderState.PLAYING and wall.tiles[index].view.painted_frames > 0


def test_a_saved_view_brings_back_its_layout_and_cameras(qtbot, camera: SimCameraHost, tmp_path) -> None:  # noqa: F811
    wall, _, _ = make_wall(qtbot, camera, tmp_path)
    wall.set_layout("3x3")
    wall.assign(0, "CAM-1")
    wall.assign(4, "CAM-5")
    wall.save_view("Gates at night")
    assert wall.bar.views.findData("Gates at night") > 0
    wall.set_layout("1")
    wall.clear(0)
    assert wall.apply_view("Gates at night")
    assert wall.layout_name == "3x3" and wall.assignments == {0: "CAM-1", 4: "CAM-5"}
    qtbot.waitUntil(lambda: playing(wall, 4), timeout=10_000)
    # stored per user, readable by a new wall (after a restart)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    assert SavedViews(settings, "op").load("Gates at night") == WallView("3x3", {0: "CAM-1", 4: "CAM-5"})
    assert SavedViews(settings, "someone else").names() == []
    # a damaged entry is refused with a message, the wall stays as it is
    settings.setValue("wall/op/views/broken", "{not json")
    settings.sync()
    notices = []
    wall.notice.connect(notices.append)
    wall.saved_views = SavedViews(settings, "op")
    assert not wall.apply_view("broken")
    assert notices and wall.assignments == {0: "CAM-1", 4: "CAM-5"}
    wall.close_streams()


def test_the_tour_pages_through_the_listed_cameras_and_a_drop_stops_it(qtbot, camera: SimCameraHost,  # noqa: F811
                                                                      tmp_path) -> None:
    wall, _, _ = make_wall(qtbot, camera, tmp_path)
    wall.set_layout("2x2")
    wall.tour_source = lambda: [f"CAM-{i}" for i in range(1, 7)]  # 6 cameras: pages of 4 and 2
    pages = []
    wall.tour.pageChanged.connect(pages.append)
    wall.bar.interval.setValue(3)
    wall.bar.tour.click()
    assert wall.tour.running and wall.assignments == {0: "CAM-1", 1: "CAM-2", 2: "CAM-3", 3: "CAM-4"}
    qtbot.waitUntil(lambda: len(pages) == 2, timeout=5_000)
    assert wall.assignments == {0: "CAM-5", 1: "CAM-6"}  # the rest of the page is empty
    wall.tour.next_page()
    assert wall.assignments[0] == "CAM-1"
    wall._on_dropped(3, "CAM-8")  # the operator takes over
    assert not wall.tour.running and not wall.bar.tour.isChecked()
    wall.close_streams()


def test_snapshot_saves_the_full_resolution_picture_and_is_audited(qtbot, camera: SimCameraHost,  # noqa: F811
                                                                   tmp_path) -> None:
    wall, _, audited = make_wall(qtbot, camera, tmp_path)
    wall.assign(0, "CAM-1")
    qtbot.waitUntil(lambda: playing(wall, 0), timeout=10_000)
    menu = wall.tiles[0].menu()
    save = next(a for a in menu.actions() if a.text() == "Save snapshot")
    with qtbot.waitSignal(wall.notice, timeout=5_000) as said:
        save.trigger()
    files = list((tmp_path / "snapshots").glob("CAM-1_*.png"))
    assert len(files) == 1 and str(files[0]) in said.args[0]
    image = cv2.imread(str(files[0]))
    assert image.shape == (360, 640, 3) and image.mean() > 10  # the decoded size, not the tile's
    assert audited == [("camera.snapshot", {"camera": "CAM-1", "path": str(files[0])})]
    assert not wall.tiles[1].menu().actions()[1].isEnabled()  # an empty tile has nothing to save
    wall.close_streams()


def test_tile_menu_forwards_focus_and_record_and_marks_recording(qtbot, camera: SimCameraHost,  # noqa: F811
                                                                 tmp_path) -> None:
    wall, _, _ = make_wall(qtbot, camera, tmp_path)
    wall.assign(1, "CAM-2")
    with qtbot.waitSignal(wall.focusRequested) as focus:
        wall.tiles[1].menu().actions()[0].trigger()
    assert focus.args == ["CAM-2"]
    with qtbot.waitSignal(wall.recordRequested) as record:
        wall.tiles[1].menu().actions()[2].trigger()
    assert record.args == ["CAM-2", True]
    wall.set_recording("CAM-2", True)
    assert wall.tiles[1].property("recording") and wall.tiles[1].view.overlay().badge
    assert wall.tiles[1].menu().actions()[2].text() == "Stop recording"
    with qtbot.waitSignal(wall.recordRequested) as record:
        wall.tiles[1].menu().actions()[2].trigger()
    assert record.args == ["CAM-2", False]
    wall.set_alarm("CAM-2", True)
    assert wall.tiles[1].property("alarm")
    wall.assign(1, "CAM-3")  # another camera: no alarm border, no recording mark
    assert not wall.tiles[1].property("alarm") and not wall.tiles[1].property("recording")
    wall.close_streams()


def wheel(view, pos: QPointF, notches: int) -> None:
    event = QWheelEvent(pos, view.mapToGlobal(pos), QPoint(), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view, event)


def test_digital_zoom_around_the_cursor_pans_and_resets(qtbot, camera: SimCameraHost, tmp_path) -> None:  # noqa: F811
    wall, _, _ = make_wall(qtbot, camera, tmp_path)
    wall.set_layout("1")
    wall.assign(0, "CAM-1")
    view = wall.tiles[0].view
    qtbot.waitUntil(lambda: playing(wall, 0), timeout=10_000)
    point = QPointF(view.width() * 0.25, view.height() * 0.5)
    under = view.image_point(point)
    wheel(view, point, 3)
    assert abs(view.zoom - 1.25 ** 3) < 1e-6 and view.overlay().zoom == "2.0×"
    after = view.image_point(point)  # the point under the cursor stays under it
    assert abs(after.x() - under.x()) < 0.01 and abs(after.y() - under.y()) < 0.01
    before = view.zoom_rect
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    qtbot.mouseMove(view, QPoint(300, 300))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    assert view.zoom_rect.x() > before.x() and abs(view.zoom_rect.y() - before.y()) < 1e-9
    wheel(view, point, 40)
    assert view.zoom == 8.0  # the cap
    n = view.painted_frames
    qtbot.waitUntil(lambda: view.painted_frames > n + 3, timeout=5_000)  # still painting live while zoomed
    view.reset_zoom()
    assert view.zoom_rect is None and view.overlay().zoom == ""
    wall.close_streams()


def test_a_killed_server_shows_reconnecting_within_2_s_and_the_tile_recovers_by_itself(
        qtbot, camera: SimCameraHost, tmp_path) -> None:  # noqa: F811
    wall, _, _ = make_wall(qtbot, camera, tmp_path)
    wall.assign(0, "CAM-1")
    wall.assign(1, "CAM-2")
    qtbot.waitUntil(lambda: playing(wall, 0) and playing(wall, 1), timeout=10_000)
    view = wall.tiles[0].view
    t0 = time.monotonic()
    camera.stop()
    qtbot.waitUntil(lambda: view.overlay().state in ("Reconnecting…", "Stalled"), timeout=2_000)
    noticed = time.monotonic() - t0
    assert view.overlay().state != "LIVE"
    time.sleep(0.5)
    camera.start()
    t1 = time.monotonic()
    painted = view.painted_frames
    qtbot.waitUntil(lambda: view.overlay().state == "LIVE" and view.painted_frames > painted, timeout=5_000)
    print(f"reconnecting shown after {noticed:.2f} s, live again {time.monotonic() - t1:.2f} s after the restart")
    wall.close_streams()


def test_a_url_that_never_answers_says_so_and_leaves_the_other_tiles_playing(qtbot, camera: SimCameraHost,  # noqa: F811
                                                                             tmp_path) -> None:
    from tests.services.video.hosts import SilentServer

    silent = SilentServer()
    try:
        wall, uris, _ = make_wall(qtbot, camera, tmp_path)
        wall.assign(0, "CAM-1")
        uris.uri = f"rtsp://127.0.0.1:{silent.port}/never"
        wall.assign(1, "CAM-2")
        wall.assign(2, "CAM-NONE")
        qtbot.waitUntil(lambda: wall.tiles[1].view.overlay().state == "Offline", timeout=8_000)
        assert "timed out" in wall.tiles[1].view.overlay().message
        assert wall.tiles[2].view.overlay().state == "Offline"
        assert "unreachable" in wall.tiles[2].view.overlay().message
        painted = wall.tiles[0].view.painted_frames
        qtbot.waitUntil(lambda: wall.tiles[0].view.painted_frames > painted + 10, timeout=5_000)
        wall.close_streams()
    finally:
        silent.close()


def test_corrupt_packets_and_an_unknown_codec_get_a_clear_state_and_spare_the_other_tiles(
        qtbot, camera: SimCameraHost, tmp_path) -> None:  # noqa: F811
    from tests.services.video.faulty import CorruptingProxy, UnknownCodecCamera

    proxy, vvc = CorruptingProxy(camera.port, every=10), UnknownCodecCamera()
    try:
        wall, uris, _ = make_wall(qtbot, camera, tmp_path)
        wall.assign(0, "CAM-1")
        uris.uri = f"rtsp://127.0.0.1:{proxy.port}/{camera.camera.code}/sub"
        wall.assign(1, "CAM-2")
        uris.uri = vvc.uri
        wall.assign(2, "CAM-3")
        qtbot.waitUntil(lambda: wall.tiles[2].view.overlay().state == "Offline", timeout=8_000)
        assert "not supported" in wall.tiles[2].view.overlay().message
        qtbot.waitUntil(lambda: playing(wall, 1) and proxy.corrupted >= 5, timeout=10_000)
        damaged = wall.tiles[1].view
        painted = [damaged.painted_frames, wall.tiles[0].view.painted_frames]
        qtbot.wait(1500)  # more damage arrives meanwhile; the picture repairs at each keyframe
        assert damaged.overlay().state == "LIVE" and damaged.painted_frames > painted[0] + 10
        assert wall.tiles[0].view.painted_frames > painted[1] + 10
        print(f"corrupted payloads: {proxy.corrupted}, decode errors: {wall.decoder_of(1).stats().decode_errors}")
        wall.close_streams()
    finally:
        proxy.close()
        vvc.close()
