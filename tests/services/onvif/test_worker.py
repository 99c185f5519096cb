"""CameraWorker: events and commands on the camera's own threads, isolation, backoff, reconnection, stop."""

from __future__ import annotations

import itertools
import statistics
import time
from datetime import UTC, datetime

import pytest

from cockpit.cameras import CameraEventKind, CameraEventReceived, CameraState
from services.onvif import Backoff, CameraWorker, DeviceUnreachable, RequestRejected
from services.sim.loop import LoopThread
from services.sim.model import CameraEvent

from . import hostile
from .conftest import PASSWORD, Collector, Running, free_port, make_camera, start_on_port

LINE = "tns1:RuleEngine/LineDetector/Crossed"


def crossing(code: str, n: int = 1) -> CameraEvent:
    return CameraEvent(code, LINE, {"VideoSourceConfigurationToken": "vsc0", "Rule": "Fence"}, {"ObjectId": str(n)},
                       datetime.now(UTC))


def worker_for(code: str, port: int, sink: Collector, **options: object) -> CameraWorker:
    options = {"call_timeout_s": 1.0, "pull_wait_s": 0.5, **options}
    return CameraWorker(code, f"127.0.0.1:{port}", "admin", PASSWORD, sink, **options)  # type: ignore[arg-type]


def wait_event(sink: Collector, code: str, object_id: str, since: int, timeout: float = 3.0) -> float:
    at, _ = sink.wait_for(lambda e: isinstance(e, CameraEventReceived) and e.code == code
                          and e.data.get("ObjectId") == object_id, timeout, since)
    return at


def test_online_events_and_commands(device: Running) -> None:
    sink = Collector()
    code = device.camera.code
    worker = worker_for(code, device.port, sink, subscription_ttl_s=1.0).start()
    try:
        sink.wait_state(code, CameraState.CONNECTING)
        _, health = sink.wait_state(code, CameraState.ONLINE)
        assert health.clock_offset_s is not None and abs(health.clock_offset_s) < 1.5
        initial = sink.wait_for(lambda e: isinstance(e, CameraEventReceived) and e.initial)[1]
        assert initial.kind in (CameraEventKind.MOTION, CameraEventKind.TAMPER)
        time.sleep(1.5)  # past the 1 s termination time: renewed (and extended by pulls) meanwhile
        mark = sink.mark()
        sent = time.monotonic()
        device.hub.publish(crossing(code, 42))
        latency = wait_event(sink, code, "42", mark) - sent
        assert latency < 0.5, f"event took {latency:.2f} s"
        assert worker.submit("GetStatus", lambda c: c.status()).result(2).pan is not None
        with pytest.raises(RequestRejected):  # a refused command fails its future, not the camera
            worker.submit("GotoPreset", lambda c: c.goto_preset("nope")).result(2)
        assert worker.health.state is CameraState.ONLINE
    finally:
        assert worker.stop(3.0)


def test_a_hanging_camera_does_not_slow_another(device: Running, loop_thread: LoopThread) -> None:
    sink = Collector()
    code = device.camera.code
    with hostile.serving(loop_thread, hostile.silent) as server:
        hung = CameraWorker("CAM-HUNG", server.address, "admin", PASSWORD, sink, call_timeout_s=2.0,
                            backoff=Backoff(0.1, 0.2)).start()
        good = worker_for(code, device.port, sink).start()
        try:
            sink.wait_state(code, CameraState.ONLINE)
            latencies = []
            for _ in range(20):  # while the hung camera sits in one 2 s call after another
                started = time.monotonic()
                good.submit("GetStatus", lambda c: c.status()).result(2)
                latencies.append(time.monotonic() - started)
            mark = sink.mark()
            sent = time.monotonic()
            device.hub.publish(crossing(code, 7))
            event_latency = wait_event(sink, code, "7", mark) - sent
            _, health = sink.wait_state("CAM-HUNG", CameraState.UNREACHABLE, timeout=3.0)
            assert "did not answer" in health.message
            assert max(latencies) < 0.3, latencies
            assert statistics.median(latencies) < 0.05, latencies
            assert event_latency < 0.5
            with pytest.raises(DeviceUnreachable):  # commands to the hung camera fail fast, unsent
                hung.submit("GetStatus", lambda c: c.status()).result(0.5)
        finally:
            hung.request_stop()
            good.request_stop()
            assert good.join(2.0) and hung.join(3.0)


