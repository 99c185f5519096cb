"""kill -9 during a burst: every message is in the database exactly once after the restart (issue 6, item 8).

The killed process may have committed a batch without acknowledging it (the broker redelivers it: the
restarted ingest recognises the ids) or received messages it never committed (redelivered: stored now).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cockpit.models import Alarm, AlarmSourceRef
from services.sim.feed import topics

from .conftest import SITE, wait_for

ROOT = Path(__file__).resolve().parents[3]
N = 1500


def _stored(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.coalesce(func.sum(Alarm.repeat_count), 0))) or 0


def test_kill_9_during_a_burst_loses_nothing_and_doubles_nothing(db, make_ingest, feed, client_id, alarm_broker):
    proc = subprocess.Popen([sys.executable, "-m", "tests.services.alarms.ingest_process", str(db.engine.url),
                             *map(str, alarm_broker), client_id], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        codes = [f"SMK-{i:04d}" for i in range(1, 18)]
        for i in range(N):
            code = codes[i % len(codes)]
            feed.publish(topics.sensor_event(SITE, code), {
                "id": f"crash-{i}", "device": code, "type": "smoke", "state": "alarm",
                "at": topics.iso(time.time()), "seq": i})
            if i == N // 3:
                wait_for(lambda: _stored(db.engine) > 0, 10, "the first committed batch")
                os.kill(proc.pid, signal.SIGKILL)
        assert feed.flush(10)
    finally:
        proc.kill()
        proc.wait(5)
    before = _stored(db.engine)
    assert 0 < before < N
    ingest = make_ingest()  # same client id: the broker's session holds what was not acknowledged
    wait_for(lambda: _stored(db.engine) >= N and ingest.stats().queued == 0, 20, f"{N} stored")
    time.sleep(0.3)
    assert _stored(db.engine) == N
    with Session(db.engine) as session:
        refs = [r for r in session.scalars(select(Alarm.source_ref)) if r]
        refs += session.scalars(select(AlarmSourceRef.ref)).all()
    assert len(refs) == len(set(refs)) == N
