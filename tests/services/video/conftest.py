"""Fixtures for the video client tests: the simulator's camera on a loop thread, and a way to wait."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from services.sim.loop import LoopThread
from tests.services.video.hosts import SimCameraHost, sim_camera


@pytest.fixture(scope="module")
def loop() -> Iterator[LoopThread]:
    with LoopThread() as lt:
        yield lt


@pytest.fixture
def camera(loop: LoopThread) -> Iterator[SimCameraHost]:
    """A simulated camera (sub stream 640×360, 15 fps, GOP 15) on a free port of 127.0.0.1."""
    with sim_camera(loop) as host:
        yield host


def wait_for(predicate: Callable[[], object], timeout: float, step: float = 0.01) -> float | None:
    """Seconds until predicate() was true, or None if it was not within `timeout`."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if predicate():
            return time.monotonic() - t0
        time.sleep(step)
    return time.monotonic() - t0 if predicate() else None
