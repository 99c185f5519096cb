"""Fixtures for the alarm ingest: a real Mosquitto, the small demo site (SQLite copy, or PostgreSQL),
a running ingest with its events, and the simulator's real feed publisher."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from cockpit.alarm_events import AlarmChanged
from cockpit.db import create_db_engine, upgrade
from cockpit.demo import DemoSize, ensure_demo
from cockpit.models import Alarm
from services.alarms import AlarmIngestService, IngestSettings
from services.database import DatabaseService
from services.sim.feed.publisher import SensorFeed
from tools.mosquitto import mosquitto as broker

SITE = "DEMO"


@pytest.fixture(scope="session")
def alarm_broker() -> Iterator[tuple[str, int]]:
    """A private Mosquitto for the alarm tests (tools/mosquitto.py: unbounded queues for the burst and crash tests)."""
    try:
        with broker() as address:
            yield address
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def site_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("alarm-site") / "site.db"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    ensure_demo(engine, 7, DemoSize(buildings=8))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def site_url(site_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "site.db"
    target.write_bytes(site_template.read_bytes())
    return f"sqlite:///{target}"


@pytest.fixture
def db(site_url: str) -> Iterator[DatabaseService]:
    service = DatabaseService(site_url)
    service.start()
    yield service
    service.stop()


class Events:
    """The ingest's sink: collects AlarmChanged, thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.items: list[AlarmChanged] = []

    def __call__(self, event: object) -> None:
        assert isinstance(event, AlarmChanged)
        with self._lock:
            self.items.append(event)

    def new(self) -> list[AlarmChanged]:
        with self._lock:
            return [e for e in self.items if e.new]


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def client_id() -> str:
    return f"cockpit-alarms-test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def make_ingest(db: DatabaseService, events: Events, alarm_broker: tuple[str, int],
                client_id: str) -> Iterator[Callable[..., AlarmIngestService]]:
    started: list[AlarmIngestService] = []

    def make(*, mqtt: bool = True, database: DatabaseService | None = None, **settings: object) -> AlarmIngestService:
        ingest = AlarmIngestService(database or db, events, IngestSettings(site=SITE, client_id=client_id,
                                                                           **settings),  # type: ignore[arg-type]
                                    mqtt=alarm_broker if mqtt else None)
        started.append(ingest.start())
        return ingest

    yield make
    for ingest in started:
        ingest.stop()


@pytest.fixture
def feed(alarm_broker: tuple[str, int]) -> Iterator[SensorFeed]:
    publisher = SensorFeed(*alarm_broker, SITE).start()
    yield publisher
    publisher.stop()


def count_alarms(engine: Engine, **where: object) -> int:
    with Session(engine) as session:
        query = select(func.count()).select_from(Alarm)
        for name, value in where.items():
            query = query.where(getattr(Alarm, name) == value)
        return session.scalar(query) or 0


def wait_for(predicate: Callable[[], object], timeout_s: float = 10.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
