"""Append-only audit records: every access to people's data leaves one."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from .models import AuditEvent, User
from .roles import Role


@dataclass(frozen=True)
class Actor:
    """Who is acting, as the services see it (no ORM row to go stale across threads)."""

    user_id: int | None
    username: str
    role: Role
    display_name: str = ""
    workstation: str = socket.gethostname()

    @classmethod
    def of(cls, user: User, workstation: str | None = None) -> Actor:
        return cls(
            user_id=user.id,
            username=user.username,
            role=user.role,
            display_name=user.display_name,
            workstation=workstation or socket.gethostname(),
        )


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    *,
    target_type: str | None = None,
    target_id: int | None = None,
    username: str | None = None,
    **detail: Any,
) -> AuditEvent:
    """Add an audit event to the session; the caller's commit makes it durable with the act."""
    event = AuditEvent(
        user_id=actor.user_id if actor else None,
        username=actor.username if actor else username,
        action=action,
        target_type=target_type,
        target_id=target_id,
        workstation=actor.workstation if actor else socket.gethostname(),
        detail=detail,
    )
    session.add(event)
    return event
