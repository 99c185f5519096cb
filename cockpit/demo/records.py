"""Frozen records of a generated demo community, with local indices, ready to be written."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from ..models.enums import (
    BuildingKind,
    DeviceKind,
    Gender,
    PathNodeKind,
    ResponderRole,
    ResponderStatus,
)

logger = logging.getLogger(__name__)

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class DemoSize:
    """How big a community to make; None means "derive from the number of buildings"."""

    buildings: int = 40
    households: int | None = None  # None -> ~50 per building
    residents: int | None = None  # None -> ~2.5 per household
    vehicles: int | None = None  # None -> ~0.4 per household
    cameras: int | None = None  # None -> ~1.5 per building
    sensors: int | None = None  # None -> ~5 per building, cameras not counted
    responders: int | None = None  # None -> 12 for 40 buildings, scales gently (min 4)

    def resolved(self) -> DemoSize:
        if self.buildings < 1:
            raise ValueError("a demo community needs at least one building")
        households = 50 * self.buildings if self.households is None else self.households
        residents = round(2.5 * households) if self.residents is None else self.residents
        values = {
            "buildings": self.buildings,
            "households": households,
            "residents": residents,
            "vehicles": round(0.4 * households) if self.vehicles is None else self.vehicles,
            "cameras": round(1.5 * self.buildings) if self.cameras is None else self.cameras,
            "sensors": 5 * self.buildings if self.sensors is None else self.sensors,
            "responders": (
                max(4, round(12 * math.sqrt(self.buildings / 40)))
                if self.responders is None
                else self.responders
            ),
        }
        negative = [name for name, value in values.items() if value < 0]
        if negative:
            raise ValueError(f"negative demo size for {', '.join(negative)}")
        return DemoSize(**values)


@dataclass(frozen=True, slots=True)
class DemoSite:
    code: str
    name: str
    city: str
    width_m: float
    depth_m: float
    origin_lat: float
    origin_lon: float
    timezone: str
    boundary: tuple[Point, ...]  # CCW, ring not closed


@dataclass(frozen=True, slots=True)
class DemoBuilding:
    number: int
    name: str
    kind: BuildingKind
    style: str  # 多层 / 小高层 / 高层 / 公建
    footprint: tuple[Point, ...]  # CCW rectangle, ring not closed
    levels: int
    height_m: float
    entrances: int
    dwellings_per_floor: int  # per entrance; 0 for non-residential buildings
    facing: str  # side the doors are on: N, S, E or W
    doors: tuple[Point, ...]  # one door point on the facade per entrance, west/south first


@dataclass(frozen=True, slots=True)
class DemoFloor:
    building: int  # index into DemoCommunity.buildings
    level: int
    elevation_m: float


@dataclass(frozen=True, slots=True)
class DemoUnit:
    building: int
    level: int  # the floor is (building, level)
    entrance: int
    room: str
    label: str
    area_m2: float
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class DemoResident:
    unit: int
    name: str
    gender: Gender
    birth_year: int
    phone: str | None
    id_number: str
    is_household_head: bool
    lives_alone: bool
    mobility_impaired: bool
    chronic_condition: str | None
    emergency_contact_name: str | None
    emergency_contact_phone: str | None


@dataclass(frozen=True, slots=True)
class DemoVehicle:
    plate: str
    unit: int
    parking_spot: str
    make: str
    colour: str
    new_energy: bool


@dataclass(frozen=True, slots=True)
class DemoPathNode:
    kind: PathNodeKind
    x: float
    y: float
    label: str | None = None
    building: int | None = None


@dataclass(frozen=True, slots=True)
class DemoPathEdge:
    a: int  # indices into DemoCommunity.nodes
    b: int
    length_m: float
    vehicle_access: bool


@dataclass(frozen=True, slots=True)
class DemoCamera:
    heading_deg: float  # compass: 0 = north (+y), clockwise
    tilt_deg: float
    fov_deg: float
    range_m: float
    is_ptz: bool
    manufacturer: str
    model: str
    # What the camera was placed to watch: inside its cone and range by construction.
    target_x: float
    target_y: float
    target: str


@dataclass(frozen=True, slots=True)
class DemoDevice:
    kind: DeviceKind
    code: str
    name: str
    x: float
    y: float
    z: float
    building: int | None = None
    level: int | None = None  # with building: the floor
    unit: int | None = None
    resident: int | None = None
    camera: DemoCamera | None = None


@dataclass(frozen=True, slots=True)
class DemoResponder:
    name: str
    role: ResponderRole
    phone: str
    status: ResponderStatus
    home_node: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class DemoCommunity:
    seed: int
    reference_year: int
    size: DemoSize  # resolved
    site: DemoSite
    buildings: tuple[DemoBuilding, ...]
    floors: tuple[DemoFloor, ...]
    units: tuple[DemoUnit, ...]
    residents: tuple[DemoResident, ...]
    vehicles: tuple[DemoVehicle, ...]
    nodes: tuple[DemoPathNode, ...]
    edges: tuple[DemoPathEdge, ...]
    devices: tuple[DemoDevice, ...]
    responders: tuple[DemoResponder, ...]

    @property
    def cameras(self) -> tuple[DemoDevice, ...]:
        return tuple(d for d in self.devices if d.camera is not None)

    def row_counts(self) -> dict[str, int]:
        """Rows per table that writing this community adds."""
        return {
            "sites": 1,
            "buildings": len(self.buildings),
            "floors": len(self.floors),
            "units": len(self.units),
            "residents": len(self.residents),
            "vehicles": len(self.vehicles),
            "path_nodes": len(self.nodes),
            "path_edges": len(self.edges),
            "devices": len(self.devices),
            "cameras": len(self.cameras),
            "responders": len(self.responders),
        }
