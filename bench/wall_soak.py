"""Soak: the wall plays for a long time while the cameras' RTSP servers die and come back at random.

    python -m bench wall --soak 600 [--streams 16] [--restart-every 8 25]

Every MIN_S…MAX_S seconds (uniform) the simulator kills the RTSP servers of 1–4 random cameras (one time in
four: all of them, like a power cut on the camera switch), keeps them down 0.2–3 s and restarts them on the
same port (bench/wall_sim.py). A tile has recovered when it paints a frame captured after its server came
back (read from the burnt-in timecode); the next restart waits for that (at most 30 s, else "not
recovered"). Memory: RSS over the first 30 s after the warm-up and over the last 30 s (medians of 5 s
samples: single samples swing ± 5 MB with the frames in flight; growth target < 5 %), the single samples at
both ends, and the trend of the last half (MB/min) to tell a plateau from a leak; threads and open files at
both ends catch leaked connections.
"""

from __future__ import annotations

import argparse
import random
import threading
import time

import numpy as np
import psutil

RECOVER_TIMEOUT_S = 30.0


class RecoveryTracker:
    """Which tiles wait for a picture from a restarted server; fed by the paint probe on the UI thread."""

    def __init__(self, index_of: dict[int, int], codes: list[str]) -> None:
        self._index_of, self._codes = index_of, codes
        self._lock = threading.Lock()
        self._pending: dict[int, tuple[float, float]] = {}  # tile -> (server down at, up at)
        self.recovery_s: list[float] = []  # server up → first new picture painted
        self.outage_s: list[float] = []  # server down → first new picture painted
        self.not_recovered = 0

    def expect(self, codes: list[str], down: float, up: float) -> None:
        with self._lock:
            for i, code in enumerate(self._codes):
                if code in codes:
                    self._pending[i] = (down, up)

    def on_painted(self, view: object, capture_ms: int, painted_at: float) -> None:
        i = self._index_of.get(id(view))
        with self._lock:
            waiting = self._pending.get(i) if i is not None else None
            if waiting is None or capture_ms / 1000 < waiting[1]:
                return
            del self._pending[i]
            self.recovery_s.append(painted_at - waiting[1])
            self.outage_s.append(painted_at - waiting[0])

    def wait(self, timeout_s: float, stop: threading.Event) -> None:
        """Until every pending tile recovered; those that did not within `timeout_s` are counted and dropped."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and not stop.is_set():
            with self._lock:
                if not self._pending:
                    return
            time.sleep(0.05)
        with self._lock:
            self.not_recovered += len(self._pending)
            self._pending.clear()


class Restarter(threading.Thread):
    """Kills and restarts random cameras' RTSP servers until stopped (never on the UI thread)."""

    def __init__(self, sim, codes: list[str], tracker: RecoveryTracker, every_s: tuple[float, float],
                 seed: int = 7) -> None:
        super().__init__(name="bench-restarter", daemon=True)
        self.sim, self.codes, self.tracker, self.every_s = sim, codes, tracker, every_s
        self.rng = random.Random(seed)
        self.halt = threading.Event()
        self.events: list[dict] = []

    def run(self) -> None:
        while not self.halt.wait(self.rng.uniform(*self.every_s)):
            if self.rng.random() < 0.25:
                codes = list(self.codes)
            else:
                codes = self.rng.sample(self.codes, self.rng.randint(1, min(4, len(self.codes))))
            down_s = round(self.rng.uniform(0.2, 3.0), 2)
            reply = self.sim.command(f"restart {','.join(codes)} {down_s}")
            self.tracker.expect(codes, reply["down"], reply["up"])
            self.events.append({"cameras": len(codes), "down_s": down_s})
            self.tracker.wait(RECOVER_TIMEOUT_S, self.halt)


def _rss_mb(proc: psutil.Process) -> float:
    return proc.memory_info().rss / 2**20


def soak(session, args: argparse.Namespace) -> dict:
    me = psutil.Process()
    session.pump(max(args.warmup, 20.0))  # caches, pools and allocator arenas settle first
    rss_start, threads_start, fds_start = _rss_mb(me), me.num_threads(), me.num_fds()
    codes = [c["code"] for c in session.cams]
    tracker = RecoveryTracker(session.index_of, codes)
    session.probe.on_painted = tracker.on_painted
    session.probe.keep = False  # the benchmark's own records must not be what grows
    restarter = Restarter(session.sim, codes, tracker, tuple(args.restart_every))
    samples: list[tuple[float, float]] = []
    t0 = time.monotonic()
    restarter.start()
    while (elapsed := time.monotonic() - t0) < args.soak:
        session.pump(min(5.0, args.soak - elapsed))
        samples.append((time.monotonic() - t0, _rss_mb(me)))
    restarter.halt.set()
    while restarter.is_alive():  # a restart in progress finishes; its tiles are waited for on the UI thread
        session.pump(0.2)
    session.pump(3.0)
    rss_end = _rss_mb(me)
    first = [m for t, m in samples if t <= 30] or [rss_start]
    last = [m for t, m in samples if t >= args.soak - 30] or [rss_end]
    start_med, end_med = float(np.median(first)), float(np.median(last))
    late = [(t, m) for t, m in samples if t >= args.soak / 2]
    slope = float(np.polyfit([t for t, _ in late], [m for _, m in late], 1)[0]) * 60 if len(late) > 2 else None
    rec = tracker.recovery_s
    return {
        "soak_s": args.soak, "warmup_s": max(args.warmup, 20.0),
        "restarts": len(restarter.events), "server_restarts": sum(e["cameras"] for e in restarter.events),
        "tiles_recovered": len(rec), "tiles_not_recovered": tracker.not_recovered,
        "every_tile_recovered": tracker.not_recovered == 0 and bool(rec),
        "recovery_p50_s": _r(np.percentile(rec, 50)) if rec else None,
        "recovery_p95_s": _r(np.percentile(rec, 95)) if rec else None,
        "recovery_max_s": _r(max(rec)) if rec else None,
        "outage_p95_s": _r(np.percentile(tracker.outage_s, 95)) if rec else None,
        "rss_start_mb": round(start_med, 1), "rss_end_mb": round(end_med, 1),
        "rss_growth_pct": round((end_med - start_med) / start_med * 100, 2),
        "rss_at_warmup_end_mb": round(rss_start, 1), "rss_at_end_mb": round(rss_end, 1),
        "rss_max_mb": round(max(m for _, m in samples), 1) if samples else None,
        "rss_trend_last_half_mb_per_min": None if slope is None else round(slope, 3),
        "threads_start": threads_start, "threads_end": me.num_threads(),
        "fds_start": fds_start, "fds_end": me.num_fds(),
        "rss_every_minute_mb": [round(m, 1) for t, m in samples if int(t) % 60 < 5],
        "timecode_unreadable": session.probe.unreadable,
        "target_rss_growth_below_pct": 5, "target_met": (end_med - start_med) / start_med * 100 < 5,
    }


def _r(value: float) -> float:
    return round(float(value), 2)
