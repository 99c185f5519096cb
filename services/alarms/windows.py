"""Maintenance windows: while a device, building or zone is being worked on, its alarms are suppressed.

Supervisors edit the windows in the database while the ingest runs, so the writer re-reads the
windows still to come every few seconds instead of querying them for every alarm.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cockpit.models import MaintenanceWindow

logger = logging.getLogger(__name__)

REFRESH_S = 5.0


@dataclass(frozen=True)
class Window:
    id: int
    device_code: str | None
    building_id: int | None
    zone: str | None
    starts_at: datetime
    ends_at: datetime

    def covers(self, at: datetime, device_code: str | None, building_id: int | None, zones: frozenset[str]) -> bool:
        if not self.starts_at <= at < self.ends_at:
            return False
        return ((self.device_code is not None and self.device_code == device_code)
                or (self.building_id is not None and self.building_id == building_id)
                or (self.zone is not None and self.zone in zones))


class MaintenanceSchedule:
    """The site's current and future windows, refreshed from the database at most every REFRESH_S.

    Used by the writer thread only (not thread-safe).
    """

    def __init__(self, site_id: int, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._site_id = site_id
        self._monotonic = monotonic
        self._windows: tuple[Window, ...] = ()
        self._loaded_at: float | None = None

    def invalidate(self) -> None:
        """Re-read on the next check (a window was added or ended)."""
        self._loaded_at = None

    def _refresh(self, session: Session, now: datetime) -> None:
        rows = session.scalars(select(MaintenanceWindow).where(
            MaintenanceWindow.site_id == self._site_id, MaintenanceWindow.ends_at > now)).all()
        self._windows = tuple(Window(w.id, w.device_code, w.building_id, w.zone, w.starts_at, w.ends_at)
                              for w in rows)
        self._loaded_at = self._monotonic()

    def window_for(self, session: Session, at: datetime, device_code: str | None, building_id: int | None,
                   zones: frozenset[str]) -> Window | None:
        """The window that suppresses an alarm at `at` (our clock) there, or None."""
        if self._loaded_at is None or self._monotonic() - self._loaded_at >= REFRESH_S:
            self._refresh(session, at)
        return next((w for w in self._windows if w.covers(at, device_code, building_id, zones)), None)
