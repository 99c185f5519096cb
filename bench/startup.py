"""Start-up time: process start to an interactive main window on the demo site, in a real X window.

    python -m bench startup [--runs 3] [--buildings 40]

cold: a new, empty home (the demo database is generated); warm: it exists.
floor: Python + PySide6 to the first paint of an empty window, measured in the same run,
so `warm_ratio_vs_floor` says how much the cockpit adds to what any Qt app pays.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.xvfb import xvfb

ROOT = Path(__file__).resolve().parents[1]

FLOOR_SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv)
class W(QMainWindow):
    done = False
    def paintEvent(self, e):
        super().paintEvent(e)
        if not W.done:
            W.done = True
            print("cockpit-ready", flush=True)
            QTimer.singleShot(0, app.quit)
w = W(); w.resize(1600, 960); w.show(); app.exec()
"""


def _time_until_ready(cmd: list[str], env: dict[str, str], stdin: str = "") -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdin and proc.stdout
    proc.stdin.write(stdin)
    proc.stdin.close()
    for line in proc.stdout:
        if line.startswith("cockpit-ready"):
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"{cmd} exited with {proc.wait()} before its window was ready")
    proc.wait(30)
    return elapsed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench startup")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--buildings", type=int, default=40)
    args = parser.parse_args(argv)
    cockpit = [sys.executable, str(ROOT / "main.py"), "--demo", "--buildings", str(args.buildings),
               "--user", "operator", "--password-stdin", "--exit-when-ready", "--lang", "en"]
    cold: list[float] = []
    warm: list[float] = []
    floor: list[float] = []
    with xvfb() as display, tempfile.TemporaryDirectory(prefix="cockpit-bench-") as tmp:
        base = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        for run in range(args.runs):
            env = dict(base, COCKPIT_HOME=str(Path(tmp) / f"home{run}"))
            cold.append(_time_until_ready(cockpit, env, "operator\n"))
            warm.append(_time_until_ready(cockpit, env, "operator\n"))
            floor.append(_time_until_ready([sys.executable, "-c", FLOOR_SCRIPT], base))
    result = {
        "cold_s": round(statistics.median(cold), 3),
        "warm_s": round(statistics.median(warm), 3),
        "floor_s": round(statistics.median(floor), 3),
        "warm_ratio_vs_floor": round(statistics.median(warm) / statistics.median(floor), 2),
        "runs": args.runs,
        "buildings": args.buildings,
        "cold_runs_s": [round(v, 3) for v in cold],
        "warm_runs_s": [round(v, 3) for v in warm],
        "target_warm_s": 3.0,
    }
    print(json.dumps(result))
    return 0
