"""The disk quota: oldest first, never evidence or open incidents, missing files handled, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from cockpit.models import IncidentState, Recording
from services.database import DatabaseService
from services.recording import Retention, set_evidence
from tests.services.recording.rows import (
    add_alarm,
    add_clip,
    add_incident,
    add_site,
    set_incident_state,
)

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def remaining(db: DatabaseService) -> dict[int, datetime | None]:
    with db.session() as s:
        return {rid: missing for rid, missing in s.execute(select(Recording.id, Recording.file_missing_at))}


def test_oldest_unprotected_go_first(db: DatabaseService, tmp_path: Path):
    site = add_site(db).site_id
    open_incident = add_incident(db, site)
    resolved = add_incident(db, site, IncidentState.RESOLVED)  # resolved but not yet closed: still kept
    closed = add_incident(db, site, IncidentState.CLOSED)
    alarm_of_open = add_alarm(db, site, open_incident)
    ids = {
        "evidence": add_clip(db, tmp_path, "a.mp4", 100, at(0), evidence=True),
        "open": add_clip(db, tmp_path, "b.mp4", 100, at(1), incident_id=open_incident),
        "via_alarm": add_clip(db, tmp_path, "c.mp4", 100, at(2), alarm_id=alarm_of_open),
        "resolved": add_clip(db, tmp_path, "d.mp4", 100, at(3), incident_id=resolved),
        "closed": add_clip(db, tmp_path, "e.mp4", 100, at(4), incident_id=closed),
        "plain_old": add_clip(db, tmp_path, "f.mp4", 100, at(5)),
        "plain_new": add_clip(db, tmp_path, "g.mp4", 100, at(6)),
    }
    report = Retention(db, tmp_path, quota_bytes=550).run()
    assert (report.deleted, report.freed_bytes, report.used_bytes) == (2, 200, 500)
    assert report.protected_bytes == 400 and not report.over_quota and report.errors == ()
    left = remaining(db)
    assert ids["closed"] not in left and ids["plain_old"] not in left
    assert not (tmp_path / "e.mp4").exists() and not (tmp_path / "f.mp4").exists()
    assert set(left) == {ids[k] for k in ("evidence", "open", "via_alarm", "resolved", "plain_new")}

    # Closing the incident releases its footage; unmarking evidence too. Protected alone over quota: say so.
    set_incident_state(db, open_incident, IncidentState.CLOSED)
    set_evidence(db, ids["evidence"], False, None)
    report = Retention(db, tmp_path, quota_bytes=150).run()
    assert set(remaining(db)) == {ids["resolved"]} and report.deleted == 4
    report = Retention(db, tmp_path, quota_bytes=50).run()
    assert report.over_quota and report.deleted == 0 and report.protected_bytes == 100


def test_emptied_folders_are_removed(db: DatabaseService, tmp_path: Path):
    (tmp_path / "CAM-T" / "2026-11-01").mkdir(parents=True)
    (tmp_path / "CAM-T" / "2026-11-02").mkdir()
    add_clip(db, tmp_path, "CAM-T/2026-11-01/a.mp4", 100, at(0))
    add_clip(db, tmp_path, "CAM-T/2026-11-02/b.mp4", 100, at(1))
    assert Retention(db, tmp_path, quota_bytes=150).run().deleted == 1
    assert not (tmp_path / "CAM-T" / "2026-11-01").exists() and (tmp_path / "CAM-T" / "2026-11-02").exists()
    assert Retention(db, tmp_path, quota_bytes=0).run().deleted == 1
    assert tmp_path.is_dir() and not (tmp_path / "CAM-T").exists()  # the recording directory itself stays


def test_under_quota_nothing_happens(db: DatabaseService, tmp_path: Path):
    add_clip(db, tmp_path, "a.mp4", 100, at(0))
    report = Retention(db, tmp_path, quota_bytes=10**9).run()
    assert (report.deleted, report.used_bytes) == (0, 100) and len(remaining(db)) == 1


def test_missing_files(db: DatabaseService, tmp_path: Path):
    site = add_site(db).site_id
    plain = add_clip(db, tmp_path, "gone.mp4", 100, at(0), file=False)
    evidence = add_clip(db, tmp_path, "gone-evidence.mp4", 100, at(1), evidence=True, file=False)
    open_one = add_clip(db, tmp_path, "gone-open.mp4", 100, at(2), incident_id=add_incident(db, site), file=False)
    report = Retention(db, tmp_path, quota_bytes=10**9).run()
    assert report.missing_files == 3 and report.used_bytes == 0 and len(report.errors) == 2
    left = remaining(db)
    assert plain not in left  # an unprotected row without a file is forgotten
    assert left[evidence] is not None and left[open_one] is not None  # protected rows are kept, marked
    assert len(Retention(db, tmp_path, quota_bytes=10**9).run().errors) == 0  # reported once


def test_a_file_that_cannot_be_deleted_is_reported_not_fatal(db: DatabaseService, tmp_path: Path):
    stuck = add_clip(db, tmp_path, "stuck.mp4", 0, at(0), file=False)
    (tmp_path / "stuck.mp4").mkdir()  # os.remove fails on a directory, even for root
    (tmp_path / "stuck.mp4" / "x").write_bytes(b"\0" * 100)
    fine = add_clip(db, tmp_path, "fine.mp4", 100, at(1))
    report = Retention(db, tmp_path, quota_bytes=1).run()
    assert report.deleted == 1 and len(report.errors) == 1 and "stuck.mp4" in report.errors[0]
    assert set(remaining(db)) == {stuck} and not (tmp_path / "fine.mp4").exists() and fine not in remaining(db)
