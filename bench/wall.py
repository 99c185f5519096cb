"""The 16-tile video wall in a real X window: frames painted vs sent, glass latency, CPU against FFmpeg, memory.

    python -m bench wall [--streams 16] [--seconds 30] [--main] [--warmup 5] [--no-ffmpeg] [--ffmpeg-scaled]
    python -m bench wall --soak 600            # random RTSP server restarts; RSS growth (bench/wall_soak.py)

The real `VideoWall` (4×4; with --main 2×2 on a 1920×1200 screen so that its tiles are ≥ 540 px high and
the wall itself picks the main streams) runs under a private Xvfb with the xcb platform, fed by the
simulator in another process (bench/wall_sim.py, so its CPU is not counted). After every tile shows a
picture and a warm-up, one window of `--seconds` is measured:

- painted_ratio: distinct frames painted (paint probe, bench/wall_probe.py) / access units the
  simulator's RTSP sessions wrote to the wall (the sender's count), all streams and per stream;
- glass latency: painted time − the capture time burnt into that very frame (same host clock);
- cpu_s: CPU of this process (all threads) in the window, minus the probe's own time, split into
  decoder threads / UI thread / the rest; peak_rss_mb: the process's peak RSS (ru_maxrss);
- then the wall closes its streams and `ffmpeg -i URL -f null -` plays the same N streams concurrently,
  measured over a window of the same length after the same warm-up: cpu_ratio_vs_ffmpeg.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from concurrent.futures import Future

import psutil

from tools.xvfb import xvfb

from .wall_probe import PaintProbe, SimProcess, percentile

TARGETS = {"painted_ratio": 0.98, "latency_p95_ms": 250, "cpu_ratio_vs_ffmpeg": 1.3, "peak_rss_mb": 1536}


class WallSession:
    """The wall on screen, playing N simulated cameras; helpers to run the event loop and take snapshots."""

    def __init__(self, sim: SimProcess, streams: int, main: bool, size: tuple[int, int], smooth: bool) -> None:
        from PySide6.QtWidgets import QApplication

        from widgets.theme import apply_theme
        from widgets.video_wall import VideoWall
        from widgets.worker import TaskRunner

        self.app = QApplication.instance() or QApplication(["cockpit-bench"])
        apply_theme(self.app)
        self.probe = PaintProbe()
        self.probe.install()
        self.sim, self.cams = sim, sim.cameras[:streams]
        self.main = main
        self.runner = TaskRunner()
        uris = {c["code"]: c["rtsp"] for c in self.cams}

        def stream_uri(code: str, want_main: bool) -> Future[str | None]:
            future: Future[str | None] = Future()
            future.set_result(uris[code]["main" if want_main else "sub"])
            return future

        self.wall = VideoWall(stream_uri, self.runner, {c["code"]: c["name"] for c in self.cams})
        self.wall.set_layout("2x2" if main else "4x4")
        self.wall.setGeometry(0, 0, *size)
        self.wall.show()
        self.pump(0.6)  # layout settles (and the wall's 300 ms resize timer fires) before tiles are filled
        started = time.monotonic()
        for i, cam in enumerate(self.cams):
            self.wall.assign(i, cam["code"])
        self.views = [self.wall.tiles[i].view for i in range(len(self.cams))]
        for view in self.views:
            view.smooth = smooth
        self.index_of = {id(v): i for i, v in enumerate(self.views)}
        self.pump_until(lambda: all(self.probe.painted(v) for v in self.views), 30.0)
        self.all_live_s = time.monotonic() - started
        if not all(self.probe.painted(v) for v in self.views):
            raise RuntimeError("not every tile showed a picture within 30 s")

    def pump(self, seconds: float) -> None:
        """Run the Qt event loop for `seconds` (the app runs exactly as it would in the cockpit)."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(max(0, round(seconds * 1000)), loop.quit)
        loop.exec()

    def pump_until(self, done, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while not done() and time.monotonic() < deadline:
            self.pump(0.1)

    def path_of(self, i: int) -> str:
        return f"/{self.cams[i]['code']}/{'main' if self.main else 'sub'}"

    def decoder_cpu_s(self) -> float:
        decoders = [self.wall.decoder_of(i) for i in range(len(self.cams))]
        return sum(d.stats().cpu_s for d in decoders if d is not None)

    def close(self) -> None:
        self.wall.close_streams()
        self.pump(0.5)
        self.wall.close()


def cpu_s(proc: psutil.Process) -> float:
    t = proc.cpu_times()
    return t.user + t.system


class RssSampler(threading.Thread):
    """RSS of this process every `every_s` seconds, from /proc (cheap)."""

    def __init__(self, every_s: float = 0.5) -> None:
        super().__init__(name="bench-rss", daemon=True)
        self.every_s, self.samples = every_s, []
        self._halt = threading.Event()
        self._proc = psutil.Process()

    def run(self) -> None:
        while not self._halt.wait(self.every_s):
            self.samples.append(self._proc.memory_info().rss / 2**20)

    def stop(self) -> list[float]:
        self._halt.set()
        self.join()
        return self.samples


def _sent_by_path(before: list[dict], after: list[dict]) -> dict[str, int]:
    """Access units sent per stream path between two snapshots (sessions matched by id)."""
    start = {s["id"]: s["sent"] for s in before}
    sent: dict[str, int] = {}
    for s in after:
        sent[s["path"]] = sent.get(s["path"], 0) + s["sent"] - start.get(s["id"], 0)
    return sent


def measure_wall(session: WallSession, seconds: float) -> dict:
    """One window: CPU between two snapshots; frames sent between the simulator's two counts, and painted =
    distinct frames painted whose burnt-in capture time falls between those two counts (so frames still in
    flight at either end are matched exactly: the pipeline's ~0.1 s is waited out after the window)."""
    me = psutil.Process()
    probe = session.probe
    rss = RssSampler()
    rss.start()
    stats0 = session.sim.stats()
    cpu0, ui0, dec0, probe0 = cpu_s(me), time.thread_time(), session.decoder_cpu_s(), probe.probe_s
    lat0, unreadable0 = len(probe.latencies_ms), probe.unreadable
    session.pump(seconds)
    stats1 = session.sim.stats()
    cpu1, ui1, dec1, probe1 = cpu_s(me), time.thread_time(), session.decoder_cpu_s(), probe.probe_s
    lat1, unreadable1 = len(probe.latencies_ms), probe.unreadable
    samples = rss.stop()
    session.pump(1.0)  # frames captured before the end of the window reach the screen
    sent = _sent_by_path(stats0["sessions"], stats1["sessions"])
    per_stream = []
    for i, view in enumerate(session.views):
        s = sent.get(session.path_of(i), 0)
        p = probe.painted_between(view, stats0["time"], stats1["time"])
        per_stream.append({"stream": session.path_of(i), "sent": s, "painted": p, "ratio": round(p / s, 4) if s else None})
    total_sent, total_painted = sum(x["sent"] for x in per_stream), sum(x["painted"] for x in per_stream)
    latencies = probe.latencies_ms[lat0:lat1]
    probe_s = probe1 - probe0
    process_s, ui_s, decoders_s = cpu1 - cpu0, ui1 - ui0 - probe_s, dec1 - dec0
    return {
        "frames_sent": total_sent, "frames_painted": total_painted,
        "painted_ratio": round(total_painted / total_sent, 4) if total_sent else None,
        "painted_ratio_min_stream": min((x["ratio"] for x in per_stream if x["ratio"] is not None), default=None),
        "latency_p50_ms": _r(percentile(latencies, 50)), "latency_p95_ms": _r(percentile(latencies, 95)),
        "latency_max_ms": _r(max(latencies, default=None)), "latency_samples": len(latencies),
        "timecode_unreadable": unreadable1 - unreadable0,
        "cpu_s": round(process_s - probe_s, 2),
        "cpu_breakdown_s": {"decoder_threads": round(decoders_s, 2), "ui_thread": round(ui_s, 2),
                            "other_threads": round(process_s - probe_s - decoders_s - ui_s, 2)},
        "probe_cpu_s": round(probe_s, 3),
        "rss_window_max_mb": round(max(samples, default=0.0), 1),
        "per_stream": per_stream,
    }


def measure_ffmpeg(sim: SimProcess, urls: list[str], warmup_s: float, seconds: float,
                   filters: tuple[str, ...] = ()) -> dict:
    """`ffmpeg -i URL -f null -` for every URL at once; CPU of all of them over a window like the wall's."""
    cmd = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-rtsp_transport", "tcp", "-i"]
    procs = [subprocess.Popen([*cmd, url, *filters, "-f", "null", "-"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for url in urls]
    try:
        time.sleep(warmup_s)
        handles = [psutil.Process(p.pid) for p in procs]
        sessions0, cpu0 = sim.stats()["sessions"], sum(cpu_s(h) for h in handles)
        time.sleep(seconds)
        sessions1, cpu1 = sim.stats()["sessions"], sum(cpu_s(h) for h in handles)
        failed = [p.stderr.read().decode()[-300:] for p in procs if p.poll() is not None]
        if failed:
            raise RuntimeError(f"ffmpeg ended early: {failed[0]}")
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(10)
    return {"ffmpeg_cpu_s": round(cpu1 - cpu0, 2),
            "ffmpeg_frames_sent": sum(_sent_by_path(sessions0, sessions1).values())}


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _xvfb_cpu_s() -> float:
    return sum(cpu_s(c) for c in psutil.Process().children() if c.name() == "Xvfb")


def run(args: argparse.Namespace) -> dict:
    size = (1920, 1200) if args.main else (1920, 1080)
    if args.switch_interval_ms:
        sys.setswitchinterval(args.switch_interval_ms / 1000)
    with xvfb(*size) as display:
        os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        sim = SimProcess(args.streams)
        try:
            session = WallSession(sim, args.streams, args.main, size, smooth=not args.no_smooth)
            picked_main = [session.wall.stream_of(i)[1] for i in range(args.streams)]
            if args.soak:
                from .wall_soak import soak

                return {"streams": args.streams, "main": args.main, **soak(session, args)}
            frame = session.views[0].current_frame()
            session.pump(args.warmup)
            xvfb0 = _xvfb_cpu_s()
            wall = measure_wall(session, args.seconds)
            xvfb_s = _xvfb_cpu_s() - xvfb0
            session.close()
            urls = [c["rtsp"]["main" if args.main else "sub"] for c in session.cams]
            ffmpeg = {} if args.no_ffmpeg else measure_ffmpeg(sim, urls, args.warmup, args.seconds)
            if args.ffmpeg_scaled and frame is not None:  # FFmpeg doing the wall's pixel work too, in C
                view = session.views[0]
                scale = min(view.width() / frame.width, view.height() / frame.height)
                shown = f"{round(frame.width * scale)}:{round(frame.height * scale)}"
                scaled = measure_ffmpeg(sim, urls, args.warmup, args.seconds,
                                        ("-vf", f"scale={shown}:flags=bilinear,format=bgra"))
                ffmpeg["ffmpeg_scaled_bgra_cpu_s"] = scaled["ffmpeg_cpu_s"]
                ffmpeg["ffmpeg_scaled_to"] = shown
        finally:
            sim.close()
    result = {
        "streams": args.streams, "seconds": args.seconds, "warmup_s": args.warmup,
        "layout": session.wall.layout_name, "screen": f"{size[0]}x{size[1]}",
        "tile_px": [session.views[0].width(), session.views[0].height()],
        "stream_px": [frame.image.shape[1], frame.image.shape[0]] if frame is not None else None,
        "main_streams": sum(picked_main), "all_tiles_live_s": round(session.all_live_s, 2),
        **{k: v for k, v in wall.items() if k != "per_stream"},
        **ffmpeg,
        "cpu_ratio_vs_ffmpeg": round(wall["cpu_s"] / ffmpeg["ffmpeg_cpu_s"], 2) if ffmpeg.get("ffmpeg_cpu_s") else None,
        "cpu_pct_of_core": round(wall["cpu_s"] / args.seconds * 100, 1),
        "xvfb_cpu_s": round(xvfb_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "switch_interval_ms": round(sys.getswitchinterval() * 1000, 3), "smooth": not args.no_smooth,
        "loadavg_1m_at_end": round(os.getloadavg()[0], 2),  # other work on the machine skews latency, not CPU s
        "frames_sent_source": "simulator RTSP sessions: access units written to the wall's connections",
        "per_stream": wall["per_stream"],
    }
    result["targets_met"] = {k: result.get(k) is not None and (result[k] >= v if k == "painted_ratio" else result[k] <= v)
                             for k, v in TARGETS.items()}
    return result


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m bench wall", description=__doc__.split("\n\n")[0])
    p.add_argument("--streams", type=int, default=16)
    p.add_argument("--seconds", type=float, default=30.0)
    p.add_argument("--warmup", type=float, default=5.0, help="seconds after every tile shows a picture")
    p.add_argument("--main", action="store_true", help="2×2 tiles ≥ 540 px high: the wall plays main streams")
    p.add_argument("--no-ffmpeg", action="store_true", help="skip the FFmpeg comparison")
    p.add_argument("--ffmpeg-scaled", action="store_true",
                   help="also measure FFmpeg scaling to the tile's size and converting to BGRA (reference)")
    p.add_argument("--no-smooth", action="store_true", help="paint without smooth scaling (experiment)")
    p.add_argument("--switch-interval-ms", type=float, help="sys.setswitchinterval (experiment)")
    p.add_argument("--soak", type=float, metavar="SECONDS", help="soak test instead: random server restarts")
    p.add_argument("--restart-every", type=float, nargs=2, default=(8.0, 25.0), metavar=("MIN_S", "MAX_S"))
    args = p.parse_args(argv)
    if args.main and args.streams > 4:
        p.error("--main shows a 2×2 wall: at most 4 streams")
    if args.streams > 16:
        p.error("a 4×4 wall has 16 tiles")
    print(json.dumps(run(args), ensure_ascii=False))
    return 0
