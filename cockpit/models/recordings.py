"""Recorded footage: one row per clip file on disk, so retention and the incident view never scan folders."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, str_enum, utcnow
from .enums import RecordingReason


class Recording(Base):
    """A clip written by the recorder (services/recording). The row is committed only once the file is
    complete; `camera_code` is kept beside the foreign key so footage still names its camera after the
    camera is removed (footage can be evidence, so removing a camera never deletes it)."""

    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    camera_id: Mapped[int | None] = mapped_column(
        ForeignKey("cameras.id", ondelete="SET NULL"), index=True
    )
    camera_code: Mapped[str] = mapped_column(String(32), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # first picture in the file
    ended_at: Mapped[datetime] = mapped_column(UTCDateTime())  # last picture in the file
    path: Mapped[str] = mapped_column(String(512))  # relative to the recording directory, "/" separated
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    container: Mapped[str] = mapped_column(String(16), default="mp4")  # mp4, or matroska for odd codecs
    codec: Mapped[str] = mapped_column(String(16))
    width: Mapped[int | None] = mapped_column()
    height: Mapped[int | None] = mapped_column()
    reason: Mapped[RecordingReason] = mapped_column(str_enum(RecordingReason))
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )
    alarm_id: Mapped[int | None] = mapped_column(ForeignKey("alarms.id", ondelete="SET NULL"), index=True)
    evidence: Mapped[bool] = mapped_column(Boolean, default=False)  # never deleted by retention
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set when retention finds the file gone; such a row counts no bytes and says so in the UI.
    file_missing_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
