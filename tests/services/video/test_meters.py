"""The measurements behind DecoderStats: windowed rates, the keyframe interval, and lateness of held-back frames."""

from __future__ import annotations

import pytest

from services.video.meter import GopMeter, LatenessMeter, RateMeter


def test_rates_over_the_window_and_they_fall_to_zero_when_nothing_comes():
    meter = RateMeter(window_s=2.0)
    assert meter.rate(0.0) is None
    for i in range(61):  # 15 per second for 4 s, 1000 bytes each
        meter.add(i / 15, 1000)
    assert meter.rate(4.0) == pytest.approx(15, abs=0.6)
    assert meter.bits_per_s(4.0) == pytest.approx(15 * 8000, rel=0.05)
    assert meter.rate(7.0) == 0  # a stopped stream is 0 fps, not its old rate


def test_a_young_meter_measures_what_it_has():
    meter = RateMeter(window_s=2.0)
    for i in range(4):
        meter.add(i * 0.1, 100)
    assert meter.rate(0.3) == pytest.approx(10)
    assert meter.bits_per_s(0.3) == pytest.approx(300 * 8 / 0.3)


def test_the_gop_is_the_common_interval_despite_a_forced_keyframe_on_join():
    meter = GopMeter()
    flags = [True] + [False] * 6 + ([True] + [False] * 29) * 3  # joined mid-GOP: one short interval
    for key in flags:
        meter.add(key)
    assert meter.gop == 30
    assert GopMeter().gop is None


def test_lateness_is_zero_for_a_steady_stream_with_jitter():
    meter = LatenessMeter()
    lates = [meter.late_s(100 + i / 15 + (0.01 if i % 3 else 0), 5 + i / 15) for i in range(60)]
    assert max(lates) <= 0.011


def test_a_frame_released_late_is_late_and_a_timestamp_jump_starts_over():
    meter = LatenessMeter()
    for i in range(30):
        meter.late_s(100 + i / 15, i / 15)
    assert meter.late_s(100 + 29 / 15 + 1.5, 30 / 15) == pytest.approx(1.5 - 1 / 15)
    assert meter.late_s(200.0, 1000.0) == 0  # the camera restarted its clock: a new baseline
    assert meter.late_s(200.0 + 1 / 15, 1000.0 + 1 / 15) == pytest.approx(0)
    assert meter.late_s(300.0, None) == 0
