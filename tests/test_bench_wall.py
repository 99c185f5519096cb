"""`python -m bench wall` runs end to end (real X window under Xvfb, simulator, FFmpeg) and prints its JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = ("streams", "seconds", "painted_ratio", "latency_p50_ms", "latency_p95_ms", "cpu_s", "ffmpeg_cpu_s",
            "cpu_ratio_vs_ffmpeg", "peak_rss_mb")


@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("ffmpeg")), reason="needs Xvfb and ffmpeg")
def test_bench_wall_prints_one_json_object_with_the_required_keys():
    done = subprocess.run([sys.executable, "-m", "bench", "wall", "--streams", "2", "--seconds", "3", "--warmup", "1"],
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert all(result.get(key) is not None for key in REQUIRED), result
    assert result["streams"] == 2 and result["main_streams"] == 0 and result["stream_px"] == [640, 360]
    assert result["frames_sent"] > 60 and result["painted_ratio"] > 0.9  # 2 × 15 fps × 3 s, nearly all painted
    assert 0 < result["latency_p50_ms"] < 1000 and result["timecode_unreadable"] == 0
    assert len(result["per_stream"]) == 2 and result["ffmpeg_frames_sent"] > 60
