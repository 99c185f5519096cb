"""Lookup over a generated community: what each role finds, what it may see, and the audit trail."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from cockpit.audit import Actor
from cockpit.models import AuditEvent, Device, Resident, Unit, Vehicle
from cockpit.roles import Role
from services.database import DatabaseService
from services.lookup import HitKind, LookupService, normalise_unit


def _actor(role: Role) -> Actor:
    return Actor(user_id=None, username=role.value, role=role, workstation="test")


@pytest.fixture
def service(small_demo: Engine) -> LookupService:
    db = DatabaseService(small_demo.url.render_as_string(hide_password=False))
    return LookupService(db, max_results=50)


@pytest.fixture
def sample(small_demo: Engine):
    with Session(small_demo) as s:
        resident, unit = s.execute(
            select(Resident, Unit).join(Unit).where(Resident.phone.is_not(None)).order_by(Resident.id).limit(1)
        ).one()
        vehicle = s.scalars(select(Vehicle).order_by(Vehicle.id).limit(1)).one()
        device = s.scalars(select(Device).order_by(Device.id).limit(1)).one()
        s.expunge_all()
    return resident, unit, vehicle, device


def _ids(result, kind):
    return {h.id for h in result.hits if h.kind is kind}


def test_finds_resident_by_name_phone_and_home(service, sample):
    resident, unit, _, _ = sample
    op = _actor(Role.SUPERVISOR)
    assert resident.id in _ids(service.search(resident.name, op), HitKind.RESIDENT)
    assert resident.id in _ids(service.search(resident.phone[-6:], op), HitKind.RESIDENT)
    by_home = service.search(unit.label, op)
    assert resident.id in _ids(by_home, HitKind.RESIDENT)
    assert unit.id in _ids(by_home, HitKind.HOUSEHOLD)
    b, e, r = unit.label.split("-")
    assert unit.id in _ids(service.search(f"{b}幢{e}单元{r}室", op), HitKind.HOUSEHOLD)


def test_finds_vehicle_by_plate_with_spacing_and_case(service, sample):
    _, _, vehicle, _ = sample
    noisy = vehicle.plate[:2] + "·" + vehicle.plate[2:].lower()
    assert vehicle.id in _ids(service.search(noisy, _actor(Role.OPERATOR)), HitKind.VEHICLE)


def test_finds_device_by_code_case_insensitively(service, sample):
    *_, device = sample
    assert device.id in _ids(service.search(device.code.lower(), _actor(Role.INSTALLER)), HitKind.DEVICE)


def test_operator_sees_masked_phone_and_id(service, sample):
    resident, *_ = sample
    result = service.search(resident.name, _actor(Role.OPERATOR))
    hit = next(h for h in result.hits if h.id == resident.id and h.kind is HitKind.RESIDENT)
    assert result.masked
    assert hit.fields["phone"] != resident.phone and re.fullmatch(r"\d{3}\*+\d{4}", hit.fields["phone"])
    assert resident.id_number not in hit.fields["id_number"] and "*" in hit.fields["id_number"]
    assert resident.phone not in repr(result)


def test_supervisor_sees_full_personal_data(service, sample):
    resident, *_ = sample
    result = service.search(resident.name, _actor(Role.SUPERVISOR))
    hit = next(h for h in result.hits if h.id == resident.id and h.kind is HitKind.RESIDENT)
    assert not result.masked
    assert hit.fields["phone"] == resident.phone and hit.fields["id_number"] == resident.id_number


def test_installer_finds_devices_but_no_people(service, sample):
    resident, unit, vehicle, _ = sample
    kinds = {h.kind for q in (resident.name, unit.label, vehicle.plate) for h in service.search(q, _actor(Role.INSTALLER)).hits}
    assert kinds <= {HitKind.DEVICE}


def test_every_search_and_view_is_audited(service, sample, small_demo):
    resident, *_ = sample
    actor = _actor(Role.OPERATOR)
    result = service.search(resident.name, actor)
    service.record_view(result.hits[0], actor)
    with Session(small_demo) as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action.like("lookup.%")).order_by(AuditEvent.id)).all()
    assert [e.action for e in events] == ["lookup.search", "lookup.view"]
    assert events[0].detail["query"] == resident.name and events[0].detail["masked"] is True
    assert (events[1].target_type, events[1].target_id) == (result.hits[0].kind.value, result.hits[0].id)


def test_results_are_capped_and_flagged(small_demo):
    db = DatabaseService(small_demo.url.render_as_string(hide_password=False))
    tiny = LookupService(db, max_results=10)
    with Session(small_demo) as s:
        names = s.scalars(select(Resident.name)).all()
    surname = Counter(n[0] for n in names).most_common(1)[0][0]
    result = tiny.search(surname, _actor(Role.OPERATOR))
    residents = [h for h in result.hits if h.kind is HitKind.RESIDENT]
    assert len(residents) == 10 and result.truncated


def test_empty_query_returns_nothing_and_writes_nothing(service, small_demo):
    assert service.search("   ", _actor(Role.OPERATOR)).hits == ()
    with Session(small_demo) as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "lookup.search")) == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("12幢2单元1502室", "12-2-1502"), ("3栋1单元", "3-1"), ("12号楼", "12"), ("12-2-1502", "12-2-1502"),
    ("王芳", "王芳"),
])
def test_unit_spellings_are_normalised(text, expected):
    assert normalise_unit(text) == expected
