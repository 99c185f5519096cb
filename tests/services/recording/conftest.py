"""Fixtures for the recorder tests: the simulated camera, GStreamer servers for other codecs, a database."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.database import DatabaseService
from services.sim.loop import LoopThread
from tests.servers import stop_process
from tests.services.video.hosts import SimCameraHost, sim_camera


@pytest.fixture(scope="module")
def loop() -> Iterator[LoopThread]:
    with LoopThread() as lt:
        yield lt


@pytest.fixture(scope="module")
def camera(loop: LoopThread) -> Iterator[SimCameraHost]:
    """A simulated camera (sub stream 640×360, 15 fps, GOP 15), shared by a module's tests."""
    with sim_camera(loop) as host:
        yield host


@pytest.fixture
def own_camera(loop: LoopThread) -> Iterator[SimCameraHost]:
    """A simulated camera for a test that stops and starts it."""
    with sim_camera(loop) as host:
        yield host


@contextlib.contextmanager
def gst_codec_server(codec: str, width: int = 320, height: int = 180, fps: int = 15, gop: int = 15) -> Iterator[str]:
    """rtsp://127.0.0.1:PORT/test in `codec` (h265, vp8), served by GStreamer."""
    script = Path(__file__).with_name("gst_codec_server.py")
    proc = subprocess.Popen(["/usr/bin/python3", str(script), codec, str(width), str(height), str(fps), str(gop)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip() if proc.stdout else ""
        if not line.isdigit():
            raise RuntimeError(f"GStreamer server did not start: {proc.stderr.read()[-500:] if proc.stderr else ''}")
        yield f"rtsp://127.0.0.1:{line}/test"
    finally:
        stop_process(proc)


@pytest.fixture
def db(db_url: str) -> Iterator[DatabaseService]:
    """A migrated database on SQLite and on PostgreSQL (tests/conftest.py's db_url)."""
    service = DatabaseService(db_url)
    service.start()
    yield service
    service.stop()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[DatabaseService]:
    service = DatabaseService(f"sqlite:///{tmp_path / 'rec.db'}")
    service.start()
    yield service
    service.stop()
