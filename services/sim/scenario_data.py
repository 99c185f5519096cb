"""What scenarios need to know about sensors and their people (floor, age, living alone), read from the database."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from cockpit.models import Building, Device, DeviceKind, Floor, Resident, Site
from cockpit.site import SiteSnapshot

logger = logging.getLogger(__name__)

FLOOR_HEIGHT_M = 3.0  # only to guess floors when no database is at hand


@dataclass(frozen=True)
class DeviceFacts:
    """A sensor, where it is, and the person it belongs to (wearables, home buttons, door sensors)."""

    code: str
    kind: DeviceKind
    x: float
    y: float
    building: int | None  # building number (幢号)
    floor: int | None  # level, 1 = ground
    resident_id: int | None = None
    age: int | None = None
    lives_alone: bool | None = None


@dataclass(frozen=True)
class ScenarioData:
    devices: tuple[DeviceFacts, ...]

    def of_kind(self, kind: DeviceKind) -> list[DeviceFacts]:
        return [d for d in self.devices if d.kind is kind]

    def get(self, code: str) -> DeviceFacts | None:
        return next((d for d in self.devices if d.code == code), None)

    @classmethod
    def from_site(cls, site: SiteSnapshot) -> ScenarioData:
        """Without a database: buildings from the snapshot, floors guessed from mounting height,
        no residents (so resident filters match nobody)."""
        number = {b.id: b.number for b in site.buildings}
        return cls(tuple(
            DeviceFacts(d.code, d.kind, d.x, d.y, number.get(d.building_id) if d.building_id else None,
                        int(d.z // FLOOR_HEIGHT_M) + 1 if d.building_id else None)
            for d in site.sensors
        ))


def load_scenario_data(session: Session, site_code: str | None = None, now: datetime | None = None) -> ScenarioData:
    """Every non-camera device of the site (the first, or the one with this code) with its facts.

    A device in a home without its own resident (a door sensor) is credited to the home's oldest resident.
    """
    site_q = select(Site.id).order_by(Site.id).limit(1)
    if site_code:
        site_q = select(Site.id).where(Site.code == site_code)
    site_id = session.scalar(site_q)
    if site_id is None:
        return ScenarioData(())
    year = (now or datetime.now()).year
    owner = aliased(Resident)
    rows = session.execute(
        select(Device.code, Device.kind, Device.x, Device.y, Device.unit_id, Building.number, Floor.level,
               owner.id, owner.birth_year, owner.lives_alone)
        .outerjoin(Building, Device.building_id == Building.id)
        .outerjoin(Floor, Device.floor_id == Floor.id)
        .outerjoin(owner, Device.resident_id == owner.id)
        .where(Device.site_id == site_id, Device.kind != DeviceKind.CAMERA)
        .order_by(Device.code)
    ).all()
    orphan_units = {r.unit_id for r in rows if r.unit_id is not None and r[7] is None}
    eldest: dict[int, tuple[int, int, bool]] = {}
    if orphan_units:
        for rid, unit_id, birth_year, alone in session.execute(
            select(Resident.id, Resident.unit_id, Resident.birth_year, Resident.lives_alone)
            .where(Resident.unit_id.in_(orphan_units)).order_by(Resident.birth_year, Resident.id)
        ):
            eldest.setdefault(unit_id, (rid, birth_year, alone))
    devices = []
    for code, kind, x, y, unit_id, number, level, rid, birth_year, alone in rows:
        if rid is None and unit_id in eldest:
            rid, birth_year, alone = eldest[unit_id]
        devices.append(DeviceFacts(code, kind, x, y, number, level, rid,
                                   None if birth_year is None else year - birth_year, alone))
    logger.debug("scenario data: %d devices of site %s", len(devices), site_id)
    return ScenarioData(tuple(devices))
