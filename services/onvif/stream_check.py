"""Plays each online camera's wall stream for a moment, now and then, so health shows real pictures.

ONVIF answering says nothing about the video: this is what turns a camera whose RTSP URI does not
play into "stream unplayable", and fills the health panel's first-frame time, fps and bitrate
before any tile shows the camera. A few probes at a time (default 2), so sixty cameras cost a
short burst every few minutes; a hung stream costs one probe slot for its timeout, nothing else.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait

from services.video import StreamProbe, probe_stream

from .errors import OnvifError
from .worker import CameraWorker

logger = logging.getLogger(__name__)
Probe = Callable[[str], StreamProbe]


class StreamChecker:
    def __init__(self, workers: Callable[[], Sequence[CameraWorker]], *, interval_s: float = 300.0,
                 seconds: float = 1.5, timeout_s: float = 5.0, parallel: int = 2, tick_s: float = 2.0,
                 probe: Probe | None = None) -> None:
        self._workers = workers
        self.interval_s, self.tick_s = interval_s, tick_s
        self._probe = probe or (lambda uri: probe_stream(uri, seconds=seconds, timeout_s=timeout_s))
        self._parallel = parallel
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stream-check", daemon=True)

    def start(self) -> StreamChecker:
        self._thread.start()
        return self

    def stop(self, timeout_s: float | None = None) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _due(self, worker: CameraWorker, now: float) -> bool:
        """Online, and not checked in this session (just connected) or not for `interval_s`."""
        checked = worker.stream_checked_at
        return worker.online and (checked is None or now - checked >= self.interval_s)

    def _run(self) -> None:
        with ThreadPoolExecutor(self._parallel, thread_name_prefix="stream-check") as pool:
            while not self._stop.wait(self.tick_s):
                now = time.monotonic()
                wait([pool.submit(self.check, w) for w in self._workers() if self._due(w, now)])

    def check(self, worker: CameraWorker) -> None:
        if self._stop.is_set() or not worker.online:
            return
        try:
            uri = worker.wall_stream_uri()
        except OnvifError as exc:
            logger.info("%s: no stream URI to check (%s)", worker.code, exc.message)
            return
        if uri is None:
            return
        probe = self._probe(uri)
        if self._stop.is_set():
            return
        if probe.error:
            logger.warning("%s: stream %s does not play: %s", worker.code, probe.uri, probe.error)
        worker.report_stream(error=probe.error and f"{probe.uri}: {probe.error}", first_frame_s=probe.first_frame_s,
                             fps=probe.fps, bitrate_kbps=probe.bitrate_kbps)
