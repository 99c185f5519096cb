"""The recorder: pre-alarm buffers for the cameras the app chooses, clips on triggers, a disk quota.

Threads: one tap per buffered camera (`rec-tap-<code>`, demux only), one per clip being recorded
(`rec-clip-<code>`: remux, file, database row), one for retention (`rec-retention`). Nothing here
blocks its caller: record() returns a Future at once. Results leave as plain events through `sink`
(cockpit/recordings.py), called on those threads; a bridge in widgets/ makes them Qt signals.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path

from cockpit.audit import Actor
from cockpit.config import RecordingConfig
from cockpit.models import RecordingReason
from cockpit.recordings import (
    RecordingExtended,
    RecordingFailed,
    RecordingSaved,
    RetentionReport,
)
from services.database import DatabaseService
from services.video.backoff import Backoff

from .catalog import NewRecording, save_recording
from .clip import Clip, Trigger
from .errors import RecordingError
from .mp4_writer import WrittenClip
from .retention import Retention
from .tap import PacketTap, TapStats

logger = logging.getLogger(__name__)

Sink = Callable[[object], None]


def check_directory(directory: Path) -> None:
    """Create the recording directory and prove it is writable; RecordingError says what is wrong."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise RecordingError(f"recording directory {directory} is not usable: {exc.strerror or exc}") from exc


def _failed(message: str) -> Future[int]:
    future: Future[int] = Future()
    future.set_exception(RecordingError(message))
    return future


