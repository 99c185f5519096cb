"""Memory of recent alarms: which source keys are stored (idempotence) and which alarm a repeat merges into.

Both live in the writer thread's memory so that a burst costs no query per message; `warm()` refills
them from the database at start, so a redelivery after a crash is still recognised.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cockpit.models import Alarm, AlarmKind, AlarmSourceRef, AlarmState

PLACE_GRID_M = 5.0  # alarms without a device are "the same place" within this grid cell
SEEN_MAX = 200_000
WARM_REFS_S = 3600.0  # source keys of the last hour are remembered across a restart
OPEN_STATES = (AlarmState.NEW, AlarmState.ACKNOWLEDGED, AlarmState.IN_INCIDENT)

Key = tuple[Hashable, ...]


def dedupe_key(kind: AlarmKind, device_id: int | None, building_id: int | None, x: float | None,
               y: float | None, suppressed: bool) -> Key:
    """Same kind from the same device, or (no device) the same building and grid cell; suppressed
    alarms merge only with suppressed ones so that a window never hides a live alarm."""
    if device_id is not None:
        return (kind, suppressed, "device", device_id)
    cell = (None, None) if x is None or y is None else (round(x / PLACE_GRID_M), round(y / PLACE_GRID_M))
    return (kind, suppressed, "place", building_id, *cell)


def parse_instant(text: object, default: datetime) -> datetime:
    try:
        return datetime.fromisoformat(str(text)) if text else default
    except ValueError:
        return default


class SeenRefs:
    """Source keys already committed -> alarm id; bounded, oldest forgotten first."""

    def __init__(self, limit: int = SEEN_MAX) -> None:
        self._refs: OrderedDict[str, int] = OrderedDict()
        self._limit = limit

    def get(self, ref: str) -> int | None:
        return self._refs.get(ref)

    def add(self, ref: str, alarm_id: int) -> None:
        self._refs[ref] = alarm_id
        if len(self._refs) > self._limit:
            self._refs.popitem(last=False)

    def __len__(self) -> int:
        return len(self._refs)


# Columns of an alarm that nothing changes after its insert (its classification, place and times): what its
# AlarmView shows besides the state, count and handling, kept with the open alarm so that a batch merging
# into it reads only what may have changed (state, count, details, incident, video lock).
FIXED_COLUMNS = ("kind", "source", "priority", "category", "rule_name", "building_id", "x", "y", "occurred_at",
                 "received_at")


class OpenAlarms:
    """Dedupe key -> (alarm id, last occurrence received, the alarm's FIXED_COLUMNS); entries older than the
    window are dropped."""

    def __init__(self, window_s: float) -> None:
        self.window = timedelta(seconds=window_s)
        self._open: dict[Key, tuple[int, datetime, Mapping[str, Any]]] = {}

    def get(self, key: Key, now: datetime) -> int | None:
        hit = self._open.get(key)
        if hit is None or now - hit[1] > self.window:
            return None
        return hit[0]

    def entry(self, key: Key, now: datetime) -> tuple[int, Mapping[str, Any]] | None:
        """(alarm id, its fixed columns), or None: as get()."""
        hit = self._open.get(key)
        if hit is None or now - hit[1] > self.window:
            return None
        return hit[0], hit[2]

    def put(self, key: Key, alarm_id: int, last_at: datetime, fixed: Mapping[str, Any]) -> None:
        self._open[key] = (alarm_id, last_at, fixed)

    def prune(self, now: datetime) -> None:
        self._open = {k: v for k, v in self._open.items() if now - v[1] <= self.window}

    def __len__(self) -> int:
        return len(self._open)


def warm(session: Session, site_id: int, now: datetime, seen: SeenRefs, open_alarms: OpenAlarms) -> None:
    """Refill both memories from alarms received lately (called once, before the first batch)."""
    since = now - max(open_alarms.window, timedelta(seconds=WARM_REFS_S))
    rows = session.scalars(select(Alarm).where(Alarm.site_id == site_id, Alarm.received_at >= since)
                           .order_by(Alarm.id)).all()
    merged = session.execute(select(AlarmSourceRef.ref, AlarmSourceRef.alarm_id)
                             .where(AlarmSourceRef.received_at >= since)).all()
    for ref, alarm_id in merged:
        seen.add(ref, alarm_id)
    for a in rows:
        details = a.details or {}
        if a.source_ref:
            seen.add(a.source_ref, a.id)
        suppressed = a.state == AlarmState.SUPPRESSED
        if suppressed or a.state in OPEN_STATES:
            last_at = parse_instant(details.get("last_at"), a.received_at)
            open_alarms.put(dedupe_key(a.kind, a.device_id, a.building_id, a.x, a.y, suppressed), a.id, last_at,
                            {c: getattr(a, c) for c in FIXED_COLUMNS})
