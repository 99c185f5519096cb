"""Fixtures for the incident panel's tests: a real DispatchService on the demo database (no broker: commands
are logged, not sent), its events through the real DispatchBridge, and alarms stored as the ingest stores them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from cockpit.models import Alarm, AlarmKind, AlarmSource, AlarmState
from services.dispatch import DispatchService, DispatchSettings
from widgets.dispatch_bridge import DispatchBridge
from widgets.dispatch_desk import DispatchDesk
from widgets.incident_panel import IncidentPanel


def store_alarm(demo, *, age_s: float = 0.0, kind: AlarmKind = AlarmKind.FALL, building: int = 10) -> int:
    """An alarm at a building's centre, received `age_s` seconds ago."""
    received = datetime.now(UTC) - timedelta(seconds=age_s)
    x, y = demo.snapshot.buildings[building].centre
    with demo.db.session() as session:
        alarm = Alarm(site_id=demo.snapshot.site_id, kind=kind, source=AlarmSource.SENSOR, state=AlarmState.NEW,
                      priority=1, x=x, y=y, building_id=demo.snapshot.buildings[building].id, occurred_at=received,
                      received_at=received, details={})
        session.add(alarm)
        session.commit()
        return alarm.id


@pytest.fixture
def make_desk(qapp, demo) -> Iterator[Callable[..., DispatchDesk]]:
    services: list[DispatchService] = []

    def make(username: str = "operator", **settings: object) -> DispatchDesk:
        bridge = DispatchBridge()
        service = DispatchService(demo.db, demo.snapshot, bridge.sink,
                                  DispatchSettings(workstation="test-ws", **settings)).start()
        services.append(service)
        return DispatchDesk(service=service, actor=demo.actor(username), bridge=bridge)

    yield make
    for service in services:
        service.stop()


@pytest.fixture
def make_panel(qtbot, demo, make_desk) -> Callable[..., IncidentPanel]:
    def make(desk: DispatchDesk | None = None, **settings: object) -> IncidentPanel:
        desk = desk or make_desk(**settings)
        panel = IncidentPanel(desk, demo.runner)
        desk.bridge.setParent(panel)
        qtbot.addWidget(panel)
        panel.resize(720, 860)
        panel.show()
        qtbot.waitExposed(panel)
        return panel

    return make
