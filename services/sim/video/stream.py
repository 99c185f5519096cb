"""A camera's video on demand: per profile, render + encode in a worker thread only while someone plays it."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass

import cv2
import numpy as np

from cockpit.site import SiteSnapshot
from services.sim.model import PtzState, SimCamera, StreamSpec, WorldView

from .encoder import H264Encoder, SdpParameters, sdp_parameters
from .render import SceneRenderer
from .rtp import AccessUnit
from .rtsp import SOCKET_SNDBUF, RtspServer
from .session import DEFAULT_BUFFER_LIMIT, RtpSession

logger = logging.getLogger(__name__)

IDLE_STOP_S = 0.5  # keep encoding this long after the last client left (a quick reconnect reuses it)


@dataclass
class ProfileStats:
    """Counters of one profile since creation; cpu_s is the worker threads' CPU time (render + encode)."""

    runs: int = 0
    frames: int = 0
    keyframes: int = 0
    bytes: int = 0
    late_frames: int = 0  # ticks skipped because the worker fell more than a frame behind
    cpu_s: float = 0.0
    render_s: float = 0.0
    encode_s: float = 0.0
    busy_wall_s: float = 0.0


class ProfileStream:
    """One media profile of a camera; a MediaSource for the RTSP server (attach/detach on the loop thread)."""

    def __init__(self, site: SiteSnapshot, camera: SimCamera, ptz: PtzState, world: WorldView,
                 spec: StreamSpec, idle_stop_s: float = IDLE_STOP_S) -> None:
        self.camera, self.world, self.spec = camera, world, spec
        self.idle_stop_s = idle_stop_s
        self.renderer = SceneRenderer(site, camera, ptz, spec)
        self.stats = ProfileStats()
        self._render_lock = threading.Lock()
        self._lock = threading.Lock()
        self._sinks: list[RtpSession] = []  # loop thread only
        self._sink_count = 0  # what the worker sees
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._keyframe = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- MediaSource ----------------------------------------------------------------------------

    def sdp_parameters(self) -> SdpParameters:
        return sdp_parameters(self.spec)

    def attach(self, sink: RtpSession) -> None:
        self._loop = asyncio.get_running_loop()
        self._sinks.append(sink)
        with self._lock:
            self._sink_count = len(self._sinks)
            self._keyframe.set()  # the newcomer starts at the very next frame, not the next GOP
            if self._thread is None:
                self._stop.clear()
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name=f"sim-video-{self.camera.code}-{self.spec.token}")
                self._thread.start()

    def detach(self, sink: RtpSession) -> None:
        if sink in self._sinks:
            self._sinks.remove(sink)
        with self._lock:
            self._sink_count = len(self._sinks)

    # -- state --------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether the worker thread (render + encode) exists right now."""
        with self._lock:
            return self._thread is not None

    @property
    def clients(self) -> int:
        return self._sink_count

    def stop(self, timeout: float = 2.0) -> None:
        """End the worker now (blocking); the next attach starts a new one."""
        with self._lock:
            thread = self._thread
            self._stop.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def snapshot(self) -> np.ndarray:
        """One freshly rendered frame of the current world and view (works without clients)."""
        with self._render_lock:
            return self.renderer.render(self.world.frame(), at=time.time())

    # -- worker -------------------------------------------------------------------------------

    def _run(self) -> None:
        loop = self._loop
        assert loop is not None
        encoder = H264Encoder(self.spec)
        stats = self.stats
        stats.runs += 1
        period = 1.0 / self.spec.fps
        start = time.monotonic()
        cpu0 = time.thread_time()
        tick = 0
        idle_since: float | None = None
        logger.info("%s/%s: encoder started", self.camera.code, self.spec.token)
        try:
            while not self._stop.is_set():
                delay = start + tick * period - time.monotonic()
                if delay > 0:
                    if self._stop.wait(delay):
                        break
                elif delay < -period:  # fell behind: skip the missed ticks instead of bursting
                    missed = int(-delay // period)
                    tick += missed
                    stats.late_frames += missed
                t0 = time.thread_time()
                capture = time.time()
                with self._render_lock:
                    img = self.renderer.render(self.world.frame(), at=capture)
                t1 = time.thread_time()
                force = self._keyframe.is_set()
                if force:
                    self._keyframe.clear()
                units = encoder.encode(img, capture, keyframe=force)
                t2 = time.thread_time()
                stats.render_s += t1 - t0
                stats.encode_s += t2 - t1
                stats.frames += 1
                if units:
                    try:
                        loop.call_soon_threadsafe(self._deliver, units)
                    except RuntimeError:  # the loop is closed: nobody can be listening
                        break
                tick += 1
                with self._lock:
                    if self._sink_count:
                        idle_since = None
                    else:
                        idle_since = idle_since or time.monotonic()
                        if time.monotonic() - idle_since >= self.idle_stop_s:
                            self._thread = None
                            break
        except Exception:
            logger.exception("%s/%s: encoder failed", self.camera.code, self.spec.token)
        finally:
            encoder.close()
            stats.cpu_s += time.thread_time() - cpu0
            stats.busy_wall_s += time.monotonic() - start
            with self._lock:
                if self._thread is threading.current_thread():
                    self._thread = None
            logger.info("%s/%s: encoder stopped", self.camera.code, self.spec.token)

    def _deliver(self, units: list[AccessUnit]) -> None:
        for au in units:
            self.stats.bytes += au.size
            self.stats.keyframes += au.keyframe
            for sink in list(self._sinks):
                sink.on_access_unit(au)


class CameraStreams:
    """All profiles of one simulated camera behind its own RTSP server (rtsp://host:port/<code>/<token>)."""

    def __init__(self, site: SiteSnapshot, camera: SimCamera, ptz: PtzState, world: WorldView, *,
                 host: str = "127.0.0.1", port: int = 0, idle_stop_s: float = IDLE_STOP_S,
                 session_buffer_bytes: int = DEFAULT_BUFFER_LIMIT, socket_sndbuf: int = SOCKET_SNDBUF) -> None:
        self.camera = camera
        self.profiles = {s.token: ProfileStream(site, camera, ptz, world, s, idle_stop_s) for s in camera.streams}
        self.server = RtspServer(host, port, session_buffer_bytes=session_buffer_bytes, socket_sndbuf=socket_sndbuf)
        for token, profile in self.profiles.items():
            self.server.mount(f"{camera.code}/{token}", profile)

    async def start(self) -> None:
        """Listen (on the running loop); stream_uri() holds the real port from here on."""
        # SPS/PPS for DESCRIBE cost one trial encode per spec (cached): not on the loop thread
        await asyncio.to_thread(lambda: [p.sdp_parameters() for p in self.profiles.values()])
        await self.server.start()

    async def stop(self) -> None:
        await self.server.stop()
        for profile in self.profiles.values():
            await asyncio.to_thread(profile.stop)

    def stream_uri(self, token: str) -> str:
        if token not in self.profiles:
            raise KeyError(token)
        return self.server.url(f"{self.camera.code}/{token}")

    def snapshot_jpeg(self, token: str, quality: int = 85) -> bytes:
        """A JPEG of what the profile shows now; callable from any thread, no client needed."""
        ok, buf = cv2.imencode(".jpg", self.profiles[token].snapshot(), [cv2.IMWRITE_JPEG_QUALITY, quality])
        if not ok:
            raise RuntimeError("JPEG encoding failed")
        return buf.tobytes()
