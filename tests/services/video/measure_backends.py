"""Measures OpenCV (CAP_FFMPEG) against PyAV as the RTSP client: first frame, latency, CPU, dead and frozen servers.

    .venv/bin/python -m tests.services.video.measure_backends
Not a test (nothing asserts); the numbers in docs/VIDEO_CLIENT.md come from here. Each client runs in
its own process so that its CPU time is not mixed with the simulator's.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterator

import numpy as np

from services.sim.loop import LoopThread
from services.sim.video.timecode import decode_timecode
from tests.servers import gst_rtsp_server
from tests.services.video.hosts import FreezableProxy, SilentServer, sim_camera

LOW_LATENCY = {"rtsp_transport": "tcp", "probesize": "4096", "analyzeduration": "0"}
TIMEOUT_S = 2.0


def _frames_opencv(uri: str, timeout_s: float) -> Iterator[np.ndarray]:
    os.environ["OPENCV_FFMPEG_CAPTURE_OPTIONS"] = "|".join(f"{k};{v}" for k, v in LOW_LATENCY.items())
    import cv2
    ms = int(timeout_s * 1000)
    cap = cv2.VideoCapture(uri, cv2.CAP_FFMPEG, [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, ms, cv2.CAP_PROP_READ_TIMEOUT_MSEC, ms])
    try:
        if not cap.isOpened():
            return
        while True:
            ok, img = cap.read()
            if not ok:
                return
            yield img
    finally:
        cap.release()


def _frames_pyav(uri: str, timeout_s: float) -> Iterator[np.ndarray]:
    import av
    try:
        container = av.open(uri, options=LOW_LATENCY, timeout=(timeout_s, timeout_s))
    except av.FFmpegError:
        return
    try:
        stream = container.streams.video[0]
        stream.codec_context.thread_count = 1
        for packet in container.demux(stream):
            for frame in packet.decode():
                yield frame.to_ndarray(format="bgr24")
    except av.FFmpegError:
        return
    finally:
        container.close()


BACKENDS: dict[str, Callable[[str, float], Iterator[np.ndarray]]] = {"opencv": _frames_opencv, "pyav": _frames_pyav}


def _child(backend: str, uri: str, seconds: float, timecode: bool, out: mp.Queue) -> None:
    """Open, read for `seconds` (or until the stream ends); report first frame, ages, CPU, when it ended."""
    t0 = time.monotonic()
    first = None
    ages: list[float] = []
    cpu0 = None
    n = 0
    for img in BACKENDS[backend](uri, TIMEOUT_S):
        now = time.monotonic()
        if first is None:
            first = now - t0
            ru = resource.getrusage(resource.RUSAGE_SELF)
            cpu0, wall0 = ru.ru_utime + ru.ru_stime, now
        n += 1
        tc = decode_timecode(img) if timecode else None
        if tc is not None:
            ages.append(time.time() * 1000 - tc)
        if now - t0 > seconds:
            break
    end = time.monotonic()
    ru = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (ru.ru_utime + ru.ru_stime - cpu0) / (end - wall0) if cpu0 is not None and end > wall0 else None
    out.put({"first_s": first, "frames": n, "ages": ages, "cpu": cpu, "ended": time.time(), "elapsed": end - t0})


def run_child(backend: str, uri: str, seconds: float, during: Callable[[], float | None] | None = None,
              timecode: bool = True) -> dict:
    """Run a client process; `during()` (run meanwhile) may break the server and return when it did."""
    ctx = mp.get_context("spawn")
    q: mp.Queue = ctx.Queue()
    p = ctx.Process(target=_child, args=(backend, uri, seconds, timecode, q))
    p.start()
    broke_at = during() if during else None
    result = q.get(timeout=seconds + 30)
    p.join(10)
    if broke_at is not None:
        result["noticed_s"] = result["ended"] - broke_at
    return result


def main() -> None:
    with LoopThread() as lt:
        for backend in BACKENDS:
            print(f"== {backend}")
            with sim_camera(lt) as cam:
                firsts = [run_child(backend, cam.uri, 0.0)["first_s"] for _ in range(5)]
                print(f"sim  first frame median {statistics.median(firsts) * 1000:.0f} ms  ({[round(f * 1000) for f in firsts]})")
                r = run_child(backend, cam.uri, 6.0)
                ages = sorted(r["ages"])
                print(f"sim  360p15: glass-to-BGR age median {statistics.median(ages):.0f} ms "
                      f"p95 {ages[int(len(ages) * .95)]:.0f} ms")
                cpu = [run_child(backend, cam.uri, 8.0, timecode=False)["cpu"] * 100 for _ in range(2)]
                print(f"sim  360p15 client process CPU (read + decode + BGR): {cpu[0]:.2f} / {cpu[1]:.2f} % of a core")

                def kill(cam=cam) -> float:
                    time.sleep(1.5)
                    t = time.time()
                    cam.stop()
                    return t
                r = run_child(backend, cam.uri, 10.0, kill)
                print(f"sim  killed server noticed after {r['noticed_s'] * 1000:.0f} ms")
                cam.start()
                proxy = FreezableProxy(cam.port)
                uri = cam.uri.replace(f":{cam.port}/", f":{proxy.port}/")

                def freeze(proxy=proxy) -> float:
                    time.sleep(1.5)
                    t = time.time()
                    proxy.freeze()
                    return t
                r = run_child(backend, uri, 20.0, freeze)
                print(f"sim  frozen server noticed after {r['noticed_s']:.2f} s (timeout {TIMEOUT_S} s)")
                proxy.close()
            silent = SilentServer()
            r = run_child(backend, f"rtsp://127.0.0.1:{silent.port}/x", 20.0)
            print(f"silent server: open gave up after {r['elapsed']:.2f} s (timeout {TIMEOUT_S} s)")
            silent.close()
            with gst_rtsp_server(gop=15) as uri:
                firsts = [run_child(backend, uri, 0.0)["first_s"] for _ in range(5)]
                print(f"gst  first frame median {statistics.median(firsts) * 1000:.0f} ms  ({[round(f * 1000) for f in firsts]})")
                r = run_child(backend, uri, 8.0, timecode=False)
                print(f"gst  360p15 for 8 s: {r['frames']} frames, CPU {r['cpu'] * 100:.2f} % of a core")


if __name__ == "__main__":
    main()
