"""ResponderBook: every responder as last reported, de-duplicated and in order; positions kept live in memory.

The feed is at-least-once (QoS 1) and retained: a message may come twice (same `id`), and after a reconnect
the retained state arrives again. A report is applied only if it is newer than the last one applied for
that responder: later `at` (the sender's clock), or the same `at` and a higher `seq`. A sender that restarts
counts `seq` from 1 again, but its clock moved on, so it is still newer.

Positions are written to the database at most every `write_every_s` per responder (a walking responder
reports every second); status changes are written at once by the caller.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from enum import Enum

from cockpit.incident_views import ResponderView
from cockpit.models import ResponderStatus

from .feed import ResponderReport

SEEN_IDS = 4096  # message ids remembered for de-duplication

STATUS_OF_ACTIVITY = {
    "available": ResponderStatus.AVAILABLE,
    "off_duty": ResponderStatus.OFF_DUTY,
    "notified": ResponderStatus.BUSY,
    "accepted": ResponderStatus.BUSY,
    "en_route": ResponderStatus.BUSY,
    "on_site": ResponderStatus.BUSY,
    "done": ResponderStatus.BUSY,  # "available" follows when they are free again
}  # "declined" says nothing about their status


class Verdict(Enum):
    APPLY = "apply"
    UNKNOWN = "unknown"  # no such responder on this site
    DUPLICATE = "duplicate"  # this message id was applied already
    STALE = "stale"  # older than what was applied


class ResponderBook:
    """Thread-safe; mutated by the dispatch thread, read by anyone."""

    def __init__(self, responders: Iterable[ResponderView], write_every_s: float) -> None:
        self._lock = threading.Lock()
        self._views = {r.id: r for r in responders}
        self._order: dict[int, tuple[datetime, int]] = {}
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._write_every_s = write_every_s
        self._written: dict[int, datetime] = {}
        self._dirty: set[int] = set()

    def __contains__(self, responder_id: object) -> bool:
        return responder_id in self._views

    def get(self, responder_id: int) -> ResponderView | None:
        with self._lock:
            return self._views.get(responder_id)

    def all(self) -> list[ResponderView]:
        with self._lock:
            return list(self._views.values())

    def judge(self, report: ResponderReport) -> Verdict:
        with self._lock:
            if report.responder_id not in self._views:
                return Verdict.UNKNOWN
            if report.message_id in self._seen:
                return Verdict.DUPLICATE
            last = self._order.get(report.responder_id)
            if last is not None and (report.at, report.seq or 0) <= last:
                return Verdict.STALE
            return Verdict.APPLY

    def apply(self, report: ResponderReport) -> tuple[ResponderView, ResponderStatus | None]:
        """Record the report (judged APPLY); returns the new view and the new status if it changed."""
        with self._lock:
            self._seen[report.message_id] = None
            while len(self._seen) > SEEN_IDS:
                self._seen.popitem(last=False)
            self._order[report.responder_id] = (report.at, report.seq or 0)
            old = self._views[report.responder_id]
            status = STATUS_OF_ACTIVITY.get(report.status, old.status)
            travelling = report.status == "en_route"
            view = replace(old, x=report.x, y=report.y, status=status, activity=report.status,
                           incident_id=report.incident_id,
                           eta_s=report.eta_s if travelling else (0.0 if report.status == "on_site" else None),
                           distance_m=report.distance_m if travelling else None, reported_at=report.at)
            self._views[report.responder_id] = view
            if (old.x, old.y) != (view.x, view.y):
                self._dirty.add(report.responder_id)
            return view, (status if status is not old.status else None)

    def written(self, responder_id: int, at: datetime) -> None:
        """The caller stored this responder's position (with a status change)."""
        with self._lock:
            self._written[responder_id] = at
            self._dirty.discard(responder_id)

    def due_positions(self, now: datetime, *, everything: bool = False) -> dict[int, tuple[float, float]]:
        """Positions to store now (each at most every write_every_s unless `everything`); marks them written."""
        with self._lock:
            due = {}
            for rid in list(self._dirty):
                last = self._written.get(rid)
                if everything or last is None or (now - last).total_seconds() >= self._write_every_s:
                    view = self._views[rid]
                    due[rid] = (view.x, view.y)
                    self._written[rid] = now
                    self._dirty.discard(rid)
            return due
