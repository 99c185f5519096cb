"""One camera stream decoded on its own thread into a newest-frame-wins slot, with states, reconnects and measurements."""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Self

import av
import numpy as np

from .backoff import Backoff
from .errors import NoPicture, StreamEnded, describe_error
from .frames import Frame, FrameSlot, PictureConverter
from .meter import GopMeter, LatenessMeter, RateMeter
from .source import OpenStream, open_stream, redact
from .watchdog import WATCH

logger = logging.getLogger(__name__)


class DecoderState(enum.StrEnum):
    IDLE = "idle"  # created, start() not called yet
    CONNECTING = "connecting"  # first attempt since start() or resume()
    PLAYING = "playing"
    STALLED = "stalled"  # connected, but no new picture for more than stall_s
    RECONNECTING = "reconnecting"  # lost a playing stream; retrying with backoff (message: why)
    FAILED = "failed"  # could not get a picture (message: why); still retrying with backoff
    PAUSED = "paused"  # reads nothing; the connection is closed after pause_grace_s
    CLOSED = "closed"


StateCallback = Callable[[DecoderState, str], None]


@dataclass(frozen=True)
class DecoderStats:
    """A snapshot of one decoder's measurements; immutable, so it can cross threads."""

    name: str
    state: DecoderState
    message: str
    frames: int  # pictures decoded and put into the slot
    drops: int  # pictures replaced in the slot before anyone took them
    fps: float | None  # over the last ~2 s
    bitrate_kbps: float | None  # from packet sizes, over the last ~2 s
    first_frame_s: float | None  # open → first picture, for the latest connection
    last_frame_age_s: float | None  # counted from when the newest picture should have arrived
    last_frame_wall: float | None  # time.time() of the newest picture
    reconnects: int  # times a playing stream was lost
    width: int | None
    height: int | None
    codec: str | None
    gop_frames: int | None  # keyframe interval measured from packet flags
    decode_errors: int
    cpu_s: float  # CPU time of the decoder thread (demux + decode + conversion to 32-bit BGRX)


class _Lost(Exception):
    def __init__(self, message: str, played: bool) -> None:
        super().__init__(message)
        self.message, self.played = message, played


