"""Which cameras keep a pre-alarm buffer, and the stream address each recording needs.

The recorder records what it is told; this decides: in "all" mode every camera that comes online is
watched, in "wall" mode the cameras on the video wall (the demo: its simulator encodes every stream it
serves, which 60 cameras on 2 cores cannot afford), in "none" mode nothing. Stream addresses come
from the camera service as Futures; nothing here blocks or needs a thread of its own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Literal

from cockpit.alarm_events import AlarmChanged
from cockpit.audit import Actor
from cockpit.cameras import CameraState, CameraStateChanged
from cockpit.models import RecordingReason

from .recorder import RecorderService

logger = logging.getLogger(__name__)

StreamUri = Callable[[str, bool], "Future[str | None]"]  # (camera code, main?) -> RTSP URI
RECORD_UP_TO_PRIORITY = 3  # P1–P3 alarms of a camera record a clip; P4 (e.g. plain motion) would fill disks


class RecordingCoordinator:
    def __init__(self, recorder: RecorderService, stream_uri: StreamUri, *, mode: Literal["all", "none", "wall"],
                 main: bool = True, cameras: Iterable[str] = ()) -> None:
        """`cameras`: the site's camera codes (an alarm's device may be a sensor)."""
        self.recorder, self._stream_uri, self.mode, self.main = recorder, stream_uri, mode, main
        self._known = frozenset(cameras)
        self._lock = threading.Lock()
        self._online: set[str] = set()
        self._wall: set[str] = set()

    def wants_buffer(self, code: str) -> bool:
        with self._lock:
            if self.mode == "all":
                return code in self._online
            return self.mode == "wall" and code in self._wall

    # -- inputs ------------------------------------------------------------------------------------

    def on_camera_event(self, event: object) -> None:
        """The camera service's sink: a camera coming online gets its buffer (in "all" mode)."""
        if not isinstance(event, CameraStateChanged):
            return
        code, online = event.health.code, event.health.state == CameraState.ONLINE
        with self._lock:
            was = code in self._online
            (self._online.add if online else self._online.discard)(code)
        if online and not was and self.wants_buffer(code):
            self._watch(code)  # an offline camera keeps its tap: it reconnects by itself

    def set_wall(self, codes: Iterable[str]) -> None:
        """The cameras on the wall now (in "wall" mode they alone keep a buffer)."""
        new = set(codes)
        with self._lock:
            added, removed, self._wall = new - self._wall, self._wall - new, new
        if self.mode != "wall":
            return
        for code in sorted(added):
            self._watch(code)
        for code in sorted(removed):
            self.recorder.unwatch(code)  # a running clip keeps its tap until it ends

    # -- recording -----------------------------------------------------------------------------------

    def record(self, code: str, *, reason: RecordingReason, user: Actor | None = None,
               incident_id: int | None = None, alarm_id: int | None = None) -> Future[int]:
        """Start (or extend) a clip; a camera without a buffer records from now on its stream."""
        if code in self.recorder.watched():
            return self.recorder.record(code, reason=reason, user=user, incident_id=incident_id, alarm_id=alarm_id)
        result: Future[int] = Future()

        def chain(uri_future: Future[str | None]) -> None:
            try:
                uri = uri_future.result()
                if not uri:
                    raise LookupError(f"{code} has no stream to record")
                clip = self.recorder.record(code, reason=reason, user=user, incident_id=incident_id,
                                            alarm_id=alarm_id, uri=uri)
            except Exception as exc:  # noqa: BLE001 - handed to whoever waits on the Future
                result.set_exception(exc)
                return
            clip.add_done_callback(lambda f: _copy(f, result))

        self._stream_uri(code, self.main).add_done_callback(chain)
        return result

    def on_alarm(self, event: object) -> Future[int] | None:
        """The alarm sink: a new alarm raised by a camera records it (pre-alarm buffer + post time).

        Alarms elsewhere (a sensor) record once the video lock has picked the cameras that see the place.
        """
        if not isinstance(event, AlarmChanged) or not event.new:
            return None
        alarm = event.alarm
        if alarm.device_code is None or alarm.priority > RECORD_UP_TO_PRIORITY or alarm.device_code not in self._known:
            return None
        clip = self.record(alarm.device_code, reason=RecordingReason.ALARM, alarm_id=alarm.id)
        clip.add_done_callback(lambda f: f.exception() is not None and logger.warning(
            "%s: alarm %d was not recorded: %s", alarm.device_code, alarm.id, f.exception()))
        return clip

    def stop_recording(self, code: str) -> Future[int] | None:
        return self.recorder.stop_recording(code)

    def _watch(self, code: str) -> None:
        def got(uri_future: Future[str | None]) -> None:
            try:
                uri = uri_future.result()
            except Exception as exc:  # noqa: BLE001 - the camera is offline or has no profile: no buffer
                logger.info("%s: no pre-alarm buffer: %s", code, exc)
                return
            if uri and self.wants_buffer(code):
                self.recorder.watch(code, uri)

        self._stream_uri(code, self.main).add_done_callback(got)


def _copy(source: Future[int], target: Future[int]) -> None:
    if source.cancelled():
        target.cancel()
    elif source.exception() is not None:
        target.set_exception(source.exception())
    else:
        target.set_result(source.result())
