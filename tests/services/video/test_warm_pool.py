"""The warm pool against a real RTSP camera: keeps the first cameras its budget allows decoding, hands out
a fresh picture as a bridge, closes what is no longer wanted, and rests cameras that fail."""

from __future__ import annotations

from concurrent.futures import Future

import pytest

from services.video import DecoderState
from services.video.warm_pool import WarmPool
from tests.servers import _free_port
from tests.services.video.conftest import camera, loop, wait_for  # noqa: F401 (fixtures: a simulated RTSP camera)
from tests.services.video.hosts import SimCameraHost


def _done(value: object) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


class Uris:
    """Every camera code maps to the one simulated camera; calls are counted."""

    def __init__(self, uri: str | None) -> None:
        self.uri, self.calls = uri, []

    def __call__(self, code: str, main: bool) -> Future:
        self.calls.append((code, main))
        return _done(self.uri)


@pytest.fixture
def pools():
    made: list[WarmPool] = []
    yield made
    for pool in made:
        pool.close()


def test_the_first_cameras_the_budget_allows_are_kept_warm_on_their_sub_streams(pools, camera: SimCameraHost) -> None:  # noqa: F811
    uris = Uris(camera.uri)
    pool = WarmPool(uris, max_streams=2, min_idle_pct=0)  # whatever else loads the machine
    pools.append(pool)
    assert pool.want(["A", "B", "C"]) == ["A", "B"]
    assert uris.calls == [("A", False), ("B", False)]  # sub streams only
    assert wait_for(lambda: pool.bridge("A") and pool.bridge("B"), 10.0) is not None
    assert pool.bridge("C") is None
    bridge = pool.bridge("A")
    assert bridge.state is DecoderState.PLAYING and bridge.latest() is not None

    assert pool.want(["C", "B"]) == ["C", "B"]  # A is no longer wanted: closed without waiting
    assert wait_for(lambda: bridge.state is DecoderState.CLOSED, 5.0) is not None
    assert pool.bridge("A") is None
    stats = pool.stats()
    assert stats.warm == ("B", "C") and stats.started == 3 and stats.closed == 1

    pool.close()
    assert pool.want(["A"]) == [] and pool.stats().warm == ()


def test_the_measured_cpu_decides_how_many_fit_in_the_budget(pools, camera: SimCameraHost) -> None:  # noqa: F811
    pool = WarmPool(Uris(camera.uri), max_streams=4, cpu_budget_pct=0.01, min_idle_pct=0)  # less than any stream costs
    pools.append(pool)
    pool.want(["A", "B"])
    assert wait_for(lambda: pool.bridge("A") and pool.bridge("B"), 10.0) is not None
    assert wait_for(lambda: pool.want(["A", "B"]) == [], 10.0, step=0.6) is not None  # measured, then over budget
    stats = pool.stats()
    assert stats.cap == 0 and stats.per_stream_pct > 0.01 and stats.cpu_s > 0


def test_a_camera_without_a_uri_rests_instead_of_being_asked_again_and_again(pools) -> None:
    uris = Uris(None)
    pool = WarmPool(uris, retry_s=0.3)
    pools.append(pool)
    pool.want(["A"])
    assert pool.stats().warm == ()  # the empty answer removed it
    pool.want(["A"])
    assert len(uris.calls) == 1  # resting
    assert wait_for(lambda: pool.want(["A"]) is not None and len(uris.calls) == 2, 2.0) is not None


def test_a_dead_stream_rests_after_it_failed(pools) -> None:
    uris = Uris(f"rtsp://127.0.0.1:{_free_port()}/nothing")  # nobody listens
    pool = WarmPool(uris, retry_s=60)
    pools.append(pool)
    pool.want(["A"])
    assert wait_for(lambda: pool._entries["A"].decoder.state is DecoderState.FAILED, 10.0) is not None
    assert pool.want(["A"]) == []  # it rests now
    assert pool.bridge("A") is None and pool.stats().closed == 1


class Host:
    """The host's CPU counters as /proc/stat gives them (idle, total); a test cannot load the machine on cue."""

    def __init__(self) -> None:
        self.idle = self.total = 0.0

    def run(self, idle_share: float, ticks: float = 200.0) -> None:
        self.idle += idle_share * ticks
        self.total += ticks

    def __call__(self) -> tuple[float, float]:
        return self.idle, self.total


def test_a_starved_host_keeps_nothing_warm_until_it_has_headroom_again(pools, camera: SimCameraHost) -> None:  # noqa: F811
    host, now = Host(), [0.0]
    pool = WarmPool(Uris(camera.uri), max_streams=2, min_idle_pct=25, host_times=host, clock=lambda: now[0])
    pools.append(pool)
    host.run(0.6)
    now[0] = 2.0
    assert pool.want(["A", "B"]) == ["A", "B"] and pool.stats().host_idle_pct == 60
    host.run(0.1)  # the workstation is saturated
    now[0] = 4.0
    assert pool.want(["A", "B"]) == [] and pool.stats().warm == ()
    host.run(0.3)  # above the floor, but within the hysteresis: still nothing
    now[0] = 6.0
    assert pool.want(["A", "B"]) == []
    host.run(0.5)
    now[0] = 8.0
    assert pool.want(["A", "B"]) == ["A", "B"]