class StreamDecoder:
    """Decodes `uri` on its own thread; `latest()` gives the newest picture; never blocks its callers.

    on_state(state, message) is called on whichever thread made the change (the decoder's, the stall
    watch's, or the caller of pause/resume/close): keep it short, and hand it to Qt through a queued signal.
    """

    def __init__(self, uri: str, *, name: str = "", read_timeout_s: float = 3.0,
                 on_state: StateCallback | None = None, stall_s: float = 2.0, pause_grace_s: float = 1.0,
                 fail_after_s: float = 10.0, backoff: Backoff | None = None, threads: int = 1) -> None:
        self.uri = uri
        self.name = name or redact(uri)
        self.read_timeout_s, self.stall_s = read_timeout_s, stall_s
        self.pause_grace_s, self.fail_after_s = pause_grace_s, fail_after_s
        self.backoff = backoff or Backoff()
        self.threads = threads
        self.on_state = on_state
        self._cond = threading.Condition()  # guards everything below
        self._state, self._message = DecoderState.IDLE, ""
        self._paused = self._closing = False
        self._thread: threading.Thread | None = None
        self._notify_lock = threading.Lock()
        self._notified: tuple[DecoderState, str] | None = None
        self._slot = FrameSlot()
        self._seq = 0
        self._last: Frame | None = None
        self._fps, self._bits, self._gop = RateMeter(), RateMeter(), GopMeter()
        self._frames = self._reconnects = self._decode_errors = 0
        self._first_frame_s: float | None = None
        self._size: tuple[int, int] | None = None
        self._codec: str | None = None
        self._cpu_s = 0.0

    # -- public ---------------------------------------------------------------------------------

    def start(self) -> Self:
        with self._cond:
            if self._thread is not None or self._closing:
                return self
            self._thread = threading.Thread(target=self._run, name=f"video-{self.name}", daemon=True)
        self._set_state(DecoderState.CONNECTING)
        self._thread.start()
        WATCH.register(self)
        return self

    def latest(self) -> Frame | None:
        """The newest decoded picture (None before the first); cheap, never blocks on I/O."""
        return self._slot.latest()

    @property
    def state(self) -> DecoderState:
        return self._state

    @property
    def message(self) -> str:
        return self._message

    def stats(self) -> DecoderStats:
        now = time.monotonic()
        with self._cond:
            last = self._last
            bits = self._bits.bits_per_s(now)
            return DecoderStats(
                name=self.name, state=self._state, message=self._message, frames=self._frames,
                drops=self._slot.drops, fps=self._fps.rate(now),
                bitrate_kbps=None if bits is None else bits / 1000, first_frame_s=self._first_frame_s,
                last_frame_age_s=None if last is None else now - last.fresh_at,
                last_frame_wall=None if last is None else last.decoded_wall, reconnects=self._reconnects,
                width=self._size[0] if self._size else None, height=self._size[1] if self._size else None,
                codec=self._codec, gop_frames=self._gop.gop, decode_errors=self._decode_errors, cpu_s=self._cpu_s)

    def pause(self) -> None:
        """Stop reading now (no decoding, no CPU); the connection is closed if paused longer than pause_grace_s."""
        with self._cond:
            if self._paused or self._closing:
                return
            self._paused = True
            self._cond.notify_all()
        self._set_state(DecoderState.PAUSED)

    def resume(self) -> None:
        """Read again: at once if the connection was kept, else reconnect."""
        with self._cond:
            if not self._paused or self._closing:
                return
            self._paused = False
            self._cond.notify_all()
        self._set_state(DecoderState.CONNECTING)

    def close(self, timeout_s: float = 0.5) -> None:
        """Stop; returns within `timeout_s` even if FFmpeg is stuck in a read (the thread then ends by itself).

        From the UI thread pass timeout_s=0: nothing to wait for, the thread closes its connection itself.
        """
        with self._cond:
            if self._closing:
                return
            self._closing = True
            self._cond.notify_all()
            thread = self._thread
        WATCH.unregister(self)
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)
            if thread.is_alive():
                logger.info("%s: decoder thread still inside FFmpeg; it ends within %.1f s by itself",
                            self.name, self.read_timeout_s)
        self._slot.clear()
        self._set_state(DecoderState.CLOSED)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_stall(self, now: float) -> None:
        """Called by the stall watch: PLAYING with no fresh picture for stall_s becomes STALLED."""
        with self._cond:
            last = self._last
            if self._state != DecoderState.PLAYING or last is None or now - last.fresh_at <= self.stall_s:
                return
        self._set_state(DecoderState.STALLED, f"no picture for {self.stall_s:g} s", expect=DecoderState.PLAYING)

    # -- state ----------------------------------------------------------------------------------

    def _set_state(self, state: DecoderState, message: str = "", *, expect: DecoderState | None = None) -> None:
        with self._cond:
            if expect is not None and self._state != expect:
                return
            if self._closing and state != DecoderState.CLOSED:
                return
            if self._paused and state not in (DecoderState.PAUSED, DecoderState.CLOSED):
                return
            if (state, message) == (self._state, self._message):
                return
            self._state, self._message = state, message
        logger.info("%s: %s%s", self.name, state.value, f" ({message})" if message else "")
        if self.on_state is None:
            return
        with self._notify_lock:  # callbacks in order, and always ending with the current state
            with self._cond:
                current = (self._state, self._message)
            if current == self._notified:
                return
            self._notified = current
            try:
                self.on_state(*current)
            except Exception:
                logger.exception("%s: state callback failed", self.name)

    def _wait(self, predicate: Callable[[], bool], timeout: float | None = None) -> bool:
        with self._cond:
            return self._cond.wait_for(predicate, timeout)

    # -- the decoder thread ---------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._loop()
        except Exception as exc:  # a bug, not a camera problem: say so instead of dying silently
            logger.exception("%s: decoder thread failed", self.name)
            self._set_state(DecoderState.FAILED, f"internal error: {type(exc).__name__}: {exc}")

    def _loop(self) -> None:
        cpu0 = time.thread_time()
        failures = 0
        lost_at: float | None = None
        while self._wait(lambda: self._closing or not self._paused) and not self._closing:
            t0 = time.monotonic()
            try:
                source = open_stream(self.uri, open_timeout_s=self.read_timeout_s, read_timeout_s=self.read_timeout_s,
                                     threads=self.threads)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a state with a message
                message = describe_error(exc, elapsed_s=time.monotonic() - t0, timeout_s=self.read_timeout_s)
                failures += 1
                self._attempt_failed(message, lost_at)
            else:
                try:
                    self._play(source, t0, cpu0)
                    continue  # paused past the grace period, or closing
                except _Lost as lost:
                    if lost.played:
                        failures, lost_at = 1, time.monotonic()
                        with self._cond:
                            self._reconnects += 1
                        self._set_state(DecoderState.RECONNECTING, f"connection lost: {lost.message}")
                    else:
                        failures += 1
                        self._attempt_failed(lost.message, lost_at)
                finally:
                    source.close()
                    with self._cond:
                        self._cpu_s = time.thread_time() - cpu0
            if self._closing:
                break
            self._wait(lambda: self._closing or self._paused, self.backoff.delay(failures))
        logger.debug("%s: decoder thread ends", self.name)

    def _attempt_failed(self, message: str, lost_at: float | None) -> None:
        """A connection attempt gave no picture: still RECONNECTING shortly after a loss, else FAILED."""
        logger.debug("%s: attempt failed: %s", self.name, message)
        recent = lost_at is not None and time.monotonic() - lost_at < self.fail_after_s
        if self._state == DecoderState.RECONNECTING and recent:
            self._set_state(DecoderState.RECONNECTING, message)
        else:
            self._set_state(DecoderState.FAILED, message)

    def _play(self, source: OpenStream, t0: float, cpu0: float) -> None:
        """Read and decode until closing or a long pause (returns) or until the stream is lost (raises _Lost)."""
        with self._cond:
            self._codec = source.codec
        self._gop = GopMeter()
        lateness = LatenessMeter()
        convert = PictureConverter()
        codec = source.stream.codec_context
        packets = source.container.demux(source.stream)
        played = False
        last_fresh = t0
        try:
            while not self._closing:
                if self._paused:
                    if not self._wait(lambda: self._closing or not self._paused, self.pause_grace_s):
                        return  # paused for longer than the grace period: let the connection go
                    last_fresh = time.monotonic()  # the pause is not a missing picture
                if self._closing:
                    return
                try:
                    packet = next(packets)
                except StopIteration:
                    raise StreamEnded from None
                now = time.monotonic()
                if packet.size:
                    with self._cond:
                        self._bits.add(now, packet.size)
                        self._gop.add(packet.is_keyframe)
                try:
                    frames = codec.decode(packet)
                except av.FFmpegError as exc:  # a damaged packet: the next keyframe repairs the picture
                    logger.debug("%s: decode error: %s", self.name, exc)
                    with self._cond:
                        self._decode_errors += 1
                    frames = []
                for decoded in frames:
                    frame = self._publish(convert(decoded), decoded, lateness, t0, first=not played)
                    played = True
                    if frame.late_s < self.stall_s:
                        last_fresh = frame.decoded_at
                with self._cond:
                    self._cpu_s = time.thread_time() - cpu0
                if time.monotonic() - last_fresh > self.read_timeout_s + self.stall_s:
                    raise NoPicture(f"no picture for {self.read_timeout_s + self.stall_s:g} s")
        except Exception as exc:
            if not isinstance(exc, av.FFmpegError | OSError | StreamEnded | NoPicture):
                logger.exception("%s: unexpected error while playing", self.name)
            raise _Lost(describe_error(exc, elapsed_s=time.monotonic() - last_fresh, timeout_s=self.read_timeout_s),
                        played) from exc

    def _publish(self, image: np.ndarray, decoded: av.VideoFrame, lateness: LatenessMeter, t0: float,
                 first: bool) -> Frame:
        now, wall = time.monotonic(), time.time()
        pts_s = float(decoded.pts * decoded.time_base) if decoded.pts is not None and decoded.time_base else None
        late = lateness.late_s(now, pts_s)
        with self._cond:
            self._seq += 1
            frame = Frame(image, self._seq, now, wall, pts_s, bool(decoded.key_frame), late)
            self._slot.put(frame)
            self._last = frame
            self._frames += 1
            self._fps.add(now)
            if first:
                self._first_frame_s = now - t0
                self._size = (frame.width, frame.height)
                logger.info("%s: first picture %dx%d after %.0f ms", self.name, frame.width, frame.height,
                            self._first_frame_s * 1000)
            resume = self._state in (DecoderState.CONNECTING, DecoderState.RECONNECTING, DecoderState.FAILED,
                                     DecoderState.STALLED)
        if resume and late < self.stall_s:
            self._set_state(DecoderState.PLAYING)
        return frame
