"""The RTSP methods: what each request does to the server's sessions and what it answers."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .messages import PUBLIC, SESSION_TIMEOUT_S, Request, Response
from .sdp import TRACK, describe_sdp
from .session import RtpSession, TransportSpec

if TYPE_CHECKING:
    from .rtsp import RtspServer, _Connection

logger = logging.getLogger(__name__)


async def handle(server: RtspServer, conn: _Connection, req: Request) -> Response:
    method = _METHODS.get(req.method)
    if method is None:
        return Response(501, {"Public": PUBLIC})
    return await method(server, conn, req)


async def _options(server: RtspServer, conn: _Connection, req: Request) -> Response:
    return Response(200, {"Public": PUBLIC})


async def _describe(server: RtspServer, conn: _Connection, req: Request) -> Response:
    found = server.resolve(req.url)
    if found is None:
        return Response(404)
    path, source = found
    sdp = describe_sdp(source.spec, source.sdp_parameters(), server.host, server.port, path.strip("/"))
    return Response(200, {"Content-Type": "application/sdp", "Content-Base": server.url(path) + "/"},
                    sdp.encode())


async def _setup(server: RtspServer, conn: _Connection, req: Request) -> Response:
    found = server.resolve(req.url)
    if found is None:
        return Response(404)
    path, source = found
    if req.session_id is not None:
        existing = server.sessions.get(req.session_id)
        if existing is None:
            return Response(454)
        if existing.path != path:
            return Response(459)
        return Response(200, {"Transport": existing.spec.header(existing.ssrc), "Session": _session(existing)})
    spec = parse_transport(req.headers.get("transport", ""))
    if spec is None:
        return Response(461)
    assert conn.transport is not None
    session = RtpSession(path, source, conn.transport, spec, server.session_buffer_bytes)
    if spec.client_ports is not None:
        await session.open_udp(server.host)
    server.sessions[session.id] = session
    conn.owned.add(session.id)
    logger.info("session %s: %s over %s", session.id, path, "TCP" if spec.interleaved else "UDP")
    return Response(200, {"Transport": spec.header(session.ssrc), "Session": _session(session)})


async def _play(server: RtspServer, conn: _Connection, req: Request) -> Response:
    session = _session_of(server, req)
    if session is None:
        return Response(454)
    seq, rtptime = session.play()  # no await after this: the answer goes out before the first RTP packet
    return Response(200, {"Session": _session(session), "Range": "npt=0.000-",
                          "RTP-Info": f"url={server.url(session.path)}/{TRACK};seq={seq};rtptime={rtptime}"})


async def _pause(server: RtspServer, conn: _Connection, req: Request) -> Response:
    session = _session_of(server, req)
    if session is None:
        return Response(454)
    session.pause()
    return Response(200, {"Session": _session(session)})


async def _teardown(server: RtspServer, conn: _Connection, req: Request) -> Response:
    session = _session_of(server, req)
    if session is None:
        return Response(454)
    server.end_session(session)
    conn.owned.discard(session.id)
    return Response(200)


async def _get_parameter(server: RtspServer, conn: _Connection, req: Request) -> Response:
    if req.session_id is None:
        return Response(200)
    session = _session_of(server, req)
    return Response(454) if session is None else Response(200, {"Session": _session(session)})


_METHODS = {"OPTIONS": _options, "DESCRIBE": _describe, "SETUP": _setup, "PLAY": _play, "PAUSE": _pause,
            "TEARDOWN": _teardown, "GET_PARAMETER": _get_parameter}


def _session_of(server: RtspServer, req: Request) -> RtpSession | None:
    session = server.sessions.get(req.session_id or "")
    if session is not None:
        session.touch()
    return session


def _session(session: RtpSession) -> str:
    return f"{session.id};timeout={SESSION_TIMEOUT_S}"


def parse_transport(header: str) -> TransportSpec | None:
    """The first offered transport we support: RTP/AVP/TCP interleaved, or RTP/AVP(/UDP) unicast."""
    for offer in header.split(","):
        parts = [p.strip() for p in offer.split(";") if p.strip()]
        if not parts or "multicast" in parts:
            continue
        params = dict(p.split("=", 1) if "=" in p else (p, "") for p in parts[1:])
        profile = parts[0].upper()
        try:
            if profile == "RTP/AVP/TCP":
                a, b = _pair(params.get("interleaved", "0-1"))
                if a > 255 or b > 255:
                    return None
                return TransportSpec(interleaved=(a, b))
            if profile in ("RTP/AVP", "RTP/AVP/UDP") and "client_port" in params:
                return TransportSpec(client_ports=_pair(params["client_port"]))
        except ValueError:
            return None
    return None


def _pair(text: str) -> tuple[int, int]:
    first, _, second = text.partition("-")
    a = int(first)
    b = int(second) if second else a + 1
    if not (0 <= a <= 65535 and 0 <= b <= 65535):
        raise ValueError(text)
    return a, b
