"""Measures a pre-alarm buffer: CPU of one tap thread and memory of a 30 s ring, sub and main stream.

    .venv/bin/python -m tests.services.recording.measure [seconds]
Not a test (nothing asserts); the numbers in docs/RECORDING.md come from here. The simulated camera runs
in this process, but the tap's CPU is its own thread's (time.thread_time), so the encoder is not counted.
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from services.recording import ClipWriter, PacketTap
from services.sim.loop import LoopThread
from services.sim.model import MAIN, SUB
from tests.services.video.hosts import SimCameraHost


def measure(loop: LoopThread, spec, seconds: float) -> None:
    host = SimCameraHost(loop)
    host.camera = replace(host.camera, streams=(replace(spec, gop=15),))
    host.start()
    uri = f"rtsp://127.0.0.1:{host.port}/{host.camera.code}/{spec.token}"
    tap = PacketTap(host.camera.code, uri, ring_s=30.0, ring_bytes=256 * 2**20).start()
    try:
        while tap.stats().packets == 0:
            time.sleep(0.05)
        cpu0, t0 = tap.stats().cpu_s, time.monotonic()
        time.sleep(seconds)
        stats = tap.stats()
        elapsed = time.monotonic() - t0
        snap = tap.ring.snapshot()
    finally:
        tap.close()
        host.stop()
    python_bytes = sum(sys.getsizeof(p) + sys.getsizeof(p.data) for p in snap)
    with tempfile.TemporaryDirectory() as folder:
        c0, w0 = time.thread_time(), time.perf_counter()
        writer = ClipWriter(Path(folder) / "clip", snap[0].params)
        for p in snap:
            writer.write(p)
        clip = writer.close()
        write_cpu, write_s = time.thread_time() - c0, time.perf_counter() - w0
    print(f"{spec.token} {spec.width}x{spec.height} @{spec.bitrate_kbps} kbit/s: tap CPU "
          f"{(stats.cpu_s - cpu0) / elapsed:.2%} of a core; ring {stats.ring.seconds:.1f} s, {stats.ring.packets} "
          f"packets, {stats.ring.bytes / 2**20:.2f} MiB payload, {python_bytes / 2**20:.2f} MiB with Python objects; "
          f"remuxing it to MP4 ({clip.duration_s:.1f} s): {write_s * 1000:.0f} ms, {write_cpu * 1000:.0f} ms CPU")


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 35.0
    with LoopThread() as loop:
        for spec in (SUB, MAIN):
            measure(loop, spec, seconds)


if __name__ == "__main__":
    main()
