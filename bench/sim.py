"""The whole simulated community at demo scale: what it costs on this machine.

    python -m bench sim [--cameras 60] [--streams 16] [--seconds 10]

Starts `python -m services.sim` (60 cameras, people, scenario, sensors, responders, embedded
MQTT broker), measures its CPU and memory idle, then while N OpenCV readers pull N sub streams.
For reference, the same run measures the `ffmpeg` CLI decoding one of those streams, so the
simulator's cost per stream can be compared with a decoder's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]


def _cpu_percent(proc: psutil.Process, seconds: float) -> float:
    before = proc.cpu_times()
    time.sleep(seconds)
    after = proc.cpu_times()
    used = (after.user + after.system) - (before.user + before.system)
    return used / seconds * 100.0


def _reader(url: str, stop: threading.Event, counts: list[int], i: int) -> None:
    import cv2

    cap = cv2.VideoCapture(url, cv2.CAP_FFMPEG)
    while not stop.is_set():
        ok, _ = cap.read()
        if not ok:
            break
        counts[i] += 1
    cap.release()


def _ffmpeg_cpu_percent(url: str, seconds: float) -> float:
    start = time.perf_counter()
    done = subprocess.run(["ffmpeg", "-v", "error", "-rtsp_transport", "tcp", "-i", url, "-t", str(seconds),
                           "-f", "null", "-"], capture_output=True)
    wall = time.perf_counter() - start
    import resource

    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode()[-300:])
    return (child.ru_utime + child.ru_stime) / wall * 100.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench sim")
    parser.add_argument("--cameras", type=int, default=60)
    parser.add_argument("--streams", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args(argv)
    os.environ["OPENCV_FFMPEG_CAPTURE_OPTIONS"] = "rtsp_transport;tcp|probesize;4096|analyzeduration;0"

    started = time.perf_counter()
    sim = subprocess.Popen([sys.executable, "-m", "services.sim", "--cameras", str(args.cameras)], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        cameras = [json.loads(sim.stdout.readline()) for _ in range(args.cameras)]
        up_s = time.perf_counter() - started
        proc = psutil.Process(sim.pid)
        time.sleep(2)
        idle = _cpu_percent(proc, args.seconds)
        idle_rss = proc.memory_info().rss / 1e6

        stop = threading.Event()
        counts = [0] * args.streams
        readers = [threading.Thread(target=_reader, args=(c["rtsp"]["sub"], stop, counts, i))
                   for i, c in enumerate(cameras[: args.streams])]
        for r in readers:
            r.start()
        time.sleep(3)
        before = list(counts)
        busy = _cpu_percent(proc, args.seconds)
        fps = [(after - b) / args.seconds for after, b in zip(counts, before, strict=True)]
        busy_rss = proc.memory_info().rss / 1e6
        stop.set()
        for r in readers:
            r.join()
        ffmpeg = _ffmpeg_cpu_percent(cameras[0]["rtsp"]["sub"], args.seconds)
    finally:
        sim.terminate()
        sim.wait(30)
    per_stream = (busy - idle) / args.streams
    print(json.dumps({
        "cameras": args.cameras,
        "startup_s": round(up_s, 2),
        "idle_cpu_pct": round(idle, 1),
        "idle_cpu_pct_per_camera": round(idle / args.cameras, 3),
        "idle_rss_mb": round(idle_rss),
        "streams": args.streams,
        "busy_cpu_pct": round(busy, 1),
        "cpu_pct_per_sub_stream": round(per_stream, 2),
        "stream_fps_min": round(min(fps), 1),
        "stream_fps_mean": round(sum(fps) / len(fps), 1),
        "busy_rss_mb": round(busy_rss),
        "ffmpeg_decode_cpu_pct_per_sub_stream": round(ffmpeg, 2),
        "sim_vs_ffmpeg_decode_ratio": round(per_stream / ffmpeg, 2) if ffmpeg else None,
        "note": "CPU in % of one core; the simulator encodes a stream only while someone plays it",
    }))
    return 0
