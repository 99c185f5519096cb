"""The product's RTSP client (OpenCV's FFmpeg backend, low-latency options) against a reference
server — GStreamer's, from Debian — and against the simulator: both must play the same way."""

from __future__ import annotations

import time

import pytest

from tests.servers import gst_rtsp_server

from .test_rtsp_decoders import loop, streams  # noqa: F401 (fixtures: a PTZ camera with people)

OPTIONS = "rtsp_transport;tcp|probesize;4096|analyzeduration;0"


def _first_frames(url: str, n: int = 30) -> tuple[float, tuple[int, ...], int]:
    import cv2

    started = time.perf_counter()
    cap = cv2.VideoCapture(url, cv2.CAP_FFMPEG)
    ok, frame = cap.read()
    first = time.perf_counter() - started
    got = 1 if ok else 0
    for _ in range(n - 1):
        ok, _ = cap.read()
        got += ok
    cap.release()
    assert frame is not None, f"no frame from {url}"
    return first, frame.shape, got


@pytest.fixture(autouse=True)
def _low_latency(monkeypatch):
    monkeypatch.setenv("OPENCV_FFMPEG_CAPTURE_OPTIONS", OPTIONS)


def test_opencv_plays_the_gstreamer_reference_stream():
    with gst_rtsp_server(gop=15, width=640, height=360, fps=15) as url:
        first, shape, got = _first_frames(url)
    assert shape == (360, 640, 3)
    assert got == 30
    assert first < 2.0


def test_opencv_plays_the_simulator_like_the_reference(streams):
    sim_first, shape, got = _first_frames(streams.stream_uri("sub"))
    with gst_rtsp_server(gop=15, width=640, height=360, fps=15) as url:
        ref_first, _, _ = _first_frames(url)
    assert shape == (360, 640, 3) and got == 30
    assert sim_first < max(1.0, 2 * ref_first)  # no slower to open than the reference server
