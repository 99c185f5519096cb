"""Remuxes a camera's encoded packets into a file without re-encoding: MP4 where the codec allows.

PyAV 18's `add_mux_stream` makes a track without a codec context (no encoder is opened); the codec
parameters come from the tap (`StreamParams`). The MP4 header needs the parameter sets (SPS/PPS):
PyAV takes them from the first packets, so a first keyframe that lacks them in-band gets the SDP's
copy prepended — the only bytes the recorder ever adds. Codecs MP4 cannot carry (VP8, Theora, raw)
go into Matroska instead of being refused: footage of an alarm is worth an odd file format.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import av

from .errors import RecordingError
from .media import StoredPacket, StreamParams
from .timeline import Placed, Timeline

logger = logging.getLogger(__name__)

FORMATS = (("mp4", ".mp4"), ("matroska", ".mkv"))  # preferred first
# moov atom first: a clip starts playing in a browser or a player before it is fully read.
FORMAT_OPTIONS = {"mp4": {"movflags": "+faststart"}, "matroska": {}}
# NAL unit types that carry parameter sets (H.264 SPS/PPS, HEVC VPS/SPS/PPS).
_PARAMETER_SETS = {"h264": (lambda b: b & 0x1F, {7, 8}), "hevc": (lambda b: (b >> 1) & 0x3F, {32, 33, 34})}
_START_CODE = re.compile(b"\x00\x00\x01")


@functools.cache
def supported_codecs(fmt: str) -> frozenset[str]:
    with av.open(io.BytesIO(), "w", format=fmt) as probe:
        return frozenset(probe.supported_codecs)


def choose_format(codec: str) -> tuple[str, str]:
    """(FFmpeg format, file suffix) for `codec`; RecordingError if no format we write can hold it."""
    for fmt, suffix in FORMATS:
        if codec in supported_codecs(fmt):
            return fmt, suffix
    raise RecordingError(f"codec {codec} cannot be stored without re-encoding (neither MP4 nor Matroska takes it)")


def nal_types(codec: str, data: bytes) -> set[int]:
    """NAL unit types in an Annex B access unit (empty for other codecs or length-prefixed data)."""
    spec = _PARAMETER_SETS.get(codec)
    if spec is None:
        return set()
    kind = spec[0]
    return {kind(data[m.end()]) for m in _START_CODE.finditer(data) if m.end() < len(data)}


def lacks_parameter_sets(params: StreamParams, data: bytes) -> bool:
    spec = _PARAMETER_SETS.get(params.codec)
    if spec is None or not params.extradata.startswith((b"\x00\x00\x01", b"\x00\x00\x00\x01")):
        return False  # not Annex B: nothing we can prepend
    return not spec[1] & nal_types(params.codec, data)


@dataclass(frozen=True)
class WrittenClip:
    path: Path
    format: str
    size_bytes: int
    packets: int
    duration_s: float  # by the file's timestamps
    first_wall: float  # time.time() when the first packet arrived
    last_wall: float
    gaps: int


class ClipWriter:
    """One file. Writes go to `<stem><suffix>.part`, renamed on close(), so a half-written clip never
    looks finished. Not thread-safe: one writer thread owns it."""

    def __init__(self, stem: Path, params: StreamParams) -> None:
        self.params = params
        self.format, suffix = choose_format(params.codec)
        self.path = stem.with_name(stem.name + suffix)
        self._part = self.path.with_name(self.path.name + ".part")
        try:
            self._part.touch()  # FFmpeg opens the file only at the first packet: fail here, clearly
            self._out = av.open(str(self._part), "w", format=self.format, options=FORMAT_OPTIONS[self.format])
        except OSError as exc:
            raise RecordingError(f"cannot write {self._part}: {exc.strerror or exc}") from exc
        try:
            self._stream = self._out.add_mux_stream(params.codec, rate=params.rate, width=params.width,
                                                    height=params.height)
            self._stream.time_base = params.time_base
        except (ValueError, av.FFmpegError) as exc:
            self.abort()
            raise RecordingError(f"cannot mux {params.codec} into {self.format}: {exc}") from exc
        self._timeline = Timeline()
        self._packets = 0
        self._first: Placed | None = None
        self._last: Placed | None = None

    def write(self, packet: StoredPacket) -> None:
        for placed in self._timeline.feed(packet):
            self._mux(placed)

    def _mux(self, placed: Placed) -> None:
        data = placed.packet.data
        if self._first is None and lacks_parameter_sets(self.params, data):
            data = self.params.extradata + data
        out = av.Packet(data)
        out.pts, out.dts, out.duration = placed.pts, placed.dts, placed.duration
        out.time_base = self._timeline.time_base
        out.is_keyframe = placed.packet.keyframe
        out.stream = self._stream
        try:
            self._out.mux(out)
        except (OSError, av.FFmpegError) as exc:
            raise RecordingError(f"cannot write {self._part}: {getattr(exc, 'strerror', None) or exc}") from exc
        self._packets += 1
        self._first = self._first or placed
        self._last = placed

    def close(self) -> WrittenClip:
        """Finish the file (the faststart pass rewrites it once) and give it its final name."""
        for placed in self._timeline.flush():
            self._mux(placed)
        if self._first is None or self._last is None:
            self.abort()
            raise RecordingError("no video was received")
        try:
            self._out.close()
            os.replace(self._part, self.path)
            size = self.path.stat().st_size
        except (OSError, av.FFmpegError) as exc:
            self.abort()
            raise RecordingError(f"cannot finish {self.path}: {getattr(exc, 'strerror', None) or exc}") from exc
        tb = self._timeline.time_base
        duration = float((self._last.pts + self._last.duration - self._first.dts) * tb) if tb else 0.0
        logger.info("wrote %s: %d packets, %.1f s, %d bytes", self.path, self._packets, duration, size)
        return WrittenClip(self.path, self.format, size, self._packets, duration, self._first.packet.wall,
                           self._last.packet.wall, self._timeline.gaps)

    def abort(self) -> None:
        """Close without keeping anything (a failed or empty clip)."""
        with contextlib.suppress(Exception):
            self._out.close()
        with contextlib.suppress(OSError):
            self._part.unlink()
