"""One clip being recorded: the pre-alarm packets from the ring, then live packets until the end time.

Runs on its own thread (`rec-clip-<code>`), never on the caller's: it registers with the camera's
tap, takes the ring's snapshot, remuxes as packets arrive (memory stays at the ring's size), closes
the file, and hands the result to `save`. A later trigger moves the end time (`extend`) until the
clip starts closing; after that the recorder starts a new clip.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cockpit.audit import Actor
from cockpit.models import RecordingReason
from cockpit.recordings import RecordingStarted

from .errors import RecordingError
from .media import StoredPacket
from .mp4_writer import ClipWriter, WrittenClip
from .tap import PacketTap

logger = logging.getLogger(__name__)


@dataclass
class Trigger:
    """Why the clip is recorded; later triggers may add an incident or alarm, and an alarm outranks manual."""

    reason: RecordingReason
    incident_id: int | None = None
    alarm_id: int | None = None
    actor: Actor | None = None

    def merge(self, other: Trigger) -> None:
        if other.reason is RecordingReason.ALARM:
            self.reason = RecordingReason.ALARM
        self.incident_id = self.incident_id or other.incident_id
        self.alarm_id = self.alarm_id or other.alarm_id
        self.actor = self.actor or other.actor


def clip_stem(directory: Path, code: str, at: float, reason: RecordingReason) -> Path:
    """<dir>/<code>/<YYYY-MM-DD>/<code>_<YYYYmmddTHHMMSS>Z_<reason> (UTC), made unique with a counter."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", code) or "camera"
    stamp = datetime.fromtimestamp(at, UTC)
    folder = directory / safe / stamp.strftime("%Y-%m-%d")
    stem = folder / f"{safe}_{stamp:%Y%m%dT%H%M%S}Z_{reason.value}"
    n = 1
    while any(folder.glob(f"{stem.name}.*")):
        n += 1
        stem = folder / f"{safe}_{stamp:%Y%m%dT%H%M%S}Z_{reason.value}-{n}"
    return stem


class Clip:
    def __init__(self, code: str, tap: PacketTap, trigger: Trigger, *, directory: Path, pre_s: float,
                 post_s: float, max_s: float, emit: Callable[[object], None],
                 finish: Callable[[Clip, WrittenClip], int],
                 done: Callable[[Clip, BaseException | None], None]) -> None:
        self.code, self.tap, self.trigger = code, tap, trigger
        self.directory, self.pre_s = directory, pre_s
        self.future: Future[int] = Future()
        self._emit, self._finish, self._done = emit, finish, done
        self._lock = threading.Lock()
        self._t0 = time.monotonic()
        self._wall0 = time.time()
        self._until = self._t0 + post_s
        self._hard_end = self._t0 + max_s
        self._ending = False
        self._queue: queue.SimpleQueue[StoredPacket] = queue.SimpleQueue()
        self._writer: ClipWriter | None = None  # the clip thread's alone
        self._thread = threading.Thread(target=self._run, name=f"rec-clip-{code}", daemon=True)

    def start(self) -> Clip:
        self._thread.start()
        return self

    def join(self, timeout_s: float) -> None:
        self._thread.join(timeout_s)

    @property
    def ending(self) -> bool:
        return self._ending

    def extend(self, post_s: float, trigger: Trigger) -> datetime | None:
        """Record until `post_s` from now (never shorter); the new end, or None if the clip is closing."""
        with self._lock:
            if self._ending:
                return None
            self._until = min(max(self._until, time.monotonic() + post_s), self._hard_end)
            self.trigger.merge(trigger)
            return self._wall(self._until)

    def stop(self) -> None:
        """End the clip now (its file is still written and saved)."""
        with self._lock:
            self._until = min(self._until, time.monotonic())

    def _wall(self, mono: float) -> datetime:
        return datetime.fromtimestamp(self._wall0 + (mono - self._t0), UTC)

    # -- the clip's thread -----------------------------------------------------------------------

    def _run(self) -> None:
        result: int | None = None
        error: BaseException | None = None
        try:
            listener = self._queue.put
            self.tap.add_listener(listener)
            try:
                self._capture()
            finally:
                self.tap.remove_listener(listener)
            if self._writer is None:
                detail = f": {self.tap.message}" if self.tap.message else ""
                raise RecordingError(f"no video received{detail}")
            result = self._finish(self, self._writer.close())
        except Exception as exc:
            if self._writer is not None:
                self._writer.abort()  # nothing half-written stays behind (a saved file is already renamed)
            if not isinstance(exc, RecordingError):
                logger.exception("%s: recording failed", self.code)
            error = RecordingError(f"{self.code}: {exc if isinstance(exc, RecordingError) else repr(exc)}")
            logger.warning("%s", error)
        with self._lock:
            self._ending = True
        try:
            self._done(self, error)
        except Exception:
            logger.exception("%s: clean-up after the clip failed", self.code)
        if error is not None:
            self.future.set_exception(error)
        else:
            self.future.set_result(result)  # type: ignore[arg-type]

    def _capture(self) -> None:
        """Pre-alarm packets, then live ones until the end time; leaves the open file in self._writer."""
        pre = self.tap.ring.snapshot(since=self._t0 - self.pre_s)
        last_seq = pre[-1].seq if pre else 0
        pre_s = max(0.0, self._t0 - pre[0].arrival) if pre else 0.0
        with self._lock:
            until = self._wall(self._until)
        self._emit(RecordingStarted(self.code, self.trigger.reason, round(pre_s, 2), until,
                                    self.trigger.incident_id, self.trigger.alarm_id))
        for packet in pre:
            self._write(packet)
        while True:
            with self._lock:
                deadline = min(self._until, self._hard_end)
            timeout = deadline - time.monotonic()
            try:
                packet = self._queue.get(timeout=timeout) if timeout > 0 else self._queue.get_nowait()
            except queue.Empty:
                with self._lock:  # nothing queued that arrived in time; closing unless just extended
                    if time.monotonic() >= min(self._until, self._hard_end):
                        self._ending = True
                        return
                continue
            if packet.seq <= last_seq:
                continue  # already in the pre-alarm snapshot
            with self._lock:
                if packet.arrival >= min(self._until, self._hard_end):
                    self._ending = True
                    return
            if self._writer is not None and not self._writer.params.compatible(packet.params):
                logger.warning("%s: stream changed to %s %dx%d; clip ends here", self.code, packet.params.codec,
                               packet.params.width, packet.params.height)
                with self._lock:
                    self._ending = True
                return
            self._write(packet)

    def _write(self, packet: StoredPacket) -> None:
        if self._writer is None:
            if not packet.keyframe:
                return  # a file starts at a keyframe
            stem = clip_stem(self.directory, self.code, packet.wall, self.trigger.reason)
            try:
                stem.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise RecordingError(f"cannot create {stem.parent}: {exc.strerror or exc}") from exc
            self._writer = ClipWriter(stem, packet.params)
        self._writer.write(packet)
