"""What the dispatch service decided by itself: escalations it acted on, once each, across restarts and workstations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class EscalationAction(Base):
    """One escalation acted on (the next responder sent, the supervisor alerted).

    `key` is unique: the act and this row commit together, so a restarted service, or a second
    workstation on the same database, finds the key and never acts twice. Supervisor alerts stay
    on screen until someone acknowledges them (`acknowledged_at`).
    """

    __tablename__ = "escalation_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # offer_next_responder | alert_supervisor
    reason: Mapped[str] = mapped_column(String(32))  # not_accepted, declined, eta_beyond_deadline, ...
    dispatch_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch_tasks.id", ondelete="SET NULL"))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