def test_backoff_grows_then_reconnects_when_the_device_comes_back(loop_thread: LoopThread) -> None:
    sink = Collector()
    port = free_port()
    camera = make_camera(31)
    worker = worker_for(camera.code, port, sink, backoff=Backoff(0.1, 0.8, jitter=0.0)).start()
    run: Running | None = None
    try:
        _, health = sink.wait_state(camera.code, CameraState.UNREACHABLE)
        assert "refused" in health.message
        time.sleep(1.6)
        gaps = [b - a for a, b in itertools.pairwise(worker.connect_attempts)]
        assert len(gaps) >= 3 and all(later > 1.5 * earlier for earlier, later in itertools.pairwise(gaps[:4])), gaps
        run = start_on_port(loop_thread, camera, port)
        came_back = time.monotonic()
        at, _ = sink.wait_state(camera.code, CameraState.ONLINE, timeout=3.0)
        assert at - came_back < 0.8 + 0.5  # within one capped backoff

        mark = sink.mark()  # the device goes away: noticed at the next pull
        loop_thread.run(run.device.stop())
        gone = time.monotonic()
        at, _ = sink.wait_state(camera.code, CameraState.UNREACHABLE, timeout=3.0, since=mark)
        assert at - gone < 0.5 + 1.0 + 0.5
        run = start_on_port(loop_thread, camera, port)  # same port, new device, new subscription
        sink.wait_state(camera.code, CameraState.ONLINE, timeout=3.0, since=mark)
        time.sleep(0.3)
        mark = sink.mark()
        run.hub.publish(crossing(camera.code, 99))
        wait_event(sink, camera.code, "99", mark)
        problems = [p.state for p in worker.health.problems]
        assert problems.count(CameraState.UNREACHABLE) >= 2
    finally:
        assert worker.stop(3.0)
        if run is not None:
            loop_thread.run(run.device.stop())


def test_stop_is_prompt_online_and_while_a_call_hangs(device: Running, loop_thread: LoopThread) -> None:
    sink = Collector()
    online = worker_for(device.camera.code, device.port, sink, pull_wait_s=1.0, call_timeout_s=2.0).start()
    sink.wait_state(device.camera.code, CameraState.ONLINE)
    time.sleep(0.3)  # inside a 1 s PullMessages now
    started = time.monotonic()
    assert online.stop(5.0)
    assert time.monotonic() - started < 1.0 + 0.5  # one pull wait (+ a quick Unsubscribe)
    with hostile.serving(loop_thread, hostile.silent) as server:
        hung = CameraWorker("CAM-HUNG", server.address, "admin", PASSWORD, sink, call_timeout_s=2.0).start()
        time.sleep(0.3)  # inside a call that will take the whole 2 s
        started = time.monotonic()
        assert hung.stop(5.0)
        assert time.monotonic() - started < 2.0 + 0.5  # one call timeout at most


def test_clock_skew_beyond_the_limit_is_a_state_with_the_offset(loop_thread: LoopThread) -> None:
    sink = Collector()
    camera = make_camera(32, clock_offset_s=7200.0)
    run = start_on_port(loop_thread, camera, 0)
    strict = worker_for(camera.code, run.port, sink, max_clock_offset_s=3600.0).start()
    try:
        _, health = sink.wait_state(camera.code, CameraState.CLOCK_SKEW)
        assert "2 h 00 min ahead" in health.message
        assert health.clock_offset_s == pytest.approx(7200, abs=1.0)
    finally:
        strict.stop(3.0)
    sink2 = Collector()
    tolerant = worker_for(camera.code, run.port, sink2).start()  # default limit 24 h: logs in fine
    try:
        _, health = sink2.wait_state(camera.code, CameraState.ONLINE)
        assert health.clock_offset_s == pytest.approx(7200, abs=1.0)
    finally:
        tolerant.stop(3.0)
        loop_thread.run(run.device.stop())


def test_a_broken_sink_does_not_kill_the_camera(device: Running) -> None:
    calls = []

    def sink(event: object) -> None:
        calls.append(event)
        raise RuntimeError("consumer bug")

    worker = worker_for(device.camera.code, device.port, sink).start()  # type: ignore[arg-type]
    try:
        deadline = time.monotonic() + 3
        while worker.health.state is not CameraState.ONLINE and time.monotonic() < deadline:
            time.sleep(0.02)
        assert worker.health.state is CameraState.ONLINE
        assert worker.submit("GetStatus", lambda c: c.status()).result(2)
    finally:
        worker.stop(3.0)


def test_backoff_is_capped_and_jittered() -> None:
    values = iter([0.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
    backoff = Backoff(1.0, 60.0, rng=lambda: next(values))
    assert [round(backoff.next(), 2) for _ in range(8)] == [0.8, 2.4, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]
    backoff.reset()
    assert backoff.next() == pytest.approx(1.0)


def test_a_long_poll_delivers_events_at_once(device: Running) -> None:
    """The cockpit pulls with a 5 s long poll (less idle CPU); an event must not wait for it to expire."""
    sink = Collector()
    code = device.camera.code
    worker = worker_for(code, device.port, sink, pull_wait_s=5.0).start()
    try:
        sink.wait_state(code, CameraState.ONLINE)
        sink.wait_for(lambda e: isinstance(e, CameraEventReceived) and e.initial)
        latencies = []
        for n in range(3):
            time.sleep(0.7)  # lands inside a pull that has seconds left to run
            mark, sent = sink.mark(), time.monotonic()
            device.hub.publish(crossing(code, 100 + n))
            latencies.append(wait_event(sink, code, str(100 + n), mark, timeout=6.0) - sent)
        assert max(latencies) < 0.5, latencies
    finally:
        worker.stop(8.0)
