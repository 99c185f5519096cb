"""The camera service at demo scale: how fast 60 cameras come online, and what watching them costs.

    python -m bench cameras [--cameras 60] [--seconds 20]

Starts the simulator (its own process, as in the demo), then in this process the product's
CameraService (one ONVIF worker per camera: login, clock, pull-point events) with stream checks
(each camera's wall stream played for 1.5 s once it is online). Reports: time until every camera
is online and until every stream is measured; this process's CPU while the workers idle (pulling
events); the CPU of one round of stream checks; and, in the same run, the `ffmpeg` CLI playing
the same streams for the same time (the floor a stream check can get near).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import psutil

from cockpit.cameras import CameraState, CameraStateChanged
from cockpit.db import create_db_engine
from cockpit.db.migrate import upgrade
from cockpit.demo import DemoSize, ensure_demo
from services.database import DatabaseService
from services.onvif import CameraService, CredentialStore
from services.sim.process import SimulatorProcess, record_cameras


def _cpu_s(proc: psutil.Process) -> float:
    t = proc.cpu_times()
    return t.user + t.system


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench cameras")
    parser.add_argument("--cameras", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=20.0, help="idle measurement")
    parser.add_argument("--pull", type=float, default=5.0, help="PullMessages long-poll, seconds (config: event_pull_s)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-cameras-"))
    url = f"sqlite:///{work / 'demo.db'}"
    engine = create_db_engine(url)
    upgrade(engine)
    ensure_demo(engine, 20261124, DemoSize())
    engine.dispose()

    sim = SimulatorProcess(url, args.cameras, extra_args=["--no-scenario", "--no-feed"])
    announced = sim.start(timeout_s=120)
    db = DatabaseService(url)
    db.start()
    store = CredentialStore(db, work / "credentials.key")
    with db.session() as session:
        record_cameras(session, announced, store)
    online: dict[str, float] = {}
    measured: dict[str, float] = {}
    lock = threading.Lock()
    all_online, all_measured = threading.Event(), threading.Event()

    def sink(event: object) -> None:
        if not isinstance(event, CameraStateChanged):
            return
        h, now = event.health, time.perf_counter()
        with lock:
            if h.state is CameraState.ONLINE:
                online.setdefault(h.code, now)
                if h.fps is not None:
                    measured.setdefault(h.code, now)
            if len(online) == args.cameras:
                all_online.set()
            if len(measured) == args.cameras:
                all_measured.set()

    me = psutil.Process()
    cameras = CameraService(db, store, sink, stream_check_interval_s=3600, pull_wait_s=args.pull)
    started, cpu0 = time.perf_counter(), _cpu_s(me)
    cameras.start()
    all_online.wait(120)
    online_s = time.perf_counter() - started
    all_measured.wait(300)
    measured_s = time.perf_counter() - started
    checks_cpu_s = _cpu_s(me) - cpu0  # connecting 60 cameras + one round of stream checks

    cpu1 = _cpu_s(me)
    time.sleep(args.seconds)  # every worker online, pulling events; no checks due
    idle_pct = (_cpu_s(me) - cpu1) / args.seconds * 100
    threads = me.num_threads()
    rss_mb = me.memory_info().rss / 1e6

    # the floor: the ffmpeg CLI playing each wall stream for as long as a check does (1.5 s)
    uris = [a.rtsp.get("sub") or next(iter(a.rtsp.values())) for a in announced]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for uri in uris[:10]:
        subprocess.run(["ffmpeg", "-v", "error", "-rtsp_transport", "tcp", "-i", uri, "-t", "1.5", "-f", "null", "-"],
                       capture_output=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    ffmpeg_per_check_s = ((after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)) / 10

    cameras.stop(timeout_s=5)
    db.stop()
    sim.stop()
    print(json.dumps({
        "cameras": args.cameras,
        "pull_s": args.pull,
        "all_online_s": round(online_s, 2),
        "all_streams_measured_s": round(measured_s, 2),
        "measured": len(measured),
        "startup_cpu_s": round(checks_cpu_s, 2),
        "startup_cpu_s_per_camera": round(checks_cpu_s / args.cameras, 3),
        "ffmpeg_cpu_s_per_check": round(ffmpeg_per_check_s, 3),
        "idle_cpu_pct": round(idle_pct, 1),
        "idle_cpu_pct_per_camera": round(idle_pct / args.cameras, 3),
        "threads": threads,
        "rss_mb": round(rss_mb),
    }))
    return 0
