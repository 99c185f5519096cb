"""A demux-only reader of one camera: encoded packets into the pre-alarm ring and to running clips.

Nothing is decoded (except one keyframe when the stream does not announce its picture size), so a tap
costs a fraction of a decoder (docs/RECORDING.md). It reconnects with backoff forever, like the
wall's decoders, and keeps the ring across reconnections (the footage before a cut is still footage).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Self

import av

from cockpit.recordings import BufferState, BufferStateChanged
from services.video.backoff import Backoff
from services.video.errors import StreamEnded, describe_error
from services.video.source import OpenStream, open_stream, redact

from .media import StoredPacket, StreamParams
from .packet_ring import PacketRing, RingStats

logger = logging.getLogger(__name__)

Listener = Callable[[StoredPacket], None]


@dataclass(frozen=True)
class TapStats:
    state: BufferState
    message: str
    packets: int
    bytes: int
    reconnects: int
    cpu_s: float  # CPU time of the tap's thread so far
    ring: RingStats


class _Lost(Exception):
    def __init__(self, message: str, played: bool) -> None:
        super().__init__(message)
        self.message, self.played = message, played


class PacketTap:
    """One thread per camera; `on_state` runs on the tap's thread (or close()'s caller): keep it short."""

    def __init__(self, code: str, uri: str, *, ring_s: float, ring_bytes: int,
                 on_state: Callable[[BufferStateChanged], None] | None = None, read_timeout_s: float = 3.0,
                 fail_after_s: float = 10.0, backoff: Backoff | None = None) -> None:
        self.code, self.uri = code, uri
        self.ring = PacketRing(ring_s, ring_bytes)
        self.read_timeout_s, self.fail_after_s = read_timeout_s, fail_after_s
        self.backoff = backoff or Backoff()
        self.on_state = on_state
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        self._listeners: list[Listener] = []
        self._state, self._message = BufferState.CONNECTING, ""
        self._params: StreamParams | None = None
        self._seq = self._epoch = self._packets = self._bytes = self._reconnects = 0
        self._cpu_s = 0.0

    # -- public ---------------------------------------------------------------------------------

    def start(self) -> Self:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=f"rec-tap-{self.code}", daemon=True)
                self._thread.start()
        return self

    def close(self, timeout_s: float = 1.0) -> None:
        """Stop reading; waits up to `timeout_s` (a read blocked in FFmpeg ends at its own timeout)."""
        self._closing.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)

    @property
    def state(self) -> BufferState:
        return self._state

    @property
    def message(self) -> str:
        return self._message

    @property
    def params(self) -> StreamParams | None:
        return self._params

    def add_listener(self, listener: Listener) -> None:
        with self._lock:
            self._listeners = [*self._listeners, listener]

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            self._listeners = [fn for fn in self._listeners if fn != listener]  # == : bound methods are new each time

    @property
    def listeners(self) -> int:
        return len(self._listeners)

    def stats(self) -> TapStats:
        with self._lock:
            return TapStats(self._state, self._message, self._packets, self._bytes, self._reconnects, self._cpu_s,
                            self.ring.stats())

    # -- the tap's thread -----------------------------------------------------------------------

    def _set_state(self, state: BufferState, message: str = "") -> None:
        with self._lock:
            if (state, message) == (self._state, self._message):
                return
            self._state, self._message = state, message
        (logger.info if state in (BufferState.BUFFERING, BufferState.STOPPED) else logger.warning)(
            "%s: pre-alarm buffer %s%s", self.code, state.value, f" ({message})" if message else "")
        if self.on_state is not None:
            try:
                self.on_state(BufferStateChanged(self.code, state, message))
            except Exception:  # a broken consumer must not stop the buffer
                logger.exception("%s: on_state failed", self.code)

    def _run(self) -> None:
        cpu0 = time.thread_time()
        failures, lost_at = 0, None
        try:
            while not self._closing.is_set():
                t0 = time.monotonic()
                try:
                    source = open_stream(self.uri, open_timeout_s=self.read_timeout_s,
                                         read_timeout_s=self.read_timeout_s)
                except Exception as exc:  # noqa: BLE001 - every failure becomes a state with a message
                    failures += 1
                    self._attempt_failed(describe_error(exc, elapsed_s=time.monotonic() - t0,
                                                        timeout_s=self.read_timeout_s), lost_at)
                else:
                    try:
                        self._pump(source, cpu0)
                    except _Lost as lost:
                        if lost.played:
                            failures, lost_at = 1, time.monotonic()
                            with self._lock:
                                self._reconnects += 1
                            self._set_state(BufferState.RECONNECTING, f"connection lost: {lost.message}")
                        else:
                            failures += 1
                            self._attempt_failed(lost.message, lost_at)
                    finally:
                        source.close()
                self._cpu_s = time.thread_time() - cpu0
                self._closing.wait(self.backoff.delay(failures))
        except Exception as exc:  # a bug, not a camera problem: say so instead of dying silently
            logger.exception("%s: tap thread failed", self.code)
            self._set_state(BufferState.FAILED, f"internal error: {type(exc).__name__}: {exc}")
            return
        self._set_state(BufferState.STOPPED)

    def _attempt_failed(self, message: str, lost_at: float | None) -> None:
        recent = lost_at is not None and time.monotonic() - lost_at < self.fail_after_s
        if self._state == BufferState.RECONNECTING and recent:
            self._set_state(BufferState.RECONNECTING, message)
        else:
            self._set_state(BufferState.FAILED, message)

    def _pump(self, source: OpenStream, cpu0: float) -> None:
        """Demux until closing (returns) or until the stream is lost (raises _Lost)."""
        params = self._capture_params(source)
        self._epoch += 1
        played = False
        last = time.monotonic()
        try:
            for packet in source.container.demux(source.stream):
                if self._closing.is_set():
                    return
                if not packet.size:
                    continue  # FFmpeg's end-of-stream marker
                if params.width <= 0 and packet.is_keyframe:
                    params = self._size_from_keyframe(source, packet, params)
                stored = self._store(packet, params)
                last = stored.arrival
                if not played:
                    played = True
                    logger.info("%s: tapping %s %dx%d after %.0f ms", self.code, params.codec, params.width,
                                params.height, source.opened_s * 1000)
                    self._set_state(BufferState.BUFFERING)
                self.ring.add(stored)
                for listener in self._listeners:
                    try:
                        listener(stored)
                    except Exception:
                        logger.exception("%s: packet listener failed", self.code)
                if self._packets % 32 == 0:
                    self._cpu_s = time.thread_time() - cpu0
            raise StreamEnded
        except Exception as exc:
            if self._closing.is_set():
                return
            if not isinstance(exc, av.FFmpegError | OSError | StreamEnded):
                logger.exception("%s: unexpected error while tapping", self.code)
            raise _Lost(describe_error(exc, elapsed_s=time.monotonic() - last, timeout_s=self.read_timeout_s),
                        played) from exc

    def _capture_params(self, source: OpenStream) -> StreamParams:
        stream, cc = source.stream, source.stream.codec_context
        rate = stream.average_rate or stream.guessed_rate
        params = StreamParams(cc.name, cc.width or 0, cc.height or 0, stream.time_base or Fraction(1, 90000),
                              Fraction(rate) if rate else None, bytes(cc.extradata or b""))
        self._params = params
        logger.debug("%s: %s opened (%s, %dx%d, extradata %d bytes)", self.code, redact(self.uri), params.codec,
                     params.width, params.height, len(params.extradata))
        return params

    def _size_from_keyframe(self, source: OpenStream, packet: av.Packet, params: StreamParams) -> StreamParams:
        """The SDP did not give the picture size (MP4 needs it): decode this one keyframe to learn it."""
        try:
            frames = source.stream.codec_context.decode(packet)
        except av.FFmpegError as exc:
            logger.debug("%s: keyframe did not decode: %s", self.code, exc)
            return params
        if not frames:
            return params
        params = StreamParams(params.codec, frames[0].width, frames[0].height, params.time_base, params.rate,
                              params.extradata)
        self._params = params
        return params

    def _store(self, packet: av.Packet, params: StreamParams) -> StoredPacket:
        with self._lock:
            self._seq += 1
            self._packets += 1
            self._bytes += packet.size
            seq = self._seq
        return StoredPacket(seq, bytes(packet), packet.pts, packet.dts, bool(packet.is_keyframe), time.monotonic(),
                            time.time(), self._epoch, params)
