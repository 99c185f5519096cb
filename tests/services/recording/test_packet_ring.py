"""The pre-alarm ring: bounded by seconds and bytes, always starting at a keyframe, safe across threads."""

from __future__ import annotations

import threading
import time

import pytest

from services.recording import PacketRing, PacketTap
from tests.services.recording.packets import packet, stream
from tests.services.video.hosts import SimCameraHost


def test_starts_at_a_keyframe():
    ring = PacketRing(5.0, 10**6)
    ring.add(packet(1, 0.0))  # joined mid-GOP: nothing playable yet
    ring.add(packet(2, 0.1))
    assert ring.snapshot() == []
    ring.add(packet(3, 0.2, key=True))
    ring.add(packet(4, 0.3))
    assert [p.seq for p in ring.snapshot()] == [3, 4]


def test_bounded_by_seconds_in_whole_gops():
    ring = PacketRing(3.0, 10**9)
    for p in stream(20.0):  # 15 fps, a keyframe every second
        ring.add(p)
        stats = ring.stats()
        snap = ring.snapshot()
        assert snap[0].keyframe
        assert stats.seconds < 3.0 + 1.0  # at most `seconds` plus one GOP
    assert ring.stats().seconds >= 3.0  # and at least `seconds` once that much arrived
    assert ring.stats().keyframes == 4


def test_zero_seconds_keeps_the_current_gop():
    ring = PacketRing(0.0, 10**9)
    for p in stream(3.5):
        ring.add(p)
    snap = ring.snapshot()
    assert snap[0].keyframe and snap[0].arrival == pytest.approx(3.0) and len(snap) == 7


def test_byte_cap_is_hard():
    ring = PacketRing(30.0, 15 * 1000 * 3)  # three GOPs of 1000-byte packets
    for p in stream(10.0, size=1000):
        ring.add(p)
        assert ring.stats().bytes <= 45_000
    assert ring.snapshot()[0].keyframe and ring.stats().seconds == pytest.approx(44 / 15)


def test_a_gop_larger_than_the_cap_is_dropped_whole():
    ring = PacketRing(30.0, 5_000)
    for p in stream(1.5, size=1000):  # 15 packets per GOP > the cap
        ring.add(p)
    assert all(p.keyframe for p in ring.snapshot()[:1])
    assert ring.stats().bytes <= 5_000


def test_snapshot_since_starts_at_the_last_keyframe_before():
    ring = PacketRing(10.0, 10**9)
    for p in stream(6.0):
        ring.add(p)
    snap = ring.snapshot(since=3.5)  # keyframes at 0, 1, … s: the one at 3 s covers 3.5 s
    assert snap[0].keyframe and snap[0].arrival == pytest.approx(3.0) and snap[-1].seq == 90
    assert ring.snapshot(since=-100)[0].arrival == 0.0  # asked for more than there is: all of it


def test_snapshots_while_adding_from_another_thread():
    ring = PacketRing(1.0, 10**9)
    packets = stream(60.0)
    stop = threading.Event()
    bad: list[str] = []

    def reader() -> None:
        while not stop.is_set():
            snap = ring.snapshot()
            if snap and (not snap[0].keyframe or [p.seq for p in snap] != list(range(snap[0].seq, snap[-1].seq + 1))):
                bad.append("torn snapshot")

    t = threading.Thread(target=reader)
    t.start()
    for p in packets:
        ring.add(p)
    stop.set()
    t.join()
    assert bad == []


def test_real_stream_ring(camera: SimCameraHost):
    """The simulated camera (GOP 1 s) through a tap with a 1 s ring: keyframe first, 1–2 s held."""
    tap = PacketTap("CAM-T", camera.uri, ring_s=1.0, ring_bytes=64 * 2**20).start()
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and tap.ring.stats().seconds < 1.5:
            time.sleep(0.05)
        time.sleep(1.0)
        snap = tap.ring.snapshot()
        stats = tap.ring.stats()
    finally:
        tap.close()
    assert snap[0].keyframe and sum(p.keyframe for p in snap) == stats.keyframes <= 2
    assert 1.0 <= stats.seconds < 2.0 + 0.2
    assert stats.bytes == sum(p.size for p in snap)
