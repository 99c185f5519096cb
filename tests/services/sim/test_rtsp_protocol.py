"""The RTSP server on the wire: methods, status codes, RTP framing, slow and dead clients (raw sockets)."""

from __future__ import annotations

import base64
import itertools
import socket
import statistics
import struct
import threading
import time
from collections.abc import Iterator

import cv2
import numpy as np
import pytest

from cockpit.site import SiteSnapshot
from services.sim.model import SUB, PtzState, SimCamera
from services.sim.video import CameraStreams
from services.sim.video.encoder import sdp_parameters
from services.sim.loop import LoopThread
from services.sim.video.orbit import OrbitWorld


@pytest.fixture(scope="module")
def loop() -> Iterator[LoopThread]:
    with LoopThread() as lt:
        yield lt


def make_streams(site: SiteSnapshot, loop: LoopThread, **options: int) -> CameraStreams:
    c = site.cameras[0]
    cam = SimCamera(c.device_id, c.code, c.name, c.x, c.y, c.z, c.heading_deg, -12.0, c.fov_deg, c.range_m, c.is_ptz)
    cs = CameraStreams(site, cam, PtzState(cam), OrbitWorld(cam, people=6), **options)
    loop.run(cs.start())
    return cs


@pytest.fixture
def streams(site: SiteSnapshot, loop: LoopThread) -> Iterator[CameraStreams]:
    cs = make_streams(site, loop)
    yield cs
    loop.run(cs.stop())


class RtspClient:
    """A bare RTSP/1.0 client over one TCP connection, reading interleaved RTP between answers."""

    def __init__(self, port: int, rcvbuf: int | None = None) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(5)
        self.sock.connect(("127.0.0.1", port))
        self.buf = b""
        self.cseq = 0
        self.session: str | None = None

    def _fill(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("closed")
        self.buf += data

    def _take(self, n: int) -> bytes:
        while len(self.buf) < n:
            self._fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def request(self, method: str, url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        self.cseq += 1
        lines = [f"{method} {url} RTSP/1.0", f"CSeq: {self.cseq}"]
        if self.session:
            lines.append(f"Session: {self.session}")
        lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
        self.send_raw(("\r\n".join(lines) + "\r\n\r\n").encode())
        return self.response()

    def response(self) -> tuple[int, dict[str, str], bytes]:
        while True:
            while len(self.buf) < 1:
                self._fill()
            if self.buf[0] == 0x24:
                self.interleaved()
                continue
            while b"\r\n\r\n" not in self.buf:
                self._fill()
            head, self.buf = self.buf.split(b"\r\n\r\n", 1)
            status_line, *rest = head.decode().split("\r\n")
            headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in rest)}
            body = self._take(int(headers.get("content-length", "0")))
            return int(status_line.split()[1]), headers, body

    def interleaved(self) -> tuple[int, bytes]:
        magic, channel, size = struct.unpack("!BBH", self._take(4))
        assert magic == 0x24
        return channel, self._take(size)

    def play(self, url: str, transport: str = "RTP/AVP/TCP;unicast;interleaved=0-1") -> dict[str, str]:
        assert self.request("DESCRIBE", url, Accept="application/sdp")[0] == 200
        status, headers, _ = self.request("SETUP", f"{url}/trackID=0", Transport=transport)
        assert status == 200, status
        self.session = headers["session"].split(";")[0]
        status, headers, _ = self.request("PLAY", url, Range="npt=0.000-")
        assert status == 200
        return headers

    def close(self) -> None:
        self.sock.close()


def test_options_and_describe(streams: CameraStreams):
    url = streams.stream_uri("sub")
    c = RtspClient(streams.server.port)
    status, headers, _ = c.request("OPTIONS", url)
    assert status == 200 and headers["cseq"] == "1"
    assert {m.strip() for m in headers["public"].split(",")} >= {
        "OPTIONS", "DESCRIBE", "SETUP", "PLAY", "TEARDOWN", "GET_PARAMETER"}
    status, headers, body = c.request("DESCRIBE", url, Accept="application/sdp")
    assert status == 200 and headers["content-type"] == "application/sdp"
    assert headers["content-base"] == url + "/"
    sdp = body.decode().split("\r\n")
    params = sdp_parameters(SUB)
    assert "m=video 0 RTP/AVP 96" in sdp and "a=rtpmap:96 H264/90000" in sdp and "a=control:trackID=0" in sdp
    fmtp = next(line for line in sdp if line.startswith("a=fmtp:96 "))
    assert "packetization-mode=1" in fmtp and f"profile-level-id={params.profile_level_id}" in fmtp
    sprop = fmtp.split("sprop-parameter-sets=")[1].split(";")[0].split(",")
    assert [base64.b64decode(s) for s in sprop] == [params.sps, params.pps]
    c.close()


