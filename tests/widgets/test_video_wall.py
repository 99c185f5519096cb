"""The video wall: layouts, cameras dropped on tiles playing a real RTSP stream, full size, adaptive streams."""

from __future__ import annotations

from concurrent.futures import Future

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDropEvent

from services.video import DecoderState
from tests.services.video.conftest import camera, loop  # noqa: F401 (fixtures: a simulated RTSP camera)
from tests.services.video.hosts import SimCameraHost
from widgets.video_wall import LAYOUTS, MAIN_MIN_HEIGHT, VideoWall, camera_mime
from widgets.worker import TaskRunner


class Uris:
    """Stands in for the camera service's stream_uri(code, main): every camera plays the test stream."""

    def __init__(self, uri: str) -> None:
        self.uri, self.calls = uri, []

    def __call__(self, code: str, main: bool) -> Future:
        self.calls.append((code, main))
        future: Future = Future()
        if code == "CAM-NONE":
            future.set_exception(RuntimeError("CAM-NONE is unreachable"))
        else:
            future.set_result(self.uri)
        return future


def make_wall(qtbot, camera: SimCameraHost) -> tuple[VideoWall, Uris]:  # noqa: F811
    uris = Uris(camera.uri)
    runner = TaskRunner()
    wall = VideoWall(uris, runner, {"CAM-T": "Test gate", "CAM-2": "Square"})
    wall._runner_keepalive = runner  # type: ignore[attr-defined]
    qtbot.addWidget(wall)
    wall.resize(1280, 800)
    wall.show()
    qtbot.waitExposed(wall)
    return wall, uris


def test_layouts_have_their_tiles(qtbot, camera: SimCameraHost) -> None:  # noqa: F811
    wall, _ = make_wall(qtbot, camera)
    for name, (_, cells) in LAYOUTS.items():
        wall.set_layout(name)
        assert len(wall.visible_tiles) == len(cells), name
    wall.set_layout("1+5")
    big, small = wall.tiles[0], wall.tiles[1]
    qtbot.waitUntil(lambda: big.width() > 1.8 * small.width())
    wall.close_streams()


def test_a_dropped_camera_plays_and_a_smaller_layout_stops_what_it_hides(qtbot, camera: SimCameraHost) -> None:  # noqa: F811
    wall, uris = make_wall(qtbot, camera)
    wall.set_layout("4x4")
    tile = wall.tiles[5]
    mime = camera_mime("CAM-T")  # kept alive: the event does not own it
    event = QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    tile.dropEvent(event)
    assert wall.assignments == {5: "CAM-T"} and uris.calls == [("CAM-T", False)]
    qtbot.waitUntil(lambda: tile.view.painted_frames > 5, timeout=10_000)
    assert "CAM-T" in tile.view.overlay().name
    decoder = wall.decoder_of(5)
    wall.set_layout("2x2")  # tile 5 is not in it
    assert wall.decoder_of(5) is None
    qtbot.waitUntil(lambda: decoder.state is DecoderState.CLOSED, timeout=5_000)
    wall.set_layout("3x3")  # back in view: the camera plays again
    qtbot.waitUntil(lambda: wall.decoder_of(5) is not None and tile.view.painted_frames > 0, timeout=10_000)
    wall.close_streams()


def test_full_size_pauses_the_others_and_adapts_to_the_main_stream(qtbot, camera: SimCameraHost) -> None:  # noqa: F811
    wall, uris = make_wall(qtbot, camera)
    wall.set_layout("2x2")
    assert wall.show_camera("CAM-T") == 0 and wall.show_camera("CAM-2") == 1
    qtbot.waitUntil(lambda: all(wall.decoder_of(i) and wall.decoder_of(i).state is DecoderState.PLAYING
                                for i in (0, 1)), timeout=10_000)
    assert wall.tiles[0].height() < MAIN_MIN_HEIGHT and uris.calls == [("CAM-T", False), ("CAM-2", False)]
    other = wall.decoder_of(1)
    wall.toggle_maximized(0)
    assert [t.index for t in wall.visible_tiles] == [0]
    qtbot.waitUntil(lambda: other.state is DecoderState.PAUSED, timeout=5_000)
    qtbot.waitUntil(lambda: wall.stream_of(0) == ("CAM-T", True), timeout=5_000)  # a big tile: main stream
    assert ("CAM-T", True) in uris.calls
    qtbot.waitUntil(lambda: wall.decoder_of(0) is not None and wall.tiles[0].view.painted_frames > 0,
                    timeout=10_000)
    wall.toggle_maximized(0)
    assert len(wall.visible_tiles) == 4
    qtbot.waitUntil(lambda: wall.stream_of(0) == ("CAM-T", False), timeout=5_000)
    wall.close_streams()


def test_a_camera_without_a_stream_says_why(qtbot, camera: SimCameraHost) -> None:  # noqa: F811
    wall, _ = make_wall(qtbot, camera)
    wall.assign(2, "CAM-NONE")
    qtbot.waitUntil(lambda: "unreachable" in wall.tiles[2].view.toolTip(), timeout=5_000)
    assert wall.decoder_of(2) is None
    wall.close_streams()
