"""The community's physical and human make-up: site, buildings, homes, people, walkways."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum
from .enums import BuildingKind, Gender, PathNodeKind, ResponderRole, ResponderStatus


class Site(Base):
    """One community. Geometry is in site metres: x east, y north, z up."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    city: Mapped[str | None] = mapped_column(String(64))
    width_m: Mapped[float] = mapped_column(Float)
    depth_m: Mapped[float] = mapped_column(Float)
    # Site origin on the globe (WGS84) so maps and GIS exports can be aligned later.
    origin_lat: Mapped[float | None] = mapped_column(Float)
    origin_lon: Mapped[float | None] = mapped_column(Float)
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    boundary: Mapped[list[list[float]]] = mapped_column(JSON, default=list)

    buildings: Mapped[list[Building]] = relationship(back_populates="site")


class Building(Base):
    __tablename__ = "buildings"
    __table_args__ = (UniqueConstraint("site_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 幢号, what residents call it
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[BuildingKind] = mapped_column(str_enum(BuildingKind))
    footprint: Mapped[list[list[float]]] = mapped_column(JSON)  # polygon, site metres, CCW
    levels: Mapped[int] = mapped_column(Integer)  # floors above ground
    height_m: Mapped[float] = mapped_column(Float)
    entrances: Mapped[int] = mapped_column(Integer, default=1)  # 单元 (stairwells)

    site: Mapped[Site] = relationship(back_populates="buildings")
    floors: Mapped[list[Floor]] = relationship(back_populates="building", order_by="Floor.level")
    units: Mapped[list[Unit]] = relationship(back_populates="building")


class Floor(Base):
    __tablename__ = "floors"
    __table_args__ = (UniqueConstraint("building_id", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int] = mapped_column(
        ForeignKey("buildings.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[int] = mapped_column(Integer)  # 1 = ground floor, negative = basement
    elevation_m: Mapped[float] = mapped_column(Float)

    building: Mapped[Building] = relationship(back_populates="floors")


class Unit(Base):
    """A dwelling and the household living in it."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("building_id", "entrance", "room"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int] = mapped_column(
        ForeignKey("buildings.id", ondelete="CASCADE"), index=True
    )
    floor_id: Mapped[int] = mapped_column(ForeignKey("floors.id", ondelete="CASCADE"), index=True)
    entrance: Mapped[int] = mapped_column(Integer)  # 单元
    room: Mapped[str] = mapped_column(String(16))  # 室, e.g. "1502"
    label: Mapped[str] = mapped_column(String(32), index=True)  # "12-2-1502": building-entrance-room
    area_m2: Mapped[float | None] = mapped_column(Float)
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)

    building: Mapped[Building] = relationship(back_populates="units")
    floor: Mapped[Floor] = relationship()
    residents: Mapped[list[Resident]] = relationship(back_populates="unit")
    vehicles: Mapped[list[Vehicle]] = relationship(back_populates="unit")


class Resident(Base):
    __tablename__ = "residents"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(32), index=True)
    gender: Mapped[Gender] = mapped_column(str_enum(Gender))
    birth_year: Mapped[int] = mapped_column(Integer)
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    id_number: Mapped[str | None] = mapped_column(String(18))
    is_household_head: Mapped[bool] = mapped_column(Boolean, default=False)
    # Vulnerability flags: who needs a faster, gentler response.
    lives_alone: Mapped[bool] = mapped_column(Boolean, default=False)
    mobility_impaired: Mapped[bool] = mapped_column(Boolean, default=False)
    chronic_condition: Mapped[str | None] = mapped_column(String(64))
    emergency_contact_name: Mapped[str | None] = mapped_column(String(32))
    emergency_contact_phone: Mapped[str | None] = mapped_column(String(20))

    unit: Mapped[Unit] = relationship(back_populates="residents")


class Vehicle(Base):
    __tablename__ = "vehicles"
    __table_args__ = (UniqueConstraint("plate"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plate: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    parking_spot: Mapped[str | None] = mapped_column(String(16))
    make: Mapped[str | None] = mapped_column(String(32))
    colour: Mapped[str | None] = mapped_column(String(16))
    new_energy: Mapped[bool] = mapped_column(Boolean, default=False)

    unit: Mapped[Unit | None] = relationship(back_populates="vehicles")


class PathNode(Base):
    """A walkway vertex; edges join them into the network responders walk."""

    __tablename__ = "path_nodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    kind: Mapped[PathNodeKind] = mapped_column(str_enum(PathNodeKind))
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    label: Mapped[str | None] = mapped_column(String(64))
    building_id: Mapped[int | None] = mapped_column(
        ForeignKey("buildings.id", ondelete="SET NULL"), index=True
    )


class PathEdge(Base):
    __tablename__ = "path_edges"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("path_nodes.id", ondelete="CASCADE"), index=True)
    b_id: Mapped[int] = mapped_column(ForeignKey("path_nodes.id", ondelete="CASCADE"), index=True)
    length_m: Mapped[float] = mapped_column(Float)
    # Main roads allow vehicles; footpaths do not. Routing may prefer one or the other.
    vehicle_access: Mapped[bool] = mapped_column(Boolean, default=False)


class Responder(Base):
    __tablename__ = "responders"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    role: Mapped[ResponderRole] = mapped_column(str_enum(ResponderRole))
    phone: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[ResponderStatus] = mapped_column(str_enum(ResponderStatus))
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    home_node_id: Mapped[int | None] = mapped_column(
        ForeignKey("path_nodes.id", ondelete="SET NULL")
    )
