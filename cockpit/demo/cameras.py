"""Camera placement: gates, square, lobbies, car parks, fence; each aimed so its target is in view."""

from __future__ import annotations

import logging
import math
import random
from dataclasses import dataclass

from ..models.enums import DeviceKind
from .layout import FACING, SitePlan, spread
from .records import DemoCamera, DemoDevice

logger = logging.getLogger(__name__)

MAX_RANGE = 80.0
_COMPASS_CN = {"N": "北", "S": "南", "E": "东", "W": "西"}
_MODELS = {
    "bullet": (("海康威视", "DS-2CD3T47WDV3-L"), ("大华", "DH-IPC-HFW3441M-AS-I2"),
               ("宇视", "IPC2124LE-ADF28KM-G")),
    "dome": (("海康威视", "DS-2CD3347WDV3-L"), ("大华", "DH-IPC-HDW3441TM-AS")),
    "ptz": (("海康威视", "DS-2DE4425IW-DE"), ("大华", "DH-SD49425XB-HNR")),
}


@dataclass(frozen=True)
class _Spot:
    name: str
    x: float
    y: float
    z: float
    target_x: float
    target_y: float
    target: str
    style: str = "bullet"  # bullet / dome / ptz
    building: int | None = None


def compass(dx: float, dy: float) -> float:
    """Compass heading of a direction: 0 = north (+y), 90 = east (+x)."""
    return math.degrees(math.atan2(dx, dy)) % 360.0


def _aim(rng: random.Random, spot: _Spot) -> DemoCamera:
    # Aim from the coordinates as stored, so the stored cone holds the stored target.
    x, y, tx, ty = (round(v, 2) for v in (spot.x, spot.y, spot.target_x, spot.target_y))
    dx, dy = tx - x, ty - y
    distance = math.hypot(dx, dy)
    ptz = spot.style == "ptz"
    fov = 60.0 if ptz else round(rng.uniform(*((80, 100) if spot.style == "dome" else (50, 80))), 1)
    heading = round((compass(dx, dy) + rng.uniform(-0.15, 0.15) * fov) % 360.0, 1)
    range_m = min(MAX_RANGE, max(15.0, math.ceil(distance * rng.uniform(1.4, 2.0))))
    if distance > range_m:
        raise ValueError(f"camera {spot.name} is {distance:.1f} m from its target")
    tilt = -math.degrees(math.atan2(spot.z - 1.2, max(distance, 0.1)))
    maker, model = rng.choice(_MODELS[spot.style])
    return DemoCamera(
        heading_deg=heading, tilt_deg=round(min(-10.0, max(-35.0, tilt)), 1), fov_deg=fov,
        range_m=float(range_m), is_ptz=ptz, manufacturer=maker, model=model,
        target_x=tx, target_y=ty, target=spot.target,
    )


def _gates(plan: SitePlan, ptz: bool) -> list[_Spot]:
    out = []
    for gate in plan.gates:
        (ux, uy), (vx, vy) = gate.inward, gate.lateral
        tx, ty = gate.x + ux, gate.y + uy
        if ptz:  # on the guard house, over the gate road
            out.append(_Spot(f"{gate.label}岗亭球机", gate.x + 5 * ux + 6 * vx, gate.y + 5 * uy + 6 * vy,
                             6.0, tx, ty, gate.label, "ptz", gate.guard_house))
        else:  # on a pole inside, watching who comes in
            out.append(_Spot(f"{gate.label}入口", gate.x + 12 * ux - 5 * vx, gate.y + 12 * uy - 5 * vy,
                             3.5, tx, ty, gate.label))
    return out


def _lobbies(plan: SitePlan, extra: bool) -> list[_Spot]:
    out = []
    for b in plan.residential:
        building = plan.buildings[b]
        main = (building.entrances + 1) // 2
        fx, fy = FACING[building.facing]
        for e, (dx, dy) in enumerate(building.doors, start=1):
            if (e == main) == extra:
                continue
            out.append(_Spot(f"{building.name}{e}单元门厅", dx + 3 * fx + 2 * fy, dy + 3 * fy - 2 * fx,
                             2.8, dx, dy, f"{building.name}{e}单元", "dome", b))
    return out


