"""User accounts and log-in, with every attempt audited."""

from __future__ import annotations

import logging
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .errors import AuthenticationFailed
from .models import User, utcnow
from .passwords import hash_password, needs_rehash, verify_password
from .roles import Role

logger = logging.getLogger(__name__)


@cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so timing does not reveal valid names."""
    return hash_password("not-a-real-password")


def create_user(
    session: Session, username: str, password: str, role: Role, display_name: str | None = None
) -> User:
    username = username.strip()
    if not username:
        raise ValueError("empty user name")
    user = User(
        username=username,
        display_name=display_name or username,
        role=role,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    audit.record(session, None, "user.created", target_type="user", target_id=user.id,
                 username=username, role=role.value)
    return user


def authenticate(session: Session, username: str, password: str, workstation: str | None = None) -> audit.Actor:
    """Return the actor on success; raise AuthenticationFailed without saying which part was wrong."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    ok = verify_password(user.password_hash if user else _dummy_hash(), password)
    if user is None or not user.active or not ok:
        if user is not None:
            user.failed_logins += 1
        audit.record(session, None, "login.failed", username=username.strip()[:64],
                     workstation=workstation)
        session.commit()
        logger.warning("failed log-in for user %r", username)
        raise AuthenticationFailed("Wrong user name or password.")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.last_login_at = utcnow()
    actor = audit.Actor.of(user, workstation)
    audit.record(session, actor, "login", target_type="user", target_id=user.id)
    session.commit()
    logger.info("user %s logged in as %s", user.username, user.role.value)
    return actor
