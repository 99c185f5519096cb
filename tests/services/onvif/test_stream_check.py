"""Stream checks: an online camera's wall stream is really played; a URI that does not play is a state."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cockpit.cameras import CameraState
from services.onvif.stream_check import StreamChecker
from services.onvif.worker import CameraWorker
from services.sim.loop import LoopThread
from services.sim.model import EventHub, PtzState
from services.sim.onvif import OnvifDevice

from ..video.hosts import SimCameraHost
from .conftest import PASSWORD, Collector, make_camera, sample_jpeg


@pytest.fixture
def rtsp(loop_thread: LoopThread) -> Iterator[SimCameraHost]:
    host = SimCameraHost(loop_thread).start()
    yield host
    host.stop()


def test_a_dead_stream_is_unplayable_until_it_plays_then_health_has_its_figures(
        loop_thread: LoopThread, rtsp: SimCameraHost) -> None:
    rtsp.stop()  # ONVIF answers, but the RTSP server behind the URI is down
    camera = make_camera(31, is_ptz=False)
    device = OnvifDevice(camera, PtzState(camera), EventHub(), stream_uri=lambda token: rtsp.uri,
                         snapshot_jpeg=sample_jpeg)
    loop_thread.run(device.start())
    sink = Collector()
    worker = CameraWorker(camera.code, device.url, camera.username, PASSWORD, sink, call_timeout_s=2.0,
                          wall_profile="sub").start()
    checker = StreamChecker(lambda: [worker], interval_s=1.0, seconds=1.0, timeout_s=1.0, tick_s=0.2).start()
    try:
        sink.wait_state(camera.code, CameraState.ONLINE, timeout=10)
        _, health = sink.wait_state(camera.code, CameraState.STREAM_UNPLAYABLE, timeout=15)
        assert f":{rtsp.port}/" in health.message and health.fps is None

        rtsp.start()  # the stream server is back on the same port
        _, health = sink.wait_state(camera.code, CameraState.ONLINE, timeout=15, since=sink.mark())
        sink.wait_for(lambda e: getattr(e, "health", None) is not None and e.health.fps is not None, timeout=10)
        health = worker.health
        assert health.state is CameraState.ONLINE
        assert 10 <= health.fps <= 20 and 0 < health.first_frame_s < 2 and health.bitrate_kbps > 10
        assert health.last_frame_at is not None
        assert [p.state for p in health.problems] == [CameraState.STREAM_UNPLAYABLE]
    finally:
        checker.stop(5)
        worker.stop(5)
        loop_thread.run(device.stop())