def _square(plan: SitePlan, ptz: bool) -> list[_Spot]:
    assert plan.square is not None
    cx, cy = plan.square.centre
    if ptz:
        return [_Spot("中心广场球机", cx - 25, cy - 18, 8.0, cx, cy, "中心广场", "ptz")]
    return [_Spot("中心广场东北", cx + 25, cy + 18, 4.5, cx, cy, "中心广场", "dome"),
            _Spot("中心广场西北", cx - 25, cy + 18, 4.5, cx, cy, "中心广场", "dome")]


def _parking(plan: SitePlan) -> list[_Spot]:
    out = []
    for lot in plan.lots:
        x0, y0, _, _ = lot.cell.inner
        out.append(_Spot(f"{lot.label}球机", x0 + 1, y0 + 1, 6.0, lot.x, lot.y, lot.label, "ptz"))
    for ramp in plan.ramps:
        out.append(_Spot(ramp.label, ramp.x + 3, ramp.y + 4, 3.0, ramp.x, ramp.y, ramp.label))
    return out


def _civic(plan: SitePlan) -> list[_Spot]:
    b = plan.community_centre
    centre = plan.buildings[b]
    (dx, dy), (fx, fy) = centre.doors[0], FACING[centre.facing]
    px, py = plan.playground
    return [_Spot(f"{centre.name}入口", dx + 4 * fx + 2 * fy, dy + 4 * fy - 2 * fx, 3.0, dx, dy,
                  centre.name, "dome", b),
            _Spot("儿童游乐场球机", px - 14, py + 10, 6.0, px, py, "儿童游乐场", "ptz")]


def _fence(plan: SitePlan, corners: bool) -> list[_Spot]:
    """Cameras 1.5 m inside the fence looking 40 m along it, anticlockwise round the site."""
    w, d, inset = plan.width, plan.depth, 1.5
    sides = (("南", "西南", (inset, inset), (1, 0), w),
             ("东", "东南", (w - inset, inset), (0, 1), d),
             ("北", "东北", (w - inset, d - inset), (-1, 0), w),
             ("西", "西北", (inset, d - inset), (0, -1), d))
    out = []
    for side, corner, (sx, sy), (ux, uy), length in sides:
        starts = [0.0] if corners else [s * 60.0 for s in range(1, int((length - 30) // 60) + 1)]
        for k, s in enumerate(starts, start=1):
            x, y = sx + ux * s, sy + uy * s
            if any(math.hypot(x - g.x, y - g.y) < 20 for g in plan.gates):
                continue
            reach = min(40.0, length - 2 * inset - s)
            if reach < 15:
                continue
            name = f"周界{corner}角" if corners else f"周界{side}侧{k}"
            out.append(_Spot(name, x, y, 5.0, x + ux * reach, y + uy * reach, f"{side}侧围墙"))
    return out


def _junctions(plan: SitePlan) -> list[_Spot]:
    out = []
    for j, y in enumerate(plan.ys):
        for i, x in enumerate(plan.xs):
            for facing, (ux, uy) in FACING.items():
                ni, nj = i + int(ux), j + int(uy)
                if 0 <= ni < len(plan.xs) and 0 <= nj < len(plan.ys):
                    cx, cy = x - 4 * uy, y + 4 * ux  # beside the road, not on it
                    out.append(_Spot(f"路口{i}-{j}向{_COMPASS_CN[facing]}", cx, cy, 5.0,
                                     x + 30 * ux, y + 30 * uy, "道路"))
    return out


def place_cameras(rng: random.Random, plan: SitePlan, count: int) -> list[DemoDevice]:
    """`count` cameras, the most useful places first, each category spread over the site."""
    categories = (
        _gates(plan, ptz=False), _square(plan, ptz=True), _gates(plan, ptz=True),
        _lobbies(plan, extra=False), _parking(plan), _civic(plan), _fence(plan, corners=True),
        _square(plan, ptz=False), _fence(plan, corners=False), _lobbies(plan, extra=True),
        _junctions(plan),
    )
    chosen: list[_Spot] = []
    for spots in categories:
        chosen.extend(spread(spots, count - len(chosen)))
    if len(chosen) < count:
        logger.warning("room for only %d of %d cameras", len(chosen), count)
    return [
        DemoDevice(kind=DeviceKind.CAMERA, code=f"CAM-{n:03d}", name=spot.name,
                   x=round(spot.x, 2), y=round(spot.y, 2), z=spot.z, building=spot.building,
                   camera=_aim(rng, spot))
        for n, spot in enumerate(chosen, start=1)
    ]
