"""Real servers for the video client tests: a simulated camera, a silent TCP port, a freezable proxy."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from cockpit.models.enums import BuildingKind, DeviceStatus
from cockpit.site import BuildingShape, CameraPlacement, SiteSnapshot, SiteStats
from services.sim.loop import LoopThread
from services.sim.model import SUB, PtzState, SimCamera
from services.sim.video import CameraStreams
from services.sim.video.orbit import OrbitWorld
from tests.servers import stop_process


def tiny_site() -> SiteSnapshot:
    """One building behind a lawn and one camera looking at it: enough picture, no database."""
    cam = CameraPlacement(1, "CAM-T", "Test gate", 50.0, 10.0, 4.0, 0.0, 70.0, 60.0, False, DeviceStatus.ONLINE)
    house = BuildingShape(1, 1, "1", BuildingKind.RESIDENTIAL, ((35.0, 45.0), (65.0, 45.0), (65.0, 60.0), (35.0, 60.0)),
                          6, 18.0)
    stats = SiteStats(1, 0, 0, 0, 0, 0, 1, 0, 0, 0, (0,) * 10)
    return SiteSnapshot(1, "T", "Test site", 100.0, 100.0, ((0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)),
                        (house,), (), (), (cam,), (), (), stats)


class SimCameraHost:
    """One simulated camera (sub stream 640×360 @ 15 fps, GOP `gop`) served over RTSP from a loop thread.

    stop() aborts every connection (a killed camera); start() again listens on the same port.
    """

    def __init__(self, loop: LoopThread, gop: int = 15, people: int = 4) -> None:
        self.loop = loop
        site = tiny_site()
        c = site.cameras[0]
        self.camera = SimCamera(1, c.code, c.name, c.x, c.y, c.z, c.heading_deg, -10.0, c.fov_deg, c.range_m,
                                False, streams=(replace(SUB, gop=gop),))
        self._site, self._world = site, OrbitWorld(self.camera, people=people)
        self.port = 0
        self.streams: CameraStreams | None = None

    @property
    def uri(self) -> str:
        return f"rtsp://127.0.0.1:{self.port}/{self.camera.code}/sub"

    def start(self) -> SimCameraHost:
        self.streams = CameraStreams(self._site, self.camera, PtzState(self.camera), self._world, port=self.port)
        self.loop.run(self.streams.start())
        self.port = self.streams.server.port
        return self

    def stop(self) -> None:
        if self.streams is not None:
            self.loop.run(self.streams.stop())
            self.streams = None


class SilentServer:
    """Accepts TCP connections and never says a word (a hung camera); or, with `reply`, sends it and closes."""

    def __init__(self, reply: bytes | None = None) -> None:
        self.reply = reply
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.1)
        self.port = self._sock.getsockname()[1]
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="silent-server", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.reply is None:
                self._held.append(conn)
            else:
                with contextlib.suppress(OSError):
                    conn.recv(4096)
                    conn.sendall(self.reply)
                conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._sock.close()
        for conn in self._held:
            conn.close()


class FreezableProxy:
    """A TCP forwarder on loopback to `port`; freeze() stops forwarding (sockets stay open): a frozen camera."""

    def __init__(self, port: int) -> None:
        self.target = port
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.1)
        self.port = self._sock.getsockname()[1]
        self._running = threading.Event()
        self._running.set()
        self._stop = threading.Event()
        self._conns: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, name="proxy", daemon=True)
        self._thread.start()

    def freeze(self) -> None:
        self._running.clear()

    def thaw(self) -> None:
        self._running.set()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while not self._stop.is_set():
                self._running.wait(0.1)
                if not self._running.is_set():
                    continue
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._sock.close()
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.close()


@contextlib.contextmanager
def sim_camera(loop: LoopThread, gop: int = 15) -> Iterator[SimCameraHost]:
    host = SimCameraHost(loop, gop=gop).start()
    try:
        yield host
    finally:
        host.stop()


@contextlib.contextmanager
def gst_audio_server() -> Iterator[str]:
    """rtsp://127.0.0.1:PORT/audio: a real RTSP stream without a video track (GStreamer)."""
    script = Path(__file__).with_name("gst_audio_server.py")
    proc = subprocess.Popen(["/usr/bin/python3", str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip() if proc.stdout else ""
        if not line.isdigit():
            raise RuntimeError(f"GStreamer audio server did not start: {proc.stderr.read()[-500:] if proc.stderr else ''}")
        yield f"rtsp://127.0.0.1:{line}/audio"
    finally:
        stop_process(proc)
