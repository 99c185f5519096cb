"""A read-only snapshot of the site for views: geometry, devices, people counts.

Loaded once off the UI thread; views render it without touching the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from .geometry import centroid
from .models import (
    Building,
    BuildingKind,
    Camera,
    Device,
    DeviceKind,
    DeviceStatus,
    PathEdge,
    PathNode,
    PathNodeKind,
    PtzPreset,
    Resident,
    Responder,
    ResponderRole,
    ResponderStatus,
    Site,
    Unit,
    Vehicle,
)

ELDERLY_AGE = 65
AGE_BIN_YEARS = 10
AGE_BINS = 10  # 0-9 … 90+


@dataclass(frozen=True)
class BuildingShape:
    id: int
    number: int
    name: str
    kind: BuildingKind
    footprint: tuple[tuple[float, float], ...]
    levels: int
    height_m: float

    @property
    def centre(self) -> tuple[float, float]:
        return centroid(self.footprint)


@dataclass(frozen=True)
class CameraPlacement:
    device_id: int
    code: str
    name: str
    x: float
    y: float
    z: float
    heading_deg: float
    fov_deg: float
    range_m: float
    is_ptz: bool
    status: DeviceStatus
    tilt_deg: float = -15.0  # negative looks down


@dataclass(frozen=True)
class PresetPoint:
    """A PTZ preset an installer pinned to a spot on the site (for the video lock)."""

    camera_code: str
    token: str
    name: str
    target_x: float
    target_y: float


@dataclass(frozen=True)
class DevicePoint:
    id: int
    kind: DeviceKind
    code: str
    name: str
    x: float
    y: float
    z: float
    status: DeviceStatus
    building_id: int | None


@dataclass(frozen=True)
class ResponderPoint:
    id: int
    name: str
    role: ResponderRole
    status: ResponderStatus
    x: float
    y: float


@dataclass(frozen=True)
class PathSegment:
    ax: float
    ay: float
    bx: float
    by: float
    vehicle_access: bool


@dataclass(frozen=True)
class Landmark:
    kind: PathNodeKind
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class SiteStats:
    buildings: int
    households: int
    residents: int
    aged_65_plus: int
    elderly_living_alone: int
    vehicles: int
    cameras: int
    sensors: int
    responders_total: int
    responders_available: int
    age_histogram: tuple[int, ...]  # residents per 10-year band, last band open
    devices_by_status: dict[DeviceStatus, int] = field(default_factory=dict)

    @property
    def elderly_share(self) -> float:
        return self.aged_65_plus / self.residents if self.residents else 0.0


@dataclass(frozen=True)
class SiteSnapshot:
    site_id: int
    code: str
    name: str
    width_m: float
    depth_m: float
    boundary: tuple[tuple[float, float], ...]
    buildings: tuple[BuildingShape, ...]
    paths: tuple[PathSegment, ...]
    landmarks: tuple[Landmark, ...]
    cameras: tuple[CameraPlacement, ...]
    sensors: tuple[DevicePoint, ...]
    responders: tuple[ResponderPoint, ...]
    stats: SiteStats
    presets: tuple[PresetPoint, ...] = ()


def _stats(session: Session, site_id: int, year: int) -> SiteStats:
    elderly_cut = year - ELDERLY_AGE
    resident_rows = session.execute(
        select(
            func.count(Resident.id),
            func.sum(case((Resident.birth_year <= elderly_cut, 1), else_=0)),
            func.sum(case(((Resident.birth_year <= elderly_cut) & Resident.lives_alone, 1), else_=0)),
        )
        .join(Unit, Resident.unit_id == Unit.id)
        .join(Building, Unit.building_id == Building.id)
        .where(Building.site_id == site_id)
    ).one()
    histogram = [0] * AGE_BINS
    for birth_year, n in session.execute(
        select(Resident.birth_year, func.count())
        .join(Unit, Resident.unit_id == Unit.id)
        .join(Building, Unit.building_id == Building.id)
        .where(Building.site_id == site_id)
        .group_by(Resident.birth_year)
    ):
        histogram[max(0, min((year - birth_year) // AGE_BIN_YEARS, AGE_BINS - 1))] += n
    households = session.scalar(
        select(func.count(Unit.id)).join(Building).where(Building.site_id == site_id)
    ) or 0
    vehicles = session.scalar(
        select(func.count(Vehicle.id)).join(Unit).join(Building).where(Building.site_id == site_id)
    ) or 0
    by_status: dict[DeviceStatus, int] = {}
    cameras = sensors = 0
    for kind, status, n in session.execute(
        select(Device.kind, Device.status, func.count())
        .where(Device.site_id == site_id)
        .group_by(Device.kind, Device.status)
    ):
        if kind is DeviceKind.CAMERA:
            cameras += n
            by_status[status] = by_status.get(status, 0) + n
        else:
            sensors += n
    responders = session.execute(
        select(Responder.status, func.count()).where(Responder.site_id == site_id).group_by(Responder.status)
    ).all()
    return SiteStats(
        buildings=session.scalar(select(func.count(Building.id)).where(Building.site_id == site_id)) or 0,
        households=households,
        residents=resident_rows[0] or 0,
        aged_65_plus=resident_rows[1] or 0,
        elderly_living_alone=resident_rows[2] or 0,
        vehicles=vehicles,
        cameras=cameras,
        sensors=sensors,
        responders_total=sum(n for _, n in responders),
        responders_available=sum(n for s, n in responders if s is ResponderStatus.AVAILABLE),
        age_histogram=tuple(histogram),
        devices_by_status=by_status,
    )


def load_snapshot(session: Session, site_code: str | None = None, now: datetime | None = None) -> SiteSnapshot | None:
    """The first site (or the one with this code); None if the database holds no site yet."""
    query = select(Site).order_by(Site.id)
    if site_code:
        query = query.where(Site.code == site_code)
    site = session.scalars(query.limit(1)).first()
    if site is None:
        return None
    year = (now or datetime.now()).year
    buildings = tuple(
        BuildingShape(b.id, b.number, b.name, b.kind, tuple((float(x), float(y)) for x, y in b.footprint),
                      b.levels, b.height_m)
        for b in session.scalars(select(Building).where(Building.site_id == site.id).order_by(Building.number))
    )
    nodes = {n.id: n for n in session.scalars(select(PathNode).where(PathNode.site_id == site.id))}
    paths = tuple(
        PathSegment(nodes[e.a_id].x, nodes[e.a_id].y, nodes[e.b_id].x, nodes[e.b_id].y, e.vehicle_access)
        for e in session.scalars(select(PathEdge).where(PathEdge.site_id == site.id))
    )
    landmarks = tuple(
        Landmark(n.kind, n.label, n.x, n.y)
        for n in nodes.values()
        if n.label and n.kind in (PathNodeKind.GATE, PathNodeKind.SQUARE, PathNodeKind.PARKING, PathNodeKind.POST)
    )
    cameras = tuple(
        CameraPlacement(d.id, d.code, d.name, d.x, d.y, d.z, c.heading_deg, c.fov_deg, c.range_m,
                        c.is_ptz, d.status, c.tilt_deg)
        for d, c in session.execute(
            select(Device, Camera).join(Camera, Camera.device_id == Device.id)
            .where(Device.site_id == site.id).order_by(Device.code)
        )
    )
    presets = tuple(
        PresetPoint(d.code, p.token, p.name, p.target_x, p.target_y)
        for d, p in session.execute(
            select(Device, PtzPreset).join(Camera, Camera.device_id == Device.id)
            .join(PtzPreset, PtzPreset.camera_id == Camera.id)
            .where(Device.site_id == site.id, PtzPreset.target_x.is_not(None), PtzPreset.target_y.is_not(None))
            .order_by(Device.code, PtzPreset.token)
        )
    )
    sensors = tuple(
        DevicePoint(d.id, d.kind, d.code, d.name, d.x, d.y, d.z, d.status, d.building_id)
        for d in session.scalars(
            select(Device).where(Device.site_id == site.id, Device.kind != DeviceKind.CAMERA).order_by(Device.code)
        )
    )
    responders = tuple(
        ResponderPoint(r.id, r.name, r.role, r.status, r.x, r.y)
        for r in session.scalars(select(Responder).where(Responder.site_id == site.id).order_by(Responder.id))
    )
    return SiteSnapshot(
        site_id=site.id, code=site.code, name=site.name, width_m=site.width_m, depth_m=site.depth_m,
        boundary=tuple((float(x), float(y)) for x, y in site.boundary),
        buildings=buildings, paths=paths, landmarks=landmarks, cameras=cameras,
        sensors=sensors, responders=responders, stats=_stats(session, site.id, year), presets=presets,
    )
