"""Deterministic, seeded generation of the whole demo community (pure: no database, no clock)."""

from __future__ import annotations

import logging
import math
import random

from ..models.enums import Gender, ResponderRole, ResponderStatus
from . import names
from .cameras import place_cameras
from .devices import place_sensors
from .homes import plan_units
from .layout import FLOOR_HEIGHT, SitePlan, plan_site
from .paths import Walkways, build_walkways
from .population import populate
from .records import DemoCommunity, DemoFloor, DemoResponder, DemoSite, DemoSize
from .vehicles import make_vehicles

logger = logging.getLogger(__name__)

DEFAULT_SEED = 20261124
SITE_NAME = "未来社区·云栖苑"
ORIGIN = (30.2741, 120.1551)  # WGS84 of the south-west corner, Hangzhou


def _rng(seed: int, stage: str) -> random.Random:
    """One generator per stage, so changing one count leaves the other stages as they were."""
    return random.Random(f"{seed}:{stage}")


def _site(plan: SitePlan) -> DemoSite:
    w, d = round(plan.width, 2), round(plan.depth, 2)
    return DemoSite(code="DEMO", name=SITE_NAME, city="杭州", width_m=w, depth_m=d,
                    origin_lat=ORIGIN[0], origin_lon=ORIGIN[1], timezone="Asia/Shanghai",
                    boundary=((0.0, 0.0), (w, 0.0), (w, d), (0.0, d)))


def _responders(rng: random.Random, plan: SitePlan, walk: Walkways, count: int,
                phones: set[str], reference_year: int) -> list[DemoResponder]:
    """Guards at the gate posts, property staff at the office, grid workers at the centre."""
    guards = math.ceil(count / 2)
    grid = (count - guards) // 2
    guard_posts = [walk.post[g.guard_house] for g in plan.gates]
    office = walk.post[plan.property_office]
    centre = walk.entrance[(plan.community_centre, 1)]
    staff = ([(ResponderRole.SECURITY_GUARD, guard_posts[i % len(guard_posts)]) for i in range(guards)]
             + [(ResponderRole.GRID_WORKER, centre)] * grid
             + [(ResponderRole.PROPERTY_STAFF, office)] * (count - guards - grid))
    off_duty = set(rng.sample(range(count), min(count, 1 if count < 10 else 2)))
    out = []
    for i, (role, node) in enumerate(staff):
        gender = Gender.MALE if role is ResponderRole.SECURITY_GUARD or rng.random() < 0.4 else Gender.FEMALE
        birth_year = reference_year - rng.randint(24, 58)
        n = walk.nodes[node]
        out.append(DemoResponder(
            name=names.person_name(rng, gender, birth_year), role=role,
            phone=names.mobile(rng, phones),
            status=ResponderStatus.OFF_DUTY if i in off_duty else ResponderStatus.AVAILABLE,
            home_node=node, x=n.x, y=n.y,
        ))
    return out


def generate(seed: int = DEFAULT_SEED, size: DemoSize = DemoSize(),
             reference_year: int = 2026) -> DemoCommunity:
    """The same seed and size always give an identical community."""
    size = size.resolved()
    plan = plan_site(_rng(seed, "layout"), size.buildings)
    walk = build_walkways(plan)
    floors = tuple(DemoFloor(b, level, (level - 1) * FLOOR_HEIGHT)
                   for b, building in enumerate(plan.buildings)
                   for level in range(1, building.levels + 1))
    households = min(size.households, size.residents)
    units = plan_units(_rng(seed, "units"), plan.buildings, plan.residential, households)
    phones: set[str] = set()
    residents = populate(_rng(seed, "people"), len(units), size.residents if units else 0,
                         reference_year, phones)
    vehicles = make_vehicles(_rng(seed, "vehicles"), len(units), residents, size.vehicles,
                             [lot.label.removesuffix("停车场") for lot in plan.lots], reference_year)
    devices = place_cameras(_rng(seed, "cameras"), plan, size.cameras)
    devices += place_sensors(plan, units, residents, size.sensors, reference_year)
    responders = _responders(_rng(seed, "staff"), plan, walk, size.responders, phones, reference_year)
    community = DemoCommunity(
        seed=seed, reference_year=reference_year, size=size, site=_site(plan),
        buildings=tuple(plan.buildings), floors=floors, units=tuple(units),
        residents=tuple(residents), vehicles=tuple(vehicles), nodes=tuple(walk.nodes),
        edges=tuple(walk.edges), devices=tuple(devices), responders=tuple(responders),
    )
    logger.info("generated demo community (seed %d): %s", seed, community.row_counts())
    return community