def test_status_codes(streams: CameraStreams):
    base = f"rtsp://127.0.0.1:{streams.server.port}"
    c = RtspClient(streams.server.port)
    assert c.request("DESCRIBE", f"{base}/CAM-999/sub")[0] == 404
    assert c.request("DESCRIBE", f"{base}/{streams.camera.code}/fourth")[0] == 404
    assert c.request("SETUP", f"{base}/nope/trackID=0", Transport="RTP/AVP/TCP;interleaved=0-1")[0] == 404
    url = streams.stream_uri("sub")
    assert c.request("SETUP", f"{url}/trackID=0", Transport="RTP/AVP;multicast")[0] == 461
    c.session = "DEADBEEF"
    assert c.request("PLAY", url)[0] == 454
    assert c.request("GET_PARAMETER", url)[0] == 454
    assert c.request("TEARDOWN", url)[0] == 454
    c.session = None
    assert c.request("RECORD", url)[0] == 501
    assert c.request("GET_PARAMETER", url)[0] == 200  # keep-alive without a session
    c.close()


def test_garbage_gets_400_and_the_server_serves_others(streams: CameraStreams):
    bad = RtspClient(streams.server.port)
    bad.send_raw(b"\x16\x03\x01\x02\x00 hello there\r\n\r\n")
    status, _, _ = bad.response()
    assert status == 400
    with pytest.raises((ConnectionError, OSError)):
        bad.request("OPTIONS", "*")  # the server hung up on it
    good = RtspClient(streams.server.port)
    headers = good.play(streams.stream_uri("sub"))
    assert "rtp-info" in headers
    assert good.interleaved()[0] in (0, 1)
    good.close()
    assert streams.server.bad_requests == 1


def _read_access_units(c: RtspClient, count: int) -> tuple[list[list[bytes]], list[float], int]:
    """RTP packets grouped into access units by the marker bit; arrival time of each AU; SRs seen."""
    units: list[list[bytes]] = [[]]
    arrivals: list[float] = []
    reports = 0
    while len(units) <= count:
        channel, packet = c.interleaved()
        if channel == 1:
            reports += packet[1] == 200
            continue
        units[-1].append(packet)
        if packet[1] & 0x80:
            arrivals.append(time.time())
            units.append([])
    return units[:-1], arrivals, reports


def test_play_delivers_rfc6184_rtp_from_a_keyframe(streams: CameraStreams):
    c = RtspClient(streams.server.port)
    t0 = time.time()
    headers = c.play(streams.stream_uri("sub"))
    info = dict(p.split("=", 1) for p in headers["rtp-info"].split(";"))
    assert info["url"].endswith("/trackID=0")
    units, arrivals, reports = _read_access_units(c, 30)
    assert arrivals[0] - t0 < 0.5  # a forced IDR, not the next GOP
    assert reports >= 1  # an RTCP sender report goes with each keyframe
    first = units[0][0]
    assert first[0] == 0x80 and first[1] & 0x7F == 96
    assert struct.unpack("!H", first[2:4])[0] == int(info["seq"])
    seqs = [struct.unpack("!H", p[2:4])[0] for u in units for p in u]
    assert all((b - a) & 0xFFFF == 1 for a, b in itertools.pairwise(seqs))
    nal_types = [p[12] & 0x1F for p in units[0]]
    assert nal_types[:2] == [7, 8] and (5 in nal_types or 28 in nal_types)
    for unit in units:
        stamps = {struct.unpack("!I", p[4:8])[0] for p in unit}
        assert len(stamps) == 1 and all(len(p) <= 1400 + 12 for p in unit)
        assert [p[1] >> 7 for p in unit] == [0] * (len(unit) - 1) + [1]
    ts = [struct.unpack("!I", u[0][4:8])[0] for u in units]
    steps = [(b - a) & 0xFFFFFFFF for a, b in itertools.pairwise(ts)]
    assert statistics.median(steps) == pytest.approx(6000, abs=300)  # 90 kHz at 15 fps
    # the server adds little latency: each AU leaves within a few ms of its capture time
    ages = [arrival - (t / 90_000) for t, arrival in zip(ts, arrivals, strict=True)]
    offset = (time.time() * 90_000 - ts[-1]) // 2**32 * 2**32 / 90_000  # RTP time wraps every 13 h
    print(f"server latency (capture to arrival): {(statistics.median(ages) - offset) * 1000:.1f} ms")
    assert statistics.median(ages) - offset < 0.03
    status, _, _ = c.request("TEARDOWN", streams.stream_uri("sub"))
    assert status == 200
    assert not streams.server.sessions
    c.close()


