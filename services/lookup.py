"""Search people, homes, vehicles and devices; masks and audits by the searcher's role."""

from __future__ import annotations

import enum
import logging
import re
import time
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from cockpit import audit
from cockpit.audit import Actor
from cockpit.models import Building, Device, Resident, Unit, Vehicle
from cockpit.privacy import mask_id_number, mask_phone
from cockpit.roles import Permission, can

from .database import DatabaseService

logger = logging.getLogger(__name__)

_UNIT_CN = re.compile(r"^\s*(\d+)\s*(?:号楼|[幢栋号楼#])\s*(?:(\d+)\s*单元)?\s*(?:(\d+)\s*室?)?\s*$")
_PLATE_NOISE = re.compile(r"[\s·.\-]")


class HitKind(enum.StrEnum):
    RESIDENT = "resident"
    HOUSEHOLD = "household"
    VEHICLE = "vehicle"
    DEVICE = "device"


@dataclass(frozen=True)
class LookupHit:
    kind: HitKind
    id: int
    title: str
    subtitle: str
    # Field name -> value, already masked for the searcher's role.
    fields: dict[str, str] = field(default_factory=dict)
    x: float | None = None
    y: float | None = None
    building_id: int | None = None


@dataclass(frozen=True)
class LookupResult:
    query: str
    hits: tuple[LookupHit, ...]
    elapsed_ms: float
    truncated: bool
    masked: bool


def normalise_unit(query: str) -> str:
    """'12幢2单元1502室' -> '12-2-1502'; anything else unchanged."""
    m = _UNIT_CN.match(query)
    if not m:
        return query.strip()
    return "-".join(p for p in m.groups() if p)


class LookupService:
    def __init__(self, db: DatabaseService, *, max_results: int = 200, now: datetime | None = None) -> None:
        self._db = db
        self._max = max_results
        self._year = (now or datetime.now()).year

    def search(self, query: str, actor: Actor) -> LookupResult:
        """Run in a worker thread; each call uses its own session and writes one audit event."""
        start = time.perf_counter()
        text = query.strip()
        people = can(actor.role, Permission.LOOKUP_PEOPLE)
        masked = not can(actor.role, Permission.VIEW_PERSONAL_DATA)
        hits: list[LookupHit] = []
        truncated = False
        if text:
            with self._db.session() as session:
                groups = [self._devices(session, text)]
                if people:
                    groups = [
                        self._residents(session, text, masked),
                        self._households(session, text),
                        self._vehicles(session, text),
                        *groups,
                    ]
                for group in groups:
                    truncated |= len(group) > self._max
                    hits.extend(group[: self._max])
                audit.record(session, actor, "lookup.search", query=text[:100], hits=len(hits),
                             masked=masked)
                session.commit()
        elapsed = (time.perf_counter() - start) * 1000.0
        logger.debug("lookup %r: %d hits in %.1f ms", text, len(hits), elapsed)
        return LookupResult(query, tuple(hits), elapsed, truncated, masked)

    def record_view(self, hit: LookupHit, actor: Actor) -> None:
        """Opening one record's details is an access of its own, audited with its target."""
        with self._db.session() as session:
            audit.record(session, actor, "lookup.view", target_type=hit.kind.value, target_id=hit.id)
            session.commit()

    # -- one query per kind; LIMIT max+1 tells us whether we truncated -------------

    def _residents(self, session: Session, text: str, masked: bool) -> list[LookupHit]:
        like = f"%{text}%"
        rows = session.execute(
            select(Resident, Unit)
            .join(Unit, Resident.unit_id == Unit.id)
            .where(or_(Resident.name.like(like), Resident.phone.like(like),
                       Unit.label.like(f"{normalise_unit(text)}%")))
            .order_by(Resident.name, Resident.id)
            .limit(self._max + 1)
        ).all()
        phone = mask_phone if masked else (lambda v: v)
        id_number = mask_id_number if masked else (lambda v: v)
        hits = []
        for r, u in rows:
            flags = [f for f, on in (("lives_alone", r.lives_alone), ("mobility", r.mobility_impaired)) if on]
            hits.append(LookupHit(
                HitKind.RESIDENT, r.id, r.name, u.label,
                {
                    "age": str(self._year - r.birth_year),
                    "gender": r.gender.value,
                    "unit": u.label,
                    "phone": phone(r.phone) or "",
                    "id_number": id_number(r.id_number) or "",
                    "flags": ",".join(flags),
                    "condition": r.chronic_condition or "",
                    "emergency_contact": " ".join(
                        v for v in (r.emergency_contact_name, phone(r.emergency_contact_phone)) if v
                    ),
                },
                u.x, u.y, u.building_id,
            ))
        return hits

    def _households(self, session: Session, text: str) -> list[LookupHit]:
        units = session.scalars(
            select(Unit).where(Unit.label.like(f"{normalise_unit(text)}%"))
            .order_by(Unit.building_id, Unit.entrance, Unit.room).limit(self._max + 1)
        ).all()
        if not units:
            return []
        members: dict[int, list[str]] = {}
        for unit_id, name in session.execute(
            select(Resident.unit_id, Resident.name)
            .where(Resident.unit_id.in_([u.id for u in units]))
            .order_by(Resident.is_household_head.desc(), Resident.birth_year)
        ):
            members.setdefault(unit_id, []).append(name)
        return [
            LookupHit(HitKind.HOUSEHOLD, u.id, u.label, "、".join(members.get(u.id, [])),
                      {"unit": u.label, "members": str(len(members.get(u.id, [])))},
                      u.x, u.y, u.building_id)
            for u in units
        ]

    def _vehicles(self, session: Session, text: str) -> list[LookupHit]:
        plate = _PLATE_NOISE.sub("", text).upper()
        rows = session.execute(
            select(Vehicle, Unit)
            .outerjoin(Unit, Vehicle.unit_id == Unit.id)
            .where(or_(Vehicle.plate.like(f"%{plate}%"), Unit.label.like(f"{normalise_unit(text)}%")))
            .order_by(Vehicle.plate).limit(self._max + 1)
        ).all()
        return [
            LookupHit(
                HitKind.VEHICLE, v.id, v.plate, u.label if u else "",
                {"unit": u.label if u else "", "parking_spot": v.parking_spot or "",
                 "make": " ".join(p for p in (v.colour, v.make) if p)},
                u.x if u else None, u.y if u else None, u.building_id if u else None,
            )
            for v, u in rows
        ]

    def _devices(self, session: Session, text: str) -> list[LookupHit]:
        like = f"%{text}%"
        rows = session.execute(
            select(Device, Building.number)
            .outerjoin(Building, Device.building_id == Building.id)
            .where(or_(Device.name.like(like), Device.code.ilike(like)))
            .order_by(Device.code).limit(self._max + 1)
        ).all()
        return [
            LookupHit(
                HitKind.DEVICE, d.id, d.name, d.code,
                {"kind": d.kind.value, "code": d.code, "status": d.status.value,
                 "building": str(number) if number is not None else ""},
                d.x, d.y, d.building_id,
            )
            for d, number in rows
        ]
