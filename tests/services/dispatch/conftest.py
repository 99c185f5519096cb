"""Fixtures for dispatch: the alarm tests' real Mosquitto and small demo site, a running DispatchService, and
the simulator's real responders answering over MQTT.

Each test renames its copy of the site (a fresh site code): responder states are retained on the shared
broker, so another test's responders must never be heard here.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from cockpit.accounts import authenticate
from cockpit.audit import Actor
from cockpit.models import Alarm, AlarmKind, AlarmSource, AlarmState
from cockpit.site import SiteSnapshot, load_snapshot
from cockpit.walkways import WalkwayGraph
from services.database import DatabaseService
from services.dispatch import DispatchService, DispatchSettings
from services.sim.feed import SensorFeed, SimulatedResponders
from tests.services.alarms.conftest import alarm_broker, db, site_template, site_url  # noqa: F401 (fixtures)


class Events:
    """The service's sink: collects events from its threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.items: list[object] = []

    def __call__(self, event: object) -> None:
        with self._lock:
            self.items.append(event)

    def of(self, kind: type) -> list:
        with self._lock:
            return [e for e in self.items if isinstance(e, kind)]


@pytest.fixture
def site(db: DatabaseService) -> SiteSnapshot:  # noqa: F811
    code = f"T{uuid.uuid4().hex[:8]}"
    with db.session() as session:
        session.execute(text("UPDATE sites SET code = :code"), {"code": code})
        session.commit()
        return load_snapshot(session)


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def operator(db: DatabaseService) -> Actor:  # noqa: F811
    with db.session() as session:
        return authenticate(session, "operator", "operator", "test-ws")


@pytest.fixture
def make_service(db: DatabaseService, site: SiteSnapshot, events: Events,  # noqa: F811
                 alarm_broker: tuple[str, int]) -> Iterator[Callable[..., DispatchService]]:  # noqa: F811
    started: list[DispatchService] = []

    def make(*, mqtt: bool = True, sink: Callable[[object], None] | None = None, **settings: object) -> DispatchService:
        service = DispatchService(db, site, sink or events, DispatchSettings(workstation="test-ws", **settings),
                                  mqtt=alarm_broker if mqtt else None)
        started.append(service.start())
        return service

    yield make
    for service in started:
        service.stop()


@dataclass
class Sim:
    feed: SensorFeed
    responders: SimulatedResponders


@pytest.fixture
def make_sim(alarm_broker: tuple[str, int]) -> Iterator[Callable[..., Sim]]:  # noqa: F811
    """The simulator's responders on the real broker, fast (30× walking speed, reports every 0.2 s)."""
    running: list[Sim] = []

    def make(site: SiteSnapshot, **options: object) -> Sim:
        feed = SensorFeed(*alarm_broker, site.code).start()
        knobs = {"accept_delay_s": 0.3, "dwell_s": 30.0, "speed_factor": 30.0, "report_every_s": 0.2, **options}
        responders = SimulatedResponders(site, WalkwayGraph.from_site(site), feed, **knobs)  # type: ignore[arg-type]
        responders.start()
        sim = Sim(feed, responders)
        running.append(sim)
        return sim

    yield make
    for sim in running:
        sim.responders.stop()
        sim.feed.stop()


def add_alarm(db: DatabaseService, site: SiteSnapshot, x: float, y: float, *,  # noqa: F811
              kind: AlarmKind = AlarmKind.FALL, priority: int = 1, age_s: float = 0.0) -> int:
    """An alarm as the ingest stores it (received `age_s` ago), at (x, y)."""
    received = datetime.now(UTC) - timedelta(seconds=age_s)
    with db.session() as session:
        alarm = Alarm(site_id=site.site_id, kind=kind, source=AlarmSource.SENSOR, state=AlarmState.NEW,
                      priority=priority, x=x, y=y, occurred_at=received, received_at=received, details={})
        session.add(alarm)
        session.commit()
        return alarm.id


def alarm_state(db: DatabaseService, alarm_id: int) -> AlarmState:  # noqa: F811
    with db.session() as session:
        return session.scalar(select(Alarm.state).where(Alarm.id == alarm_id))


def wait_for(predicate: Callable[[], object], timeout_s: float = 15.0, what: str = "condition") -> object:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
