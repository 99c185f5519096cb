"""The recorder end to end against the simulated camera: real RTSP, real files, real database rows."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import select

from cockpit.models import AuditEvent, Recording, RecordingReason
from cockpit.recordings import (
    BufferState,
    RecordingExtended,
    RecordingFailed,
    RecordingSaved,
    RecordingStarted,
    RetentionReport,
)
from services.database import DatabaseService
from services.recording import RecorderService, RecordingError
from services.video.backoff import Backoff
from tests.services.recording.media_checks import (
    annexb_units,
    avcc_units,
    ffprobe,
    read_packets,
)
from tests.services.recording.rows import add_alarm, add_incident, add_site
from tests.services.video.conftest import wait_for
from tests.services.video.hosts import SimCameraHost

PRE, POST = 2.0, 2.0
FAST = Backoff(first_s=0.1, max_s=0.3)


class Events(list):
    def of(self, kind: type, code: str | None = None) -> list:
        return [e for e in self if isinstance(e, kind) and (code is None or getattr(e, "code", None) == code)]


def make_recorder(db: DatabaseService, directory: Path, events: Events, **kw) -> RecorderService:
    recorder = RecorderService(db, directory, events.append, pre_s=PRE, post_s=POST, backoff=FAST, **kw)
    recorder.start()
    return recorder


def buffered(recorder: RecorderService, code: str, seconds: float = PRE) -> bool:
    stats = recorder.buffer_stats(code)
    return stats is not None and stats.ring.seconds >= seconds


def test_alarm_clip_of_the_simulated_camera(db: DatabaseService, tmp_path: Path, camera: SimCameraHost):
    """pre + post seconds, the camera's own H.264 packets, a row linked to camera, incident, alarm and user."""
    site = add_site(db)
    incident = add_incident(db, site.site_id)
    alarm = add_alarm(db, site.site_id, incident)
    events = Events()
    recorder = make_recorder(db, tmp_path / "clips", events)
    try:
        recorder.watch("CAM-T", camera.uri)
        assert wait_for(lambda: buffered(recorder, "CAM-T"), 6) is not None
        ring = recorder._taps["CAM-T"].ring.snapshot()
        t0 = time.monotonic()
        future = recorder.record("CAM-T", reason=RecordingReason.ALARM, incident_id=incident, alarm_id=alarm,
                                 user=site.actor)
        assert time.monotonic() - t0 < 0.05  # never on the caller's thread
        recording_id = future.result(POST + 5)
        assert wait_for(lambda: any(r.used_bytes for r in events.of(RetentionReport)), 3) is not None, \
            "retention runs after each recording"
    finally:
        recorder.stop()
    with db.session() as s:
        row = s.get(Recording, recording_id)
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "recording.saved")).one()
    assert row is not None and audit.target_id == recording_id and audit.user_id == site.actor.user_id
    assert (row.camera_id, row.camera_code, row.reason) == (site.camera_id, "CAM-T", RecordingReason.ALARM)
    assert (row.incident_id, row.alarm_id, row.created_by_id, row.evidence) == (incident, alarm, site.actor.user_id,
                                                                               False)
    assert row.started_at.tzinfo is UTC and PRE + POST - 0.2 < (row.ended_at - row.started_at).total_seconds() < 6
    path = tmp_path / "clips" / row.path
    assert path.suffix == ".mp4" and path.stat().st_size == row.size_bytes
    assert (row.codec, row.width, row.height, row.container) == ("h264", 640, 360, "mp4")
    probe = ffprobe(path)
    assert (probe.codec, probe.width, probe.height) == ("h264", 640, 360)
    assert PRE + POST - 0.1 <= probe.duration_s <= PRE + 1.0 + POST + 0.3  # pre reaches back to a keyframe
    payloads, pictures = read_packets(path)
    assert pictures == len(payloads) == probe.frames
    # The clip begins with packets the ring held (from a keyframe), byte for byte.
    start = next(i for i, p in enumerate(ring) if annexb_units(p.data) == avcc_units(payloads[0]))
    assert ring[start].keyframe
    assert [avcc_units(p) for p in payloads[:len(ring) - start]] == [annexb_units(p.data) for p in ring[start:]]
    started, saved = events.of(RecordingStarted)[0], events.of(RecordingSaved)[0]
    assert started.pre_s >= PRE and started.incident_id == incident
    assert (saved.recording_id, saved.path, saved.size_bytes) == (recording_id, path, row.size_bytes)


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory, camera: SimCameraHost) -> Iterator[tuple[RecorderService,
                                                                                                Events, DatabaseService]]:
    """One recorder (SQLite) whose buffers fill once for the tests below; each test uses its own camera code."""
    folder = tmp_path_factory.mktemp("recorder")
    db = DatabaseService(f"sqlite:///{folder / 'rec.db'}")
    db.start()
    events = Events()
    rec = make_recorder(db, folder / "clips", events)
    for code in ("CAM-A", "CAM-B"):
        rec.watch(code, camera.uri)
    assert wait_for(lambda: all(buffered(rec, c) for c in ("CAM-A", "CAM-B")), 6) is not None
    yield rec, events, db
    rec.stop()
    db.stop()


