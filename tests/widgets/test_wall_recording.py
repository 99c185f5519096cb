"""A manual clip from a wall tile, end to end: real recorder, real RTSP stream, real database row."""

from __future__ import annotations

import time
from concurrent.futures import Future
from dataclasses import replace

from sqlalchemy import select

from cockpit.models import AuditEvent, Recording
from services.recording import RecorderService
from services.recording.coordinator import RecordingCoordinator
from tests.services.video.conftest import camera, loop  # noqa: F401 (fixtures: a simulated RTSP camera)
from tests.services.video.hosts import SimCameraHost
from widgets.main_window import MainWindow
from widgets.recording_bridge import RecordingBridge


def test_record_from_a_tile_buffers_the_wall_cameras_and_saves_a_clip(qtbot, demo, camera: SimCameraHost,  # noqa: F811
                                                                       tmp_path) -> None:
    def uri(code: str, main: bool) -> Future:
        future: Future = Future()
        future.set_result(camera.uri)
        return future

    bridge = RecordingBridge()
    recorder = RecorderService(demo.db, tmp_path / "clips", bridge.sink, pre_s=1.0, post_s=1.5)
    recorder.start()
    coordinator = RecordingCoordinator(recorder, uri, mode="wall")
    actor = demo.actor("operator")
    window = MainWindow(replace(demo.services(actor), stream_uri=uri, recording=coordinator,
                                recording_events=bridge))
    qtbot.addWidget(window)
    window.show()
    try:
        code = demo.snapshot.cameras[2].code
        window.wall.assign(1, code)
        assert recorder.watched() == {code}  # on the wall: it keeps a pre-alarm buffer
        qtbot.waitUntil(lambda: (recorder.buffer_stats(code) or 0) and recorder.buffer_stats(code).packets > 15,
                        timeout=10_000)
        record = window.wall.tiles[1].menu().actions()[2]
        assert record.text() == "Record"
        with qtbot.waitSignal(bridge.saved, timeout=15_000) as saved:
            record.trigger()
            assert window.wall.tiles[1].property("recording")
        event = saved.args[0]
        assert event.code == code and event.path.exists() and event.size_bytes > 10_000
        assert 2.0 <= (event.ended_at - event.started_at).total_seconds() <= 4.0  # ~1 s before + 1.5 s after
        assert not window.wall.tiles[1].property("recording")
        assert window.statusBar().currentMessage().startswith(f"Clip of {code} saved")
        with demo.db.session() as s:
            row = s.get(Recording, event.recording_id)
            audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "recording.saved")).all()
        assert row.camera_code == code and row.reason == "manual" and row.created_by_id == actor.user_id
        assert len(audit) == 1
        window.wall.clear(1)
        assert recorder.watched() == frozenset()  # off the wall: the buffer goes
    finally:
        window.wall.close_streams()
        recorder.stop()


def test_a_camera_alarm_from_the_real_ingest_records_a_clip_linked_to_the_alarm(demo, camera: SimCameraHost,  # noqa: F811
                                                                                 tmp_path) -> None:
    from datetime import UTC, datetime

    from cockpit.config import Config
    from cockpit.models import AlarmKind, AlarmSource
    from main import _alarms
    from services.alarms.inputs import AlarmInput

    def uri(code: str, main: bool) -> Future:
        future: Future = Future()
        future.set_result(camera.uri)
        return future

    saved = []
    recorder = RecorderService(demo.db, tmp_path / "clips", saved.append, pre_s=1.0, post_s=1.0)
    recorder.start()
    codes = [c.code for c in demo.snapshot.cameras]
    coordinator = RecordingCoordinator(recorder, uri, mode="all", cameras=codes)
    ingest, _ = _alarms(Config(), demo.db, demo.actor("operator"), demo=True, also=coordinator.on_alarm)
    ingest.start()
    try:
        now = datetime.now(UTC)
        smoke = ingest.submit(AlarmInput(AlarmKind.SMOKE, AlarmSource.ANALYTICS, now, device_code=codes[4]))
        offline = ingest.submit(AlarmInput(AlarmKind.DEVICE_OFFLINE, AlarmSource.CAMERA, now, device_code=codes[5]))
        assert smoke.result(5).status == "new" and offline.result(5).status == "new"
        deadline = time.monotonic() + 15
        while not any(type(e).__name__ == "RecordingSaved" for e in saved) and time.monotonic() < deadline:
            time.sleep(0.1)
        clips = [e for e in saved if type(e).__name__ == "RecordingSaved"]
        assert [c.code for c in clips] == [codes[4]]  # P1 smoke records; a P4 (camera offline) does not
        with demo.db.session() as s:
            row = s.get(Recording, clips[0].recording_id)
        assert row.reason == "alarm" and row.alarm_id is not None and row.camera_code == codes[4]
    finally:
        ingest.stop(drain_s=1.0)
        recorder.stop()
