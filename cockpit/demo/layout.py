"""Site plan of the demo community: road grid, south-facing building rows, gates, square, car parks."""

from __future__ import annotations

import logging
import math
import random
from dataclasses import dataclass, field

from ..models.enums import BuildingKind
from .records import DemoBuilding, Point

logger = logging.getLogger(__name__)

ROAD_HALF_WIDTH = 3.5
SETBACK = ROAD_HALF_WIDTH + 4.0  # road centreline to the nearest facade
MARGIN = 16.0  # fence to ring-road centreline
CELL_W = 85.0  # between north-south road centrelines
CELL_H = 65.0  # between east-west road centrelines
FLOOR_HEIGHT = 3.0
DOOR_STEP = 1.5  # an entrance node stands this far outside its door

FACING: dict[str, Point] = {"N": (0.0, 1.0), "S": (0.0, -1.0), "E": (1.0, 0.0), "W": (-1.0, 0.0)}

WALK_UP, MID_RISE, TOWER, CIVIC = "多层", "小高层", "高层", "公建"


@dataclass(frozen=True)
class Cell:
    """A block between four road centrelines."""

    col: int
    row: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def inner(self) -> tuple[float, float, float, float]:
        return (self.x0 + SETBACK, self.y0 + SETBACK, self.x1 - SETBACK, self.y1 - SETBACK)

    @property
    def centre(self) -> Point:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)


@dataclass(frozen=True)
class Gate:
    label: str  # 北门
    x: float  # on the fence
    y: float
    inward: Point  # unit vector into the site
    lateral: Point  # unit vector along the fence, towards the guard house
    guard_house: int  # building index


@dataclass(frozen=True)
class Spot:
    """A surface car park or a garage ramp: a point with a driveway towards `facing`."""

    label: str
    x: float
    y: float
    facing: str
    cell: Cell


@dataclass
class SitePlan:
    width: float
    depth: float
    xs: list[float]  # north-south road centrelines, west to east
    ys: list[float]  # east-west road centrelines, south to north
    buildings: list[DemoBuilding] = field(default_factory=list)
    residential: list[int] = field(default_factory=list)
    gates: list[Gate] = field(default_factory=list)
    lots: list[Spot] = field(default_factory=list)
    ramps: list[Spot] = field(default_factory=list)
    square: Cell | None = None
    playground: Point = (0.0, 0.0)
    community_centre: int = -1
    property_office: int = -1


def spread(items: list, k: int) -> list:
    """k items picked evenly across the list, in order."""
    n = len(items)
    if k >= n:
        return list(items)
    return [items[int((i + 0.5) * n / k)] for i in range(k)]