def test_second_trigger_extends_the_clip(recorder):
    rec, events, db = recorder
    first = rec.record("CAM-A", reason=RecordingReason.MANUAL)
    time.sleep(1.0)
    assert rec.is_recording("CAM-A")
    second = rec.record("CAM-A", reason=RecordingReason.ALARM, post_s=POST)
    assert second is first
    recording_id = first.result(POST + 5)
    assert not rec.is_recording("CAM-A")
    with db.session() as s:
        row = s.get(Recording, recording_id)
        count = len(s.scalars(select(Recording).where(Recording.camera_code == "CAM-A")).all())
    assert count == 1 and row.reason is RecordingReason.ALARM  # an alarm outranks a manual start
    probe = ffprobe(rec.directory / row.path)
    assert PRE + 1.0 + POST - 0.1 <= probe.duration_s <= PRE + 1.0 + 1.0 + POST + 0.4
    assert len(events.of(RecordingExtended, "CAM-A")) == 1 and len(events.of(RecordingSaved, "CAM-A")) == 1
    assert rec._taps["CAM-A"].listeners == 0  # the finished clip no longer receives packets
    # After the clip, a trigger is a new clip.
    third = rec.record("CAM-A", reason=RecordingReason.MANUAL, pre_s=0.0, post_s=0.5)
    assert third is not first and third.result(5) != recording_id


def test_manual_stop(recorder):
    rec, _, db = recorder
    t0 = time.monotonic()
    future = rec.record("CAM-B", reason=RecordingReason.MANUAL, post_s=60.0)
    time.sleep(1.0)
    assert rec.stop_recording("CAM-B") is future
    recording_id = future.result(3)
    assert time.monotonic() - t0 < 3.0
    with db.session() as s:
        row = s.get(Recording, recording_id)
    assert PRE + 0.8 <= ffprobe(rec.directory / row.path).duration_s <= PRE + 1.0 + 1.5
    assert rec.stop_recording("CAM-B") is None
    assert rec.buffer_stats("CAM-B") is not None  # still watched: the buffer keeps running


