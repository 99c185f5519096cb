"""Alarms, incidents and dispatch: the records the SLA clocks are derived from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, str_enum, utcnow
from .enums import AlarmKind, AlarmSource, AlarmState, DispatchState, IncidentState


class Alarm(Base):
    __tablename__ = "alarms"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AlarmKind] = mapped_column(str_enum(AlarmKind))
    source: Mapped[AlarmSource] = mapped_column(str_enum(AlarmSource))
    state: Mapped[AlarmState] = mapped_column(str_enum(AlarmState), default=AlarmState.NEW, index=True)
    priority: Mapped[int] = mapped_column(Integer, default=3)  # 1 (highest) .. 4
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id", ondelete="SET NULL"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id", ondelete="SET NULL"))
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id", ondelete="SET NULL"))
    floor_id: Mapped[int | None] = mapped_column(ForeignKey("floors.id", ondelete="SET NULL"))
    x: Mapped[float | None] = mapped_column(Float)
    y: Mapped[float | None] = mapped_column(Float)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())  # source's clock
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    repeat_count: Mapped[int] = mapped_column(Integer, default=1)  # merged duplicates
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Classification as decided at ingest (rules may change later; the queue shows what was decided).
    category: Mapped[str | None] = mapped_column(String(32))
    rule_name: Mapped[str | None] = mapped_column(String(64))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))  # who took it
    # The source's own key (MQTT message id, camera event key): a redelivery finds it and is not stored twice.
    source_ref: Mapped[str | None] = mapped_column(String(128), index=True)
    # Video lock: the first live frame of a camera that sees the place, painted for an operator (lock
    # time = video_locked_at - received_at; the 10-second promise).
    video_locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lock_camera: Mapped[str | None] = mapped_column(String(32))

    incident: Mapped[Incident | None] = relationship(back_populates="alarms")


class AlarmSourceRef(Base):
    """The source key of every occurrence merged into an existing alarm (the first one is Alarm.source_ref).

    A redelivered message (MQTT QoS 1 after a crash between commit and acknowledgement) is recognised by
    its key, so it is never counted twice, however many repeats the alarm has absorbed.
    """

    __tablename__ = "alarm_source_refs"

    ref: Mapped[str] = mapped_column(String(128), primary_key=True)
    alarm_id: Mapped[int] = mapped_column(ForeignKey("alarms.id", ondelete="CASCADE"), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class MaintenanceWindow(Base):
    """While a device, building or zone is being worked on, its alarms are stored as suppressed, not shown.

    Exactly one of device_code, building_id, zone is expected (a row with none suppresses nothing);
    supervisors set these in the UI, so they live in the database rather than in a config file.
    """

    __tablename__ = "maintenance_windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    device_code: Mapped[str | None] = mapped_column(String(32))
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id", ondelete="CASCADE"))
    zone: Mapped[str | None] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    reason: Mapped[str] = mapped_column(String(256), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(128))
    kind: Mapped[AlarmKind] = mapped_column(str_enum(AlarmKind))
    priority: Mapped[int] = mapped_column(Integer)
    state: Mapped[IncidentState] = mapped_column(
        str_enum(IncidentState), default=IncidentState.OPEN, index=True
    )
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    x: Mapped[float | None] = mapped_column(Float)
    y: Mapped[float | None] = mapped_column(Float)
    # SLA clocks derive from these stored instants, so they survive a restart.
    first_alarm_at: Mapped[datetime] = mapped_column(UTCDateTime())
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    video_locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)

    alarms: Mapped[list[Alarm]] = relationship(back_populates="incident")
    dispatches: Mapped[list[DispatchTask]] = relationship(back_populates="incident")


class DispatchTask(Base):
    __tablename__ = "dispatch_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    responder_id: Mapped[int] = mapped_column(
        ForeignKey("responders.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[DispatchState] = mapped_column(str_enum(DispatchState))
    eta_s: Mapped[float | None] = mapped_column(Float)
    notified_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    incident: Mapped[Incident] = relationship(back_populates="dispatches")
