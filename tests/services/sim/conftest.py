"""Fixtures for the simulator tests: a real Mosquitto broker, and the small demo site in SQLite."""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion
from sqlalchemy.orm import Session

from cockpit.db import create_db_engine, upgrade
from cockpit.demo import DemoSize, ensure_demo
from cockpit.site import SiteSnapshot, load_snapshot
from cockpit.walkways import WalkwayGraph
from services.sim.loop import LoopThread
from services.sim.scenario_data import ScenarioData, load_scenario_data
from tools.mosquitto import mosquitto as broker

SITE_SEED = 7
SITE_SIZE = DemoSize(buildings=8)


@pytest.fixture(scope="session")
def mosquitto() -> Iterator[tuple[str, int]]:
    """A private Mosquitto (Debian package `mosquitto`) on 127.0.0.1 for this test run: (host, port)."""
    try:
        with broker() as address:
            yield address
    except RuntimeError as exc:
        pytest.fail(str(exc))


@dataclass(frozen=True)
class SimSite:
    snapshot: SiteSnapshot
    data: ScenarioData
    graph: WalkwayGraph
    db_url: str


@pytest.fixture(scope="session")
def sim_site(tmp_path_factory: pytest.TempPathFactory) -> SimSite:
    """The seeded 8-building demo community in SQLite, loaded once per run."""
    path = tmp_path_factory.mktemp("simsite") / "site.db"
    url = f"sqlite:///{path}"
    engine = create_db_engine(url)
    upgrade(engine)
    ensure_demo(engine, SITE_SEED, SITE_SIZE)
    with Session(engine) as session:
        snapshot = load_snapshot(session)
        data = load_scenario_data(session)
    engine.dispose()
    assert snapshot is not None
    return SimSite(snapshot, data, WalkwayGraph.from_site(snapshot), url)


class Listener:
    """A plain paho subscriber that collects decoded JSON messages, for assertions."""

    def __init__(self, host: str, port: int, topic_filter: str) -> None:
        self.messages: queue.Queue[tuple[str, dict, bool]] = queue.Queue()
        self._subscribed = threading.Event()
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2)
        self.client.on_connect = lambda c, *_: c.subscribe(topic_filter, qos=1)
        self.client.on_subscribe = lambda *_: self._subscribed.set()
        self.client.on_message = lambda _c, _u, m: self.messages.put(
            (m.topic, json.loads(m.payload.decode("utf-8")), bool(m.retain)))
        self.client.connect(host, port)
        self.client.loop_start()
        if not self._subscribed.wait(5):
            raise TimeoutError("subscription not acknowledged")

    def collect(self, until: float, stop: Callable[[list], bool] | None = None) -> list[tuple[str, dict, bool]]:
        """Messages until `until` seconds have passed or `stop(list)` is true."""
        out: list[tuple[str, dict, bool]] = []
        deadline = time.monotonic() + until
        while time.monotonic() < deadline:
            try:
                out.append(self.messages.get(timeout=0.05))
            except queue.Empty:
                pass
            if stop is not None and stop(out):
                break
        return out

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


@pytest.fixture(scope="module")
def loop_thread() -> Iterator[LoopThread]:
    """One asyncio loop on a thread per test module, as the simulator hosts its servers."""
    with LoopThread() as lt:
        yield lt


@pytest.fixture(scope="module")
def site(demo_sqlite_template: Path) -> SiteSnapshot:
    """The default demo site (45 buildings, 60 cameras)."""
    engine = create_db_engine(f"sqlite:///{demo_sqlite_template}")
    with Session(engine) as s:
        snap = load_snapshot(s)
    engine.dispose()
    assert snap is not None
    return snap
