"""The demux-only tap against real streams: codec parameters, CPU, a refused port, a camera that comes back."""

from __future__ import annotations

import socket
import time
from fractions import Fraction

from cockpit.recordings import BufferState, BufferStateChanged
from services.recording import PacketTap
from services.recording.mp4_writer import nal_types
from services.video.backoff import Backoff
from tests.services.video.conftest import wait_for
from tests.services.video.hosts import SimCameraHost

FAST = Backoff(first_s=0.1, max_s=0.3)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_captures_what_a_muxer_needs_and_costs_little_cpu(camera: SimCameraHost):
    events: list[BufferStateChanged] = []
    tap = PacketTap("CAM-T", camera.uri, ring_s=30.0, ring_bytes=64 * 2**20, on_state=events.append).start()
    try:
        assert wait_for(lambda: tap.state is BufferState.BUFFERING, 5) is not None
        cpu0, t0 = tap.stats().cpu_s, time.monotonic()
        time.sleep(2.0)
        stats = tap.stats()
        cpu_share = (stats.cpu_s - cpu0) / (time.monotonic() - t0)
    finally:
        tap.close()
    params = tap.params
    assert params is not None
    assert (params.codec, params.width, params.height) == ("h264", 640, 360)
    assert params.time_base == Fraction(1, 90000) and params.rate == 15
    assert {7, 8} <= nal_types("h264", params.extradata)  # SPS and PPS from the SDP
    assert stats.packets >= 30 and stats.reconnects == 0
    assert cpu_share < 0.03, f"a tap used {cpu_share:.1%} of a core"  # measured ≈ 0.2 % (docs/RECORDING.md)
    assert [e.state for e in events] == [BufferState.BUFFERING, BufferState.STOPPED]


def test_refused_port_is_a_clear_state_not_a_crash():
    events: list[BufferStateChanged] = []
    tap = PacketTap("CAM-X", f"rtsp://127.0.0.1:{closed_port()}/x", ring_s=5, ring_bytes=2**20,
                    on_state=events.append, backoff=FAST).start()
    try:
        assert wait_for(lambda: tap.state is BufferState.FAILED, 3) is not None
        assert tap.message == "connection refused"
        time.sleep(0.5)  # still retrying, quietly: no repeated events for the same failure
        assert tap._thread is not None and tap._thread.is_alive()
        assert [e.state for e in events] == [BufferState.FAILED]
    finally:
        tap.close()
    assert tap.state is BufferState.STOPPED and tap.ring.stats().packets == 0


def test_reconnects_and_keeps_the_buffer(own_camera: SimCameraHost):
    tap = PacketTap("CAM-T", own_camera.uri, ring_s=30.0, ring_bytes=64 * 2**20, backoff=FAST).start()
    try:
        assert wait_for(lambda: tap.ring.stats().seconds > 1.0, 5) is not None
        own_camera.stop()  # a killed camera
        assert wait_for(lambda: tap.state is BufferState.RECONNECTING, 3) is not None
        assert tap.message.startswith("connection lost")
        before = tap.ring.stats().packets
        own_camera.start()  # back on the same port
        assert wait_for(lambda: tap.stats().packets > before + 20 and tap.state is BufferState.BUFFERING, 8)
        snap = tap.ring.snapshot()
    finally:
        tap.close()
    assert snap[0].keyframe and {p.epoch for p in snap} == {1, 2}  # footage from before the cut is kept
    assert tap.stats().reconnects == 1
