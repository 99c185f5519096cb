"""Video lock: alarm received → first frame of the right camera painted, with 16 streams on the wall.

    python -m bench lock [--alarms 50] [--cameras 32] [--wall 16] [--interval 1.5] [--seed N]

The real main window (wall detached into its own window, as on a control room's second monitor, and
the focus view in the main window) under a private Xvfb with the xcb platform; the simulator's cameras
in another process (bench/wall_sim.py, the same demo site from a database this bench generates); the
real alarm ingest (AlarmIngestService: batch writer, SQLite commit, AlarmChanged through the bridge) and
the real VideoLockController. The first `--wall` simulated cameras play on the 4×4 wall; `--alarms`
video-analytics alarms (kind crowd) are submitted one every `--interval` seconds at random places that
some simulated camera sees. Lock time is what the controller measures and stores: the alarm's
received_at (stamped by the ingest) → the first paint of a frame of a chosen camera decoded after it.
It is split by whether the camera that locked was already live on the wall, warm in the pool
(services/video/warm_pool.py), or neither (cold). A share `--precursors` of the alarms is preceded, `--lead`
seconds earlier, by a P4 motion alarm at the same place (the sign that makes its camera likely, as a
loitering group before a crowd): those cameras can be warm; the others are cold unless on the wall.
The pool's CPU over the run is reported as % of one core, next to its budget.

Reference in the same run (the physical limit of a cold open): `ffmpeg -rtsp_transport tcp -fflags nobuffer
-flags low_delay -probesize 32 -analyzeduration 0 -i URL
-frames:v 1 -f null -` on the main streams of cameras that are not on the wall, wall-clock to exit.
PTZ motion goes to a stub (a motor is not what is measured); domes that must turn count as locked when
their first frame is painted, like the others.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import tempfile
import time
from concurrent.futures import Future
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from tools.xvfb import xvfb

from .wall_probe import SimProcess, percentile

TARGETS = {"lock_p95_s": 1.0}
SEED = 20261124


def _done(value: object = None) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


class _StubMotor:
    """PTZ for the focus view: presets empty, moves accepted (no motor is measured here)."""

    def presets(self, code: str) -> Future:
        return _done([])

    def __getattr__(self, name: str):  # noqa: ANN204 - ptz_move, ptz_stop, ptz_absolute, goto_preset …
        return lambda *a, **k: _done(None)


def _stats(values: list[float]) -> dict:
    return {"n": len(values), "p50_s": _r(percentile(values, 50)), "p95_s": _r(percentile(values, 95)),
            "max_s": _r(max(values) if values else None)}


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _process_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc): the simulated cameras' cost, not the cockpit's."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ffmpeg_first_frame_s(urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        started = time.perf_counter()
        subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-rtsp_transport", "tcp", "-fflags", "nobuffer",
                        "-flags", "low_delay", "-probesize", "32", "-analyzeduration", "0", "-i", url,
                        "-frames:v", "1", "-f", "null", "-"], check=True, timeout=20, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def _places(site, simulated: set[str], n: int, rng: random.Random) -> list[tuple[float, float]]:  # noqa: ANN001
    """Random points that at least one simulated camera sees (seen, not merely nearby), 10 m apart."""
    from cockpit.video_lock import LockHow, choose_cameras

    cams = [c for c in site.cameras if c.code in simulated]
    places: list[tuple[float, float]] = []
    while len(places) < n:
        x, y = rng.uniform(0, site.width_m), rng.uniform(0, site.depth_m)
        choices = choose_cameras(cams, x, y)
        apart = all((x - px) ** 2 + (y - py) ** 2 >= 100.0 for px, py in places)  # 10 m: no merged duplicates
        if apart and choices and choices[0].how is LockHow.SEES:
            places.append((round(x, 1), round(y, 1)))
    return places


def run(args: argparse.Namespace) -> dict:
    from cockpit.db import create_db_engine, upgrade
    from cockpit.demo import DemoSize, ensure_demo

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-lock-") as tmp, xvfb(1920, 1080) as display:
        os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        url = f"sqlite:///{Path(tmp) / 'site.db'}"
        engine = create_db_engine(url)
        upgrade(engine)
        ensure_demo(engine, args.seed, DemoSize(buildings=40))
        engine.dispose()
        sim = SimProcess(args.cameras, db=url)
        try:
            return _measure(args, rng, url, sim, Path(tmp))
        finally:
            sim.close()


def _measure(args: argparse.Namespace, rng: random.Random, url: str, sim: SimProcess, tmp: Path) -> dict:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from cockpit.accounts import authenticate
    from cockpit.config import AlarmsConfig, Config
    from cockpit.models import Alarm, AlarmKind, AlarmSource
    from cockpit.site import load_snapshot
    from cockpit.warm_cameras import WarmPlanner
    from main import _alarms
    from services.alarms.inputs import AlarmInput
    from services.database import DatabaseService
    from services.lookup import LookupService
    from services.video.warm_pool import WarmPool, host_cpu_times
    from widgets.main_window import MainWindow, WindowServices
    from widgets.theme import apply_theme
    from widgets.worker import TaskRunner

    app = QApplication.instance() or QApplication(["cockpit-bench"])
    apply_theme(app)

    def pump(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(max(0, round(seconds * 1000)), loop.quit)
        loop.exec()

    def pump_until(done, timeout_s: float) -> bool:  # noqa: ANN001
        deadline = time.monotonic() + timeout_s
        while not done() and time.monotonic() < deadline:
            pump(0.05)
        return bool(done())

    db = DatabaseService(url)
    db.start()
    with db.session() as s:
        site = load_snapshot(s)
        actor = authenticate(s, "operator", "operator")
    uris = {c["code"]: c["rtsp"] for c in sim.cameras}
    simulated = set(uris)
    runner = TaskRunner()

    def stream_uri(code: str, main: bool) -> Future:
        return _done(uris[code]["main" if main else "sub"] if code in uris else None)

    config = Config(alarms=AlarmsConfig(lock_priority=2, batch_wait_ms=5))  # crowd is P2, motion P3/P4
    pool = WarmPool(stream_uri, max_streams=args.warm, cpu_budget_pct=args.warm_cpu,
                    min_idle_pct=args.warm_min_idle) if args.warm else None
    ingest, desk = _alarms(config, db, actor, demo=True)
    ingest.start()
    lookup = LookupService(db)
    window = MainWindow(WindowServices(
        actor=actor, snapshot=site, runner=runner, search=partial(lookup.search, actor=actor),
        record_view=partial(lookup.record_view, actor=actor), db_health=db.health, db_name=db.backend,
        settings=QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat), stream_uri=stream_uri,
        ptz=_StubMotor(), alarms=desk, warm_pool=pool, warm_planner=WarmPlanner()))
    lock = window.video_lock
    assert lock is not None and window.wall is not None
    for cam in site.cameras:  # only the simulated cameras can show a picture
        lock.set_available(cam.code, cam.code in simulated)
    window.resize(1920, 1080)
    window.show()
    window.detach_wall()
    wall = window.wall
    wall.set_layout("4x4")
    on_wall = sorted(simulated)[:args.wall]
    pump(0.6)
    for i, code in enumerate(on_wall):
        wall.assign(i, code)
    views = [wall.tiles[i].view for i in range(len(on_wall))]
    if not pump_until(lambda: all(v.current_frame() is not None for v in views), 30.0):
        raise RuntimeError("not every wall tile showed a picture within 30 s")
    pump(2.0)
    places = _places(site, simulated, args.alarms, rng)
    signalled = set(rng.sample(range(len(places)), round(args.precursors * len(places))))
    submitted: list[int] = []
    sim_cpu = partial(_process_cpu_s, sim.proc.pid)
    sim_cpu0, host0 = sim_cpu(), host_cpu_times()
    started = time.monotonic()

    def submit(kind: AlarmKind, x: float, y: float) -> int:
        future = ingest.submit(AlarmInput(kind, AlarmSource.ANALYTICS, datetime.now(UTC), x=x, y=y,
                                          source_ref=f"bench-lock-{kind}-{len(submitted)}-{time.time_ns()}"))
        pump_until(future.done, 5.0)
        return future.result().alarm_id

    for i, (x, y) in enumerate(places):
        if i in signalled:
            submit(AlarmKind.MOTION, x, y)
            pump(args.lead)
        submitted.append(submit(AlarmKind.CROWD, x, y))
        pump(args.interval)
    pump_until(lambda: len({r.alarm_id for r in lock.results}) >= len(submitted), 10.0)
    elapsed = time.monotonic() - started
    first: dict[int, object] = {}
    for result in lock.results:
        first.setdefault(result.alarm_id, result)
    results = [first[a] for a in submitted if a in first]
    def stored_locks() -> list[float]:
        with db.session() as s:
            rows = s.query(Alarm).filter(Alarm.id.in_(submitted), Alarm.video_locked_at.is_not(None)).all()
            return [(a.video_locked_at - a.received_at).total_seconds() for a in rows]

    runner.wait(10_000)
    pump_until(lambda: len(stored_locks()) >= len(results), 5.0)  # the workers' writes (and any failure) land
    stored = stored_locks()
    off_wall = [c for c in sorted(simulated) if c not in on_wall][:8]
    warm = pool.stats() if pool is not None else None
    host1, sim_used = host_cpu_times(), sim_cpu() - sim_cpu0
    host = None if host0 is None or host1 is None else 100 * (host1[0] - host0[0]) / (host1[1] - host0[1])
    wall.close_streams()
    if window.focus is not None:
        window.focus.close_camera()
    pump(0.5)
    window.close()
    ingest.stop(drain_s=2.0)
    db.stop()
    if pool is not None:
        pool.close()
    ffmpeg = ffmpeg_first_frame_s([uris[c]["main"] for c in off_wall]) if not args.no_ffmpeg else []
    locks = [r.lock_s for r in results]
    result = {
        "n": len(set(submitted)), "locked": len(results), "stored_locks": len(stored),
        "lock_p50_s": _r(percentile(locks, 50)), "lock_p95_s": _r(percentile(locks, 95)),
        "lock_max_s": _r(max(locks) if locks else None),
        "stored_lock_p95_s": _r(percentile(stored, 95)),
        "camera_on_wall": _stats([r.lock_s for r in results if r.was_on_wall]),
        "camera_not_on_wall": _stats([r.lock_s for r in results if not r.was_on_wall]),
        "camera_warm": _stats([r.lock_s for r in results if r.was_warm]),
        "camera_cold": _stats([r.lock_s for r in results if not r.was_on_wall and not r.was_warm]),
        "locked_on_borrowed_stream": sum(r.bridged for r in results),
        "precursor_alarms": len(signalled), "precursor_lead_s": args.lead,
        "warm_max_streams": args.warm, "warm_cpu_budget_pct": args.warm_cpu,
        "warm_cpu_core_pct": None if warm is None else round(100 * warm.cpu_s / elapsed, 2),
        "warm_per_stream_core_pct": None if warm is None or warm.per_stream_pct is None
        else round(warm.per_stream_pct, 2),
        "warm_started": None if warm is None else warm.started,
        "warm_min_idle_pct": args.warm_min_idle,
        "host_idle_pct": None if host is None else round(host, 1),
        "simulator_cpu_core_pct": round(100 * sim_used / elapsed, 1),
        "locked_in": {w: sum(r.where == w for r in results) for w in ("focus", "wall")},
        "how": {h: sum(r.how.value == h for r in results) for h in sorted({r.how.value for r in results})},
        "ffmpeg_first_frame_p50_s": _r(percentile(ffmpeg, 50)), "ffmpeg_first_frame_max_s": _r(max(ffmpeg) if ffmpeg else None),
        "wall_streams": len(on_wall), "simulated_cameras": len(simulated), "interval_s": args.interval,
        "seconds": round(elapsed, 1), "loadavg_1m_at_end": round(os.getloadavg()[0], 2),
    }
    if ffmpeg and locks:
        result["lock_p50_vs_ffmpeg_first_frame"] = round(percentile(locks, 50) / percentile(ffmpeg, 50), 2)
    result["targets_met"] = {k: result[k] is not None and result[k] <= v for k, v in TARGETS.items()}
    return result


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m bench lock", description=__doc__.split("\n\n")[0])
    p.add_argument("--alarms", type=int, default=50)
    p.add_argument("--cameras", type=int, default=32, help="simulated cameras (the first --wall are on the wall)")
    p.add_argument("--wall", type=int, default=16)
    p.add_argument("--interval", type=float, default=1.5, help="seconds between alarms")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--precursors", type=float, default=0.5,
                   help="share of alarms preceded by a P4 motion alarm at the same place (0…1)")
    p.add_argument("--lead", type=float, default=2.0, help="seconds from the precursor to its alarm")
    p.add_argument("--warm", type=int, default=4, help="warm pool: sub streams kept decoding at most (0: off)")
    p.add_argument("--warm-cpu", type=float, default=10.0, help="warm pool CPU budget, %% of one core")
    p.add_argument("--warm-min-idle", type=float, default=25.0,
                   help="warm pool: no warm streams while less than this %% of all cores is idle")
    p.add_argument("--no-ffmpeg", action="store_true", help="skip the FFmpeg first-frame reference")
    args = p.parse_args(argv)
    if not 1 <= args.wall <= 16 or args.wall > args.cameras:
        p.error("--wall must be 1…16 and at most --cameras")
    if not 0 <= args.precursors <= 1:
        p.error("--precursors must be 0…1")
    print(json.dumps(run(args), ensure_ascii=False))
    return 0
