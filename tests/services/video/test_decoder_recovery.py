"""A decoder notices a killed, a frozen and a silent server, says why, reconnects by itself, and closes at once."""

from __future__ import annotations

import threading
import time

from services.video import DecoderState, StreamDecoder
from services.video.backoff import Backoff
from tests.servers import _free_port
from tests.services.video.conftest import wait_for
from tests.services.video.hosts import FreezableProxy, SilentServer, SimCameraHost

LOST = (DecoderState.RECONNECTING, DecoderState.STALLED)


class Recorder:
    """Collects (seconds since creation, state, message) from on_state; the callback may come from any thread."""

    def __init__(self) -> None:
        self.t0 = time.monotonic()
        self.events: list[tuple[float, DecoderState, str]] = []
        self._lock = threading.Lock()

    def __call__(self, state: DecoderState, message: str) -> None:
        with self._lock:
            self.events.append((time.monotonic() - self.t0, state, message))

    def states(self) -> list[DecoderState]:
        with self._lock:
            return [s for _, s, _ in self.events]


def test_a_killed_camera_is_noticed_and_the_restarted_one_plays_again(camera: SimCameraHost):
    rec = Recorder()
    with StreamDecoder(camera.uri, on_state=rec) as decoder:
        assert wait_for(lambda: decoder.state == DecoderState.PLAYING, 3.0) is not None
        camera.stop()
        noticed = wait_for(lambda: decoder.state in LOST, 2.0)
        assert noticed is not None, decoder.stats()
        assert "connection lost" in decoder.message
        assert wait_for(lambda: decoder.message == "connection refused", 2.0) is not None  # it keeps trying
        seq = decoder.latest().seq
        time.sleep(0.3)
        camera.start()  # the same port
        back = wait_for(lambda: decoder.state == DecoderState.PLAYING, 5.0)
        assert back is not None, decoder.stats()
        assert wait_for(lambda: decoder.latest().seq > seq, 1.0) is not None
        stats = decoder.stats()
    assert stats.reconnects == 1 and stats.first_frame_s < 1.0
    assert DecoderState.FAILED not in rec.states()
    print(f"killed: noticed after {noticed * 1000:.0f} ms; playing again {back:.2f} s after the restart")


def test_a_frozen_camera_goes_stalled_then_reconnecting_and_its_last_picture_is_not_fresh(camera: SimCameraHost):
    proxy = FreezableProxy(camera.port)
    rec = Recorder()
    uri = camera.uri.replace(f":{camera.port}/", f":{proxy.port}/")
    try:
        with StreamDecoder(uri, read_timeout_s=2.0, stall_s=1.0, on_state=rec) as decoder:
            assert wait_for(lambda: decoder.state == DecoderState.PLAYING, 3.0) is not None
            proxy.freeze()
            frozen_at = time.monotonic()
            stalled = wait_for(lambda: decoder.state == DecoderState.STALLED, 2.0)
            assert stalled is not None and 0.95 <= stalled <= 1.5, rec.events
            # FFmpeg lets the frame its parser held out at the first interrupted read (after 1 s here): it
            # is published, but counted as late, so the picture's age keeps growing
            assert wait_for(lambda: decoder.stats().last_frame_age_s > 1.6, 1.0) is not None
            assert decoder.state == DecoderState.STALLED
            assert wait_for(lambda: decoder.state == DecoderState.RECONNECTING, 2.0) is not None
            gave_up = time.monotonic() - frozen_at
            assert decoder.message == "connection lost: timed out after 2 s"
            proxy.thaw()
            assert wait_for(lambda: decoder.state == DecoderState.PLAYING, 5.0) is not None
    finally:
        proxy.close()
    assert gave_up <= 2.0 + 0.6
    print(f"frozen: stalled after {stalled:.2f} s, reconnecting after {gave_up:.2f} s (read timeout 2 s)")


def test_a_silent_server_fails_within_the_read_timeout_and_close_is_prompt():
    server = SilentServer()
    rec = Recorder()
    decoder = StreamDecoder(f"rtsp://127.0.0.1:{server.port}/x", read_timeout_s=1.5, on_state=rec,
                            backoff=Backoff(first_s=0.05)).start()
    try:
        failed = wait_for(lambda: decoder.state == DecoderState.FAILED, 1.5 + 0.5)
        assert failed is not None and failed <= 1.5 + 0.3
        assert decoder.message == "timed out after 1.5 s"
        time.sleep(0.3)  # the next attempt is waiting in FFmpeg's open() again
        t0 = time.monotonic()
        decoder.close()  # while FFmpeg waits in open() again
        closing = time.monotonic() - t0
    finally:
        server.close()
    assert closing < 0.6
    assert decoder.state == DecoderState.CLOSED and rec.states()[-1] == DecoderState.CLOSED


def test_a_refused_port_is_failed_at_once_and_retried_with_backoff():
    rec = Recorder()
    backoff = Backoff(first_s=0.1, max_s=0.4)
    with StreamDecoder(f"rtsp://127.0.0.1:{_free_port()}/x", on_state=rec, backoff=backoff) as decoder:
        assert wait_for(lambda: decoder.state == DecoderState.FAILED, 1.0) is not None
        assert decoder.message == "connection refused"
        time.sleep(1.2)  # attempts at ~0.1, 0.3, 0.7, 1.1 s: each fails the same way, no state flapping
    assert rec.states() == [DecoderState.CONNECTING, DecoderState.FAILED, DecoderState.CLOSED]


def test_the_backoff_grows_to_its_cap_with_jitter():
    backoff = Backoff(first_s=0.5, factor=2.0, max_s=10.0, jitter=0.2)
    delays = [backoff.delay(n) for n in range(1, 9)]
    assert 0.4 <= delays[0] <= 0.6 and 0.8 <= delays[1] <= 1.2
    assert all(8.0 <= d <= 12.0 for d in delays[5:])
    assert len({round(backoff.delay(3), 6) for _ in range(20)}) > 1  # streams do not retry in step