def test_camera_without_a_buffer_records_from_the_trigger_and_lets_go(recorder, camera: SimCameraHost):
    rec, events, db = recorder
    future = rec.record("CAM-C", reason=RecordingReason.ALARM, uri=camera.uri, post_s=1.5)
    recording_id = future.result(6)
    assert events.of(RecordingStarted, "CAM-C")[0].pre_s == 0.0
    with db.session() as s:
        row = s.get(Recording, recording_id)
    assert 1.0 <= ffprobe(rec.directory / row.path).duration_s <= 1.7
    assert rec.buffer_stats("CAM-C") is None  # its tap was only for the clip


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dead_stream_fails_clearly(recorder):
    rec, events, _ = recorder
    future = rec.record("CAM-X", reason=RecordingReason.ALARM, uri=f"rtsp://127.0.0.1:{closed_port()}/x",
                        post_s=1.0)
    with pytest.raises(RecordingError, match="CAM-X: no video received: connection refused"):
        future.result(5)
    assert events.of(RecordingFailed, "CAM-X")[0].message == "CAM-X: no video received: connection refused"
    assert wait_for(lambda: rec.buffer_stats("CAM-X") is None, 2) is not None
    assert not list(rec.directory.glob("CAM-X/**/*.*"))
    unknown = rec.record("CAM-Y", reason=RecordingReason.MANUAL)
    with pytest.raises(RecordingError, match="CAM-Y: no stream address known"):
        unknown.result(1)


def test_unusable_directory_is_refused_at_start(tmp_path: Path, sqlite_db: DatabaseService):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    recorder = RecorderService(sqlite_db, blocker / "clips", print)
    with pytest.raises(RecordingError, match=r"recording directory .*a-file/clips is not usable: Not a directory"):
        recorder.start()
    with pytest.raises(RecordingError, match="CAM-T: the recorder is not running"):
        recorder.record("CAM-T", reason=RecordingReason.MANUAL, uri="rtsp://127.0.0.1:1/x").result(1)


def test_buffer_states_reach_the_sink(recorder):
    _, events, _ = recorder
    states = {e.state for e in events if getattr(e, "code", None) == "CAM-A" and hasattr(e, "state")}
    assert BufferState.BUFFERING in states


def test_watch_before_start_and_unwatch(tmp_path: Path, sqlite_db: DatabaseService, camera: SimCameraHost):
    recorder = RecorderService(sqlite_db, tmp_path / "clips", print, backoff=FAST)
    recorder.watch("CAM-W", camera.uri)
    assert recorder.buffer_stats("CAM-W") is None  # nothing runs before start()
    recorder.start()
    try:
        assert recorder.watched() == {"CAM-W"} and recorder.buffer_stats("CAM-W") is not None
        recorder.unwatch("CAM-W")
        assert recorder.watched() == frozenset() and recorder.buffer_stats("CAM-W") is None
    finally:
        recorder.stop()


def test_directory_broken_while_running_fails_that_clip_only(recorder, camera: SimCameraHost):
    rec, events, _ = recorder
    (rec.directory / "CAM-Z").write_text("a file where the camera's folder should be")
    future = rec.record("CAM-Z", reason=RecordingReason.ALARM, uri=camera.uri, post_s=0.5)
    with pytest.raises(RecordingError, match=r"CAM-Z: cannot create .*CAM-Z/\d{4}-\d\d-\d\d: Not a directory"):
        future.result(5)
    assert events.of(RecordingFailed, "CAM-Z") and rec.buffer_stats("CAM-Z") is None
    assert rec.record("CAM-A", reason=RecordingReason.MANUAL, pre_s=0, post_s=0.3).result(5) > 0  # still works


def test_stop_saves_the_clip_in_progress(tmp_path: Path, sqlite_db: DatabaseService, camera: SimCameraHost):
    recorder = RecorderService(sqlite_db, tmp_path / "clips", print, backoff=FAST)
    recorder.start()
    future = recorder.record("CAM-S", reason=RecordingReason.MANUAL, uri=camera.uri, post_s=60)
    time.sleep(1.0)
    t0 = time.monotonic()
    recorder.stop()
    assert time.monotonic() - t0 < 2 and future.done()
    with sqlite_db.session() as s:
        row = s.get(Recording, future.result())
    assert 0.5 < ffprobe(tmp_path / "clips" / row.path).duration_s < 1.5
