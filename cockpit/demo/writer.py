"""Fast storage of a generated demo community (Core bulk inserts) and first-run seeding."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from time import perf_counter
from typing import Any

from sqlalchemy import Engine, Select, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..accounts import create_user
from ..models import (
    Building,
    Camera,
    Device,
    DeviceStatus,
    Floor,
    PathEdge,
    PathNode,
    Resident,
    Responder,
    Site,
    Unit,
    User,
    Vehicle,
)
from ..roles import Role
from .generator import DEFAULT_SEED, generate
from .records import DemoCommunity, DemoSize

logger = logging.getLogger(__name__)

Progress = Callable[[float, str], None]

DEMO_ACCOUNTS: tuple[tuple[str, str, Role, str], ...] = (
    ("operator", "operator", Role.OPERATOR, "值班员 王敏"),
    ("supervisor", "supervisor", Role.SUPERVISOR, "值班长 陈建华"),
    ("installer", "installer", Role.INSTALLER, "安装调试员 李强"),
    ("admin", "admin", Role.ADMIN, "系统管理员 张伟"),
)


def _silent(_fraction: float, _message: str) -> None:
    pass


def _insert(session: Session, model: type, rows: Sequence[dict[str, Any]]) -> None:
    """One executemany through Core: every row keeps all its keys, None included, so a
    single compiled statement serves all rows (the ORM bulk path splits on None)."""
    if rows:
        session.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]


def _ids(session: Session, model: type, rows: Sequence[dict[str, Any]], key: tuple[str, ...],
         scope: Callable[[Select[Any]], Select[Any]]) -> list[int]:
    """Insert `rows`, then read their new ids back by a natural key, in the order of `rows`.

    Cheaper than INSERT … RETURNING on both backends: with sort_by_parameter_order=True
    SQLite falls back to one statement per row, and psycopg spends most of the time
    parsing the huge multi-VALUES statements that RETURNING batches are sent as.
    """
    if not rows:
        return []
    _insert(session, model, rows)
    stmt = select(model.id, *(getattr(model, k) for k in key))  # type: ignore[attr-defined]
    found = {tuple(row[1:]): row[0] for row in session.execute(scope(stmt))}
    if len(found) != len(rows):
        raise ValueError(f"{model.__name__}: {len(rows)} rows written, {len(found)} found by {key}")
    return [found[tuple(r[k] for k in key)] for r in rows]


def write_demo(session: Session, community: DemoCommunity, progress: Progress | None = None) -> int:
    """Insert the whole community, commit, and return the new site's id."""
    report = progress or _silent
    started = perf_counter()
    c = community
    total = max(1, sum(c.row_counts().values()))
    done = 0

    def stage(rows: int, message: str) -> None:
        nonlocal done
        done += rows
        report(min(done / total, 1.0), message)

    report(0.0, "Writing site and buildings")
    s = c.site
    site_id = session.execute(insert(Site).values(
        code=s.code, name=s.name, city=s.city, width_m=s.width_m, depth_m=s.depth_m,
        origin_lat=s.origin_lat, origin_lon=s.origin_lon, timezone=s.timezone,
        boundary=[list(p) for p in s.boundary],
    ).returning(Site.id)).scalar_one()

    def in_site(stmt: Select[Any]) -> Select[Any]:
        return stmt.where(Building.site_id == site_id)

    def via_building(model: Any) -> Callable[[Select[Any]], Select[Any]]:
        return lambda stmt: in_site(stmt.join(Building, model.building_id == Building.id))

    building_ids = _ids(session, Building, [{
        "site_id": site_id, "number": b.number, "name": b.name, "kind": b.kind,
        "footprint": [list(p) for p in b.footprint], "levels": b.levels, "height_m": b.height_m,
        "entrances": b.entrances,
    } for b in c.buildings], ("number",), in_site)
    stage(1 + len(c.buildings), "Writing floors")
    floor_id = dict(zip(
        ((f.building, f.level) for f in c.floors),
        _ids(session, Floor, [{"building_id": building_ids[f.building], "level": f.level,
                               "elevation_m": f.elevation_m} for f in c.floors],
              ("building_id", "level"), via_building(Floor)),
        strict=True,
    ))
    stage(len(c.floors), "Writing homes")
    unit_ids = _ids(session, Unit, [{
        "building_id": building_ids[u.building], "floor_id": floor_id[(u.building, u.level)],
        "entrance": u.entrance, "room": u.room, "label": u.label, "area_m2": u.area_m2,
        "x": u.x, "y": u.y,
    } for u in c.units], ("building_id", "entrance", "room"), via_building(Unit))
    stage(len(c.units), "Writing residents")
    resident_ids = _ids(session, Resident, [{
        "unit_id": unit_ids[r.unit], "name": r.name, "gender": r.gender, "birth_year": r.birth_year,
        "phone": r.phone, "id_number": r.id_number, "is_household_head": r.is_household_head,
        "lives_alone": r.lives_alone, "mobility_impaired": r.mobility_impaired,
        "chronic_condition": r.chronic_condition,
        "emergency_contact_name": r.emergency_contact_name,
        "emergency_contact_phone": r.emergency_contact_phone,
    } for r in c.residents], ("id_number",),
        lambda stmt: via_building(Unit)(stmt.join(Unit, Resident.unit_id == Unit.id)))
    stage(len(c.residents), "Writing vehicles")
    _insert(session, Vehicle, [{
        "plate": v.plate, "unit_id": unit_ids[v.unit], "parking_spot": v.parking_spot,
        "make": v.make, "colour": v.colour, "new_energy": v.new_energy,
    } for v in c.vehicles])
    stage(len(c.vehicles), "Writing walkways")
    node_ids = _ids(session, PathNode, [{
        "site_id": site_id, "kind": n.kind, "x": n.x, "y": n.y, "label": n.label,
        "building_id": None if n.building is None else building_ids[n.building],
    } for n in c.nodes], ("x", "y"), lambda stmt: stmt.where(PathNode.site_id == site_id))
    _insert(session, PathEdge, [{
        "site_id": site_id, "a_id": node_ids[e.a], "b_id": node_ids[e.b], "length_m": e.length_m,
        "vehicle_access": e.vehicle_access,
    } for e in c.edges])
    stage(len(c.nodes) + len(c.edges), "Writing devices")
    device_ids = _ids(session, Device, [{
        "site_id": site_id, "kind": d.kind, "code": d.code, "name": d.name,
        "status": DeviceStatus.UNKNOWN, "x": d.x, "y": d.y, "z": d.z,
        "building_id": None if d.building is None else building_ids[d.building],
        "floor_id": None if d.level is None else floor_id[(d.building, d.level)],
        "unit_id": None if d.unit is None else unit_ids[d.unit],
        "resident_id": None if d.resident is None else resident_ids[d.resident],
        "last_seen_at": None,
    } for d in c.devices], ("code",), lambda stmt: stmt.where(Device.site_id == site_id))
    _insert(session, Camera, [{
        "device_id": device_id, "onvif_url": None, "credential_ref": None,
        "manufacturer": d.camera.manufacturer, "model": d.camera.model, "firmware": None,
        "heading_deg": d.camera.heading_deg, "tilt_deg": d.camera.tilt_deg,
        "fov_deg": d.camera.fov_deg, "range_m": d.camera.range_m, "is_ptz": d.camera.is_ptz,
    } for d, device_id in zip(c.devices, device_ids, strict=True) if d.camera is not None])
    stage(len(c.devices) + len(c.cameras), "Writing responders")
    _insert(session, Responder, [{
        "site_id": site_id, "name": r.name, "role": r.role, "phone": r.phone, "status": r.status,
        "x": r.x, "y": r.y, "home_node_id": node_ids[r.home_node],
    } for r in c.responders])
    stage(len(c.responders), "Saving")
    session.commit()
    elapsed = perf_counter() - started
    logger.info("wrote demo site %d (%d rows) in %.2f s", site_id, total, elapsed)
    report(1.0, "Demo community ready")
    return site_id


def ensure_demo(engine: Engine, seed: int = DEFAULT_SEED, size: DemoSize = DemoSize(),
                progress: Progress | None = None) -> bool:
    """Seed an empty database with the demo community and accounts; leave any other alone."""
    report = progress or _silent
    with Session(engine) as session:
        if session.scalar(select(Site.id).limit(1)) is not None:
            return False
        report(0.0, "Generating demo community")
        community = generate(seed, size)
        report(0.15, "Creating demo accounts")
        existing = set(session.scalars(select(User.username)))
        for username, password, role, display_name in DEMO_ACCOUNTS:
            if username not in existing:
                create_user(session, username, password, role, display_name)
        try:  # accounts and community commit together
            write_demo(session, community, lambda f, m: report(0.3 + 0.7 * f, m))
        except IntegrityError:  # another workstation seeded the same database just now
            session.rollback()
            logger.info("demo community already being created elsewhere; leaving it")
            return False
    return True
