"""Sign-in: hashed passwords, uniform failures, an audit record for every attempt."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from cockpit.accounts import authenticate, create_user
from cockpit.errors import AuthenticationFailed
from cockpit.models import AuditEvent, User
from cockpit.roles import Role


@pytest.fixture
def session(db_engine: Engine):
    with Session(db_engine) as s:
        create_user(s, "li", "correct horse", Role.OPERATOR, "李值班")
        s.commit()
        yield s


def test_password_is_never_stored_plain(session: Session):
    user = session.scalar(select(User).where(User.username == "li"))
    assert "correct horse" not in user.password_hash


def test_success_returns_actor_and_audits(session: Session):
    actor = authenticate(session, "li", "correct horse", workstation="desk-3")
    assert (actor.username, actor.role, actor.workstation) == ("li", Role.OPERATOR, "desk-3")
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "login")).one()
    assert event.user_id == actor.user_id and event.workstation == "desk-3"


@pytest.mark.parametrize(("user", "password"), [("li", "wrong"), ("nobody", "correct horse")])
def test_failure_does_not_say_which_part_was_wrong(session: Session, user: str, password: str):
    with pytest.raises(AuthenticationFailed) as info:
        authenticate(session, user, password)
    assert str(info.value) == "Wrong user name or password."
    failed = session.scalars(select(AuditEvent).where(AuditEvent.action == "login.failed")).all()
    assert [e.username for e in failed] == [user]


def test_failed_attempts_are_counted_and_reset(session: Session):
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            authenticate(session, "li", "nope")
    assert session.scalar(select(User.failed_logins).where(User.username == "li")) == 3
    authenticate(session, "li", "correct horse")
    assert session.scalar(select(User.failed_logins).where(User.username == "li")) == 0


def test_disabled_account_cannot_sign_in(session: Session):
    session.scalar(select(User).where(User.username == "li")).active = False
    session.commit()
    with pytest.raises(AuthenticationFailed):
        authenticate(session, "li", "correct horse")
