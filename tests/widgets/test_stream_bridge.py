"""A view bridged on a stream that already plays: shown at once, swapped for its own stream's first picture,
and never left on a bridge that stopped or over a stream that could not open."""

from __future__ import annotations

from concurrent.futures import Future

import pytest

from services.video import DecoderState, StreamDecoder
from tests.services.video.conftest import camera, loop  # noqa: F401 (fixtures: a simulated RTSP camera)
from tests.services.video.hosts import SimCameraHost
from widgets.futures import failed_future
from widgets.stream_opener import StreamOpener
from widgets.video_view import VideoView
from widgets.worker import TaskRunner


@pytest.fixture
def playing(qtbot, camera: SimCameraHost):  # noqa: F811
    """A decoder of the camera with a picture: the bridge (owned by the test, as the pool owns its own)."""
    decoder = StreamDecoder(camera.uri, name="warm").start()
    qtbot.waitUntil(lambda: decoder.latest() is not None, timeout=10_000)
    yield decoder
    decoder.close()


@pytest.fixture
def runner(qapp):  # noqa: ANN001, ANN201
    runner = TaskRunner()
    yield runner
    runner.wait(5_000)


def _opener(qtbot, runner: TaskRunner, uri: Future, bridge: StreamDecoder) -> tuple[VideoView, StreamOpener]:  # noqa: ANN001
    view = VideoView()
    qtbot.addWidget(view)
    view.resize(320, 180)
    view.show()
    qtbot.waitExposed(view)
    opener = StreamOpener(view, lambda code, main: uri, runner, bridge=lambda code: bridge)
    return view, opener


def test_a_bridge_shows_at_once_and_the_view_swaps_to_its_own_stream(qtbot, runner, camera, playing) -> None:  # noqa: F811
    pending: Future = Future()  # the URI answers later, as a camera does
    view, opener = _opener(qtbot, runner, pending, playing)
    opener.play("CAM-1", main=True, label="CAM-1")
    assert opener.bridged and view.decoder is playing and view.borrowed
    qtbot.waitUntil(lambda: view.current_frame() is not None, timeout=2_000)  # a picture before any URI
    pending.set_result(camera.uri)
    qtbot.waitUntil(lambda: not opener.bridged, timeout=10_000)
    assert view.decoder is opener.decoder is not playing and not view.borrowed
    assert playing.state is DecoderState.PLAYING  # borrowed, not closed
    opener.stop()


def test_a_bridge_that_stops_playing_gives_way_at_once(qtbot, runner, playing) -> None:  # noqa: F811
    never: Future = Future()  # the URI does not come while the bridge shows
    view, opener = _opener(qtbot, runner, never, playing)
    opener.play("CAM-1", main=True, label="CAM-1")
    assert opener.bridged
    playing.close()  # its owner let it go (the pool dropped the camera)
    qtbot.waitUntil(lambda: not opener.bridged, timeout=2_000)
    assert view.decoder is None and view.overlay().state == "No video"
    opener.stop()
    never.set_result(None)  # late, for a stopped opener: dropped


def test_a_stream_that_cannot_open_is_said_even_over_a_bridge(qtbot, runner, playing) -> None:  # noqa: F811
    view, opener = _opener(qtbot, runner, failed_future(OSError("camera unreachable")), playing)
    opener.play("CAM-1", main=True, label="CAM-1")
    qtbot.waitUntil(lambda: not opener.bridged, timeout=2_000)
    assert view.decoder is None and view.problem == "camera unreachable"
    assert "camera unreachable" in view.overlay().message
    assert playing.state is DecoderState.PLAYING
