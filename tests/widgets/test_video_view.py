"""VideoView paints a real decoder's frames, says when the picture is stale or the camera offline, and never blocks."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from services.video import DecoderState, StreamDecoder
from services.video.backoff import Backoff
from tests.servers import _free_port
from tests.services.video.conftest import camera, loop  # noqa: F401 (fixtures: a simulated RTSP camera)
from tests.services.video.hosts import SilentServer, SimCameraHost
from widgets.video_view import VideoView


@pytest.fixture
def make_view(qtbot):
    made: list[StreamDecoder] = []

    def make(uri: str | None, **decoder_args) -> VideoView:
        decoder = StreamDecoder(uri, name="Gate 1", **decoder_args).start() if uri else None
        if decoder:
            made.append(decoder)
        view = VideoView(decoder)
        qtbot.addWidget(view)
        view.resize(480, 270)
        view.show()
        qtbot.waitExposed(view)
        return view

    yield make
    for decoder in made:
        decoder.close()


class GapMeter:
    """A 10 ms QTimer on the UI thread; the longest gap between its ticks shows whether anything blocked."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.ticks.append(time.monotonic()))
        self.timer.start()

    def max_gap(self) -> float:
        self.timer.stop()
        return max(b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False))


def test_the_view_paints_live_frames(make_view, camera: SimCameraHost, qtbot):
    view = make_view(camera.uri)
    qtbot.waitUntil(lambda: view.painted_frames >= 15, timeout=3000)
    overlay = view.overlay()
    assert (overlay.name, overlay.state, overlay.stale, overlay.message) == ("Gate 1", "LIVE", "", "")
    image = view.grab().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert centre.red() + centre.green() + centre.blue() > 60  # the picture, not the black background
    painted, t0 = view.painted_frames, time.monotonic()
    qtbot.wait(1000)
    rate = (view.painted_frames - painted) / (time.monotonic() - t0)
    assert 12 <= rate <= 16  # each new frame painted once; the 30 Hz timer repaints nothing else


def test_a_stopped_stream_shows_stale_and_never_looks_live(make_view, camera: SimCameraHost, qtbot):
    view = make_view(camera.uri)
    qtbot.waitUntil(lambda: view.painted_frames >= 5, timeout=3000)
    gaps = GapMeter()
    killer = threading.Thread(target=camera.stop)  # the camera dies; the UI thread is not the one waiting
    killer.start()
    qtbot.waitUntil(lambda: view.decoder.state == DecoderState.RECONNECTING, timeout=2000)
    qtbot.waitUntil(lambda: view.overlay().stale.startswith("stale"), timeout=3000)
    overlay = view.overlay()
    assert overlay.stale == "stale 2 s" and overlay.state == "Reconnecting…"
    assert overlay.message in ("connection lost: the camera closed the connection", "connection refused")
    qtbot.wait(1100)
    assert view.overlay().stale == "stale 3 s"
    assert gaps.max_gap() < 0.1
    killer.join(5)


def test_the_ui_never_waits_while_the_decoder_hangs_in_ffmpeg(make_view, qtbot):
    server = SilentServer()  # FFmpeg waits in open() for the whole read timeout, again and again
    try:
        gaps = GapMeter()
        view = make_view(f"rtsp://127.0.0.1:{server.port}/x", read_timeout_s=1.0, backoff=Backoff(first_s=0.05))
        assert view.overlay().state == "Connecting…"
        qtbot.waitUntil(lambda: view.decoder.state == DecoderState.FAILED, timeout=2000)
        qtbot.wait(300)
        view.set_decoder(None)  # swapping away is instant, too
        assert view.overlay().state == "No video"
        qtbot.wait(100)
        assert gaps.max_gap() < 0.1
    finally:
        server.close()


def test_an_offline_camera_shows_why(make_view, qtbot):
    view = make_view(f"rtsp://127.0.0.1:{_free_port()}/x")
    qtbot.waitUntil(lambda: view.overlay().state == "Offline", timeout=2000)
    assert view.overlay().message == "Cannot play: connection refused"
    assert view.painted_frames == 0 and view.paints >= 1


def test_a_hidden_view_pauses_its_decoder_and_showing_resumes_it(make_view, camera: SimCameraHost, qtbot):
    view = make_view(camera.uri)
    qtbot.waitUntil(lambda: view.painted_frames >= 3, timeout=3000)
    view.hide()
    assert view.decoder.state == DecoderState.PAUSED
    painted = view.painted_frames
    qtbot.wait(300)
    assert view.painted_frames == painted
    view.show()
    qtbot.waitUntil(lambda: view.decoder.state == DecoderState.PLAYING, timeout=2000)
    qtbot.waitUntil(lambda: view.painted_frames > painted + 3, timeout=2000)


def test_set_decoder_swaps_streams(make_view, camera: SimCameraHost, qtbot):
    view = make_view(None)
    assert view.overlay().state == "No video"
    with StreamDecoder(camera.uri, name="Gate 2") as decoder:
        view.set_decoder(decoder)
        qtbot.waitUntil(lambda: view.painted_frames >= 3, timeout=3000)
        assert view.overlay().name == "Gate 2"
        view.set_decoder(None)
        painted = view.painted_frames
        qtbot.wait(200)
        assert view.painted_frames == painted and view.overlay().state == "No video"
