"""What the wall benchmark measures with: the simulator process, a fast timecode reader, and a paint probe.

The probe wraps `VideoView.paintEvent` inside the benchmark only: after a tile painted a frame it has not
painted before, it reads that frame's burnt-in capture time (services/sim/video/timecode.py) and records
`painted wall time − capture time` = glass latency on one host clock. Its own CPU time is summed in
`probe_s`, so the benchmark can keep it out of the cockpit's figure.
"""

from __future__ import annotations

import binascii
import json
import subprocess
import sys
import threading
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from services.sim.video.timecode import COLS, CRC_BITS, DATA_BITS, ROWS

ROOT = Path(__file__).resolve().parents[1]


class SimProcess:
    """`python -m bench.wall_sim` as a child; `command()` is thread-safe (one request at a time)."""

    def __init__(self, cameras: int, db: str | None = None) -> None:
        extra = ["--db", db] if db else []
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.wall_sim", "--cameras", str(cameras), *extra], cwd=ROOT,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.cameras: list[dict] = []
        self._lock = threading.Lock()
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            item = json.loads(line)
            if item.get("ready"):
                break
            self.cameras.append(item)
        if len(self.cameras) < cameras:
            self.close()
            raise RuntimeError(f"the simulator announced {len(self.cameras)} of {cameras} cameras")

    def command(self, line: str) -> dict:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        with self._lock:
            self.proc.stdin.write(line + "\n")
            self.proc.stdin.flush()
            reply = json.loads(self.proc.stdout.readline())
        if "error" in reply:
            raise RuntimeError(f"simulator: {reply['error']}")
        return reply

    def stats(self) -> dict:
        """{"time": t, "sessions": [{"id", "path", "sent", "dropped"}, ...]} (see bench/wall_sim.py)."""
        return self.command("stats")

    def close(self) -> None:
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()  # end of input: the simulator stops itself
            self.proc.wait(15)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait(5)


@lru_cache(maxsize=8)
def _cells(width: int, height: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixel rows and columns of a 5 × 5 patch in the middle of each timecode cell (cells in reading order)."""
    row_h = height / (ROWS * 15)  # the strip is 1/15 of the height at every size the simulator renders
    top = height - ROWS * row_h
    ys = np.array([top + (r + 0.5) * row_h for r in range(ROWS) for _ in range(COLS)])
    xs = np.array([(c + 0.5) * width / COLS for _ in range(ROWS) for c in range(COLS)])
    offsets = np.arange(-2, 3)
    rows = np.clip(np.round(ys)[:, None, None] + offsets[None, :, None], 0, height - 1).astype(np.intp)
    cols = np.clip(np.round(xs)[:, None, None] + offsets[None, None, :], 0, width - 1).astype(np.intp)
    return rows, cols


def read_timecode(image: np.ndarray) -> int | None:
    """Capture time in ms from a BGR or BGRA frame of any size; None if unreadable (≈ 15 µs, vectorised)."""
    h, w = image.shape[:2]
    rows, cols = _cells(w, h)
    levels = image[rows, cols, 1].mean(axis=(1, 2))  # green carries most of the luma
    white, black = (levels[0] + levels[-1]) / 2, (levels[1] + levels[-2]) / 2
    if white - black < 64:
        return None
    bits = levels > (white + black) / 2
    if not (bits[0] and not bits[1] and not bits[-2] and bits[-1]):
        return None
    word = int("".join("1" if b else "0" for b in bits[2:-2]), 2)
    t_ms, crc = word >> CRC_BITS, word & 0xFFFF
    if binascii.crc_hqx(t_ms.to_bytes(DATA_BITS // 8, "big"), 0xFFFF) != crc:
        return None
    return t_ms


@dataclass
class ViewRecord:
    painted: int = 0  # distinct frames painted (by seq)
    last_seq: int = 0
    captures_ms: array = field(default_factory=lambda: array("q"))  # capture time of each distinct frame painted


@dataclass
class PaintProbe:
    """Counts distinct painted frames per view and their glass latency; installed once per process."""

    latencies_ms: array = field(default_factory=lambda: array("d"))  # 8 bytes a frame, not a Python float
    keep: bool = True  # record captures and latencies (a soak only needs on_painted: its memory is measured)
    unreadable: int = 0
    probe_s: float = 0.0
    views: dict[int, ViewRecord] = field(default_factory=dict)  # id(view) -> record
    on_painted: Callable[[object, int, float], None] | None = None  # (view, capture ms, painted at)

    def install(self) -> None:
        from widgets.video_view import VideoView

        original = VideoView.paintEvent
        probe = self

        def paintEvent(view, event) -> None:
            frame = view.current_frame()  # the frame this paint shows
            original(view, event)
            painted_at = time.time()
            if frame is not None:
                t0 = time.perf_counter()
                probe._painted(view, frame, painted_at)
                probe.probe_s += time.perf_counter() - t0

        VideoView.paintEvent = paintEvent

    def _painted(self, view: object, frame, painted_at: float) -> None:
        record = self.views.setdefault(id(view), ViewRecord())
        if frame.seq == record.last_seq:
            return
        record.last_seq = frame.seq
        record.painted += 1
        capture_ms = read_timecode(frame.image)
        if capture_ms is None:
            self.unreadable += 1
            return
        if self.keep:
            record.captures_ms.append(capture_ms)
            self.latencies_ms.append(painted_at * 1000 - capture_ms)
        if self.on_painted is not None:
            self.on_painted(view, capture_ms, painted_at)

    def painted(self, view: object) -> int:
        record = self.views.get(id(view))
        return record.painted if record else 0

    def painted_between(self, view: object, t0: float, t1: float) -> int:
        """Distinct frames painted on `view` that were captured in [t0, t1) (time.time() seconds)."""
        record = self.views.get(id(view))
        lo, hi = t0 * 1000, t1 * 1000
        return sum(1 for c in record.captures_ms if lo <= c < hi) if record else 0


def percentile(values, q: float) -> float | None:
    return float(np.percentile(values, q)) if len(values) else None
