"""The snapshot the views render agrees with the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from cockpit.models import Building, Camera, Device, DeviceKind, PathEdge, Resident, Responder, Unit, Vehicle
from cockpit.site import load_snapshot


def test_empty_database_has_no_snapshot(db_engine: Engine):
    with Session(db_engine) as s:
        assert load_snapshot(s) is None


def test_snapshot_matches_the_rows(small_demo: Engine):
    now = datetime(2026, 6, 1)
    with Session(small_demo) as s:
        snap = load_snapshot(s, now=now)
        count = lambda model, *where: s.scalar(select(func.count()).select_from(model).where(*where))  # noqa: E731
        assert len(snap.buildings) == count(Building) == snap.stats.buildings
        assert len(snap.cameras) == count(Camera) == snap.stats.cameras
        assert len(snap.sensors) == count(Device, Device.kind != DeviceKind.CAMERA) == snap.stats.sensors
        assert len(snap.paths) == count(PathEdge)
        assert len(snap.responders) == count(Responder) == snap.stats.responders_total
        assert snap.stats.households == count(Unit)
        assert snap.stats.vehicles == count(Vehicle)
        assert snap.stats.residents == count(Resident) == sum(snap.stats.age_histogram)
        assert snap.stats.aged_65_plus == count(Resident, Resident.birth_year <= 2026 - 65)
        assert snap.stats.elderly_living_alone == count(Resident, Resident.birth_year <= 2026 - 65,
                                                        Resident.lives_alone.is_(True))
    assert 0.10 < snap.stats.elderly_share < 0.30
    assert all(len(b.footprint) >= 3 for b in snap.buildings)
    assert any(lm.label for lm in snap.landmarks)
