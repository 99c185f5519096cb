"""File timestamps from camera timestamps: from 0, strictly increasing, missing ones filled, gaps kept."""

from __future__ import annotations

from fractions import Fraction

from services.recording.timeline import Timeline
from tests.services.recording.packets import PARAMS, packet


def place_all(packets):
    timeline = Timeline()
    placed = [p for pk in packets for p in timeline.feed(pk)]
    return timeline, placed + timeline.flush()


def test_rebased_to_zero():
    _, placed = place_all([packet(i, i / 15, key=i == 1) for i in range(1, 6)])
    assert [p.dts for p in placed] == [0, 6000, 12000, 18000, 24000]
    assert all(p.pts == p.dts and p.duration == 6000 for p in placed)


def test_first_packet_without_timestamp_is_one_frame_before_the_next():
    """RTSP: the first packet of a session has no pts/dts until the first RTCP report."""
    packets = [packet(1, 0.0, key=True, pts=None), packet(2, 0.01, pts=5962), packet(3, 0.07, pts=11958)]
    _, placed = place_all(packets)
    assert [p.packet.seq for p in placed] == [1, 2, 3]
    assert [p.dts for p in placed] == [0, 6000, 11996]


def test_untimed_packets_in_the_middle_follow_their_predecessor():
    packets = [packet(1, 0.0, key=True, pts=0), packet(2, 0.066, pts=None), packet(3, 0.133, pts=12000)]
    _, placed = place_all(packets)
    assert [p.dts for p in placed] == [0, 6000, 12000]


def test_dts_strictly_increasing_even_if_the_camera_repeats_itself():
    packets = [packet(1, 0.0, key=True, pts=1000), packet(2, 0.06, pts=1000), packet(3, 0.12, pts=900)]
    _, placed = place_all(packets)
    dts = [p.dts for p in placed]
    assert dts == sorted(set(dts)) and dts[0] == 0
    assert all(p.pts >= p.dts for p in placed)


def test_reconnection_keeps_the_real_gap():
    first = [packet(i, i / 15, key=i == 1, pts=900_000 + i * 6000) for i in range(1, 4)]
    # A new RTSP session 2 s later: its clock restarts at an unrelated value, first packet untimed.
    second = [packet(10, 2.0 + 2 / 15, key=True, pts=None, epoch=2),
              packet(11, 2.0 + 3 / 15, pts=77, epoch=2), packet(12, 2.0 + 4 / 15, pts=6077, epoch=2)]
    timeline, placed = place_all(first + second)
    assert timeline.gaps == 1
    gap_s = float((placed[3].dts - placed[2].dts) * Fraction(1, 90000))
    assert abs(gap_s - (placed[3].packet.arrival - placed[2].packet.arrival)) < 0.001  # 1.93 s
    assert [p.dts - placed[3].dts for p in placed[3:]] == [0, 6000, 12000]


def test_camera_clock_jump_becomes_a_gap_not_a_long_freeze():
    packets = [packet(1, 0.0, key=True, pts=0), packet(2, 1 / 15, pts=6000),
               packet(3, 2 / 15, pts=6000 + 3600 * 90000)]  # the camera's clock jumps one hour
    timeline, placed = place_all(packets)
    assert timeline.gaps == 1 and placed[2].dts - placed[1].dts == 6000


def test_an_epoch_without_any_timestamp_still_gets_increasing_ones():
    timeline = Timeline()
    out = timeline.feed(packet(1, 0.0, key=True, pts=None)) + timeline.feed(packet(2, 0.07, pts=None))
    out += timeline.flush()
    assert [p.dts for p in out] == [0, PARAMS.frame_ticks]
