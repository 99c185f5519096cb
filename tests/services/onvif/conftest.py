"""Fixtures of the ONVIF client tests: a loop thread hosting simulated cameras and hostile servers."""

from __future__ import annotations

import queue
import socket
import time
from collections.abc import Callable, Iterator

import pytest

from cockpit.cameras import CameraEventReceived, CameraHealth, CameraState, CameraStateChanged
from services.sim.loop import LoopThread
from services.sim.model import EventHub, PtzState, SimCamera
from services.sim.onvif import OnvifDevice

from ..sim.test_onvif_support import PASSWORD, Running, make_camera, sample_jpeg, start_device, stream_uri_of

__all__ = ["PASSWORD", "Collector", "Running", "free_port", "make_camera", "start_device", "start_on_port"]


@pytest.fixture(scope="module")
def loop_thread() -> Iterator[LoopThread]:
    with LoopThread("onvif-test-loop") as lt:
        yield lt


@pytest.fixture
def device(loop_thread: LoopThread) -> Iterator[Running]:
    """A simulated PTZ camera (clock right) on a free port."""
    run = start_device(loop_thread, make_camera(21))
    yield run
    loop_thread.run(run.device.stop())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_on_port(lt: LoopThread, camera: SimCamera, port: int, hub: EventHub | None = None) -> Running:
    hub = hub or EventHub()
    ptz = PtzState(camera)
    dev = OnvifDevice(camera, ptz, hub, stream_uri=stream_uri_of(camera), snapshot_jpeg=sample_jpeg, port=port)
    lt.run(dev.start())
    return Running(dev, camera, ptz, hub)


class Collector:
    """A thread-safe sink that keeps what the workers emit, with waits for tests."""

    def __init__(self) -> None:
        self.queue: queue.Queue[tuple[float, object]] = queue.Queue()
        self.seen: list[tuple[float, object]] = []

    def __call__(self, event: object) -> None:
        self.queue.put((time.monotonic(), event))

    def _drain(self, timeout: float) -> bool:
        try:
            self.seen.append(self.queue.get(timeout=timeout))
            return True
        except queue.Empty:
            return False

    def mark(self) -> int:
        """A position: wait_for(..., since=mark) looks only at what arrives after it."""
        while self._drain(0):
            pass
        return len(self.seen)

    def wait_for(self, test: Callable[[object], bool], timeout: float = 5.0, since: int = 0) -> tuple[float, object]:
        """The first event from position `since` on that passes `test`, with its arrival time."""
        deadline = time.monotonic() + timeout
        checked = since
        while True:
            for at, event in self.seen[checked:]:
                if test(event):
                    return at, event
            checked = max(checked, len(self.seen))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"nothing matched within {timeout} s; got {self.states()}")
            self._drain(min(remaining, 0.05))

    def wait_state(self, code: str, state: CameraState, timeout: float = 5.0, since: int = 0,
                   ) -> tuple[float, CameraHealth]:
        at, event = self.wait_for(lambda e: isinstance(e, CameraStateChanged) and e.health.code == code
                                  and e.health.state == state, timeout, since)
        assert isinstance(event, CameraStateChanged)
        return at, event.health

    def events(self, code: str) -> list[CameraEventReceived]:
        while self._drain(0):
            pass
        return [e for _, e in self.seen if isinstance(e, CameraEventReceived) and e.code == code]

    def states(self) -> list[tuple[str, str, str]]:
        return [(e.health.code, e.health.state.value, e.health.message) for _, e in self.seen
                if isinstance(e, CameraStateChanged)]
