"""Hand-made StoredPackets for the ring and timeline tests (the recorder's own data type, not a stream)."""

from __future__ import annotations

from fractions import Fraction

from services.recording.media import StoredPacket, StreamParams

PARAMS = StreamParams("h264", 640, 360, Fraction(1, 90000), Fraction(15), b"\x00\x00\x00\x01\x67")


def packet(seq: int, arrival: float, *, key: bool = False, size: int = 100, pts: int | None = -1, epoch: int = 1,
           params: StreamParams = PARAMS) -> StoredPacket:
    """pts=-1 means "the regular one": 6000 ticks (1/15 s) per seq."""
    ts = seq * 6000 if pts == -1 else pts
    return StoredPacket(seq, bytes(size), ts, ts, key, arrival, 1_000_000.0 + arrival, epoch, params)


def stream(seconds: float, *, fps: int = 15, gop: int = 15, start: float = 0.0, size: int = 100) -> list[StoredPacket]:
    n = round(seconds * fps)
    return [packet(i + 1, start + i / fps, key=i % gop == 0, size=size) for i in range(n)]
