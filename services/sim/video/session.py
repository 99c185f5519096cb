"""One RTSP session's delivery of access units as RTP: TCP-interleaved or UDP, with a bounded backlog.

Runs on the event-loop thread only. A client that reads slower than the stream never makes the
server buffer without bound: once the transport holds more than `buffer_limit` bytes, access units
are dropped (and counted) until the next keyframe that fits.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import struct
import time
from dataclasses import dataclass
from typing import Protocol

from services.sim.model import StreamSpec

from .encoder import SdpParameters
from .rtp import AccessUnit, rtp_header, rtp_timestamp, sender_report

logger = logging.getLogger(__name__)

DEFAULT_BUFFER_LIMIT = 256 * 1024


class MediaSource(Protocol):
    """What a mount serves (a camera profile); attach/detach are called on the loop thread."""

    spec: StreamSpec

    def sdp_parameters(self) -> SdpParameters: ...

    def attach(self, sink: RtpSession) -> None: ...

    def detach(self, sink: RtpSession) -> None: ...


@dataclass
class TransportSpec:
    """The negotiated Transport header: interleaved channels or UDP ports (client, server)."""

    interleaved: tuple[int, int] | None = None
    client_ports: tuple[int, int] | None = None
    server_ports: tuple[int, int] | None = None

    def header(self, ssrc: int) -> str:
        if self.interleaved is not None:
            a, b = self.interleaved
            return f"RTP/AVP/TCP;unicast;interleaved={a}-{b};ssrc={ssrc:08X}"
        assert self.client_ports and self.server_ports
        return (f"RTP/AVP;unicast;client_port={self.client_ports[0]}-{self.client_ports[1]};"
                f"server_port={self.server_ports[0]}-{self.server_ports[1]};ssrc={ssrc:08X}")


class _UdpPeer(asyncio.DatagramProtocol):
    """Server side of one UDP port; received RTCP (receiver reports) counts as keep-alive."""

    def __init__(self, session: RtpSession) -> None:
        self.session = session

    def datagram_received(self, data: bytes, addr: tuple) -> None:
        self.session.touch()


class RtpSession:
    """An RTSP session: one track of one mount, sent to one client while playing."""

    def __init__(self, path: str, source: MediaSource, owner: asyncio.Transport, transport: TransportSpec,
                 buffer_limit: int = DEFAULT_BUFFER_LIMIT) -> None:
        self.id = secrets.token_hex(8).upper()
        self.path, self.source, self.owner, self.spec = path, source, owner, transport
        self.ssrc = secrets.randbits(32)
        self.seq = secrets.randbits(16)
        self.buffer_limit = buffer_limit
        self.playing = False
        self.waiting_for_key = True
        self.sent_units = self.dropped_units = self.packets = self.octets = 0
        self.max_buffered = 0
        self.last_seen = time.monotonic()
        self._udp: tuple[asyncio.DatagramTransport, asyncio.DatagramTransport] | None = None
        self._peer_host = (owner.get_extra_info("peername") or ("127.0.0.1",))[0]

    async def open_udp(self, host: str) -> None:
        """Bind an even/odd UDP port pair for RTP/RTCP on `host` (only for UDP transport)."""
        loop = asyncio.get_running_loop()
        for _ in range(50):
            rtp_t, _ = await loop.create_datagram_endpoint(lambda: _UdpPeer(self), local_addr=(host, 0))
            port = rtp_t.get_extra_info("sockname")[1]
            if port % 2 == 0 and port < 65535:
                try:
                    rtcp_t, _ = await loop.create_datagram_endpoint(lambda: _UdpPeer(self),
                                                                    local_addr=(host, port + 1))
                except OSError:
                    rtp_t.close()
                    continue
                self._udp = (rtp_t, rtcp_t)
                self.spec.server_ports = (port, port + 1)
                return
            rtp_t.close()
        raise OSError("no free even/odd UDP port pair")

    def touch(self) -> None:
        self.last_seen = time.monotonic()

    def play(self) -> tuple[int, int]:
        """Start receiving access units; returns (seq, rtptime) for the RTP-Info header."""
        if not self.playing:
            self.playing = True
            self.waiting_for_key = True
            self.source.attach(self)
        return self.seq, rtp_timestamp(time.time())

    def pause(self) -> None:
        if self.playing:
            self.playing = False
            self.source.detach(self)

    def close(self) -> None:
        self.pause()
        if self._udp:
            for t in self._udp:
                t.close()
            self._udp = None

    @property
    def buffered(self) -> int:
        """Bytes queued in user space for this session (the transport's write buffer)."""
        if self._udp:
            return self._udp[0].get_write_buffer_size()
        return self.owner.get_write_buffer_size() if not self.owner.is_closing() else 0

    def on_access_unit(self, au: AccessUnit) -> None:
        """Send one access unit, or drop it (until the next keyframe) if the client is behind."""
        if self.owner.is_closing():
            return
        buffered = self.buffered
        self.max_buffered = max(self.max_buffered, buffered)
        if buffered > self.buffer_limit:
            if not self.waiting_for_key:
                logger.info("session %s on %s: client is behind (%d bytes queued); dropping to the next keyframe",
                            self.id, self.path, buffered)
            self.waiting_for_key = True
            self.dropped_units += 1
            return
        if self.waiting_for_key:
            if not au.keyframe:
                self.dropped_units += self.sent_units > 0  # before the first keyframe nothing is lost
                return
            self.waiting_for_key = False
        if au.keyframe:
            self._send_rtcp(sender_report(self.ssrc, au.capture_time, au.timestamp, self.packets, self.octets))
        last = len(au.payloads) - 1
        packets = []
        for i, payload in enumerate(au.payloads):
            packets.append(rtp_header(self.seq, au.timestamp, self.ssrc, i == last) + payload)
            self.seq = (self.seq + 1) & 0xFFFF
        self.packets += len(packets)
        self.octets += au.size
        self.sent_units += 1
        self._send_rtp(packets)

    def _send_rtp(self, packets: list[bytes]) -> None:
        if self._udp:
            assert self.spec.client_ports
            addr = (self._peer_host, self.spec.client_ports[0])
            for p in packets:
                self._udp[0].sendto(p, addr)
        elif self.spec.interleaved is not None:
            ch = self.spec.interleaved[0]
            self.owner.write(b"".join(struct.pack("!BBH", 0x24, ch, len(p)) + p for p in packets))

    def _send_rtcp(self, packet: bytes) -> None:
        if self._udp:
            assert self.spec.client_ports
            self._udp[1].sendto(packet, (self._peer_host, self.spec.client_ports[1]))
        elif self.spec.interleaved is not None:
            self.owner.write(struct.pack("!BBH", 0x24, self.spec.interleaved[1], len(packet)) + packet)
