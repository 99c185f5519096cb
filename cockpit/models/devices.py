"""Devices on site; cameras carry the extra ONVIF and placement data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, str_enum, utcnow
from .enums import DeviceKind, DeviceStatus, StreamRole


class Device(Base):
    __tablename__ = "devices"
    __table_args__ = (UniqueConstraint("code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    kind: Mapped[DeviceKind] = mapped_column(str_enum(DeviceKind), index=True)
    code: Mapped[str] = mapped_column(String(32))  # asset tag, e.g. "CAM-014"
    name: Mapped[str] = mapped_column(String(64))
    status: Mapped[DeviceStatus] = mapped_column(str_enum(DeviceStatus), default=DeviceStatus.UNKNOWN)
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    z: Mapped[float] = mapped_column(Float, default=0.0)
    building_id: Mapped[int | None] = mapped_column(
        ForeignKey("buildings.id", ondelete="SET NULL"), index=True
    )
    floor_id: Mapped[int | None] = mapped_column(ForeignKey("floors.id", ondelete="SET NULL"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    # Wearables and home emergency buttons belong to a person.
    resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("residents.id", ondelete="SET NULL"), index=True
    )
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    camera: Mapped[Camera | None] = relationship(back_populates="device", uselist=False)


class Camera(Base):
    """Placement (heading/tilt/FOV in site terms) plus how to reach the camera."""

    __tablename__ = "cameras"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), unique=True
    )
    onvif_url: Mapped[str | None] = mapped_column(String(255))
    # Key into the credential store; secrets never live in this database in plain text.
    credential_ref: Mapped[str | None] = mapped_column(String(64))
    manufacturer: Mapped[str | None] = mapped_column(String(64))
    model: Mapped[str | None] = mapped_column(String(64))
    firmware: Mapped[str | None] = mapped_column(String(64))
    heading_deg: Mapped[float] = mapped_column(Float)  # 0 = north, clockwise
    tilt_deg: Mapped[float] = mapped_column(Float, default=-15.0)  # negative looks down
    fov_deg: Mapped[float] = mapped_column(Float)  # horizontal
    range_m: Mapped[float] = mapped_column(Float)  # useful viewing distance
    is_ptz: Mapped[bool] = mapped_column(default=False)

    device: Mapped[Device] = relationship(back_populates="camera")
    profiles: Mapped[list[CameraProfile]] = relationship(
        back_populates="camera", cascade="all, delete-orphan"
    )
    presets: Mapped[list[PtzPreset]] = relationship(
        back_populates="camera", cascade="all, delete-orphan"
    )


class CameraProfile(Base):
    __tablename__ = "camera_profiles"
    __table_args__ = (UniqueConstraint("camera_id", "token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[StreamRole] = mapped_column(str_enum(StreamRole))
    encoding: Mapped[str | None] = mapped_column(String(16))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    fps: Mapped[float | None] = mapped_column(Float)
    gop: Mapped[int | None] = mapped_column(Integer)
    stream_uri: Mapped[str | None] = mapped_column(String(255))

    camera: Mapped[Camera] = relationship(back_populates="profiles")


class PtzPreset(Base):
    __tablename__ = "ptz_presets"
    __table_args__ = (UniqueConstraint("camera_id", "token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(64))
    pan: Mapped[float | None] = mapped_column(Float)
    tilt: Mapped[float | None] = mapped_column(Float)
    zoom: Mapped[float | None] = mapped_column(Float)
    # Where on the site the preset looks, so an alarm can pick the nearest one.
    target_x: Mapped[float | None] = mapped_column(Float)
    target_y: Mapped[float | None] = mapped_column(Float)

    camera: Mapped[Camera] = relationship(back_populates="presets")


class CameraCredential(Base):
    """A camera's login, referenced by Camera.credential_ref. The secret is ciphertext (Fernet); the key
    lives in a file outside the database (services/onvif/credentials.py), so a copy of the database
    alone reveals no password."""

    __tablename__ = "camera_credentials"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    secret: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
