"""Real decoders (OpenCV, PyAV, the ffmpeg CLI) read the simulated cameras' RTSP over loopback."""

from __future__ import annotations

import itertools
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator

import av
import cv2
import numpy as np
import pytest

from cockpit.site import SiteSnapshot
from services.sim.model import PtzPosition, PtzState, SimCamera
from services.sim.video import CameraStreams
from services.sim.loop import LoopThread
from services.sim.video.orbit import OrbitWorld
from services.sim.video.timecode import decode_timecode, strip_height

LOW_LATENCY = "rtsp_transport;tcp|probesize;4096|analyzeduration;0"


@pytest.fixture(scope="module")
def loop() -> Iterator[LoopThread]:
    with LoopThread() as lt:
        yield lt


@pytest.fixture
def streams(site: SiteSnapshot, loop: LoopThread) -> Iterator[CameraStreams]:
    """A PTZ camera of the demo site with people walking in front of it, served on a free port."""
    c = next(c for c in site.cameras if c.is_ptz)
    cam = SimCamera(c.device_id, c.code, c.name, c.x, c.y, c.z, c.heading_deg, -15.0, c.fov_deg, c.range_m, True)
    cs = CameraStreams(site, cam, PtzState(cam), OrbitWorld(cam, people=6))
    loop.run(cs.start())
    yield cs
    loop.run(cs.stop())


@pytest.fixture(autouse=True)
def low_latency_opencv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENCV_FFMPEG_CAPTURE_OPTIONS", LOW_LATENCY)


def open_capture(url: str) -> cv2.VideoCapture:
    cap = cv2.VideoCapture(url, cv2.CAP_FFMPEG, [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, 5000,
                                                  cv2.CAP_PROP_READ_TIMEOUT_MSEC, 5000])
    assert cap.isOpened(), url
    return cap


def read_for(cap: cv2.VideoCapture, seconds: float) -> list[tuple[float, np.ndarray]]:
    """(arrival time, frame) pairs read for `seconds`."""
    out = []
    end = time.time() + seconds
    while time.time() < end:
        ok, frame = cap.read()
        assert ok
        out.append((time.time(), frame))
    return out


def cpu_share(cs: CameraStreams, token: str) -> float:
    stats = cs.profiles[token].stats
    return stats.cpu_s / stats.busy_wall_s if stats.busy_wall_s else 0.0


def wait_until(predicate, timeout: float = 3.0) -> bool:
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def test_opencv_reads_the_sub_stream_live(streams: CameraStreams):
    url = streams.stream_uri("sub")
    t0 = time.time()
    cap = open_capture(url)
    ok, first = cap.read()
    first_frame_s = time.time() - t0
    assert ok and first.shape == (360, 640, 3)
    frames = read_for(cap, 3.0)
    cap.release()
    assert first_frame_s < 1.0
    assert 40 <= len(frames) <= 50  # 15 fps
    codes = [decode_timecode(f) for _, f in frames]
    assert sum(c is not None for c in codes) >= 0.99 * len(codes)
    ages = [arrived * 1000 - c for (arrived, _), c in zip(frames, codes, strict=True) if c is not None]
    steps = [b - a for a, b in itertools.pairwise(codes) if a is not None and b is not None]
    assert min(ages) > -5  # never from the future
    # no backlog: FFmpeg's H.264 parser holds one frame (it ends an AU on the next one) and OpenCV's
    # 2-thread frame decoding another, so ~133 ms is the client's floor; the server adds ~3 ms
    assert statistics.median(ages) < 200
    assert 55 <= statistics.median(steps) <= 80  # 1/15 s apart
    assert wait_until(lambda: not streams.profiles["sub"].running)
    print(f"sub: first frame {first_frame_s * 1000:.0f} ms, median age {statistics.median(ages):.0f} ms, "
          f"worker CPU {cpu_share(streams, 'sub') * 100:.1f} % of a core")


def test_opencv_reads_the_main_stream_at_720p(streams: CameraStreams):
    cap = open_capture(streams.stream_uri("main"))
    frames = read_for(cap, 2.0)
    cap.release()
    assert frames[0][1].shape == (720, 1280, 3)
    assert len(frames) >= 25
    assert all(decode_timecode(f) is not None for _, f in frames)
    assert wait_until(lambda: not streams.profiles["main"].running)
    print(f"main: worker CPU {cpu_share(streams, 'main') * 100:.1f} % of a core")


def test_pyav_decodes_the_stream(streams: CameraStreams):
    container = av.open(streams.stream_uri("sub"), options={"rtsp_transport": "tcp", "probesize": "4096",
                                                             "analyzeduration": "0"}, timeout=5)
    try:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        frames = []
        for frame in container.decode(stream):
            frames.append(frame.to_ndarray(format="bgr24"))
            if len(frames) == 15:
                break
    finally:
        container.close()
    assert frames[0].shape == (360, 640, 3)
    assert all(decode_timecode(f) is not None for f in frames)


@pytest.mark.parametrize("transport", ["tcp", "udp"])
def test_ffmpeg_cli_decodes_without_errors(streams: CameraStreams, transport: str):
    result = subprocess.run(
        ["ffmpeg", "-v", "error", "-rtsp_transport", transport, "-i", streams.stream_uri("sub"),
         "-t", "2", "-f", "null", "-"], capture_output=True, text=True, timeout=20, check=False)
    assert result.returncode == 0 and result.stderr.strip() == ""


def _sim_threads(code: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(f"sim-video-{code}-")]


def test_two_clients_share_one_encoder_which_stops_when_they_leave(streams: CameraStreams):
    code = streams.camera.code
    assert not _sim_threads(code)  # nothing renders while nobody watches
    a = open_capture(streams.stream_uri("sub"))
    assert a.read()[0]
    b = open_capture(streams.stream_uri("sub"))
    assert len(read_for(b, 1.0)) >= 12 and len(read_for(a, 0.3)) >= 1
    profile = streams.profiles["sub"]
    assert profile.clients == 2 and profile.stats.runs == 1
    assert [t.name for t in _sim_threads(code)] == [f"sim-video-{code}-sub"]
    a.release()
    b.release()
    assert wait_until(lambda: not _sim_threads(code), 3.0)
    assert not streams.profiles["main"].stats.runs


def test_a_ptz_move_changes_the_decoded_picture(streams: CameraStreams):
    ptz = streams.profiles["sub"].renderer.ptz
    cap = open_capture(streams.stream_uri("sub"))
    before = read_for(cap, 0.5)[-1][1]
    ptz.absolute_move(PtzPosition(pan=0.5, tilt=-0.3, zoom=0.3))
    time.sleep(0.3)
    after = read_for(cap, 0.5)[-1][1]
    cap.release()
    h = before.shape[0]
    band = slice(h // 8, h - strip_height(h) - h // 8)
    diff = np.abs(before[band].astype(int) - after[band].astype(int)).sum(axis=2) > 40
    assert diff.mean() > 0.2