class RecorderService:
    def __init__(self, db: DatabaseService, directory: Path, sink: Sink, *, pre_s: float = 30.0,
                 post_s: float = 120.0, quota_bytes: int = 50 * 10**9, buffer_bytes: int = 64 * 2**20,
                 retention_interval_s: float = 600.0, max_clip_s: float = 1800.0, read_timeout_s: float = 3.0,
                 backoff: Backoff | None = None) -> None:
        self.db, self.directory, self._sink = db, directory, sink
        self.pre_s, self.post_s, self.max_clip_s = pre_s, post_s, max_clip_s
        self.buffer_bytes, self.read_timeout_s, self.backoff = buffer_bytes, read_timeout_s, backoff
        self.retention = Retention(db, directory, quota_bytes)
        self.retention_interval_s = retention_interval_s
        self._lock = threading.Lock()
        self._taps: dict[str, PacketTap] = {}
        self._watched: dict[str, str] = {}  # code -> uri of cameras that keep a buffer
        self._uris: dict[str, str] = {}  # last URI seen per camera, for record() on unbuffered ones
        self._clips: dict[str, Clip] = {}
        self._kick = threading.Event()
        self._stopping = threading.Event()
        self._retention_waiters: list[Future[RetentionReport]] = []
        self._retention_thread: threading.Thread | None = None
        self._running = False

    @classmethod
    def from_config(cls, db: DatabaseService, config: RecordingConfig, data_dir: Path, sink: Sink) -> RecorderService:
        return cls(db, config.resolved_directory(data_dir), sink, pre_s=config.pre_s, post_s=config.post_s,
                   quota_bytes=int(config.quota_gb * 10**9), buffer_bytes=config.buffer_mb * 2**20,
                   retention_interval_s=config.retention_interval_s)

    # -- lifecycle ----------------------------------------------------------------------------------

    def start(self) -> None:
        """Check the directory (RecordingError if unusable) and start retention. Returns at once after."""
        check_directory(self.directory)
        self._stopping.clear()
        with self._lock:
            self._running = True
            for code, uri in self._watched.items():
                if code not in self._taps:
                    self._taps[code] = self._new_tap(code, uri)
        self._retention_thread = threading.Thread(target=self._retention_loop, name="rec-retention", daemon=True)
        self._retention_thread.start()
        logger.info("recorder: clips in %s, pre %g s, post %g s, quota %d bytes", self.directory, self.pre_s,
                    self.post_s, self.retention.quota_bytes)

    def stop(self, timeout_s: float = 5.0) -> None:
        """Running clips end now and are saved (within `timeout_s`); taps and retention stop."""
        with self._lock:
            self._running = False
            clips = list(self._clips.values())
        for clip in clips:
            clip.stop()
        for clip in clips:
            clip.join(timeout_s)
        with self._lock:
            taps, self._taps = list(self._taps.values()), {}
        for tap in taps:
            tap.close(timeout_s=0)
        self._stopping.set()
        self._kick.set()
        if self._retention_thread is not None:
            self._retention_thread.join(timeout_s)

    # -- buffers ------------------------------------------------------------------------------------

    def watch(self, code: str, uri: str) -> None:
        """Keep a pre-alarm buffer of `code` (starts its tap now, or at start(); a new URI restarts it)."""
        with self._lock:
            self._uris[code] = uri
            self._watched[code] = uri
            old = self._taps.get(code)
            if not self._running or (old is not None and old.uri == uri):
                return  # not started yet, or already tapped (perhaps for a clip: now it stays)
            self._taps[code] = self._new_tap(code, uri)
            close_old = old is not None and not self._in_use(old)
        if close_old and old is not None:
            old.close(timeout_s=0)

    def unwatch(self, code: str) -> None:
        """Stop buffering `code`; a clip being recorded keeps its tap until it ends."""
        with self._lock:
            self._watched.pop(code, None)
            tap = self._taps.get(code)
            if tap is None or self._in_use(tap):
                return
            del self._taps[code]
        tap.close(timeout_s=0)

    def watched(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._watched)

    def buffer_stats(self, code: str) -> TapStats | None:
        with self._lock:
            tap = self._taps.get(code)
        return tap.stats() if tap is not None else None

    def _new_tap(self, code: str, uri: str) -> PacketTap:
        return PacketTap(code, uri, ring_s=self.pre_s, ring_bytes=self.buffer_bytes, on_state=self._emit,
                         read_timeout_s=self.read_timeout_s, backoff=self.backoff).start()

    def _in_use(self, tap: PacketTap) -> bool:
        """Caller holds the lock."""
        return any(clip.tap is tap for clip in self._clips.values())

    # -- recording ----------------------------------------------------------------------------------

    def record(self, code: str, *, reason: RecordingReason, incident_id: int | None = None,
               alarm_id: int | None = None, pre_s: float | None = None, post_s: float | None = None,
               user: Actor | None = None, uri: str | None = None) -> Future[int]:
        """Record `code`: pre_s before now (as far as its buffer goes) and post_s after. Returns at once.

        The Future resolves to the Recording id once the file and its row are committed, or fails with
        RecordingError. A trigger while the camera is recording extends that clip (same Future).
        `uri` is needed only for a camera that was never watched.
        """
        trigger = Trigger(RecordingReason(reason), incident_id, alarm_id, user)
        post = self.post_s if post_s is None else post_s
        with self._lock:
            if not self._running:
                return _failed(f"{code}: the recorder is not running")
            clip = self._clips.get(code)
            until = clip.extend(post, trigger) if clip is not None else None
            if until is None:
                clip = self._new_clip(code, uri, trigger, self.pre_s if pre_s is None else pre_s, post)
        if clip is None:
            return _failed(f"{code}: no stream address known (never watched)")
        if until is not None:
            logger.info("%s: recording extended by a %s trigger", code, trigger.reason.value)
            self._emit(RecordingExtended(code, until))
        else:
            logger.info("%s: recording (%s)", code, trigger.reason.value)
            clip.start()
        return clip.future

    def _new_clip(self, code: str, uri: str | None, trigger: Trigger, pre_s: float, post_s: float) -> Clip | None:
        """Caller holds the lock. The camera's tap (started for this clip if it keeps no buffer) feeds it."""
        uri = uri or self._uris.get(code)
        if uri is None:
            return None
        self._uris[code] = uri
        tap = self._taps.get(code)
        if tap is None or tap.uri != uri:
            if tap is not None and not self._in_use(tap):
                tap.close(timeout_s=0)
            tap = self._taps[code] = self._new_tap(code, uri)
        clip = Clip(code, tap, trigger, directory=self.directory, pre_s=pre_s, post_s=post_s, max_s=self.max_clip_s,
                    emit=self._emit, finish=self._save, done=self._clip_done)
        self._clips[code] = clip
        return clip

    def stop_recording(self, code: str) -> Future[int] | None:
        """End `code`'s clip now; its Future still resolves once saved. None if it was not recording."""
        with self._lock:
            clip = self._clips.get(code)
        if clip is None:
            return None
        clip.stop()
        return clip.future

    def is_recording(self, code: str) -> bool:
        with self._lock:
            clip = self._clips.get(code)
            return clip is not None and not clip.ending

    def _save(self, clip: Clip, written: WrittenClip) -> int:
        """On the clip's thread: the finished file becomes a row; the event goes out; retention looks."""
        params = clip.tap.params
        trigger = clip.trigger
        new = NewRecording(clip.code, datetime.fromtimestamp(written.first_wall, UTC),
                           datetime.fromtimestamp(written.last_wall, UTC),
                           written.path.relative_to(self.directory).as_posix(), written.size_bytes,
                           written.format, params.codec if params else "", params.width if params else None,
                           params.height if params else None, trigger.reason, trigger.incident_id,
                           trigger.alarm_id, trigger.actor)
        try:
            recording_id = save_recording(self.db, new)
        except RecordingError as exc:
            raise RecordingError(f"{exc} (the file {written.path} was kept)") from exc
        self._emit(RecordingSaved(clip.code, recording_id, written.path, new.started_at, new.ended_at,
                                  written.size_bytes, trigger.reason, trigger.incident_id, written.gaps))
        self._kick.set()
        return recording_id

    def _clip_done(self, clip: Clip, error: BaseException | None) -> None:
        """On the clip's thread, before its Future resolves: forget the clip, close a tap nobody needs."""
        if error is not None:
            self._emit(RecordingFailed(clip.code, str(error)))
        with self._lock:
            if self._clips.get(clip.code) is clip:
                del self._clips[clip.code]
            tap, current = clip.tap, self._taps.get(clip.code) is clip.tap
            needed = self._in_use(tap) or (current and clip.code in self._watched)
            if not needed and current:
                del self._taps[clip.code]
        if not needed:
            tap.close(timeout_s=0)

    # -- retention ----------------------------------------------------------------------------------

    def enforce_retention(self) -> Future[RetentionReport]:
        """Run retention now on its thread; the Future gets the report."""
        future: Future[RetentionReport] = Future()
        with self._lock:
            self._retention_waiters.append(future)
        self._kick.set()
        return future

    def _retention_loop(self) -> None:
        """Once at start, then every interval and after each saved clip (or when asked)."""
        first = True
        while True:
            if not first:
                self._kick.wait(self.retention_interval_s)
            first = False
            self._kick.clear()
            with self._lock:
                waiters, self._retention_waiters = self._retention_waiters, []
            if self._stopping.is_set():
                for future in waiters:
                    future.set_exception(RecordingError("the recorder is stopped"))
                return
            try:
                report = self.retention.run()
            except Exception as exc:  # the database may be away for a while: try again next time
                logger.exception("retention failed")
                for future in waiters:
                    future.set_exception(RecordingError(f"retention failed: {exc}"))
                continue
            self._emit(report)
            for future in waiters:
                future.set_result(report)

    def _emit(self, event: object) -> None:
        try:
            self._sink(event)
        except Exception:  # a broken consumer must not stop recording
            logger.exception("recorder sink failed on %s", type(event).__name__)

