"""`python -m bench alarms` runs end to end (the real cockpit under Xvfb, Mosquitto, the sensor feed) and prints
its JSON; every alarm sent is in the database."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = ("sent", "persisted", "ui_lag_p99_ms", "seconds", "rate_target", "rate_achieved", "persist_ratio",
            "ui_lag_p50_ms", "ui_lag_max_ms", "queue_rows_shown", "batch_p99_ms", "cpu_s", "peak_rss_mb",
            "baseline", "rate_ratio_vs_baseline", "flood", "ceiling_ratio", "db_ceiling", "ceiling_ratio_vs_db")


@pytest.mark.skipif(not shutil.which("Xvfb"), reason="needs Xvfb")
def test_bench_alarms_prints_one_json_object_and_stores_every_alarm():
    done = subprocess.run([sys.executable, "-m", "bench", "alarms", "--rate", "300", "--seconds", "2",
                           "--flood", "500", "--baseline", "500", "--db-ceiling", "1000", "--idle", "0.5"],
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert all(result.get(key) is not None for key in REQUIRED), result
    assert result["sent"] == 600 and result["persisted"] == result["sent"] and result["persist_ratio"] == 1.0
    assert result["duplicates"] == 0 and result["missing"] == 0 and result["flood"]["persisted"] == 500
    assert 250 < result["rate_achieved"] < 350 and result["ui_lag_samples"] > 0
    assert result["queue_visible"] and result["queue_rows_shown"] == result["live_alarms_in_db"] > 0
    assert result["queue_occurrences_shown"] == 600  # every message of the burst, as a row or a repeat on one
    assert result["baseline"]["receive_rate"] > 0 and result["cockpit_exit_code"] == 0
