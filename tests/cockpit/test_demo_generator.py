"""The seeded demo-community generator: determinism, sizes, demographics, geometry, graph, cameras."""

from __future__ import annotations

import math
import random
import re
from collections import Counter, defaultdict, deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.demo import DemoCommunity, DemoSize, generate
from cockpit.models import BuildingKind, DeviceKind, Gender, PathNodeKind, ResponderStatus

# --- geometry helpers (independent of the generator's own) ---------------------------------


def _signed_area(poly) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(poly, poly[1:] + poly[:1])) / 2


def _polygons_overlap(p, q) -> bool:
    """Separating-axis test for convex polygons; touching edges do not count as overlap."""
    for poly in (p, q):
        for a, b in zip(poly, poly[1:] + poly[:1]):
            nx, ny = b[1] - a[1], a[0] - b[0]
            pa = [nx * x + ny * y for x, y in p]
            qa = [nx * x + ny * y for x, y in q]
            if max(pa) <= min(qa) + 1e-9 or max(qa) <= min(pa) + 1e-9:
                return False
    return True


def _point_segment(px, py, ax, ay, bx, by) -> float:
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _inside(px, py, poly) -> bool:
    return all((b[0] - a[0]) * (py - a[1]) - (b[1] - a[1]) * (px - a[0]) > 0
               for a, b in zip(poly, poly[1:] + poly[:1]))


