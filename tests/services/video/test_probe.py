"""probe_stream measures real streams (fps, GOP, bitrate) and explains, quickly, why a bad one does not play."""

from __future__ import annotations

import time

import pytest

from services.sim.loop import LoopThread
from services.video import probe_stream
from tests.servers import _free_port, gst_rtsp_server
from tests.services.video.hosts import (
    SilentServer,
    SimCameraHost,
    gst_audio_server,
    sim_camera,
)


@pytest.mark.parametrize("gop", [15, 30])
def test_probe_measures_the_simulated_camera(loop: LoopThread, gop: int):
    with sim_camera(loop, gop=gop) as camera:
        probe = probe_stream(camera.uri, seconds=gop / 15 + 0.1)  # two keyframes
    assert probe.ok, probe.error
    assert (probe.codec, probe.width, probe.height) == ("h264", 640, 360)
    assert probe.gop_frames == gop
    assert 14.0 <= probe.fps <= 16.0
    assert 100 <= probe.bitrate_kbps <= 1000
    assert probe.first_frame_s < 1.0 and probe.frames >= gop + 1


def test_probe_measures_gstreamers_reference_server():
    with gst_rtsp_server(gop=10) as uri:
        probe = probe_stream(uri, seconds=1.5)
    assert probe.ok, probe.error
    assert (probe.codec, probe.width, probe.height, probe.gop_frames) == ("h264", 640, 360, 10)
    assert 14.0 <= probe.fps <= 16.0


def test_probe_hides_the_password(camera: SimCameraHost):
    uri = camera.uri.replace("rtsp://", "rtsp://admin:secret@")
    probe = probe_stream(uri, seconds=0.5)
    assert probe.ok and "secret" not in probe.uri and "admin:***@" in probe.uri


def _timed(uri: str, timeout_s: float = 5.0):
    t0 = time.monotonic()
    probe = probe_stream(uri, seconds=1.0, timeout_s=timeout_s)
    return probe, time.monotonic() - t0


def test_a_refused_port_says_so_at_once():
    probe, took = _timed(f"rtsp://127.0.0.1:{_free_port()}/x")
    assert probe.error == "connection refused" and took < 0.5
    assert probe.frames == 0 and probe.fps is None


def test_a_silent_server_times_out_after_the_given_time():
    server = SilentServer()
    try:
        probe, took = _timed(f"rtsp://127.0.0.1:{server.port}/x", timeout_s=1.0)
    finally:
        server.close()
    assert probe.error == "timed out after 1 s" and 0.9 <= took < 1.5


@pytest.mark.parametrize("reply", [b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html></html>",
                                   b"SSH-2.0-OpenSSH_9.2\r\n"])
def test_a_port_that_is_not_rtsp_says_so_at_once(reply: bytes):
    server = SilentServer(reply=reply)
    try:
        probe, took = _timed(f"rtsp://127.0.0.1:{server.port}/x")
    finally:
        server.close()
    assert probe.error is not None and probe.error.startswith("not an RTSP video stream") and took < 0.5


def test_a_wrong_path_is_reported_as_not_found(camera: SimCameraHost):
    probe, took = _timed(camera.uri.replace("/sub", "/nosuch"))
    assert probe.error == "stream not found (404): check the stream path" and took < 0.5


def test_a_stream_without_video_says_so():
    with gst_audio_server() as uri:
        probe, took = _timed(uri)
    assert probe.error == "no video stream" and took < 1.0
