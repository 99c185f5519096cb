"""Occupied dwellings (units) spread over the residential buildings in proportion to their size."""

from __future__ import annotations

import logging
import random

from .layout import FACING, MID_RISE, WALK_UP, bounds
from .records import DemoBuilding, DemoUnit

logger = logging.getLogger(__name__)

_AREA = {WALK_UP: (60.0, 90.0), MID_RISE: (78.0, 125.0)}
_TOWER_AREA = (89.0, 140.0)


def capacity(building: DemoBuilding) -> int:
    return building.entrances * building.levels * building.dwellings_per_floor


def allocate(total: int, caps: list[int]) -> list[int]:
    """Largest-remainder split of `total` in proportion to `caps`, never above a cap."""
    whole = sum(caps)
    if whole == 0:
        return [0] * len(caps)
    quotas = [total * c / whole for c in caps]
    counts = [min(int(q), c) for q, c in zip(quotas, caps, strict=True)]
    order = sorted(range(len(caps)), key=lambda i: (counts[i] - quotas[i], i))
    left = total - sum(counts)
    while left > 0:
        for i in order:
            if left and counts[i] < caps[i]:
                counts[i] += 1
                left -= 1
    return counts


def plan_units(rng: random.Random, buildings: list[DemoBuilding], residential: list[int],
               households: int) -> list[DemoUnit]:
    """`households` distinct dwellings, each with a plausible floor, entrance and room."""
    caps = [capacity(buildings[b]) for b in residential]
    if households > sum(caps):
        logger.warning("only %d dwellings for %d households; capping", sum(caps), households)
        households = sum(caps)
    units: list[DemoUnit] = []
    for b, count in zip(residential, allocate(households, caps), strict=True):
        building = buildings[b]
        per_floor = building.dwellings_per_floor
        per_entrance = building.levels * per_floor
        x0, y0, x1, y1 = bounds(building.footprint)
        fx, fy = FACING[building.facing]
        along = (x1 - x0) / building.entrances  # facade share of one entrance
        depth = y1 - y0
        lo, hi = _AREA.get(building.style, _TOWER_AREA)
        for index in sorted(rng.sample(range(per_entrance * building.entrances), count)):
            entrance, rest = divmod(index, per_entrance)
            level, position = divmod(rest, per_floor)
            entrance, level, position = entrance + 1, level + 1, position + 1
            door_x, door_y = building.doors[entrance - 1]
            # Flats sit either side of their stairwell, front and back of the slab.
            offset = ((position - 0.5) / per_floor - 0.5) * along * 0.8
            inward = depth * (0.3 if position % 2 else 0.7)
            room = f"{level}{position:02d}"
            units.append(DemoUnit(
                building=b, level=level, entrance=entrance, room=room,
                label=f"{building.number}-{entrance}-{room}",
                area_m2=round(rng.uniform(lo, hi), 1),
                x=round(door_x + offset, 2), y=round(door_y - fy * inward, 2),
            ))
        assert fx == 0, "residential doors face north or south"
    return units
