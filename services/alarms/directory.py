"""Who and where a device is, as classification needs it; looked up once per device and cached.

A burst of 1,000 messages/s from a few hundred devices must not cost a join per message, and a
device's place and wearer change rarely (a commissioning or a move-in, after which `forget()`).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from cockpit.alarm_rules import AlarmFacts, local_time_of
from cockpit.errors import CockpitError
from cockpit.models import (
    AlarmKind,
    AlarmSource,
    Building,
    BuildingKind,
    Device,
    Resident,
    Site,
)

logger = logging.getLogger(__name__)


class NoSite(CockpitError):
    """The database has no site (or not the configured one): nothing to raise alarms for."""


@dataclass(frozen=True)
class DeviceFacts:
    id: int
    code: str
    name: str
    x: float
    y: float
    building_id: int | None
    floor_id: int | None
    building_number: int | None = None
    building_name: str | None = None
    building_kind: BuildingKind | None = None
    resident_id: int | None = None
    resident_birth_year: int | None = None
    lives_alone: bool | None = None


@dataclass(frozen=True)
class SiteInfo:
    id: int
    code: str
    timezone: str


def load_site(session: Session, code: str | None) -> SiteInfo:
    query = select(Site) if code is None else select(Site).where(Site.code == code)
    sites = session.scalars(query.order_by(Site.id)).all()
    if not sites:
        raise NoSite(f"no site {code!r} in the database" if code else "no site in the database")
    if code is None and len(sites) > 1:
        logger.warning("%d sites in the database and none configured: alarms go to %s", len(sites), sites[0].code)
    return SiteInfo(sites[0].id, sites[0].code, sites[0].timezone)


class DeviceDirectory:
    """Device code -> DeviceFacts, cached; thread-safe (the writer and operations share it)."""

    def __init__(self, site: SiteInfo) -> None:
        self.site = site
        self._lock = threading.Lock()
        self._cache: dict[str, DeviceFacts] = {}
        self._buildings: dict[int, tuple[int, str, BuildingKind]] = {}

    def device(self, session: Session, code: str) -> DeviceFacts | None:
        hit = self._cache.get(code)  # a dict read is atomic: no lock on the hot path (writes take it)
        if hit is not None:
            return hit
        row = session.execute(self._query().where(Device.code == code)).first()
        if row is None:
            return None
        facts = _facts(*row)
        with self._lock:
            self._cache[code] = facts
        return facts

    def preload(self, session: Session) -> int:
        """Every device of the site in one query (the writer's start), so a burst finds them all cached."""
        facts = {f.code: f for f in (_facts(*row) for row in session.execute(self._query()))}
        with self._lock:
            for code, f in facts.items():
                self._cache.setdefault(code, f)
        return len(facts)

    def _query(self) -> Select[tuple[Device, Building, Resident]]:
        return (select(Device, Building, Resident)
                .outerjoin(Building, Building.id == Device.building_id)
                .outerjoin(Resident, Resident.id == Device.resident_id)
                .where(Device.site_id == self.site.id))

    def building(self, session: Session, building_id: int) -> tuple[int, str, BuildingKind] | None:
        """(number, name, kind) of a building, for alarms placed by x/y and a building (analytics, manual)."""
        hit = self._buildings.get(building_id)
        if hit is not None:
            return hit
        b = session.get(Building, building_id)
        if b is None:
            return None
        facts = (b.number, b.name, b.kind)
        with self._lock:
            self._buildings[building_id] = facts
        return facts

    def forget(self, code: str | None = None) -> None:
        """Drop cached facts (one device, or all) after a device or resident changed."""
        with self._lock:
            if code is None:
                self._cache.clear()
                self._buildings.clear()
            else:
                self._cache.pop(code, None)

    def local_time(self, instant: datetime) -> time:
        return local_time_of(instant, self.site.timezone)


def _facts(device: Device, building: Building | None, resident: Resident | None) -> DeviceFacts:
    return DeviceFacts(
        device.id, device.code, device.name, device.x, device.y, device.building_id, device.floor_id,
        building.number if building else None, building.name if building else None,
        building.kind if building else None,
        resident.id if resident else None, resident.birth_year if resident else None,
        resident.lives_alone if resident else None)


def facts_for(kind: AlarmKind, source: AlarmSource, received_at: datetime, local: time,
              device: DeviceFacts | None, building: tuple[int, str, BuildingKind] | None,
              zones: frozenset[str]) -> AlarmFacts:
    """AlarmFacts from the device (and its wearer) or, without a device, from the building given."""
    age = lives_alone = None
    if device is not None:
        if device.resident_birth_year is not None:
            age = received_at.year - device.resident_birth_year  # birthdays are not stored: whole years
            lives_alone = device.lives_alone
        building = (device.building_number, device.building_name, device.building_kind) \
            if device.building_number is not None else building  # type: ignore[assignment]
    number, name, bkind = building if building is not None else (None, None, None)
    return AlarmFacts(kind=kind, local_time=local, source=source, building_kind=bkind, building_number=number,
                      building_name=name, zones=zones, resident_age=age, lives_alone=lives_alone)
