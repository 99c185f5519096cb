"""Simulated camera video: CPU per live RTSP stream (render + encode + send), read by real OpenCV clients.

    python -m bench sim_video [--streams 8] [--main-streams 2] [--seconds 10]

Phase 1 plays the sub stream (640×360) of `streams` demo cameras, one OpenCV reader each; phase 2
the main stream (1280×720) of `main-streams` cameras. CPU per stream = the encoder worker threads'
CPU plus the event-loop thread's, over the wall time, divided by the streams (readers not counted).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy.orm import Session

from cockpit.db import create_db_engine, upgrade
from cockpit.demo import DemoSize, ensure_demo
from cockpit.site import SiteSnapshot, load_snapshot
from services.sim.model import PtzState, SimCamera
from services.sim.video import CameraStreams, decode_timecode
from services.sim.loop import LoopThread
from services.sim.video.orbit import OrbitWorld

os.environ.setdefault("OPENCV_FFMPEG_CAPTURE_OPTIONS", "rtsp_transport;tcp|probesize;4096|analyzeduration;0")
import cv2


def demo_site() -> SiteSnapshot:
    path = Path(tempfile.mkdtemp(prefix="bench-sim-video-")) / "demo.db"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    ensure_demo(engine, 20261124, DemoSize())
    with Session(engine) as s:
        snap = load_snapshot(s)
    engine.dispose()
    assert snap is not None
    return snap


def _reader(url: str, seconds: float, out: list[tuple[int, list[float]]]) -> None:
    cap = cv2.VideoCapture(url, cv2.CAP_FFMPEG)
    frames, ages = 0, []
    end = time.time() + seconds
    while time.time() < end:
        ok, frame = cap.read()
        if not ok:
            break
        frames += 1
        code = decode_timecode(frame)
        if code is not None:
            ages.append(time.time() * 1000 - code)
    cap.release()
    out.append((frames, ages))


def run_phase(loop: LoopThread, cams: list[CameraStreams], token: str, seconds: float) -> dict[str, float]:
    loop_cpu0 = loop.call(time.thread_time)
    results: list[tuple[int, list[float]]] = []
    readers = [threading.Thread(target=_reader, args=(c.stream_uri(token), seconds, results)) for c in cams]
    for r in readers:
        r.start()
    for r in readers:
        r.join(seconds + 15)
    loop_cpu = loop.call(time.thread_time) - loop_cpu0
    deadline = time.time() + 3
    while time.time() < deadline and any(c.profiles[token].running for c in cams):
        time.sleep(0.05)  # workers stop shortly after their reader leaves; then their stats are final
    stats = [c.profiles[token].stats for c in cams]
    worker_cpu = sum(s.cpu_s for s in stats)
    wall = statistics.mean(s.busy_wall_s for s in stats)
    frames = sum(s.frames for s in stats)
    ages = [a for _, got in results for a in got]
    return {
        "cpu_pct": 100 * (worker_cpu + loop_cpu) / len(cams) / wall,
        "render_ms": 1000 * sum(s.render_s for s in stats) / frames,
        "encode_ms": 1000 * sum(s.encode_s for s in stats) / frames,
        "fps_min": min(n for n, _ in results) / seconds if results else 0.0,
        "age_ms": statistics.median(ages) if ages else float("nan"),
        "kbps": 8 * sum(s.bytes for s in stats) / len(cams) / wall / 1000,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench sim_video")
    parser.add_argument("--streams", type=int, default=8)
    parser.add_argument("--main-streams", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args(argv)
    site = demo_site()
    placements = [site.cameras[i % len(site.cameras)] for i in range(max(args.streams, args.main_streams))]
    with LoopThread() as loop:
        cams = []
        for i, c in enumerate(placements):
            cam = SimCamera(i, c.code, c.name, c.x, c.y, c.z, c.heading_deg, -12.0, c.fov_deg, c.range_m, c.is_ptz)
            cs = CameraStreams(site, cam, PtzState(cam), OrbitWorld(cam, people=6))
            loop.run(cs.start())
            cams.append(cs)
        sub = run_phase(loop, cams[:args.streams], "sub", args.seconds)
        main_ = run_phase(loop, cams[:args.main_streams], "main", args.seconds)
        for cs in cams:
            loop.run(cs.stop())
    print(json.dumps({
        "streams": args.streams, "main_streams": args.main_streams, "seconds": args.seconds,
        "cpu_per_sub_stream_pct": round(sub["cpu_pct"], 2), "cpu_per_main_stream_pct": round(main_["cpu_pct"], 2),
        "render_ms_sub": round(sub["render_ms"], 2), "render_ms_main": round(main_["render_ms"], 2),
        "encode_ms_sub": round(sub["encode_ms"], 2), "encode_ms_main": round(main_["encode_ms"], 2),
        "kbps_sub": round(sub["kbps"]), "kbps_main": round(main_["kbps"]),
        "reader_fps_min_sub": round(sub["fps_min"], 1), "reader_fps_min_main": round(main_["fps_min"], 1),
        "frame_age_ms_median_sub": round(sub["age_ms"], 1), "frame_age_ms_median_main": round(main_["age_ms"], 1),
        "cores": os.cpu_count(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
