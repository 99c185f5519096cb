"""Disk quota for clips: the oldest go first, but never evidence nor footage of an incident still open.

Protection is checked again inside the DELETE itself, so a clip marked as evidence (or linked to an
incident) a moment before it is deleted survives. Order: the row is deleted, then the file, then the
transaction commits; if the file cannot be removed the row stays. A crash between file and commit
leaves a row without a file, which the next run finds and cleans.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, and_, delete, exists, or_, select, update
from sqlalchemy.orm import aliased

from cockpit.models import Alarm, Incident, Recording, utcnow
from cockpit.recordings import (
    RELEASED_INCIDENT_STATES,
    RetentionReport,
    StoredClip,
    plan_retention,
)
from services.database import DatabaseService

logger = logging.getLogger(__name__)


def protected_clause() -> ColumnElement[bool]:
    """SQL for "this recording must be kept": evidence, or its incident (direct or via its alarm) is open."""
    direct = aliased(Incident)
    via_alarm = aliased(Incident)
    open_direct = exists().where(and_(direct.id == Recording.incident_id,
                                      direct.state.not_in(RELEASED_INCIDENT_STATES)))
    open_via_alarm = exists().where(and_(Alarm.id == Recording.alarm_id, via_alarm.id == Alarm.incident_id,
                                         via_alarm.state.not_in(RELEASED_INCIDENT_STATES)))
    return or_(Recording.evidence.is_(True), open_direct, open_via_alarm)


@dataclass(frozen=True)
class _Row:
    id: int
    path: Path
    clip: StoredClip
    missing_marked: bool


class Retention:
    """Runs on the recorder's retention thread (or any worker); each run is independent."""

    def __init__(self, db: DatabaseService, directory: Path, quota_bytes: int) -> None:
        self.db, self.directory, self.quota_bytes = db, directory, quota_bytes

    def run(self) -> RetentionReport:
        rows = self._rows()
        errors: list[str] = []
        missing = [r for r in rows if r.clip.size_bytes < 0]
        present = [r for r in rows if r.clip.size_bytes >= 0]
        for row in missing:
            self._missing(row, errors)
        by_id = {r.id: r for r in present}
        deleted = freed = 0
        for clip in plan_retention([r.clip for r in present], self.quota_bytes):
            if self._delete(by_id[clip.recording_id], errors):
                deleted += 1
                freed += clip.size_bytes
                del by_id[clip.recording_id]
        used = sum(r.clip.size_bytes for r in by_id.values())
        protected = sum(r.clip.size_bytes for r in by_id.values() if r.clip.protected)
        report = RetentionReport(self.quota_bytes, used, protected, deleted, freed, len(missing), tuple(errors))
        if deleted or missing or errors:
            logger.info("retention: deleted %d clips (%d bytes), %d files missing, %d / %d bytes used",
                        deleted, freed, len(missing), used, self.quota_bytes)
        if report.over_quota:
            logger.warning("retention: %d bytes of clips over a quota of %d, %d of them protected",
                           used, self.quota_bytes, protected)
        return report

    def _rows(self) -> list[_Row]:
        query = select(Recording.id, Recording.path, Recording.started_at, Recording.file_missing_at,
                       protected_clause().label("protected"))
        with self.db.session() as session:
            result = session.execute(query).all()
        rows = []
        for rid, rel, started_at, missing_at, protected in result:
            path = self.directory / rel
            try:
                size = path.stat().st_size  # the disk's truth, not the row's
            except FileNotFoundError:
                size = -1
            except OSError as exc:
                logger.warning("retention: cannot stat %s: %s", path, exc)
                size = 0
            rows.append(_Row(rid, path, StoredClip(rid, started_at, size, bool(protected)), missing_at is not None))
        return rows

    def _missing(self, row: _Row, errors: list[str]) -> None:
        """A row whose file is gone: forget it, unless it is protected — then mark it, loudly, once."""
        with self.db.session() as session:
            gone = session.execute(delete(Recording).where(Recording.id == row.id, ~protected_clause())).rowcount
            if not gone and not row.missing_marked:
                session.execute(update(Recording).where(Recording.id == row.id).values(file_missing_at=utcnow()))
                logger.error("retention: protected recording %d has lost its file %s", row.id, row.path)
                errors.append(f"protected recording {row.id}: file {row.path} is missing")
            elif gone:
                logger.warning("retention: recording %d had no file (%s); row removed", row.id, row.path)
            session.commit()

    def _delete(self, row: _Row, errors: list[str]) -> bool:
        with self.db.session() as session:
            gone = session.execute(delete(Recording).where(Recording.id == row.id, ~protected_clause())).rowcount
            if not gone:
                session.rollback()
                return False  # protected (or deleted) since we looked
            try:
                os.remove(row.path)
            except FileNotFoundError:
                pass
            except OSError as exc:
                session.rollback()
                logger.error("retention: cannot delete %s: %s", row.path, exc)
                errors.append(f"cannot delete {row.path}: {exc.strerror or exc}")
                return False
            session.commit()
        logger.debug("retention: deleted recording %d (%s)", row.id, row.path)
        self._prune(row.path.parent)
        return True

    def _prune(self, folder: Path) -> None:
        """Remove the day and camera folders a deletion left empty (never the recording directory itself)."""
        while folder != self.directory and self.directory in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                return  # not empty (or not ours to remove)
            folder = folder.parent