def _segments_cross(a, b, c, d) -> bool:
    def orient(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return (orient(a, b, c) * orient(a, b, d) < 0) and (orient(c, d, a) * orient(c, d, b) < 0)


def _segment_polygon_distance(a, b, poly) -> float:
    if _inside(*a, poly) or _inside(*b, poly):
        return 0.0
    sides = list(zip(poly, poly[1:] + poly[:1]))
    if any(_segments_cross(a, b, c, d) for c, d in sides):
        return 0.0
    return min([_point_segment(*v, *a, *b) for v in poly]
               + [_point_segment(*p, *c, *d) for p in (a, b) for c, d in sides])


def _components(c: DemoCommunity) -> int:
    adjacency = defaultdict(list)
    for e in c.edges:
        adjacency[e.a].append(e.b)
        adjacency[e.b].append(e.a)
    seen, parts = set(), 0
    for start in range(len(c.nodes)):
        if start in seen:
            continue
        parts += 1
        queue = deque([start])
        seen.add(start)
        while queue:
            for n in adjacency[queue.popleft()]:
                if n not in seen:
                    seen.add(n)
                    queue.append(n)
    return parts


def _residential(c: DemoCommunity) -> list[int]:
    return [i for i, b in enumerate(c.buildings) if b.kind is BuildingKind.RESIDENTIAL]


def _check_layout(c: DemoCommunity) -> None:
    """Shared by the fixed-size and the property tests: footprints, graph and entrances."""
    w, d = c.site.width_m, c.site.depth_m
    prints = [list(b.footprint) for b in c.buildings]
    for p in prints:
        assert _signed_area(p) > 0, "footprints are counter-clockwise"
        assert all(0 < x < w and 0 < y < d for x, y in p)
    for i in range(len(prints)):
        for j in range(i + 1, len(prints)):
            assert not _polygons_overlap(prints[i], prints[j]), (c.buildings[i].name, c.buildings[j].name)
    assert _components(c) == 1
    assert len({(n.x, n.y) for n in c.nodes}) == len(c.nodes)  # the writer keys nodes by position
    assert all(0 <= n.x <= w and 0 <= n.y <= d for n in c.nodes)
    pairs = [(min(e.a, e.b), max(e.a, e.b)) for e in c.edges]
    assert len(pairs) == len(set(pairs)) and all(a != b for a, b in pairs)
    for e in c.edges:
        a, b = c.nodes[e.a], c.nodes[e.b]
        assert e.length_m > 0.5
        assert e.length_m == pytest.approx(math.hypot(a.x - b.x, a.y - b.y), abs=1e-6)
    entrances = Counter(n.building for n in c.nodes if n.kind is PathNodeKind.ENTRANCE)
    for b in _residential(c):
        assert entrances[b] == c.buildings[b].entrances


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def default() -> DemoCommunity:
    return generate()


@pytest.fixture(scope="module")
def small() -> DemoCommunity:
    return generate(7, DemoSize(buildings=8))


@pytest.fixture(scope="module", params=["default", "small"])
def community(request) -> DemoCommunity:
    return request.getfixturevalue(request.param)


# --- determinism and size -----------------------------------------------------------------


def test_same_seed_same_community_and_no_global_random_state(default):
    random.seed(99)
    state = random.getstate()
    again = generate()
    assert again == default
    assert random.getstate() == state
    assert generate(7, DemoSize(buildings=8)) == generate(7, DemoSize(buildings=8))


def test_different_seed_differs(default):
    other = generate(default.seed + 1)
    assert other != default
    assert [r.name for r in other.residents[:50]] != [r.name for r in default.residents[:50]]
    assert [b.footprint for b in other.buildings] != [b.footprint for b in default.buildings]


def test_resolved_size_defaults_and_validation():
    assert DemoSize().resolved() == DemoSize(40, 2000, 5000, 800, 60, 200, 12)
    assert DemoSize(buildings=8).resolved() == DemoSize(8, 400, 1000, 160, 12, 40, 5)
    assert DemoSize(buildings=1).resolved().responders == 4
    assert DemoSize(buildings=300).resolved().responders > 12
    with pytest.raises(ValueError):
        DemoSize(buildings=0).resolved()
    with pytest.raises(ValueError):
        DemoSize(buildings=5, vehicles=-1).resolved()


@pytest.mark.parametrize("size", [DemoSize(), DemoSize(buildings=8),
                                  DemoSize(buildings=5, households=120, residents=260, vehicles=30,
                                           cameras=20, sensors=33, responders=6)])
def test_counts_match_the_size(size):
    c = generate(11, size)
    want = size.resolved()
    assert len(_residential(c)) == want.buildings
    assert len(c.units) == want.households
    assert len(c.residents) == want.residents
    assert len(c.vehicles) == want.vehicles
    assert len(c.cameras) == want.cameras
    assert len(c.devices) - len(c.cameras) == want.sensors
    assert len(c.responders) == want.responders
    kinds = Counter(b.kind for b in c.buildings)
    assert kinds[BuildingKind.COMMUNITY_CENTRE] == 1 and kinds[BuildingKind.SERVICE] == 4  # office + 3 gates


def test_default_site_is_about_450_by_350_m(default):
    assert 400 <= default.site.width_m <= 500 and 300 <= default.site.depth_m <= 400
    assert default.site.code == "DEMO" and default.site.city == "杭州"
    assert abs(default.site.origin_lat - 30.27) < 0.1 and abs(default.site.origin_lon - 120.15) < 0.1


# --- people --------------------------------------------------------------------------------

_ID_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def test_elderly_share_and_ages(community):
    ages = [community.reference_year - r.birth_year for r in community.residents]
    share = sum(a >= 65 for a in ages) / len(ages)
    assert 0.16 <= share <= 0.20
    assert min(ages) >= 0 and max(ages) <= 98
    assert sum(a < 18 for a in ages) / len(ages) > 0.08


def test_id_numbers_are_valid_and_match_person(community):
    seen = set()
    for r in community.residents:
        n = r.id_number
        assert re.fullmatch(r"3301\d{13}[\dX]", n), n
        check = "10X98765432"[sum(int(ch) * w for ch, w in zip(n[:17], _ID_WEIGHTS)) % 11]
        assert n[17] == check
        assert int(n[6:10]) == r.birth_year
        assert 1 <= int(n[10:12]) <= 12 and 1 <= int(n[12:14]) <= 31
        assert (int(n[16]) % 2 == 1) == (r.gender is Gender.MALE)
        seen.add(n)
    assert len(seen) == len(community.residents)


def test_phones_names_and_vulnerability_flags(community):
    by_unit = defaultdict(list)
    for r in community.residents:
        by_unit[r.unit].append(r)
        age = community.reference_year - r.birth_year
        assert 2 <= len(r.name) <= 3
        if age < 12:
            assert r.phone is None
        else:
            assert re.fullmatch(r"1[3589]\d{9}", r.phone)
        if age >= 65:
            assert r.emergency_contact_name and re.fullmatch(r"1[3589]\d{9}", r.emergency_contact_phone)
        else:
            assert r.chronic_condition is None and r.emergency_contact_name is None
        if r.mobility_impaired:
            assert age >= 75
    assert set(by_unit) == set(range(len(community.units)))
    for people in by_unit.values():
        assert sum(r.is_household_head for r in people) == 1
        assert all(r.lives_alone == (len(people) == 1) for r in people)
    assert any(r.chronic_condition for r in community.residents)
    assert any(r.mobility_impaired for r in community.residents)


def test_vehicles(community):
    plates = [v.plate for v in community.vehicles]
    assert len(plates) == len(set(plates))
    for v in community.vehicles:
        assert re.fullmatch(r"浙A[DF]\d{5}" if v.new_energy else r"浙A[0-9A-HJ-NP-Z]{5}", v.plate), v.plate
        assert re.fullmatch(r"(B[12]|P\d+)-\d{3,}", v.parking_spot)
        assert 0 <= v.unit < len(community.units)
    share = sum(v.new_energy for v in community.vehicles) / len(plates)
    assert 0.12 <= share <= 0.28
    spots = [v.parking_spot for v in community.vehicles]
    assert len(spots) == len(set(spots))


# --- buildings and homes -------------------------------------------------------------------


def test_buildings_floors_and_units(community):
    res = _residential(community)
    assert sorted(community.buildings[b].number for b in res) == list(range(1, len(res) + 1))
    for b in res:
        building = community.buildings[b]
        assert 6 <= building.levels <= 30
        assert building.name == f"{building.number}幢"
        assert building.height_m == pytest.approx(3.0 * building.levels)
        assert 1 <= building.entrances <= 4
    floors = Counter(f.building for f in community.floors)
    assert all(floors[b] == building.levels for b, building in enumerate(community.buildings))
    assert all(f.elevation_m == pytest.approx((f.level - 1) * 3.0) for f in community.floors)
    labels = [u.label for u in community.units]
    assert len(labels) == len(set(labels))
    for u in community.units:
        building = community.buildings[u.building]
        assert building.kind is BuildingKind.RESIDENTIAL
        assert 1 <= u.level <= building.levels and 1 <= u.entrance <= building.entrances
        assert int(u.room) // 100 == u.level and 1 <= int(u.room) % 100 <= 4
        assert u.label == f"{building.number}-{u.entrance}-{u.room}"
        assert 60 <= u.area_m2 <= 140
        assert _inside(u.x, u.y, list(building.footprint))


def test_building_mix_is_realistic(default):
    levels = [default.buildings[b].levels for b in _residential(default)]
    assert any(v == 6 for v in levels) and any(11 <= v <= 18 for v in levels)
    assert any(v >= 24 for v in levels)


def test_layout_geometry_and_walkways(community):
    _check_layout(community)


def test_roads_keep_clear_of_buildings(community):
    prints = [list(b.footprint) for b in community.buildings]
    for e in community.edges:
        a, b = community.nodes[e.a], community.nodes[e.b]
        for p in prints:
            gap = _segment_polygon_distance((a.x, a.y), (b.x, b.y), p)
            assert gap >= (5.5 if e.vehicle_access else 1.0)


def test_special_nodes(community):
    kinds = Counter(n.kind for n in community.nodes)
    labels = {n.label for n in community.nodes}
    assert kinds[PathNodeKind.GATE] == 3 and {"北门", "南门", "东门"} <= labels
    assert kinds[PathNodeKind.SQUARE] == 1 and "中心广场" in labels
    assert kinds[PathNodeKind.POST] == 4 and kinds[PathNodeKind.PARKING] >= 2
    roads = [e for e in community.edges if e.vehicle_access]
    assert roads and any(not e.vehicle_access for e in community.edges)


# --- devices and staff ---------------------------------------------------------------------


def test_cameras_see_their_targets(community):
    for d in community.cameras:
        cam = d.camera
        dx, dy = cam.target_x - d.x, cam.target_y - d.y
        bearing = math.degrees(math.atan2(dx, dy)) % 360
        off = abs((bearing - cam.heading_deg + 180) % 360 - 180)
        assert off <= cam.fov_deg / 2, d.name
        assert math.hypot(dx, dy) <= cam.range_m, d.name
        assert 50 <= cam.fov_deg <= 100 and 15 <= cam.range_m <= 80
        assert -35 <= cam.tilt_deg <= -10 and 2.5 <= d.z <= 8
        assert (cam.fov_deg == 60) if cam.is_ptz else True
        assert 0 <= d.x <= community.site.width_m and 0 <= d.y <= community.site.depth_m


def test_camera_mix(default):
    cams = default.cameras
    assert [d.code for d in cams] == [f"CAM-{i:03d}" for i in range(1, 61)]
    assert 6 <= sum(d.camera.is_ptz for d in cams) <= 10
    lobbies = {d.building for d in cams if d.name.endswith("门厅")}
    assert lobbies == set(_residential(default))
    names = " ".join(d.name for d in cams)
    for place in ("北门", "南门", "东门", "中心广场", "停车场", "地库", "周界", "游乐场"):
        assert place in names


def test_sensors(community):
    sensors = [d for d in community.devices if d.camera is None]
    codes = [d.code for d in community.devices]
    assert len(codes) == len(set(codes))
    prefix = {DeviceKind.SMOKE_DETECTOR: "SMK", DeviceKind.DOOR_SENSOR: "DOR", DeviceKind.WEARABLE: "WBL",
              DeviceKind.EMERGENCY_BUTTON: "BTN", DeviceKind.GAS_DETECTOR: "GAS",
              DeviceKind.WATER_LEAK: "WAT", DeviceKind.ACCESS_GATE: "GTE"}
    kinds = Counter(d.kind for d in sensors)
    assert set(kinds) == set(prefix)
    people = Counter(r.unit for r in community.residents)
    for d in sensors:
        assert re.fullmatch(prefix[d.kind] + r"-\d{4}", d.code)
        if d.kind is DeviceKind.SMOKE_DETECTOR:
            building = community.buildings[d.building]
            assert 1 <= d.level <= building.levels
            assert d.z == pytest.approx((d.level - 1) * 3.0 + 2.7)
        if d.kind is DeviceKind.DOOR_SENSOR:
            assert people[d.unit] == 1
        if d.kind is DeviceKind.WEARABLE:
            r = community.residents[d.resident]
            assert community.reference_year - r.birth_year >= 65
            assert r.lives_alone or r.chronic_condition
            assert (d.x, d.y) == (community.units[r.unit].x, community.units[r.unit].y)
    assert kinds[DeviceKind.SMOKE_DETECTOR] >= len(_residential(community))


def test_responders(default):
    assert len(default.responders) == 12
    roles = Counter(r.role for r in default.responders)
    assert len(roles) == 3 and roles.most_common(1)[0][1] == 6
    off = sum(r.status is ResponderStatus.OFF_DUTY for r in default.responders)
    assert 1 <= off <= 2
    for r in default.responders:
        node = default.nodes[r.home_node]
        assert (r.x, r.y) == (node.x, node.y)
        assert node.kind in (PathNodeKind.POST, PathNodeKind.ENTRANCE)


@settings(max_examples=20, deadline=None)
@given(buildings=st.integers(1, 12), seed=st.integers(0, 2**63))
def test_any_small_community_is_sound(buildings, seed):
    c = generate(seed, DemoSize(buildings=buildings))
    _check_layout(c)
    assert len(_residential(c)) == buildings
