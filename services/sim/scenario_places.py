"""Turns each scenario incident into a concrete plan on this site: a point, a building/floor, a device, a path."""

from __future__ import annotations

import logging
import math
import random
from dataclasses import dataclass

from cockpit.models import DeviceKind, PathNodeKind
from cockpit.site import BuildingShape, SiteSnapshot
from cockpit.walkways import Point, WalkwayGraph
from cockpit.walkways import project_onto_segment as _project

from .scenario_data import DeviceFacts, ScenarioData
from .scenario_schema import Incident, ResidentFilter, Scenario, ScenarioError, Where

logger = logging.getLogger(__name__)

DOOR_NODE_M = 2.5  # an entrance node stands this close to its building
OUTSIDE_M = 6.0  # an intruder starts this far outside the fence …
INSIDE_M = 12.0  # … and walks this far in
BESIDE_GATE_M = 3.0  # and climbs over this far from the gate, away from the guard house
_SENSOR = {"smoke": DeviceKind.SMOKE_DETECTOR, "heart_rate": DeviceKind.WEARABLE,
           "emergency_button": DeviceKind.EMERGENCY_BUTTON, "door": DeviceKind.DOOR_SENSOR}


@dataclass(frozen=True)
class Plan:
    """An incident resolved on the site: what the runner acts out and the ground truth reports."""

    index: int
    incident: Incident
    x: float
    y: float
    label: str
    building: int | None = None  # number
    floor: int | None = None
    device: DeviceFacts | None = None
    path: tuple[Point, ...] = ()  # intrusion: outside, over the fence (index 1), inside


def inside(polygon: tuple[Point, ...], x: float, y: float) -> bool:
    hit = False
    for (ax, ay), (bx, by) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            hit = not hit
    return hit


def _edges(polygon: tuple[Point, ...]) -> list[tuple[Point, Point]]:
    return list(zip(polygon, polygon[1:] + polygon[:1], strict=True))


def distance_to_outline(polygon: tuple[Point, ...], x: float, y: float) -> float:
    return min(_project(x, y, *a, *b)[0] for a, b in _edges(polygon))


