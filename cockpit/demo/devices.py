"""Sensors of the demo site: smoke, door, wearables, emergency buttons, gas, water and gate devices."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from ..models.enums import DeviceKind
from .homes import allocate
from .layout import FACING, FLOOR_HEIGHT, SitePlan, bounds, spread
from .population import ELDERLY_AGE
from .records import DemoDevice, DemoResident, DemoUnit

logger = logging.getLogger(__name__)

_PREFIX = {
    DeviceKind.ACCESS_GATE: "GTE", DeviceKind.GAS_DETECTOR: "GAS", DeviceKind.WATER_LEAK: "WAT",
    DeviceKind.SMOKE_DETECTOR: "SMK", DeviceKind.DOOR_SENSOR: "DOR", DeviceKind.WEARABLE: "WBL",
    DeviceKind.EMERGENCY_BUTTON: "BTN",
}
# Share of the sensors left after the gate, gas and water devices.
_SHARES = {"smoke": 0.50, "door": 0.15, "wearable": 0.18, "lobby": 0.08, "home": 0.09}
_OVERFLOW = ("smoke", "wearable", "home", "door", "lobby")


def _elevation(level: int) -> float:
    return (level - 1) * FLOOR_HEIGHT


def _fixed(plan: SitePlan) -> list[DemoDevice]:
    """Gate barriers, garage gas and water sensors: the ones every site has."""
    gates, gas, water = [], [], []
    for g in plan.gates:
        (ux, uy), (vx, vy) = g.inward, g.lateral
        gates.append(DemoDevice(DeviceKind.ACCESS_GATE, "", f"{g.label}人行闸机",
                                g.x + 3 * ux + 2.5 * vx, g.y + 3 * uy + 2.5 * vy, 1.0))
        gates.append(DemoDevice(DeviceKind.ACCESS_GATE, "", f"{g.label}车辆道闸",
                                g.x + 3 * ux - 3 * vx, g.y + 3 * uy - 3 * vy, 1.0))
    for k, ramp in enumerate(plan.ramps, start=1):
        gas.append(DemoDevice(DeviceKind.GAS_DETECTOR, "", f"地库{k}燃气探测",
                              ramp.x + 8, ramp.y, 0.3))
        water.append(DemoDevice(DeviceKind.WATER_LEAK, "", f"地库{k}水泵房水浸",
                                ramp.x + 8, ramp.y + 3, 0.1))
    for b, kind, name, z in ((plan.community_centre, DeviceKind.GAS_DETECTOR, "食堂燃气探测", 2.7),
                             (plan.property_office, DeviceKind.WATER_LEAK, "设备房水浸", 0.1)):
        x0, y0, x1, y1 = bounds(plan.buildings[b].footprint)
        device = DemoDevice(kind, "", plan.buildings[b].name + name, (x0 + x1) / 2, (y0 + y1) / 2, z,
                            building=b, level=1)
        (gas if kind is DeviceKind.GAS_DETECTOR else water).append(device)
    return gates + gas + water


def _smoke(plan: SitePlan, count: int) -> list[DemoDevice]:
    """Stairwell smoke detectors, spread over buildings, entrances and floors."""
    hosts = plan.residential + [plan.community_centre, plan.property_office]
    caps = [plan.buildings[b].levels * plan.buildings[b].entrances for b in hosts]
    base = [1] * len(hosts) if count >= len(hosts) else [0] * len(hosts)
    spare = [c - a for c, a in zip(caps, base, strict=True)]
    counts = [a + b for a, b in zip(base, allocate(count - sum(base), spare), strict=True)]
    out = []
    for b, k in zip(hosts, counts, strict=True):
        building = plan.buildings[b]
        fx, fy = FACING[building.facing]
        places = [(level, e) for level in range(1, building.levels + 1)
                  for e in range(1, building.entrances + 1)]
        for level, e in spread(places, k):
            dx, dy = building.doors[e - 1]
            where = f"{building.name}{e}单元" if b in plan.residential else building.name
            out.append(DemoDevice(DeviceKind.SMOKE_DETECTOR, "", f"{where}{level}层烟感",
                                  dx - 2 * fx, dy - 2 * fy, _elevation(level) + 2.7,
                                  building=b, level=level))
    return out


def _at_home(kind: DeviceKind, what: str, units: list[DemoUnit], unit: int, resident: int | None,
             height: float) -> DemoDevice:
    u = units[unit]
    return DemoDevice(kind, "", f"{u.label}{what}", u.x, u.y, _elevation(u.level) + height,
                      building=u.building, level=u.level, unit=unit, resident=resident)


def _lobby_buttons(plan: SitePlan) -> list[DemoDevice]:
    out = []
    for b in plan.residential:
        building = plan.buildings[b]
        fx, fy = FACING[building.facing]
        for e, (dx, dy) in enumerate(building.doors, start=1):
            name = f"{building.name}{e}单元门厅紧急按钮"
            out.append(DemoDevice(DeviceKind.EMERGENCY_BUTTON, "", name,
                                  dx - 1.5 * fx, dy - 1.5 * fy, 1.2, building=b, level=1))
    return out


def _quotas(count: int, caps: dict[str, int]) -> dict[str, int]:
    quotas = {k: min(int(count * share), caps[k]) for k, share in _SHARES.items()}
    left = count - sum(quotas.values())
    for k in _OVERFLOW:
        more = min(left, caps[k] - quotas[k])
        quotas[k] += more
        left -= more
    if left:
        logger.warning("room for only %d more sensors, %d short", count - left, left)
    return quotas


def place_sensors(plan: SitePlan, units: list[DemoUnit], residents: list[DemoResident],
                  count: int, reference_year: int) -> list[DemoDevice]:
    """`count` sensors (cameras not included), the most vulnerable residents served first."""
    fixed = _fixed(plan)
    devices = spread(fixed, count)

    def age(r: DemoResident) -> int:
        return reference_year - r.birth_year

    def need(i: int) -> tuple[int, int]:
        r = residents[i]
        score = age(r) + 15 * r.mobility_impaired + 8 * (r.chronic_condition is not None) + 10 * r.lives_alone
        return (-score, i)

    elders = [i for i, r in enumerate(residents) if age(r) >= ELDERLY_AGE]
    alone = sorted((i for i in elders if residents[i].lives_alone), key=need)
    wearers = sorted((i for i in elders if residents[i].lives_alone or residents[i].chronic_condition),
                     key=need)
    frail, seen = [], set()
    for i in sorted((i for i in elders if residents[i].lives_alone or residents[i].mobility_impaired
                     or age(residents[i]) >= 80), key=need):
        if residents[i].unit not in seen:
            seen.add(residents[i].unit)
            frail.append(i)
    lobby = _lobby_buttons(plan)
    smoke_cap = sum(plan.buildings[b].levels * plan.buildings[b].entrances
                    for b in plan.residential + [plan.community_centre, plan.property_office])
    caps = {"smoke": smoke_cap, "door": len(alone), "wearable": len(wearers), "lobby": len(lobby),
            "home": len(frail)}
    quotas = _quotas(count - len(devices), caps)
    units_of = [residents[i].unit for i in alone[:quotas["door"]]]
    devices += _smoke(plan, quotas["smoke"])
    devices += [_at_home(DeviceKind.DOOR_SENSOR, "门磁", units, u, None, 2.0) for u in units_of]
    devices += [_at_home(DeviceKind.WEARABLE, "智能手环", units, residents[i].unit, i, 1.0)
                for i in wearers[:quotas["wearable"]]]
    devices += spread(lobby, quotas["lobby"])
    devices += [_at_home(DeviceKind.EMERGENCY_BUTTON, "紧急按钮", units, residents[i].unit, i, 0.9)
                for i in frail[:quotas["home"]]]
    return _numbered(devices, lambda d: _PREFIX[d.kind])


def _numbered(devices: list[DemoDevice], prefix: Callable[[DemoDevice], str]) -> list[DemoDevice]:
    """Give codes like SMK-0001 per kind, rounding positions as stored."""
    counters: dict[str, int] = {}
    out = []
    for d in devices:
        p = prefix(d)
        counters[p] = counters.get(p, 0) + 1
        out.append(replace(d, code=f"{p}-{counters[p]:04d}", x=round(d.x, 2), y=round(d.y, 2),
                           z=round(d.z, 2)))
    return out
