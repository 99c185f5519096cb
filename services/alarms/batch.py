"""One batch of alarm inputs inside one transaction: idempotence, merge, suppression, classification.

Kept apart from the writer's thread and retry logic so that the rules of what an input becomes are
read in one place. Nothing here touches the writer's memory until `remember()`, after the commit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from cockpit.alarm_events import AlarmView
from cockpit.alarm_rules import AlarmRules, classify
from cockpit.models import Alarm, AlarmSourceRef, AlarmState

from .dedupe import OPEN_STATES, Key, OpenAlarms, SeenRefs, dedupe_key
from .directory import DeviceDirectory, DeviceFacts, facts_for
from .inputs import AlarmInput
from .views import alarm_view, place_of
from .windows import MaintenanceSchedule

logger = logging.getLogger(__name__)

Status = Literal["new", "merged", "suppressed", "duplicate", "cleared", "ignored", "rejected"]


_COUNTERS: dict[str, str] = {"new": "persisted", "merged": "merged", "suppressed": "suppressed",
                             "duplicate": "redelivered", "cleared": "cleared", "rejected": "rejected"}


@dataclass(frozen=True)
class Outcome:
    """What became of one input, once committed. `alarm_id` is the alarm it created or merged into."""

    status: Status
    alarm_id: int | None = None
    reason: str = ""


@dataclass
class _Step:
    status: Status
    alarm: Alarm | None = None
    device: DeviceFacts | None = None
    reason: str = ""


class Batch:
    def __init__(self, session: Session, directory: DeviceDirectory, rules: AlarmRules,
                 schedule: MaintenanceSchedule, seen: SeenRefs, open_alarms: OpenAlarms) -> None:
        self._s, self._dir, self._rules, self._schedule = session, directory, rules, schedule
        self._seen, self._open = seen, open_alarms
        self._steps: list[_Step] = []
        self._refs: dict[str, Alarm] = {}  # source keys stored by this batch
        self._keys: dict[Key, tuple[Alarm, datetime]] = {}  # alarms created or merged by this batch
        self._stored: set[str] = set()  # source keys found in the database by prefetch()
        self._merged_refs: list[tuple[str, Alarm, datetime]] = []  # -> alarm_source_refs once ids exist
        self._changed: dict[int, Alarm] = {}  # id(alarm) -> alarm to announce
        self.counts = dict.fromkeys(("persisted", "merged", "suppressed", "rejected", "redelivered", "cleared"), 0)

    # -- per input --------------------------------------------------------------------------------

    def prefetch(self, refs: list[str]) -> None:
        """One query for the batch's source keys the writer does not remember (older than its memory)."""
        unknown = [r for r in refs if self._seen.get(r) is None]
        for i in range(0, len(unknown), 500):
            chunk = unknown[i:i + 500]
            self._stored.update(self._s.scalars(select(Alarm.source_ref).where(Alarm.source_ref.in_(chunk))))
            self._stored.update(self._s.scalars(select(AlarmSourceRef.ref).where(AlarmSourceRef.ref.in_(chunk))))

    def add(self, item: AlarmInput, received_at: datetime) -> None:
        step = self._step(item, received_at)
        if step.status == "rejected":
            logger.warning("alarm input rejected (%s): %s %s from %s", step.reason, item.source, item.kind,
                           item.device_code or "-")
        counter = _COUNTERS.get(step.status)
        if counter:
            self.counts[counter] += 1
        self._steps.append(step)

    def _already_stored(self, ref: str) -> bool:
        return ref in self._refs or ref in self._stored or self._seen.get(ref) is not None

    def _step(self, item: AlarmInput, received_at: datetime) -> _Step:
        if item.source_ref and self._already_stored(item.source_ref):
            return _Step("duplicate")
        device = None
        if item.device_code is not None:
            device = self._dir.device(self._s, item.device_code)
            if device is None:
                return _Step("rejected", reason=f"unknown device {item.device_code!r}")
        elif item.x is None and item.building_id is None:
            return _Step("rejected", reason="no device, position or building")
        building_id = device.building_id if device else item.building_id
        x, y = (device.x, device.y) if device else (item.x, item.y)
        window = self._schedule.window_for(self._s, received_at, item.device_code, building_id, item.zones)
        suppressed = window is not None
        key = dedupe_key(item.kind, device.id if device else None, building_id, x, y, suppressed)
        existing = self._existing(key, received_at, suppressed)
        if item.clear:
            if existing is None:
                return _Step("ignored")
            existing.details = {**(existing.details or {}), "cleared_at": item.occurred_at.isoformat()}
            return _Step("cleared", existing, device)
        if existing is not None:
            existing.repeat_count = (existing.repeat_count or 1) + 1
            details = dict(existing.details or {})
            details["last_at"] = received_at.isoformat()
            existing.details = details
            if item.source_ref:
                self._merged_refs.append((item.source_ref, existing, received_at))
            self._remember_key(key, existing, received_at, item.source_ref)
            if not suppressed:
                self._changed[id(existing)] = existing
            return _Step("suppressed" if suppressed else "merged", existing, device)
        alarm = self._new_alarm(item, received_at, device, building_id, x, y)
        if window is not None:
            alarm.state = AlarmState.SUPPRESSED
            alarm.details = {**alarm.details, "maintenance_window": window.id}
        self._s.add(alarm)
        self._remember_key(key, alarm, received_at, item.source_ref)
        if not suppressed:
            self._changed[id(alarm)] = alarm
        return _Step("suppressed" if suppressed else "new", alarm, device)

    def _existing(self, key: Key, received_at: datetime, suppressed: bool) -> Alarm | None:
        if key in self._keys:
            alarm, last_at = self._keys[key]
            if received_at - last_at <= self._open.window:
                return alarm
        alarm_id = self._open.get(key, received_at)
        if alarm_id is None:
            return None
        alarm = self._s.get(Alarm, alarm_id)
        if alarm is None:
            return None
        still_open = alarm.state == AlarmState.SUPPRESSED if suppressed else alarm.state in OPEN_STATES
        return alarm if still_open else None

    def _remember_key(self, key: Key, alarm: Alarm, received_at: datetime, ref: str | None) -> None:
        self._keys[key] = (alarm, received_at)
        if ref:
            self._refs[ref] = alarm

    def _new_alarm(self, item: AlarmInput, received_at: datetime, device: DeviceFacts | None,
                   building_id: int | None, x: float | None, y: float | None) -> Alarm:
        building = self._dir.building(self._s, building_id) if device is None and building_id else None
        facts = facts_for(item.kind, item.source, received_at, self._dir.local_time(received_at), device, building,
                          item.zones)
        c = classify(facts, self._rules)
        alarm = Alarm(
            site_id=self._dir.site.id, kind=item.kind, source=item.source, state=AlarmState.NEW,
            priority=int(c.priority), category=c.category, rule_name=c.rule_name,
            device_id=device.id if device else None, resident_id=device.resident_id if device else None,
            building_id=building_id, floor_id=device.floor_id if device else None, x=x, y=y,
            occurred_at=item.occurred_at, received_at=received_at, repeat_count=1, source_ref=item.source_ref,
            details={**item.details, "last_at": received_at.isoformat()})
        return alarm

    # -- after flush / commit ------------------------------------------------------------------------

    def _view(self, alarm: Alarm, device: DeviceFacts | None) -> AlarmView:
        building = None
        if device is None and alarm.building_id is not None:
            b = self._dir.building(self._s, alarm.building_id)
            building = b[1] if b else None
        return alarm_view(alarm, self._rules, device_code=device.code if device else None,
                          place=place_of(device.name if device else None, building, alarm.x, alarm.y))

    def outcomes(self) -> tuple[list[Outcome], list[tuple[AlarmView, bool]]]:
        """Call after flush (ids assigned): the outcome per input and the events to send after commit;
        adds the merged source keys (they need the ids) to the same transaction."""
        self._s.add_all([AlarmSourceRef(ref=ref, alarm_id=a.id, received_at=at) for ref, a, at in self._merged_refs])
        devices = {id(s.alarm): s.device for s in self._steps if s.alarm is not None}
        outcomes = [Outcome(s.status, s.alarm.id if s.alarm is not None else None, s.reason) for s in self._steps]
        created = {id(s.alarm) for s in self._steps if s.status == "new"}
        events = [(self._view(a, devices.get(key)), key in created) for key, a in self._changed.items()]
        return outcomes, events

    def remember(self) -> None:
        """Committed: let the writer's memory know the new source keys and open alarms."""
        for ref, alarm in self._refs.items():
            self._seen.add(ref, alarm.id)
        for key, (alarm, last_at) in self._keys.items():
            self._open.put(key, alarm.id, last_at)
