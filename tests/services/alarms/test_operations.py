"""Acknowledge, take and release: each changes the alarm and writes its audit event in one commit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cockpit.audit import Actor
from cockpit.models import Alarm, AlarmKind, AlarmSource, AlarmState, AuditEvent, User
from services.alarms import AlarmInput
from services.alarms.operations import AlarmActionRefused, AlarmOperations

from .conftest import Events


def _actor(db, name: str) -> Actor:
    with Session(db.engine) as session:
        return Actor.of(session.scalar(select(User).where(User.username == name)))


def test_acknowledge_take_release_are_audited_and_announced(db, make_ingest, events):
    ingest = make_ingest(mqtt=False)
    alarm_id = ingest.submit(AlarmInput(AlarmKind.SMOKE, AlarmSource.SENSOR, datetime.now(UTC),
                                        device_code="SMK-0005")).result(5).alarm_id
    changes = Events()
    ops = AlarmOperations(db, ingest.rules, changes)
    operator, supervisor, installer = _actor(db, "operator"), _actor(db, "supervisor"), _actor(db, "installer")

    view = ops.acknowledge(alarm_id, operator)
    assert (view.state, view.owner) == (AlarmState.ACKNOWLEDGED, "operator")
    with pytest.raises(AlarmActionRefused, match="not new"):
        ops.acknowledge(alarm_id, operator)
    with pytest.raises(AlarmActionRefused, match="owned by someone else"):
        ops.take(alarm_id, supervisor)
    with pytest.raises(AlarmActionRefused, match="not yours"):
        ops.release(alarm_id, supervisor)
    with pytest.raises(AlarmActionRefused, match="may not handle"):
        ops.take(alarm_id, installer)
    assert ops.release(alarm_id, operator).owner is None
    assert ops.take(alarm_id, supervisor).owner == "supervisor"
    assert ops.take(alarm_id, operator, force=True).owner == "operator"

    with Session(db.engine) as session:
        alarm = session.get(Alarm, alarm_id)
        assert alarm.acknowledged_by_id == operator.user_id and alarm.acknowledged_at is not None
        audit = session.execute(select(AuditEvent.action, AuditEvent.username).where(
            AuditEvent.target_type == "alarm", AuditEvent.target_id == alarm_id).order_by(AuditEvent.id)).all()
    assert audit == [("alarm.acknowledge", "operator"), ("alarm.release", "operator"),
                     ("alarm.take", "supervisor"), ("alarm.take", "operator")]
    assert [e.alarm.owner for e in changes.items] == ["operator", None, "supervisor", "operator"]
    assert not any(e.new for e in changes.items)
