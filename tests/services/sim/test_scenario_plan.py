"""Incidents resolve to real places, devices and residents of the site; misfits fail before the run starts."""

from __future__ import annotations

import math

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cockpit.db import create_db_engine
from cockpit.geometry import heading_vector
from cockpit.models import Device, DeviceKind, Resident, Unit
from services.sim.model import SimCamera
from services.sim.scenario_cameras import motion, seeing, viewpoints
from services.sim.scenario_data import ScenarioData
from services.sim.scenario_places import distance_to_outline, inside, plan_scenario
from services.sim.scenario_schema import ScenarioError, parse_scenario


def plan(sim_site, body: str, data: ScenarioData | None = None):
    scenario = parse_scenario("name: t\nseed: 1\nincidents:\n" + body)
    return plan_scenario(scenario, sim_site.snapshot, sim_site.graph, data or sim_site.data)


def building(sim_site, number: int):
    return next(b for b in sim_site.snapshot.buildings if b.number == number)


def test_scenario_data_comes_from_the_database(sim_site):
    engine = create_db_engine(sim_site.db_url)
    with Session(engine) as s:
        wearers = {code: (rid, born, alone) for code, rid, born, alone in s.execute(
            select(Device.code, Resident.id, Resident.birth_year, Resident.lives_alone)
            .join(Resident, Device.resident_id == Resident.id).where(Device.kind == DeviceKind.WEARABLE))}
        doors = dict(s.execute(select(Device.code, Device.unit_id).where(Device.kind == DeviceKind.DOOR_SENSOR)).all())
        eldest = {u: min(s.scalars(select(Resident).where(Resident.unit_id == u)), key=lambda r: r.birth_year).id
                  for u in doors.values()}
        floors = {u.id: u.floor.level for u in s.scalars(select(Unit).where(Unit.id.in_(doors.values())))}
    engine.dispose()
    facts = {d.code: d for d in sim_site.data.devices}
    assert len(facts) == len(sim_site.snapshot.sensors)
    for code, (rid, born, alone) in wearers.items():
        assert facts[code].resident_id == rid and facts[code].lives_alone is alone
        assert facts[code].age in (2025 - born, 2026 - born, 2027 - born)  # the current year, whatever it is
    for code, unit in doors.items():
        assert facts[code].resident_id == eldest[unit] and facts[code].floor == floors[unit]
    assert all(f.building is not None and f.floor >= 1 for f in facts.values() if f.kind is DeviceKind.SMOKE_DETECTOR)


def test_places_on_the_site(sim_site):
    fall, crowd, gate = plan(sim_site, """\
  - {at: 1s, kind: fall, where: {lobby: 5, entrance: 2}}
  - {at: 2s, kind: crowd, where: {square: true}}
  - {at: 3s, kind: intrusion, where: {gate: 北门}}
""")
    b5 = building(sim_site, 5)
    assert not inside(b5.footprint, fall.x, fall.y) and distance_to_outline(b5.footprint, fall.x, fall.y) < 2.5
    assert (fall.building, fall.floor) == (5, 1) and fall.x > b5.centre[0]  # entrance 2 is the eastern one
    square = next(m for m in sim_site.snapshot.landmarks if m.kind == "square")
    assert (crowd.x, crowd.y) == (square.x, square.y)
    outside, fence, inner = gate.path
    boundary = sim_site.snapshot.boundary
    assert not inside(boundary, *outside) and inside(boundary, *inner)
    assert distance_to_outline(boundary, *fence) < 1e-6 and (gate.x, gate.y) == fence
    north = next(m for m in sim_site.snapshot.landmarks if m.label == "北门")
    assert 2 < math.dist(fence, (north.x, north.y)) < 4  # beside the gate, not through it


def test_sensors_by_building_floor_resident_or_code(sim_site):
    smoke, heart, button, door, explicit = plan(sim_site, """\
  - {at: 1s, kind: smoke, where: {building: 5, floor: 8}}
  - {at: 2s, kind: heart_rate, resident: {min_age: 86, lives_alone: true}, bpm: 40}
  - {at: 3s, kind: emergency_button, where: {lobby: 2}}
  - {at: 4s, kind: door, resident: {lives_alone: true, max_age: 86}}
  - {at: 5s, kind: smoke, device: SMK-0017}
""")
    detectors = [d for d in sim_site.data.of_kind(DeviceKind.SMOKE_DETECTOR) if d.building == 5]
    best = min(abs(d.floor - 8) for d in detectors)
    assert smoke.device.kind is DeviceKind.SMOKE_DETECTOR and abs(smoke.floor - 8) == best
    assert heart.device.kind is DeviceKind.WEARABLE and heart.device.age >= 86 and heart.device.lives_alone
    assert heart.incident.bpm == 40 and heart.building == heart.device.building
    assert button.device.kind is DeviceKind.EMERGENCY_BUTTON and button.device.building == 2
    assert button.device.resident_id is None and button.floor == 1  # the lobby button, not one at home
    assert door.device.kind is DeviceKind.DOOR_SENSOR and door.device.age <= 86
    assert explicit.device.code == "SMK-0017" and (explicit.x, explicit.y) == (explicit.device.x, explicit.device.y)


@pytest.mark.parametrize(("body", "expected"), [
    ("  - {at: 1s, kind: fall, where: {lobby: 99}}\n", "incident 1 (fall at 1 s): no building 99"),
    ("  - {at: 1s, kind: fall, where: {lobby: 5, entrance: 7}}\n", "has 2 entrance(s), not 7"),
    ("  - {at: 2s, kind: intrusion, where: {gate: 西门}}\n", "no gate 西门"),
    ("  - {at: 3s, kind: heart_rate, resident: {max_age: 30}}\n", "no wearable matches"),
    ("  - {at: 4s, kind: door, device: SMK-0001}\n", "SMK-0001 is not a door_sensor"),
])
def test_misfits_fail_up_front(sim_site, body, expected):
    with pytest.raises(ScenarioError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        plan(sim_site, body)


def test_without_the_database_floors_are_estimated_and_residents_unknown(sim_site):
    data = ScenarioData.from_site(sim_site.snapshot)
    (smoke,) = plan(sim_site, "  - {at: 1s, kind: smoke, where: {building: 5, floor: 7}}\n", data)
    assert smoke.floor == sim_site.data.get(smoke.device.code).floor == 7
    with pytest.raises(ScenarioError):
        plan(sim_site, "  - {at: 1s, kind: heart_rate, resident: {min_age: 60}}\n", data)


def test_cameras_see_by_their_cone_and_events_carry_real_utc(sim_site):
    placement = sim_site.snapshot.cameras[0]
    sim = SimCamera(1, placement.code, placement.name, placement.x, placement.y, placement.z, placement.heading_deg,
                    -15.0, placement.fov_deg, placement.range_m, False, clock_offset_s=3600.0)
    a, b = viewpoints([placement, sim])
    assert a == b
    dx, dy = heading_vector(placement.heading_deg)
    half = placement.range_m / 2
    assert a.sees(a.x + dx * half, a.y + dy * half) and not a.sees(a.x - dx * half, a.y - dy * half)
    assert [c.code for c in seeing([a], a.x + dx * half, a.y + dy * half)] == [a.code]
    event = motion(b, True, 1_800_000_000.0)  # the ONVIF layer adds the camera's clock offset itself
    assert event.utc_time.timestamp() == 1_800_000_000.0 and event.data == {"State": "true"}