def rect(x0: float, y0: float, x1: float, y1: float) -> tuple[Point, ...]:
    """Counter-clockwise rectangle, ring not closed."""
    x0, y0, x1, y1 = (round(v, 2) for v in (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def bounds(footprint: tuple[Point, ...]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in footprint]
    ys = [p[1] for p in footprint]
    return min(xs), min(ys), max(xs), max(ys)


def _building(number: int, name: str, kind: BuildingKind, style: str,
              box: tuple[float, float, float, float], levels: int, entrances: int,
              per_floor: int, facing: str) -> DemoBuilding:
    footprint = rect(*box)
    x0, y0, x1, y1 = bounds(footprint)
    if facing in "NS":
        y = y1 if facing == "N" else y0
        doors = tuple((round(x0 + (i + 0.5) * (x1 - x0) / entrances, 2), y) for i in range(entrances))
    else:
        x = x1 if facing == "E" else x0
        doors = tuple((x, round(y0 + (i + 0.5) * (y1 - y0) / entrances, 2)) for i in range(entrances))
    return DemoBuilding(
        number=number, name=name, kind=kind, style=style, footprint=footprint, levels=levels,
        height_m=levels * FLOOR_HEIGHT, entrances=entrances, dwellings_per_floor=per_floor,
        facing=facing, doors=doors,
    )


def _residential_pair(rng: random.Random, cell: Cell, style: str, numbers: list[int],
                      ) -> list[DemoBuilding]:
    """One or two buildings in a block: south one facing south, north one facing north."""
    x0, y0, x1, y1 = cell.inner
    out = []
    for number, north in zip(numbers, (len(numbers) == 1, True), strict=False):
        if style == TOWER:
            side = rng.uniform(23.5, 26.5)
            entrances = rng.choice((1, 2, 2))
            levels = rng.randint(24, 30)
            box = (x0, y1 - side, x0 + side, y1) if north else (x1 - side, y0, x1, y0 + side)
            per_floor = 4
        else:
            walk_up = style == WALK_UP
            entrances = rng.choices((2, 3, 4), (3, 5, 2) if walk_up else (4, 4, 2))[0]
            length = 40 + (entrances - 2) * 11.5 + rng.uniform(0, 2)
            depth = rng.uniform(12, 14) if walk_up else rng.uniform(14, 16)
            levels = 6 if walk_up else rng.randint(11, 18)
            per_floor = 2 if walk_up else rng.choice((2, 2, 3, 4))
            left = x0 + rng.uniform(0, (x1 - x0) - length)
            box = (left, y1 - depth, left + length, y1) if north else (left, y0, left + length, y0 + depth)
        out.append(_building(number, f"{number}幢", BuildingKind.RESIDENTIAL, style, box, levels,
                             entrances, per_floor, "N" if north else "S"))
    return out


def _grid(n_buildings: int) -> tuple[int, int, int]:
    pairs = math.ceil(n_buildings / 2)
    n_lots = max(1, round(n_buildings / 20))
    needed = pairs + 2 + n_lots  # + square + civic block
    rows = max(2, math.ceil(math.sqrt(needed)))
    cols = max(2, math.ceil(needed / rows))
    return cols, rows, n_lots


def plan_site(rng: random.Random, n_buildings: int) -> SitePlan:
    cols, rows, n_lots = _grid(n_buildings)
    xs = [MARGIN + i * CELL_W for i in range(cols + 1)]
    ys = [MARGIN + j * CELL_H for j in range(rows + 1)]
    plan = SitePlan(width=xs[-1] + MARGIN, depth=ys[-1] + MARGIN, xs=xs, ys=ys)
    cells = {(c, r): Cell(c, r, xs[c], ys[r], xs[c + 1], ys[r + 1])
             for r in range(rows) for c in range(cols)}
    plan.square = cells.pop((cols // 2, rows // 2))
    civic = cells.pop((cols // 2 - 1, rows // 2))
    gate_x, gate_y = xs[cols // 2], ys[rows // 2]
    gate_defs = (("北门", gate_x, plan.depth, (0.0, -1.0), (1.0, 0.0)),
                 ("南门", gate_x, 0.0, (0.0, 1.0), (1.0, 0.0)),
                 ("东门", plan.width, gate_y, (-1.0, 0.0), (0.0, 1.0)))

    def gate_distance(cell: Cell) -> tuple[float, int, int]:
        cx, cy = cell.centre
        return (min(math.hypot(cx - gx, cy - gy) for _, gx, gy, _, _ in gate_defs), cell.row, cell.col)

    lot_cells = sorted(cells.values(), key=gate_distance)[:n_lots]
    for k, cell in enumerate(sorted(lot_cells, key=lambda c: (c.row, c.col)), start=1):
        del cells[(cell.col, cell.row)]
        plan.lots.append(Spot(f"P{k}停车场", *cell.centre, "S", cell))

    home_cells = spread(sorted(cells.values(), key=lambda c: (c.row, c.col)), math.ceil(n_buildings / 2))
    pairs = len(home_cells)
    n_tower, n_walk = round(0.25 * pairs), round(0.35 * pairs)
    styles = [WALK_UP] * n_walk + [MID_RISE] * (pairs - n_walk - n_tower) + [TOWER] * n_tower
    # Older walk-ups mostly to the south, towers to the north, as phases of a real estate go.
    by_height = sorted(home_cells, key=lambda c: c.row + rng.uniform(-0.9, 0.9))
    style_of = {(c.col, c.row): s for c, s in zip(by_height, styles, strict=True)}
    number = 1
    for i, cell in enumerate(home_cells):
        count = 1 if (i == pairs - 1 and n_buildings % 2) else 2
        for building in _residential_pair(rng, cell, style_of[(cell.col, cell.row)],
                                          list(range(number, number + count))):
            plan.residential.append(len(plan.buildings))
            plan.buildings.append(building)
        number += count

    x0, y0, x1, y1 = civic.inner
    plan.community_centre = len(plan.buildings)
    plan.buildings.append(_building(number, "社区服务中心", BuildingKind.COMMUNITY_CENTRE, CIVIC,
                                    (x1 - 44, y1 - 22, x1, y1), 3, 1, 0, "E"))
    plan.property_office = len(plan.buildings)
    plan.buildings.append(_building(number + 1, "物业服务中心", BuildingKind.SERVICE, CIVIC,
                                    (x1 - 30, y0, x1, y0 + 14), 2, 1, 0, "S"))
    number += 2
    for label, gx, gy, (ux, uy), (vx, vy) in gate_defs:
        box = (gx + 5 * ux + 6 * vx, gy + 5 * uy + 6 * vy, gx + 9 * ux + 11 * vx, gy + 9 * uy + 11 * vy)
        facing = "W" if vx else "S"  # the guard-house door faces the gate road
        plan.gates.append(Gate(label, gx, gy, (ux, uy), (vx, vy), len(plan.buildings)))
        plan.buildings.append(_building(number, f"{label}岗亭", BuildingKind.SERVICE, CIVIC, box,
                                        1, 1, 0, facing))
        number += 1

    cx, cy = plan.square.centre
    plan.playground = (cx + 20.0, cy - 12.0)
    slab_cells = [c for i, c in enumerate(home_cells)
                  if style_of[(c.col, c.row)] != TOWER and not (i == pairs - 1 and n_buildings % 2)]
    n_ramps = max(1, round(n_buildings / 10))
    ramp_cells = spread(slab_cells, n_ramps) if slab_cells else [lot.cell for lot in plan.lots[:1]]
    for k, cell in enumerate(ramp_cells, start=1):
        rx0, ry0, _, ry1 = cell.inner
        ry = (ry0 + ry1) / 2 if cell in slab_cells else cell.centre[1] + 10.0
        plan.ramps.append(Spot(f"地库入口{k}", rx0 + 2.0, round(ry, 2), "W", cell))
    logger.debug("site %.0f x %.0f m: %d x %d blocks, %d buildings",
                 plan.width, plan.depth, cols, rows, len(plan.buildings))
    return plan
