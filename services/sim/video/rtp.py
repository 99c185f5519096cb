"""H.264 over RTP (RFC 6184): Annex B splitting, single-NAL and FU-A payloads, RTP/RTCP headers."""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass

logger = logging.getLogger(__name__)

PAYLOAD_TYPE = 96
CLOCK_RATE = 90_000
MAX_PAYLOAD = 1400  # bytes of RTP payload; keeps packets under a 1500-byte Ethernet MTU
NAL_SPS, NAL_PPS, NAL_IDR, NAL_SEI, NAL_AUD = 7, 8, 5, 6, 9
_FU_A = 28
_NTP_EPOCH_OFFSET = 2_208_988_800  # seconds from 1900 to 1970


def split_annexb(data: bytes) -> list[bytes]:
    """NAL units of an Annex B byte stream (start codes and trailing zero bytes removed)."""
    nals: list[bytes] = []
    n = len(data)
    i = data.find(b"\x00\x00\x01")
    while 0 <= i < n:
        start = i + 3
        j = data.find(b"\x00\x00\x01", start)
        end = n if j < 0 else j
        nal = data[start:end].rstrip(b"\x00")
        if nal:
            nals.append(nal)
        i = j
    return nals


def nal_type(nal: bytes) -> int:
    return nal[0] & 0x1F


def payloads(nals: list[bytes], max_payload: int = MAX_PAYLOAD) -> list[bytes]:
    """RTP payloads for one access unit: a NAL as-is if it fits, else FU-A fragments."""
    out: list[bytes] = []
    for nal in nals:
        if nal_type(nal) == NAL_AUD:
            continue  # access unit delimiters carry nothing RTP needs
        if len(nal) <= max_payload:
            out.append(nal)
            continue
        header = nal[0]
        indicator = bytes(((header & 0xE0) | _FU_A,))
        body = memoryview(nal)[1:]
        step = max_payload - 2
        for pos in range(0, len(body), step):
            fu_header = header & 0x1F
            if pos == 0:
                fu_header |= 0x80  # start
            if pos + step >= len(body):
                fu_header |= 0x40  # end
            out.append(indicator + bytes((fu_header,)) + body[pos:pos + step])
    return out


def rtp_header(seq: int, timestamp: int, ssrc: int, marker: bool, payload_type: int = PAYLOAD_TYPE) -> bytes:
    return struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | payload_type,
                       seq & 0xFFFF, timestamp & 0xFFFFFFFF, ssrc)


def rtp_timestamp(t: float) -> int:
    """90 kHz RTP timestamp of a capture time in epoch seconds (wraps at 2**32)."""
    return round(t * CLOCK_RATE) & 0xFFFFFFFF


def sender_report(ssrc: int, t: float, timestamp: int, packets: int, octets: int) -> bytes:
    """RTCP SR (RFC 3550 §6.4.1) tying the RTP clock to wall-clock time `t`, no report blocks."""
    ntp = t + _NTP_EPOCH_OFFSET
    ntp_hi = int(ntp)
    ntp_lo = int((ntp - ntp_hi) * (1 << 32)) & 0xFFFFFFFF
    return struct.pack("!BBHIIIIII", 0x80, 200, 6, ssrc, ntp_hi & 0xFFFFFFFF, ntp_lo,
                       timestamp & 0xFFFFFFFF, packets & 0xFFFFFFFF, octets & 0xFFFFFFFF)


@dataclass(frozen=True)
class AccessUnit:
    """One encoded picture ready to send: RTP payloads (headers are added per session)."""

    capture_time: float  # epoch seconds; the timecode strip holds the same instant in ms
    timestamp: int  # 90 kHz RTP timestamp of capture_time
    keyframe: bool
    payloads: tuple[bytes, ...]
    size: int  # bytes of payload in total

    @classmethod
    def from_annexb(cls, data: bytes, capture_time: float, keyframe: bool) -> AccessUnit:
        parts = tuple(payloads(split_annexb(data)))
        return cls(capture_time, rtp_timestamp(capture_time), keyframe, parts, sum(map(len, parts)))
