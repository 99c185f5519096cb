"""What an operator does to an alarm in the queue: acknowledge it, take it (become its owner), release it.

Blocking functions meant for a worker thread (the UI's TaskRunner): each is one short transaction that
changes the alarm and writes its audit event together, then announces AlarmChanged(new=False).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from cockpit.alarm_events import AlarmChanged, AlarmView
from cockpit.alarm_rules import AlarmRules
from cockpit.audit import Actor, record
from cockpit.errors import CockpitError
from cockpit.incidents import LIVE_STATES
from cockpit.models import Alarm, AlarmState
from cockpit.roles import Permission, can
from services.database import DatabaseService

from .views import load_view

logger = logging.getLogger(__name__)

Sink = Callable[[object], None]


class AlarmActionRefused(CockpitError):
    """The action does not apply (no such alarm, closed, someone else owns it, no permission); nothing changed."""


class AlarmOperations:
    def __init__(self, db: DatabaseService, rules: AlarmRules, sink: Sink,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._db, self._rules, self._sink, self._clock = db, rules, sink, clock

    def acknowledge(self, alarm_id: int, actor: Actor) -> AlarmView:
        """NEW -> ACKNOWLEDGED (an operator has seen it); acknowledging twice is refused."""
        def act(session: Session, alarm: Alarm) -> dict[str, object]:
            if alarm.state != AlarmState.NEW:
                raise AlarmActionRefused(f"alarm {alarm.id} is {alarm.state.value}, not new")
            alarm.state = AlarmState.ACKNOWLEDGED
            alarm.acknowledged_at = self._clock()
            alarm.acknowledged_by_id = actor.user_id
            if alarm.owner_id is None:
                alarm.owner_id = actor.user_id  # who acknowledges holds it until they release it
            return {"from": AlarmState.NEW.value, "to": AlarmState.ACKNOWLEDGED.value}
        return self._do(alarm_id, actor, "alarm.acknowledge", act)

    def take(self, alarm_id: int, actor: Actor, *, force: bool = False) -> AlarmView:
        """The actor becomes the owner; taking one owned by someone else needs `force` (a supervisor's call)."""
        def act(session: Session, alarm: Alarm) -> dict[str, object]:
            if alarm.owner_id not in (None, actor.user_id) and not force:
                raise AlarmActionRefused(f"alarm {alarm.id} is owned by someone else")
            before = alarm.owner_id
            alarm.owner_id = actor.user_id
            return {"previous_owner_id": before}
        return self._do(alarm_id, actor, "alarm.take", act)

    def release(self, alarm_id: int, actor: Actor) -> AlarmView:
        """The owner gives the alarm back to the queue."""
        def act(session: Session, alarm: Alarm) -> dict[str, object]:
            if alarm.owner_id != actor.user_id:
                raise AlarmActionRefused(f"alarm {alarm.id} is not yours to release")
            alarm.owner_id = None
            return {}
        return self._do(alarm_id, actor, "alarm.release", act)

    def record_lock(self, alarm_id: int, camera: str, locked_at: datetime, actor: Actor) -> float | None:
        """The first live frame of `camera` was painted for this alarm: store the lock (the first one wins)
        and stop its incident's lock clock. Returns the lock time in seconds, or None if already locked.

        A measurement, not an operator's act: any signed-in role's screen counts, and a closed alarm too."""
        with self._db.session() as session:
            alarm = session.get(Alarm, alarm_id, with_for_update=True)
            if alarm is None:
                raise AlarmActionRefused(f"no alarm {alarm_id}")
            if alarm.video_locked_at is not None:
                return None
            alarm.video_locked_at, alarm.lock_camera = locked_at, camera[:32]
            lock_s = max(0.0, (locked_at - alarm.received_at).total_seconds())
            incident = alarm.incident
            if incident is not None and incident.video_locked_at is None and incident.state in LIVE_STATES:
                incident.video_locked_at = locked_at
            record(session, actor, "alarm.video_locked", target_type="alarm", target_id=alarm.id,
                   camera=camera, lock_s=round(lock_s, 3), incident_id=alarm.incident_id)
            session.commit()
        logger.info("alarm %d locked on %s in %.3f s", alarm_id, camera, lock_s)
        return lock_s

    def _do(self, alarm_id: int, actor: Actor, action: str,
            act: Callable[[Session, Alarm], dict[str, object]]) -> AlarmView:
        if not can(actor.role, Permission.HANDLE_ALARMS):
            raise AlarmActionRefused(f"{actor.username} may not handle alarms")
        with self._db.session() as session:
            alarm = session.get(Alarm, alarm_id, with_for_update=True)
            if alarm is None:
                raise AlarmActionRefused(f"no alarm {alarm_id}")
            if alarm.state in (AlarmState.CLOSED, AlarmState.SUPPRESSED):
                raise AlarmActionRefused(f"alarm {alarm_id} is {alarm.state.value}")
            detail = act(session, alarm)
            record(session, actor, action, target_type="alarm", target_id=alarm.id, **detail)
            session.flush()
            view = load_view(session, alarm, self._rules)
            session.commit()
        logger.info("%s by %s on alarm %d", action, actor.username, alarm_id)
        try:
            self._sink(AlarmChanged(view, new=False))
        except Exception:
            logger.exception("alarm sink failed")
        return view