class Locator:
    """Finds places, devices and residents on one site; raises ScenarioError naming the incident."""

    def __init__(self, site: SiteSnapshot, graph: WalkwayGraph, data: ScenarioData, seed: int) -> None:
        self.site, self.graph, self.data = site, graph, data
        self.rng = random.Random(seed)

    def building(self, number: int, why: str) -> BuildingShape:
        found = next((b for b in self.site.buildings if b.number == number), None)
        if found is None:
            numbers = sorted(b.number for b in self.site.buildings)
            raise ScenarioError(f"{why}: no building {number} on site {self.site.code} (numbers {numbers})")
        return found

    def lobby(self, number: int, entrance: int | None, why: str) -> Point:
        b = self.building(number, why)
        doors = sorted(p for p in self.graph.nodes
                       if not inside(b.footprint, *p) and distance_to_outline(b.footprint, *p) <= DOOR_NODE_M)
        if not doors:
            return self.graph.nodes[self.graph.nearest_node(*b.centre)]
        k = entrance or 1
        if k > len(doors):
            raise ScenarioError(f"{why}: building {number} has {len(doors)} entrance(s), not {k}")
        return doors[k - 1]

    def landmark(self, kind: PathNodeKind, label: str | None, why: str) -> Point:
        marks = [m for m in self.site.landmarks if m.kind is kind]
        hit = next((m for m in marks if label is None or m.label == label), None)
        if hit is None:
            raise ScenarioError(f"{why}: no {kind.value} {label or ''} (there are: {[m.label for m in marks]})")
        return hit.x, hit.y

    def place(self, where: Where, why: str) -> tuple[Point, str, int | None, int | None]:
        """(point, label, building number, floor)."""
        if where.lobby is not None:
            return self.lobby(where.lobby, where.entrance, why), f"{where.lobby}幢{where.entrance or 1}单元门口", \
                where.lobby, 1
        if where.square:
            return self.landmark(PathNodeKind.SQUARE, None, why), "广场", None, None
        if where.gate is not None:
            return self.landmark(PathNodeKind.GATE, where.gate, why), where.gate, None, None
        if where.xy is not None:
            x, y = where.xy
            b = next((b for b in self.site.buildings if inside(b.footprint, x, y)), None)
            return (x, y), f"({x:g}, {y:g})", b.number if b else None, None
        assert where.building is not None
        return self.lobby(where.building, None, why), f"{where.building}幢", where.building, where.floor

    def fence_path(self, where: Where, why: str) -> tuple[Point, ...]:
        """Outside → over the fence → inside, beside a gate or at the fence nearest a point."""
        gx, gy = self.landmark(PathNodeKind.GATE, where.gate, why) if where.gate else where.xy  # type: ignore[misc]
        fence = self.site.boundary
        (ax, ay), (bx, by) = min(_edges(fence), key=lambda e: _project(gx, gy, *e[0], *e[1])[0])
        _, (cx, cy) = _project(gx, gy, ax, ay, bx, by)
        length = math.hypot(bx - ax, by - ay) or 1.0
        ux, uy = (bx - ax) / length, (by - ay) / length
        nx, ny = -uy, ux
        if not inside(fence, cx + nx, cy + ny):
            nx, ny = -nx, -ny
        if where.gate:
            posts = [m for m in self.site.landmarks if m.kind is PathNodeKind.POST]
            post = min(posts, key=lambda m: math.hypot(m.x - cx, m.y - cy), default=None)
            side = -1.0 if post and (post.x - cx) * ux + (post.y - cy) * uy > 0 else 1.0
            cx, cy = cx + side * BESIDE_GATE_M * ux, cy + side * BESIDE_GATE_M * uy
        return ((cx - OUTSIDE_M * nx, cy - OUTSIDE_M * ny), (cx, cy), (cx + INSIDE_M * nx, cy + INSIDE_M * ny))

    def device(self, inc: Incident, point: Point | None, why: str) -> DeviceFacts:
        kind = _SENSOR[inc.kind]
        pool = self.data.of_kind(kind)
        if inc.device is not None:
            found = self.data.get(inc.device)
            if found is None or found.kind is not kind:
                raise ScenarioError(f"{why}: {inc.device} is not a {kind.value} of this site")
            return found
        w = inc.where
        if inc.resident is not None:
            pool = [d for d in pool if _matches(d, inc.resident)]
        elif w is not None and w.lobby is not None and point is not None:
            pool = [d for d in pool if d.building == w.lobby and d.resident_id is None]
            pool = sorted(pool, key=lambda d: math.hypot(d.x - point[0], d.y - point[1]))[:1]
        elif w is not None and w.building is not None:
            pool = [d for d in pool if d.building == w.building]
            if w.floor is not None and pool:
                best = min(abs((d.floor or 0) - w.floor) for d in pool)
                pool = [d for d in pool if abs((d.floor or 0) - w.floor) == best]
        if not pool:
            raise ScenarioError(f"{why}: no {kind.value} matches ({inc.resident or w})")
        return self.rng.choice(sorted(pool, key=lambda d: d.code))

    def plan(self, index: int, inc: Incident) -> Plan:
        why = f"incident {index + 1} ({inc.kind} at {inc.at:g} s)"
        point, label, building, _ = self.place(inc.where, why) if inc.where is not None else (None, "", None, None)
        if inc.kind == "intrusion":
            assert inc.where is not None
            path = self.fence_path(inc.where, why)
            return Plan(index, inc, *path[1], label, None, None, path=path)
        if inc.kind in _SENSOR:
            d = self.device(inc, point, why)
            if inc.where is not None and inc.where.floor is not None and d.floor != inc.where.floor:
                logger.warning("%s: no %s on floor %s; using %s on floor %s", why, d.kind.value,
                               inc.where.floor, d.code, d.floor)
            return Plan(index, inc, d.x, d.y, d.code, d.building, d.floor, d)
        assert point is not None
        return Plan(index, inc, *point, label, building, None if building is None else 1)  # outdoors, by a door


def _matches(d: DeviceFacts, f: ResidentFilter) -> bool:
    if f.id is not None and d.resident_id != f.id:
        return False
    if f.min_age is not None and (d.age is None or d.age < f.min_age):
        return False
    if f.max_age is not None and (d.age is None or d.age > f.max_age):
        return False
    return f.lives_alone is None or d.lives_alone is f.lives_alone


def plan_scenario(scenario: Scenario, site: SiteSnapshot, graph: WalkwayGraph, data: ScenarioData) -> list[Plan]:
    """Resolve every incident up front, so a scenario that does not fit the site fails before it starts."""
    locator = Locator(site, graph, data, scenario.seed)
    return [locator.plan(i, inc) for i, inc in enumerate(scenario.incidents)]
