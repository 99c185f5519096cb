"""A paused decoder reads and decodes nothing; it resumes at once within the grace period, by reconnecting after it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from services.video import DecoderState, StreamDecoder
from tests.services.video.conftest import wait_for
from tests.services.video.hosts import SimCameraHost


def _playing(decoder: StreamDecoder) -> None:
    assert wait_for(lambda: decoder.state == DecoderState.PLAYING, 3.0) is not None


def _thread_cpu_ns(name: str) -> int:
    """CPU time the kernel has counted for the decoder's thread (Linux schedstat), seen from outside it."""
    thread = next(t for t in threading.enumerate() if t.name == f"video-{name}")
    return int(Path(f"/proc/self/task/{thread.native_id}/schedstat").read_text().split()[0])


def test_pause_stops_decoding_and_resume_continues_on_the_same_connection(camera: SimCameraHost):
    with StreamDecoder(camera.uri, name="p", pause_grace_s=5.0) as decoder:
        _playing(decoder)
        time.sleep(0.3)
        playing_cpu = _thread_cpu_ns("p")
        time.sleep(0.5)
        playing_cpu = _thread_cpu_ns("p") - playing_cpu
        decoder.pause()
        time.sleep(0.15)  # a packet being decoded when pause() came may still land
        before, cpu = decoder.stats(), _thread_cpu_ns("p")
        seq = decoder.latest().seq
        time.sleep(0.5)
        during, cpu = decoder.stats(), _thread_cpu_ns("p") - cpu
        assert decoder.state == DecoderState.PAUSED
        assert decoder.latest().seq == seq and during.frames == before.frames  # no new pictures
        assert cpu < 200_000 < playing_cpu, (cpu, playing_cpu)  # paused: < 0.2 ms of CPU in 0.5 s
        assert camera.streams is not None and camera.streams.profiles["sub"].clients == 1  # connection kept
        resumed_at = time.monotonic()
        decoder.resume()
        assert wait_for(lambda: decoder.latest().seq > seq, 1.0) is not None
        live = wait_for(lambda: decoder.state == DecoderState.PLAYING and decoder.latest().late_s < 0.1, 1.0)
        assert live is not None
        assert decoder.stats().reconnects == 0
    print(f"resumed within the grace period: live after {(time.monotonic() - resumed_at) * 1000:.0f} ms")


def test_a_long_pause_lets_the_connection_go_and_resume_reconnects(camera: SimCameraHost):
    with StreamDecoder(camera.uri, pause_grace_s=0.3) as decoder:
        _playing(decoder)
        profile = camera.streams.profiles["sub"]
        decoder.pause()
        assert wait_for(lambda: profile.clients == 0, 2.0) is not None  # TEARDOWN after the grace period
        seq = decoder.latest().seq
        decoder.resume()
        assert decoder.state == DecoderState.CONNECTING
        _playing(decoder)
        assert decoder.latest().seq > seq
        stats = decoder.stats()
    assert stats.first_frame_s < 1.0 and stats.reconnects == 0  # a pause is not a lost stream


def test_close_while_paused_is_immediate(camera: SimCameraHost):
    decoder = StreamDecoder(camera.uri).start()
    _playing(decoder)
    decoder.pause()
    t0 = time.monotonic()
    decoder.close()
    assert time.monotonic() - t0 < 0.2
    assert decoder.state == DecoderState.CLOSED
