"""`python -m bench lock` runs end to end (main window under Xvfb, simulator, real ingest) and prints its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = ("n", "lock_p50_s", "lock_p95_s", "lock_max_s")


def test_bench_lock_prints_one_json_object_and_every_alarm_locks_and_is_stored():
    done = subprocess.run([sys.executable, "-m", "bench", "lock", "--alarms", "4", "--cameras", "18", "--wall", "16",
                           "--interval", "1.2", "--no-ffmpeg"],  # 1.2 s apart: no alarm waits for the screen
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert all(result.get(key) is not None for key in REQUIRED), result
    assert result["n"] == result["locked"] == result["stored_locks"] == 4
    assert 0 < result["lock_p50_s"] <= result["lock_p95_s"] <= result["lock_max_s"] < 10  # the promise
    assert result["camera_on_wall"]["n"] + result["camera_not_on_wall"]["n"] == 4
