"""Writing the demo community to the database, and first-run seeding with demo accounts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cockpit.accounts import authenticate
from cockpit.demo import DEMO_ACCOUNTS, DemoSize, ensure_demo, generate, write_demo
from cockpit.errors import AuthenticationFailed
from cockpit.models import (
    Building,
    Camera,
    Device,
    DeviceKind,
    Floor,
    PathEdge,
    PathNode,
    Resident,
    Responder,
    Site,
    Unit,
    User,
    Vehicle,
)
from cockpit.roles import Role

TABLES = {
    "sites": Site, "buildings": Building, "floors": Floor, "units": Unit, "residents": Resident,
    "vehicles": Vehicle, "path_nodes": PathNode, "path_edges": PathEdge, "devices": Device,
    "cameras": Camera, "responders": Responder,
}


def _counts(session: Session) -> dict[str, int]:
    return {name: session.scalar(select(func.count()).select_from(model)) for name, model in TABLES.items()}


@pytest.fixture(scope="module")
def community():
    return generate(5, DemoSize(buildings=8))


def test_write_demo_stores_every_row_and_reports_progress(db_engine, community):
    seen: list[tuple[float, str]] = []
    with Session(db_engine) as session:
        site_id = write_demo(session, community, lambda f, m: seen.append((f, m)))
    with Session(db_engine) as session:  # a fresh session: write_demo committed
        assert _counts(session) == community.row_counts()
        site = session.get(Site, site_id)
        assert site is not None and site.code == "DEMO" and site.boundary[2] == list(community.site.boundary[2])
        numbers = session.scalars(select(Building.number).where(Building.site_id == site_id)).all()
        assert sorted(numbers) == sorted(b.number for b in community.buildings)
        labels = set(session.scalars(select(Unit.label)))
        assert labels == {u.label for u in community.units}
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(isinstance(m, str) and m for _, m in seen) and len(seen) >= 5


def test_foreign_keys_are_consistent(db_engine, community):
    with Session(db_engine) as session:
        site_id = write_demo(session, community)
        orphans = session.scalar(select(func.count()).select_from(Resident)
                                 .outerjoin(Unit, Resident.unit_id == Unit.id).where(Unit.id.is_(None)))
        assert orphans == 0
        mismatched = session.scalar(select(func.count()).select_from(Unit)
                                    .join(Floor, Unit.floor_id == Floor.id)
                                    .where(Floor.building_id != Unit.building_id))
        assert mismatched == 0
        for camera in session.scalars(select(Camera)):
            assert camera.device.kind is DeviceKind.CAMERA and camera.device.site_id == site_id
        assert session.scalar(select(func.count()).select_from(Device)
                              .where(Device.kind == DeviceKind.CAMERA)) == len(community.cameras)
        node_ids = set(session.scalars(select(PathNode.id).where(PathNode.site_id == site_id)))
        for a, b in session.execute(select(PathEdge.a_id, PathEdge.b_id)):
            assert a in node_ids and b in node_ids
        for r in session.scalars(select(Responder)):
            home = session.get(PathNode, r.home_node_id)
            assert (home.x, home.y) == (r.x, r.y)
        # Wearables point at the resident generated for them, by name and home.
        for d, demo in zip(session.scalars(select(Device).order_by(Device.id)), community.devices, strict=True):
            assert d.code == demo.code
            if demo.resident is not None:
                person = session.get(Resident, d.resident_id)
                assert person.name == community.residents[demo.resident].name
                assert person.unit_id == d.unit_id
            if demo.level is not None:
                assert session.get(Floor, d.floor_id).level == demo.level


def test_ensure_demo_seeds_once_with_working_accounts(db_engine):
    size = DemoSize(buildings=3)
    calls: list[float] = []
    assert ensure_demo(db_engine, 9, size, lambda f, m: calls.append(f)) is True
    assert calls[0] == 0.0 and calls[-1] == 1.0 and calls == sorted(calls)
    with Session(db_engine) as session:
        first = _counts(session)
        users = session.scalar(select(func.count()).select_from(User))
    assert first == generate(9, size).row_counts()
    assert users == len(DEMO_ACCOUNTS)

    assert ensure_demo(db_engine, 10, size) is False
    with Session(db_engine) as session:
        assert _counts(session) == first
        assert session.scalar(select(func.count()).select_from(User)) == users
        for username, password, role, display_name in DEMO_ACCOUNTS:
            actor = authenticate(session, username, password)
            assert actor.role is role and actor.display_name == display_name
        with pytest.raises(AuthenticationFailed):
            authenticate(session, "admin", "not-the-password")
    assert {a[2] for a in DEMO_ACCOUNTS} == set(Role)


def test_ensure_demo_leaves_a_populated_database_alone(db_engine, community):
    with Session(db_engine) as session:
        write_demo(session, community)
    assert ensure_demo(db_engine, 1, DemoSize(buildings=2)) is False
    with Session(db_engine) as session:
        assert session.scalar(select(func.count()).select_from(User)) == 0
        assert _counts(session) == community.row_counts()
