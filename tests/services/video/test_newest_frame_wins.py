"""Newest frame wins: a slow reader gets the latest picture, the ones it missed are counted, memory stays flat."""

from __future__ import annotations

import gc
import itertools
import time

import numpy as np

from services.sim.video.timecode import decode_timecode
from services.video import Frame, FrameSlot, StreamDecoder
from tests.services.video.conftest import wait_for
from tests.services.video.hosts import SimCameraHost


def _frame(seq: int) -> Frame:
    return Frame(np.zeros((2, 2, 3), np.uint8), seq, time.monotonic(), time.time())


def test_the_slot_keeps_the_newest_and_counts_what_nobody_took():
    slot = FrameSlot()
    assert slot.latest() is None
    slot.put(_frame(1))
    assert slot.latest().seq == 1 and slot.latest().seq == 1  # reading again is not a drop
    slot.put(_frame(2))
    slot.put(_frame(3))  # 2 was never taken
    slot.put(_frame(4))  # nor 3
    assert slot.latest().seq == 4
    assert (slot.puts, slot.drops) == (4, 2)


def _live_frames() -> int:
    gc.collect()
    return sum(isinstance(o, Frame) for o in gc.get_objects())


def test_a_slow_reader_sees_increasing_fresh_frames_and_counted_drops(camera: SimCameraHost):
    with StreamDecoder(camera.uri) as decoder:
        assert wait_for(lambda: decoder.latest() is not None, 3.0) is not None
        seen: list[int] = []
        ages: list[float] = []
        for _ in range(6):  # a reader at ~3 fps against a 15 fps stream
            time.sleep(0.33)
            frame = decoder.latest()
            seen.append(frame.seq)
            ages.append(time.time() * 1000 - decode_timecode(frame.image))
            del frame  # like a view, keep only what is being painted
        stats = decoder.stats()
        live = _live_frames()
    assert all(b > a for a, b in itertools.pairwise(seen))
    assert max(ages) < 250, "the reader gets the newest picture, not a queued one"
    assert stats.drops >= stats.frames - len(seen) - 2 and stats.drops >= 20
    assert live <= 2, f"{live} frames alive: only the slot's newest (and the one being decoded)"
