"""One batch of alarm inputs inside one transaction: idempotence, merge, suppression, classification.

Kept apart from the writer's thread and retry logic so that the rules of what an input becomes are
read in one place. Nothing here touches the writer's memory until `remember()`, after the commit.

The statements are per batch, not per input (docs/PERFORMANCE.md, "Alarm burst"): one look-up of the
source keys the writer does not remember, one load of the open alarms the batch may merge into (their
state decides whether they are still open, and operators change it meanwhile), then at the end one
multi-row INSERT of the new alarms (RETURNING their ids), one executemany UPDATE of each alarm that
absorbed repeats (its final count and details, once) and one INSERT of the merged source keys. In
between, every decision is made on plain records in memory: no ORM unit of work per row.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    ARRAY,
    Connection,
    Integer,
    String,
    any_,
    bindparam,
    cast,
    func,
    insert,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from cockpit.alarm_events import AlarmView
from cockpit.alarm_rules import AlarmRules, classify
from cockpit.models import Alarm, AlarmSourceRef, AlarmState

from .dedupe import FIXED_COLUMNS, OPEN_STATES, Key, OpenAlarms, SeenRefs, dedupe_key
from .directory import DeviceDirectory, DeviceFacts, facts_for
from .inputs import AlarmInput
from .views import ViewStyles, place_of
from .windows import MaintenanceSchedule

logger = logging.getLogger(__name__)

Status = Literal["new", "merged", "suppressed", "duplicate", "cleared", "ignored", "rejected"]


_COUNTERS: dict[str, str] = {"new": "persisted", "merged": "merged", "suppressed": "suppressed",
                             "duplicate": "redelivered", "cleared": "cleared", "rejected": "rejected"}

_ALARMS = Alarm.__table__
_REFS = AlarmSourceRef.__table__
_C = _ALARMS.c
_SUPPRESSED = AlarmState.SUPPRESSED
_CHUNK = 500  # values per look-up statement

# What the batch reads of a stored alarm it may merge into: its state (still open?), count and details (to
# update them) and what else of its AlarmView may have changed since (an operator's or an incident's doing).
# The rest of the view (FIXED_COLUMNS) never changes after the insert: the writer's memory has it.
_LOAD_COLUMNS = (_C.id, _C.state, _C.repeat_count, _C.details, _C.incident_id, _C.video_locked_at, _C.lock_camera)


class Statements:
    """The batch's statements for one database. The two look-ups take a whole list in ONE bound parameter
    (SQLite: a JSON array read by json_each; PostgreSQL: an array with = ANY), so their SQL is the same
    whatever the batch holds: no IN (...) re-rendered per call, and the driver's prepared statement is
    reused (an expanding IN gives a new statement text for every list length). Without JSON1 in SQLite,
    an expanding IN (...)."""

    def __init__(self, dialect: str, *, json_each: bool = True) -> None:
        self.dialect = dialect
        if dialect == "postgresql":
            def member(col: Any, name: str, item: Any) -> Any:
                return col == any_(cast(bindparam(name), ARRAY(item)))
            self._pack: Any = list
        elif dialect == "sqlite" and json_each:
            def member(col: Any, name: str, item: Any) -> Any:
                values = func.json_each(bindparam(name, type_=String)).table_valued("value")
                return col.in_(select(values.c.value).scalar_subquery())
            self._pack = json.dumps
        else:
            def member(col: Any, name: str, item: Any) -> Any:
                return col.in_(bindparam(name, expanding=True))
            self._pack = list
        self.known = union_all(select(_C.source_ref).where(member(_C.source_ref, "refs", String)),
                               select(_REFS.c.ref).where(member(_REFS.c.ref, "refs2", String)))
        self.load = select(*_LOAD_COLUMNS).where(member(_C.id, "ids", Integer))
        # New alarms with a source key: one multi-row INSERT; the rows come back in any order, matched by
        # their key (unique within a batch: a second input with the same key is a duplicate). Without a
        # key (manual, some analytics: rare) the ids come back in the order of the rows.
        self.insert_keyed = insert(_ALARMS).returning(_C.id, _C.source_ref)
        self.insert_ordered = insert(_ALARMS).returning(_C.id, sort_by_parameter_order=True)
        self.update = (update(_ALARMS).where(_C.id == bindparam("b_id"))
                       .values(repeat_count=bindparam("b_count"), details=bindparam("b_details")))
        self.insert_refs = insert(_REFS)

    @classmethod
    def for_connection(cls, conn: Connection) -> Statements:
        dialect = conn.dialect.name
        if dialect != "sqlite":
            return cls(dialect)
        try:
            conn.exec_driver_sql("SELECT value FROM json_each('[1]')").all()
        except DBAPIError:
            conn.rollback()
            return cls(dialect, json_each=False)
        conn.rollback()
        return cls(dialect)

    def known_params(self, refs: list[str]) -> dict[str, Any]:
        packed = self._pack(refs)
        return {"refs": packed, "refs2": packed}

    def load_params(self, ids: list[int]) -> dict[str, Any]:
        return {"ids": self._pack(ids)}


@dataclass(frozen=True)
class Outcome:
    """What became of one input, once committed. `alarm_id` is the alarm it created or merged into."""

    status: Status
    alarm_id: int | None = None
    reason: str = ""


class _Alarm:
    """An alarm as this batch knows it: `fixed` holds its FIXED_COLUMNS (a new alarm: the row to insert), the
    other slots what may change; `id` is None until a new one is inserted."""

    __slots__ = (
        "count",
        "details",
        "device",
        "dirty",
        "fixed",
        "id",
        "incident_id",
        "lock_camera",
        "new",
        "state",
        "video_locked_at",
    )

    def __init__(self, alarm_id: int | None, fixed: Mapping[str, Any], state: AlarmState, count: int,
                 details: dict[str, Any] | None, device: DeviceFacts | None, new: bool,
                 incident_id: int | None = None, video_locked_at: datetime | None = None,
                 lock_camera: str | None = None) -> None:
        self.id, self.fixed, self.state, self.count, self.details = alarm_id, fixed, state, count, details
        self.incident_id, self.video_locked_at, self.lock_camera = incident_id, video_locked_at, lock_camera
        self.device, self.new, self.dirty = device, new, False


class _Where:
    """An input resolved before the batch runs: its device, place, maintenance window and dedupe key."""

    __slots__ = ("building_id", "device", "key", "reason", "window", "x", "y")

    def __init__(self, device: DeviceFacts | None, building_id: int | None, x: float | None, y: float | None,
                 window: Any, key: Key | None, reason: str = "") -> None:
        self.device, self.building_id, self.x, self.y = device, building_id, x, y
        self.window, self.key, self.reason = window, key, reason


class Batch:
    """One batch on `conn`, inside the transaction the caller began and commits. `session` (bound to the
    same connection) serves the directory and the maintenance schedule when they must read."""

    def __init__(self, conn: Connection, session: Session, statements: Statements, directory: DeviceDirectory,
                 rules: AlarmRules, schedule: MaintenanceSchedule, seen: SeenRefs, open_alarms: OpenAlarms,
                 styles: ViewStyles) -> None:
        self._conn, self._s, self._sql = conn, session, statements
        self._dir, self._rules, self._schedule = directory, rules, schedule
        self._seen, self._open, self._styles = seen, open_alarms, styles
        self._steps: list[tuple[Status, _Alarm | None, str]] = []
        self._refs: dict[str, _Alarm] = {}  # source keys stored by this batch
        self._keys: dict[Key, tuple[_Alarm, datetime]] = {}  # alarms created or merged by this batch
        self._stored: set[str] = set()  # source keys found in the database by the look-up
        self._loaded: dict[int, _Alarm] = {}  # stored alarms this batch may merge into, by id
        self._created: list[_Alarm] = []
        self._merged_refs: list[tuple[str, _Alarm, datetime]] = []  # -> alarm_source_refs once ids exist
        self._changed: dict[int, _Alarm] = {}  # id(record) -> alarm to announce
        self.counts = dict.fromkeys(("persisted", "merged", "suppressed", "rejected", "redelivered", "cleared"), 0)

    # -- the batch ----------------------------------------------------------------------------------

    def run(self, items: list[tuple[AlarmInput, datetime]]) -> None:
        """Decide every input (in order), then write: the same few statements whatever the batch holds."""
        self._prefetch([item.source_ref for item, _ in items if item.source_ref])
        places = [self._where(item, at) for item, at in items]
        self._load(items, places)
        counts, counters, steps = self.counts, _COUNTERS, self._steps
        for (item, at), where in zip(items, places, strict=True):
            step = self._step(item, at, where)
            status, _, reason = step
            if status == "rejected":
                logger.warning("alarm input rejected (%s): %s %s from %s", reason, item.source, item.kind,
                               item.device_code or "-")
            counter = counters.get(status)
            if counter:
                counts[counter] += 1
            steps.append(step)
        self._flush()

    def _prefetch(self, refs: list[str]) -> None:
        """The batch's source keys the writer does not remember (older than its memory), looked up at once."""
        seen = self._seen
        unknown = [r for r in refs if seen.get(r) is None]
        for i in range(0, len(unknown), _CHUNK):
            rows = self._conn.execute(self._sql.known, self._sql.known_params(unknown[i:i + _CHUNK]))
            self._stored.update(rows.scalars())

    def _where(self, item: AlarmInput, at: datetime) -> _Where:
        device = None
        if item.device_code is not None:
            device = self._dir.device(self._s, item.device_code)
            if device is None:
                return _Where(None, None, None, None, None, None, f"unknown device {item.device_code!r}")
            building_id, x, y = device.building_id, device.x, device.y
        elif item.x is None and item.building_id is None:
            return _Where(None, None, None, None, None, None, "no device, position or building")
        else:
            building_id, x, y = item.building_id, item.x, item.y
        window = self._schedule.window_for(self._s, at, item.device_code, building_id, item.zones)
        key = dedupe_key(item.kind, device.id if device else None, building_id, x, y, window is not None)
        return _Where(device, building_id, x, y, window, key)

    def _load(self, items: list[tuple[AlarmInput, datetime]], places: list[_Where]) -> None:
        """One query for the stored alarms the batch's inputs may merge into, as they are now (an operator
        may have closed one, or suppression ended)."""
        entry = self._open.entry
        fixed = {hit[0]: hit[1] for (_, at), w in zip(items, places, strict=True)
                 if w.key is not None and (hit := entry(w.key, at)) is not None}
        if not fixed:
            return
        wanted, loaded, sql = sorted(fixed), self._loaded, self._sql
        for i in range(0, len(wanted), _CHUNK):
            for alarm_id, state, count, details, incident_id, locked_at, camera in self._conn.execute(
                    sql.load, sql.load_params(wanted[i:i + _CHUNK])):
                loaded[alarm_id] = _Alarm(alarm_id, fixed[alarm_id], state, count, details, None, False,
                                          incident_id, locked_at, camera)

    # -- per input --------------------------------------------------------------------------------

    def _step(self, item: AlarmInput, at: datetime, where: _Where) -> tuple[Status, _Alarm | None, str]:
        ref = item.source_ref
        if ref and (ref in self._refs or ref in self._stored or self._seen.get(ref) is not None):
            return "duplicate", None, ""
        key = where.key
        if key is None:
            return "rejected", None, where.reason
        suppressed, device = where.window is not None, where.device
        existing = self._existing(key, at, suppressed)
        if item.clear:
            if existing is None:
                return "ignored", None, ""
            existing.details = {**(existing.details or {}), "cleared_at": item.occurred_at.isoformat()}
            existing.dirty, existing.device = True, device
            return "cleared", existing, ""
        if existing is not None:
            existing.count = (existing.count or 1) + 1
            details = dict(existing.details or {})
            details["last_at"] = at.isoformat()
            existing.details = details
            existing.dirty, existing.device = True, device
            if ref:
                self._merged_refs.append((ref, existing, at))
                self._refs[ref] = existing
            self._keys[key] = (existing, at)
            if not suppressed:
                self._changed[id(existing)] = existing
            return ("suppressed" if suppressed else "merged"), existing, ""
        alarm = self._new_alarm(item, at, where)
        self._created.append(alarm)
        if ref:
            self._refs[ref] = alarm
        self._keys[key] = (alarm, at)
        if not suppressed:
            self._changed[id(alarm)] = alarm
        return ("suppressed" if suppressed else "new"), alarm, ""

    def _existing(self, key: Key, at: datetime, suppressed: bool) -> _Alarm | None:
        hit = self._keys.get(key)
        if hit is not None and at - hit[1] <= self._open.window:
            return hit[0]
        alarm_id = self._open.get(key, at)
        if alarm_id is None:
            return None
        alarm = self._loaded.get(alarm_id)  # loaded by _load(); None: the row is gone
        if alarm is None:
            return None
        still_open = alarm.state == _SUPPRESSED if suppressed else alarm.state in OPEN_STATES
        return alarm if still_open else None

    def _new_alarm(self, item: AlarmInput, at: datetime, where: _Where) -> _Alarm:
        device, building_id = where.device, where.building_id
        building = self._dir.building(self._s, building_id) if device is None and building_id else None
        facts = facts_for(item.kind, item.source, at, self._dir.local_time(at), device, building, item.zones)
        c = classify(facts, self._rules)
        details = {**item.details, "last_at": at.isoformat()}
        state = AlarmState.NEW
        if where.window is not None:
            state = AlarmState.SUPPRESSED
            details["maintenance_window"] = where.window.id
        row = {"site_id": self._dir.site.id, "kind": item.kind, "source": item.source, "state": state,
               "priority": int(c.priority), "category": c.category, "rule_name": c.rule_name,
               "device_id": device.id if device else None, "resident_id": device.resident_id if device else None,
               "building_id": building_id, "floor_id": device.floor_id if device else None,
               "x": where.x, "y": where.y, "occurred_at": item.occurred_at, "received_at": at,
               "source_ref": item.source_ref}
        return _Alarm(None, row, state, 1, details, device, True)

    # -- the writes, then after commit ----------------------------------------------------------------

    def _flush(self) -> None:
        conn, sql = self._conn, self._sql
        if self._created:
            keyed: dict[str, _Alarm] = {}
            unkeyed: list[_Alarm] = []
            for a in self._created:
                if a.fixed["source_ref"]:
                    keyed[a.fixed["source_ref"]] = a
                else:
                    unkeyed.append(a)
            if keyed:
                for alarm_id, ref in conn.execute(sql.insert_keyed, [_insert_row(a) for a in keyed.values()]):
                    keyed[ref].id = alarm_id
            if unkeyed:
                ids = conn.execute(sql.insert_ordered, [_insert_row(a) for a in unkeyed]).scalars().all()
                for a, alarm_id in zip(unkeyed, ids, strict=True):
                    a.id = alarm_id
        dirty = [{"b_id": a.id, "b_count": a.count, "b_details": a.details}
                 for a in self._loaded.values() if a.dirty]
        if dirty:
            conn.execute(sql.update, dirty)
        if self._merged_refs:
            conn.execute(sql.insert_refs, [{"ref": ref, "alarm_id": a.id, "received_at": at}
                                           for ref, a, at in self._merged_refs])

    def _view(self, a: _Alarm) -> AlarmView:
        fixed, device = a.fixed, a.device
        building = None
        if device is None and fixed["building_id"] is not None:
            b = self._dir.building(self._s, fixed["building_id"])
            building = b[1] if b else None
        return self._styles.view(a.id, fixed, a.state, a.count, a.incident_id, a.video_locked_at, a.lock_camera,
                                 device_code=device.code if device else None,
                                 place=place_of(device.name if device else None, building, fixed["x"], fixed["y"]))

    def outcomes(self) -> tuple[list[Outcome], list[tuple[AlarmView, bool]]]:
        """Call after run() (ids assigned): the outcome per input and the events to send after commit."""
        cache: dict[tuple[str, int | None, str], Outcome] = {}  # Outcome is immutable: one per alarm and status
        outcomes = []
        for status, alarm, reason in self._steps:
            k = (status, alarm.id if alarm is not None else None, reason)
            outcome = cache.get(k)
            if outcome is None:
                outcome = cache[k] = Outcome(*k)
            outcomes.append(outcome)
        events = [(self._view(a), a.new) for a in self._changed.values()]
        return outcomes, events

    def remember(self) -> None:
        """Committed: let the writer's memory know the new source keys and open alarms."""
        add, put = self._seen.add, self._open.put
        for ref, alarm in self._refs.items():
            add(ref, alarm.id)
        for key, (alarm, last_at) in self._keys.items():
            fixed = alarm.fixed
            if alarm.new:  # its row to insert: keep only what the view needs
                fixed = {name: fixed[name] for name in FIXED_COLUMNS}
            put(key, alarm.id, last_at, fixed)


def _insert_row(a: _Alarm) -> dict[str, Any]:
    row = dict(a.fixed)
    row["repeat_count"], row["details"] = a.count, a.details
    return row