def test_dead_clients_are_cleaned_up(streams: CameraStreams, loop: LoopThread):
    c = RtspClient(streams.server.port)
    c.play(streams.stream_uri("sub"))
    c.interleaved()
    profile = streams.profiles["sub"]
    assert profile.running and len(streams.server.sessions) == 1
    c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, no goodbye
    c.close()
    end = time.time() + 3
    while time.time() < end and (streams.server.sessions or profile.running):
        time.sleep(0.05)
    assert loop.call(lambda: len(streams.server.sessions)) == 0
    assert not profile.running and profile.clients == 0


def test_a_client_that_stops_reading_neither_grows_memory_nor_stalls_others(site: SiteSnapshot, loop: LoopThread):
    limit = 48 * 1024
    cs = make_streams(site, loop, session_buffer_bytes=limit, socket_sndbuf=16 * 1024)
    try:
        url = cs.stream_uri("main")  # the bigger stream fills buffers sooner
        stalled = RtspClient(cs.server.port, rcvbuf=4096)
        stalled.play(url)  # …and never reads again
        reader = RtspClient(cs.server.port)
        reader.play(url)
        got: list[int] = []
        thread = threading.Thread(target=lambda: got.append(len(_read_access_units(reader, 45)[0])))
        t0 = time.time()
        thread.start()
        thread.join(10)
        elapsed = time.time() - t0
        assert got == [45] and elapsed < 3.6  # 15 fps for the reader all along
        sessions = loop.call(lambda: sorted(cs.server.sessions.values(), key=lambda s: s.sent_units))
        slow, fast = sessions
        print(f"stalled client: {slow.dropped_units} AUs dropped, at most {slow.max_buffered} bytes queued")
        assert slow.dropped_units > 0 and fast.dropped_units == 0
        biggest_au = 200 * 1024
        assert slow.max_buffered <= limit + biggest_au
        assert loop.call(lambda: slow.buffered) <= limit + biggest_au
        stalled.close()
        reader.close()
    finally:
        loop.run(cs.stop())


def test_snapshot_and_stream_uri_need_no_client(streams: CameraStreams):
    code = streams.camera.code
    assert streams.stream_uri("sub") == f"rtsp://127.0.0.1:{streams.server.port}/{code}/sub"
    with pytest.raises(KeyError):
        streams.stream_uri("third")
    jpeg = streams.snapshot_jpeg("main")
    assert jpeg[:2] == b"\xff\xd8"
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert image.shape == (720, 1280, 3)
    assert not any(p.running for p in streams.profiles.values())  # a snapshot starts no encoder


def test_pause_stops_delivery_and_play_resumes_from_a_keyframe(streams: CameraStreams):
    url = streams.stream_uri("sub")
    c = RtspClient(streams.server.port)
    c.play(url)
    _read_access_units(c, 3)
    assert c.request("PAUSE", url)[0] == 200
    assert streams.profiles["sub"].clients == 0
    assert c.request("PLAY", url)[0] == 200
    units, _, _ = _read_access_units(c, 2)
    assert units[0][0][12] & 0x1F == 7  # SPS first: the new start is an IDR
    assert streams.profiles["sub"].clients == 1
    c.close()
