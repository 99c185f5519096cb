"""Sub streams of likely cameras kept decoding off screen, so an alarm's picture is there at once.

A cold open costs the URI, RTSP DESCRIBE/SETUP/PLAY and the wait for a keyframe (bench lock: p50
0.16 s here, over a second on real cameras). A warm decoder already holds a picture: the focus view or a
wall tile shows it (`bridge`) while its own stream opens, and swaps when that stream's first frame comes.

The budget is three caps: `max_streams`; `cpu_budget_pct` of one core, measured — each refresh
divides the warm decoders' thread CPU by the wall time since the last, and the per-stream average decides
how many fit; and the host's headroom — when less than `min_idle_pct` of all cores was idle since the last
refresh, nothing is kept warm until it is back above that plus HEADROOM_HYSTERESIS_PCT (a saturated
workstation would pay for warm pictures with slower cold ones; bench lock measured exactly that). The caller ranks the cameras (cockpit/warm_cameras.py); the pool keeps the first ones that
fit, starts the missing, and closes the rest without waiting. A camera whose URI or stream fails rests for
`retry_s` before it is tried again, so an offline camera does not churn connections.

Thread-safe: `want`, `bridge` and `stats` run on the UI thread, URI answers on whichever thread resolves the
Future; a lock guards the table, decoders start and close without waiting.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass

from .decoder import DecoderState, StreamDecoder

logger = logging.getLogger(__name__)

StreamUri = Callable[[str, bool], "Future[str | None]"]  # (camera code, main?) -> its URI
FRESH_S = 1.0  # a bridge's newest picture must be this recent: a paused or frozen stream is no bridge
HEADROOM_HYSTERESIS_PCT = 10.0  # a starved host gets warm streams back only this far above the floor


@dataclass(frozen=True)
class WarmStats:
    warm: tuple[str, ...]  # cameras with a decoder (playing or connecting)
    cap: int  # how many the budget allows now
    cpu_pct: float | None  # measured CPU of the warm decoders, % of one core (None before two refreshes)
    per_stream_pct: float | None  # smoothed per-stream CPU that decides `cap`
    host_idle_pct: float | None  # idle share of all cores since the refresh before (None where unknown)
    started: int  # decoders started since creation
    closed: int  # decoders closed since creation
    cpu_s: float  # thread CPU of every warm decoder since creation (closed ones up to their close)


@dataclass
class _Entry:
    ticket: object
    decoder: StreamDecoder | None = None


class WarmPool:
    def __init__(self, stream_uri: StreamUri, *, max_streams: int = 4, cpu_budget_pct: float = 10.0,
                 min_idle_pct: float = 25.0, retry_s: float = 30.0,
                 decoder_factory: Callable[[str, str], StreamDecoder] | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 host_times: Callable[[], tuple[float, float] | None] | None = None) -> None:
        self._stream_uri = stream_uri
        self.max_streams, self.cpu_budget_pct, self.retry_s = max_streams, cpu_budget_pct, retry_s
        self.min_idle_pct = min_idle_pct
        self._host_times = host_times or host_cpu_times
        self._host_mark = self._host_times()
        self._host_at = clock()
        self._idle_pct: float | None = None
        self._starved = False
        self._factory = decoder_factory or (lambda uri, name: StreamDecoder(uri, name=name))
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] = {}
        self._resting: dict[str, float] = {}  # code -> when it may be tried again
        self._closed = False
        self._started = self._closed_count = 0
        self._cpu_closed = 0.0
        self._cpu_mark: tuple[float, float] | None = None  # (clock, summed decoder CPU) at the last refresh
        self._cpu_pct: float | None = None
        self._per_stream: float | None = None

    # -- the UI's side -------------------------------------------------------------------------------

    def want(self, ranked: Sequence[str]) -> list[str]:
        """Keep the first cameras of `ranked` that the budget allows warm; returns the ones kept or started."""
        to_close: list[StreamDecoder] = []
        to_open: list[tuple[str, object]] = []
        with self._lock:
            if self._closed:
                return []
            now = self._clock()
            self._measure(now)
            for code, entry in list(self._entries.items()):  # failing streams rest instead of retrying warm
                if entry.decoder is not None and entry.decoder.state is DecoderState.FAILED:
                    self._resting[code] = now + self.retry_s
            chosen = [c for c in dict.fromkeys(ranked) if self._resting.get(c, 0.0) <= now][:self._cap()]
            for code in [c for c in self._entries if c not in chosen]:
                decoder = self._entries.pop(code).decoder
                if decoder is not None:
                    to_close.append(decoder)
                    self._closed_count += 1
                    self._cpu_closed += decoder.stats().cpu_s
            for code in chosen:
                if code not in self._entries:
                    entry = self._entries[code] = _Entry(object())
                    to_open.append((code, entry.ticket))
        for decoder in to_close:
            decoder.close(timeout_s=0)
        for code, ticket in to_open:
            self._ask_uri(code, ticket)
        return chosen

    def bridge(self, code: str) -> StreamDecoder | None:
        """A warm decoder of `code` with a fresh picture, to show while the real stream opens; None otherwise.
        The pool still owns it: the borrower never pauses or closes it."""
        with self._lock:
            entry = self._entries.get(code)
            decoder = entry.decoder if entry is not None else None
        return decoder if is_fresh(decoder) else None

    def is_warm(self, code: str) -> bool:
        return self.bridge(code) is not None

    def stats(self) -> WarmStats:
        with self._lock:
            live = sum(e.decoder.stats().cpu_s for e in self._entries.values() if e.decoder is not None)
            return WarmStats(tuple(sorted(self._entries)), self._cap(), self._cpu_pct, self._per_stream,
                             self._idle_pct, self._started, self._closed_count, self._cpu_closed + live)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            decoders = [e.decoder for e in self._entries.values() if e.decoder is not None]
            self._entries.clear()
        for decoder in decoders:
            decoder.close(timeout_s=0)

    # -- internals ----------------------------------------------------------------------------------

    def _cap(self) -> int:
        if self._starved:
            return 0
        if self._per_stream is None or self._per_stream <= 0:
            return self.max_streams
        return max(0, min(self.max_streams, math.floor(self.cpu_budget_pct / self._per_stream)))

    def _measure(self, now: float) -> None:
        """CPU of the warm decoders since the last refresh; a per-stream average smoothed over refreshes."""
        playing = [e.decoder for e in self._entries.values()
                   if e.decoder is not None and e.decoder.state is DecoderState.PLAYING]
        total = sum(e.decoder.stats().cpu_s for e in self._entries.values() if e.decoder is not None)
        self._measure_host(now)
        mark, self._cpu_mark = self._cpu_mark, (now, total)
        if mark is None or now - mark[0] < 0.5 or total < mark[1]:
            return  # too short to measure, or decoders were closed in between (their CPU left the sum)
        self._cpu_pct = 100.0 * (total - mark[1]) / (now - mark[0])
        if playing:
            per = self._cpu_pct / len(self._entries)
            self._per_stream = per if self._per_stream is None else 0.7 * self._per_stream + 0.3 * per

    def _measure_host(self, now: float) -> None:
        """The idle share of all cores over the last second or more; below the floor the pool lets everything go."""
        if now - self._host_at < 1.0:
            return  # too short: a few clock ticks say nothing
        times = self._host_times()
        mark, self._host_mark, self._host_at = self._host_mark, times, now
        if times is None or mark is None or times[1] - mark[1] <= 0:
            return
        self._idle_pct = 100.0 * (times[0] - mark[0]) / (times[1] - mark[1])
        if self._idle_pct < self.min_idle_pct:
            self._starved = True
        elif self._idle_pct >= self.min_idle_pct + HEADROOM_HYSTERESIS_PCT:
            self._starved = False

    def _ask_uri(self, code: str, ticket: object) -> None:
        try:
            future = self._stream_uri(code, False)
        except Exception as exc:  # noqa: BLE001 - a URI source that raises instead of failing its Future
            self._uri_failed(code, ticket, exc)
            return
        future.add_done_callback(lambda f: self._uri_ready(code, ticket, f))

    def _uri_ready(self, code: str, ticket: object, future: Future) -> None:
        try:
            uri = future.result()
        except Exception as exc:  # noqa: BLE001 - offline, no profile, timeout: the camera rests
            self._uri_failed(code, ticket, exc)
            return
        if not uri:
            self._uri_failed(code, ticket, LookupError(f"{code} has no sub stream"))
            return
        with self._lock:
            entry = self._entries.get(code)
            if self._closed or entry is None or entry.ticket is not ticket:
                return  # no longer wanted
            entry.decoder = self._factory(uri, f"warm {code}").start()
            self._started += 1
        logger.info("%s: sub stream kept warm", code)

    def _uri_failed(self, code: str, ticket: object, exc: Exception) -> None:
        logger.info("%s: not kept warm: %s", code, exc)
        with self._lock:
            entry = self._entries.get(code)
            if entry is not None and entry.ticket is ticket:
                del self._entries[code]
                self._resting[code] = self._clock() + self.retry_s


def is_fresh(decoder: StreamDecoder | None, fresh_s: float = FRESH_S) -> bool:
    """A decoder that is playing and whose newest picture is recent: worth showing while another opens."""
    if decoder is None or decoder.state is not DecoderState.PLAYING:
        return False
    frame = decoder.latest()
    return frame is not None and time.monotonic() - frame.fresh_at <= fresh_s


def host_cpu_times() -> tuple[float, float] | None:
    """(idle, total) CPU time of all cores so far, from Linux's /proc/stat; None elsewhere or if unreadable."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [float(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    if len(fields) < 5:
        return None
    return fields[3] + fields[4], sum(fields[:8])  # idle + iowait; user … steal (guest time is inside user)
