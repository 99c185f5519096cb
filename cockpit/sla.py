"""SLA clocks ("10 seconds to lock the scene, 10 minutes to arrive"), derived only from an incident's stored
timestamps, so they read the same after a restart, on every workstation, and in a report a month later.

Lock clock:    first_alarm_at → video_locked_at (target 10 s)
Arrival clock: first_alarm_at → arrived_at      (target 600 s)
A clock stops at its milestone. An incident that ended (resolved or closed) without the milestone freezes
its clock at the end: breached if the target had passed by then, otherwise void (nothing was owed: a
false alarm settled on video needs nobody to arrive).
"""

from __future__ import annotations

import enum
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

logger = logging.getLogger(__name__)

LOCK_TARGET_S = 10.0
ARRIVAL_TARGET_S = 600.0


class SlaTimes(Protocol):
    """The stored instants the clocks derive from (cockpit.models.Incident fits)."""

    @property
    def first_alarm_at(self) -> datetime: ...
    @property
    def video_locked_at(self) -> datetime | None: ...
    @property
    def arrived_at(self) -> datetime | None: ...
    @property
    def resolved_at(self) -> datetime | None: ...
    @property
    def closed_at(self) -> datetime | None: ...


class ClockStatus(enum.StrEnum):
    RUNNING = "running"  # no milestone yet, target not yet passed
    MET = "met"  # milestone reached within the target
    BREACHED = "breached"  # target passed without the milestone, or milestone reached late
    VOID = "void"  # incident ended inside the target without the milestone


@dataclass(frozen=True)
class SlaTargets:
    lock_s: float = LOCK_TARGET_S
    arrival_s: float = ARRIVAL_TARGET_S


@dataclass(frozen=True)
class ClockReading:
    status: ClockStatus
    elapsed_s: float
    remaining_s: float  # target - elapsed; negative: overdue by that much

    @property
    def met(self) -> bool:
        return self.status is ClockStatus.MET

    @property
    def breached(self) -> bool:
        return self.status is ClockStatus.BREACHED

    @property
    def running(self) -> bool:
        return self.status is ClockStatus.RUNNING


@dataclass(frozen=True)
class SlaClock:
    name: str
    started_at: datetime
    stopped_at: datetime | None  # the milestone
    ended_at: datetime | None  # the incident ended (resolved, or closed without resolving)
    target_s: float

    @property
    def deadline(self) -> datetime:
        return self.started_at + timedelta(seconds=self.target_s)

    def at(self, now: datetime) -> ClockReading:
        """The clock as it stood at `now` (an instant before the milestone reads it as still running)."""
        if self.stopped_at is not None and self.stopped_at <= now:
            elapsed = self._seconds(self.stopped_at)
            status = ClockStatus.MET if elapsed <= self.target_s else ClockStatus.BREACHED
        elif self.ended_at is not None and self.ended_at <= now:
            elapsed = self._seconds(self.ended_at)
            status = ClockStatus.BREACHED if elapsed > self.target_s else ClockStatus.VOID
        else:
            elapsed = self._seconds(now)
            status = ClockStatus.BREACHED if elapsed > self.target_s else ClockStatus.RUNNING
        return ClockReading(status, elapsed, self.target_s - elapsed)

    def _seconds(self, until: datetime) -> float:
        # never negative: another workstation's clock may run a little behind the ingest's
        return max(0.0, (until - self.started_at).total_seconds())


@dataclass(frozen=True)
class IncidentClocks:
    lock: SlaClock
    arrival: SlaClock


def _ended_at(incident: SlaTimes) -> datetime | None:
    return incident.resolved_at or incident.closed_at


def lock_clock(incident: SlaTimes, target_s: float = LOCK_TARGET_S) -> SlaClock:
    return SlaClock("lock", incident.first_alarm_at, incident.video_locked_at, _ended_at(incident), target_s)


def arrival_clock(incident: SlaTimes, target_s: float = ARRIVAL_TARGET_S) -> SlaClock:
    return SlaClock("arrival", incident.first_alarm_at, incident.arrived_at, _ended_at(incident), target_s)


def incident_clocks(incident: SlaTimes, targets: SlaTargets = SlaTargets()) -> IncidentClocks:
    return IncidentClocks(lock_clock(incident, targets.lock_s), arrival_clock(incident, targets.arrival_s))


@dataclass(frozen=True)
class ComplianceSummary:
    """One clock over many incidents; durations are those of clocks that reached their milestone."""

    name: str
    target_s: float
    total: int
    met: int
    breached: int
    running: int
    void: int
    p50_s: float | None
    p95_s: float | None
    max_s: float | None

    @property
    def compliance(self) -> float | None:
        """Share met among the clocks that are decided (met or breached); None if none is."""
        decided = self.met + self.breached
        return self.met / decided if decided else None


@dataclass(frozen=True)
class SlaReport:
    lock: ComplianceSummary
    arrival: ComplianceSummary


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100) of the values; None for none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summarise_clocks(name: str, target_s: float, clocks: Iterable[SlaClock], now: datetime) -> ComplianceSummary:
    readings = [(c, c.at(now)) for c in clocks]
    counts = {s: sum(1 for _, r in readings if r.status is s) for s in ClockStatus}
    stopped = [r.elapsed_s for c, r in readings if c.stopped_at is not None and c.stopped_at <= now]
    return ComplianceSummary(
        name, target_s, len(readings), counts[ClockStatus.MET], counts[ClockStatus.BREACHED],
        counts[ClockStatus.RUNNING], counts[ClockStatus.VOID],
        percentile(stopped, 50), percentile(stopped, 95), max(stopped) if stopped else None,
    )


def summarise(incidents: Iterable[SlaTimes], now: datetime, targets: SlaTargets = SlaTargets()) -> SlaReport:
    """Compliance of both clocks over incidents (e.g. one shift's), as they stood at `now`."""
    both = [incident_clocks(i, targets) for i in incidents]
    return SlaReport(
        summarise_clocks("lock", targets.lock_s, (c.lock for c in both), now),
        summarise_clocks("arrival", targets.arrival_s, (c.arrival for c in both), now),
    )
