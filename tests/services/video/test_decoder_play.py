"""StreamDecoder plays real RTSP: the simulator's sub stream (latency read from its timecode) and GStreamer's."""

from __future__ import annotations

import statistics
import time

import numpy as np

from services.sim.video.timecode import decode_timecode
from services.video import DecoderState, StreamDecoder
from tests.servers import gst_rtsp_server
from tests.services.video.conftest import wait_for
from tests.services.video.hosts import SimCameraHost


def test_plays_the_sub_stream_live(camera: SimCameraHost):
    states: list[DecoderState] = []
    with StreamDecoder(camera.uri, name="gate", on_state=lambda s, m: states.append(s)) as decoder:
        assert wait_for(lambda: decoder.latest() is not None, 3.0) is not None
        ages, seqs = [], []
        end = time.monotonic() + 3.0
        while time.monotonic() < end:  # a reader faster than the stream: sees every frame once
            frame = decoder.latest()
            if frame is not None and (not seqs or frame.seq != seqs[-1]):
                seqs.append(frame.seq)
                code = decode_timecode(frame.image)
                assert code is not None
                ages.append(frame.decoded_wall * 1000 - code)  # glass (capture) to slot
            time.sleep(0.005)
        stats = decoder.stats()
        frame = decoder.latest()
    assert frame is not None and frame.image.shape == (360, 640, 4) and frame.image.dtype == np.uint8
    assert frame.image.flags.c_contiguous and not frame.image.flags.writeable
    assert (frame.image[..., 3] == 255).all() and frame.bgr.shape == (360, 640, 3)  # B, G, R, 255: Qt's RGB32
    assert frame.pts_s is not None and frame.late_s < 0.1
    assert states[:2] == [DecoderState.CONNECTING, DecoderState.PLAYING] and states[-1] == DecoderState.CLOSED
    assert stats.state == DecoderState.PLAYING and stats.codec == "h264"
    assert (stats.width, stats.height) == (640, 360)
    assert stats.first_frame_s is not None and stats.first_frame_s < 1.0
    assert 13.5 <= stats.fps <= 16.5
    assert 40 <= len(seqs) <= 50 and seqs == sorted(seqs)
    assert 100 <= stats.bitrate_kbps <= 1000  # the simulator caps the sub stream at 512 kbps
    assert stats.gop_frames == 15
    assert stats.last_frame_age_s < 0.25 and stats.reconnects == 0 and stats.decode_errors == 0
    ages.sort()
    p95 = ages[int(len(ages) * 0.95)]
    assert min(ages) > -5 and p95 < 250  # never from the future; no backlog
    assert stats.cpu_s < 0.5  # a few % of a core for 3 s
    print(f"first frame {stats.first_frame_s * 1000:.0f} ms, glass-to-slot median {statistics.median(ages):.0f} ms "
          f"p95 {p95:.0f} ms, {stats.fps:.1f} fps, {stats.bitrate_kbps:.0f} kbps, CPU {stats.cpu_s / 3.5 * 100:.1f} %")


def test_plays_gstreamers_reference_server():
    with gst_rtsp_server(gop=30) as uri, StreamDecoder(uri) as decoder:
        assert wait_for(lambda: decoder.state == DecoderState.PLAYING, 3.0) is not None
        first = decoder.latest()
        assert wait_for(lambda: decoder.latest().seq >= first.seq + 15, 3.0) is not None
        stats = decoder.stats()
    assert (stats.width, stats.height, stats.codec) == (640, 360, "h264")
    assert stats.first_frame_s < 1.0 and stats.decode_errors == 0
    assert first.image.std() > 10  # a test pattern, not a black frame


def test_many_streams_share_one_camera(camera: SimCameraHost):
    decoders = [StreamDecoder(camera.uri, name=f"tile {i}").start() for i in range(4)]
    try:
        assert wait_for(lambda: all(d.state == DecoderState.PLAYING for d in decoders), 3.0) is not None
        time.sleep(2.2)
        rates = [d.stats().fps for d in decoders]
    finally:
        for d in decoders:
            d.close()
    assert all(13.5 <= r <= 16.5 for r in rates), rates
    assert all(d.state == DecoderState.CLOSED and d.latest() is None for d in decoders)
