"""A small hand-written RTSP/1.0 server (RFC 2326) on asyncio: one per simulated camera, anonymous access.

No maintained Python RTSP server library exists, and the simulator may not depend on a system media
server, so this implements the part of RTSP that cameras offer: OPTIONS, DESCRIBE, SETUP (TCP
interleaved or UDP unicast), PLAY, PAUSE, TEARDOWN, GET_PARAMETER.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import time
from urllib.parse import urlsplit

from .handlers import handle
from .messages import SESSION_TIMEOUT_S, Request, Response, parse_head
from .sdp import TRACK
from .session import DEFAULT_BUFFER_LIMIT, MediaSource, RtpSession

logger = logging.getLogger(__name__)

MAX_HEADER_BYTES = 16 * 1024
SOCKET_SNDBUF = 256 * 1024  # caps what the kernel holds per client, too


class RtspServer:
    """Serves mounts such as /CAM-001/sub on host:port; port 0 picks a free port on start()."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *,
                 session_buffer_bytes: int = DEFAULT_BUFFER_LIMIT, socket_sndbuf: int = SOCKET_SNDBUF) -> None:
        self.host, self.port = host, port
        self.session_buffer_bytes = session_buffer_bytes
        self.socket_sndbuf = socket_sndbuf
        self.mounts: dict[str, MediaSource] = {}
        self.sessions: dict[str, RtpSession] = {}
        self.connections: set[_Connection] = set()
        self._server: asyncio.Server | None = None
        self._reaper: asyncio.Task[None] | None = None
        self.bad_requests = 0

    def mount(self, path: str, source: MediaSource) -> None:
        self.mounts["/" + path.strip("/")] = source

    def url(self, path: str) -> str:
        return f"rtsp://{self.host}:{self.port}/{path.strip('/')}"

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(lambda: _Connection(self), self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        self._reaper = asyncio.create_task(self._reap_idle())
        logger.info("RTSP server on %s:%d with %s", self.host, self.port, ", ".join(self.mounts))

    async def stop(self) -> None:
        if self._reaper:
            self._reaper.cancel()
        for session in list(self.sessions.values()):
            self.end_session(session)
        for conn in list(self.connections):
            if conn.transport is not None:
                conn.transport.abort()  # a stalled client would hold a graceful close open
        if self._server:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2.0)
            self._server = None

    def end_session(self, session: RtpSession) -> None:
        session.close()
        self.sessions.pop(session.id, None)

    def resolve(self, url: str) -> tuple[str, MediaSource] | None:
        """The mount a request URL names (aggregate or track control URL; query ignored)."""
        path = "/" + urlsplit(url).path.strip("/")
        if path.endswith("/" + TRACK):
            path = path[: -len(TRACK) - 1]
        source = self.mounts.get(path)
        return (path, source) if source is not None else None

    async def _reap_idle(self) -> None:
        while True:
            await asyncio.sleep(SESSION_TIMEOUT_S / 6)
            limit = time.monotonic() - SESSION_TIMEOUT_S
            for session in [s for s in self.sessions.values() if s.last_seen < limit]:
                logger.info("session %s timed out", session.id)
                self.end_session(session)


class _Connection(asyncio.Protocol):
    """One control connection: parses requests (skipping interleaved RTCP from the client), answers them."""

    def __init__(self, server: RtspServer) -> None:
        self.server = server
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.owned: set[str] = set()
        self._task: asyncio.Task[None] | None = None
        self._queue: asyncio.Queue[Request | None] = asyncio.Queue()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.server.connections.add(self)
        sock = transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, self.server.socket_sndbuf)
        self._task = asyncio.get_running_loop().create_task(self._serve())

    def connection_lost(self, exc: Exception | None) -> None:
        self.server.connections.discard(self)
        for sid in list(self.owned):  # like most cameras: a session ends with its control connection
            session = self.server.sessions.get(sid)
            if session is not None:
                self.server.end_session(session)
        self._queue.put_nowait(None)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        for sid in self.owned:
            if (s := self.server.sessions.get(sid)) is not None:
                s.touch()
        while self.buffer:
            if self.buffer[0] == 0x24:  # '$' interleaved frame from the client (RTCP receiver report)
                if len(self.buffer) < 4:
                    return
                size = 4 + int.from_bytes(self.buffer[2:4], "big")
                if len(self.buffer) < size:
                    return
                del self.buffer[:size]
                continue
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > MAX_HEADER_BYTES:
                    self._bad_request()
                return
            request = parse_head(bytes(self.buffer[:end]))
            if request is None:
                self._bad_request()
                return
            length = int(request.headers.get("content-length", "0") or 0)
            if len(self.buffer) < end + 4 + length:
                return
            request.body = bytes(self.buffer[end + 4:end + 4 + length])
            del self.buffer[:end + 4 + length]
            self._queue.put_nowait(request)

    def _bad_request(self) -> None:
        self.server.bad_requests += 1
        logger.info("bad RTSP request from %s", self.transport.get_extra_info("peername") if self.transport else "?")
        self.buffer.clear()
        if self.transport and not self.transport.is_closing():
            self.transport.write(Response(400).encode(None))
            self.transport.close()

    async def _serve(self) -> None:
        """Answer requests in order (SETUP may await a UDP bind)."""
        while (request := await self._queue.get()) is not None:
            try:
                response = await handle(self.server, self, request)
            except Exception:
                logger.exception("RTSP %s %s failed", request.method, request.url)
                response = Response(500)
            if self.transport and not self.transport.is_closing():
                self.transport.write(response.encode(request.cseq))
