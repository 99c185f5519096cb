"""PTZ commands from the UI: the controller a view is given, and a sender that never lets moves queue up.

Why coalescing: a camera runs its commands one at a time, and a slow or hung camera answers a move
only after seconds. If every key press and button press were sent, a backlog would keep the dome
moving long after the operator let go. The sender keeps at most one motion command in flight per
camera; what is asked meanwhile waits in a single slot where the latest request wins. A stop is
never dropped: it waits behind the move in flight (sent in parallel it could overtake that move on a
camera that runs commands concurrently, and the move would win), and it replaces a waiting move.
Moves carry a short ONVIF timeout, refreshed by the view while held, so a lost stop cannot leave a
dome turning for ever.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Protocol

from services.onvif.info import PresetInfo

from .futures import failed_future, resolve
from .worker import TaskRunner

logger = logging.getLogger(__name__)

COMMAND_TIMEOUT_S = 15.0  # a pool thread waits this long at most (the camera service has its own deadline)
MOVE_TIMEOUT_S = 5.0  # the camera stops by itself this long after the last move it received


class PtzController(Protocol):
    """What the focus view needs from the cameras; services.onvif.CameraService fits as is.

    Every method returns at once; the Future completes on another thread (failing with an
    OnvifError, UnknownCamera, … whose text is shown to the operator).
    """

    def ptz_move(self, code: str, pan: float, tilt: float, zoom: float = 0.0,
                 timeout_s: float | None = None) -> Future[None]: ...

    def ptz_stop(self, code: str) -> Future[None]: ...

    def presets(self, code: str) -> Future[list[PresetInfo]]: ...

    def goto_preset(self, code: str, token: str) -> Future[None]: ...

    def set_preset(self, code: str, name: str) -> Future[str]: ...

    def remove_preset(self, code: str, token: str) -> Future[None]: ...

    def ptz_absolute(self, code: str, pan: float, tilt: float, zoom: float | None = None) -> Future[None]: ...


@dataclass(frozen=True)
class Motion:
    kind: str  # "move", "stop" or "goto"
    args: tuple[object, ...] = ()


class MotionSender:
    """Moves, stops and preset go-tos of one camera: in order, one in flight, the latest waiting one wins."""

    def __init__(self, code: str, controller: PtzController, runner: TaskRunner,
                 on_result: Callable[[Motion, Exception | None], None] | None = None, *,
                 timeout_s: float = COMMAND_TIMEOUT_S, move_timeout_s: float = MOVE_TIMEOUT_S) -> None:
        """on_result(motion, error or None) runs on the UI thread after each command sent."""
        self.code, self._controller, self._runner = code, controller, runner
        self.on_result = on_result
        self.timeout_s, self.move_timeout_s = timeout_s, move_timeout_s
        self._in_flight: Motion | None = None
        self._waiting: Motion | None = None
        self._last: Motion | None = None

    @property
    def moving(self) -> bool:
        """The last motion asked for was a continuous move (the dome turns, or soon will)."""
        return self._last is not None and self._last.kind == "move"

    @property
    def busy(self) -> bool:
        return self._in_flight is not None

    def move(self, pan: float, tilt: float, zoom: float) -> None:
        self._request(Motion("move", (pan, tilt, zoom)))

    def stop(self) -> None:
        self._request(Motion("stop"))

    def goto(self, token: str) -> None:
        self._request(Motion("goto", (token,)))

    def _request(self, motion: Motion) -> None:
        self._last = motion
        if self._in_flight is None:
            self._send(motion)
        else:
            self._waiting = motion  # replaces an earlier waiting request: the latest wins

    def _send(self, motion: Motion) -> None:
        self._in_flight = motion
        c = self._controller
        try:
            if motion.kind == "move":
                pan, tilt, zoom = motion.args
                future = c.ptz_move(self.code, pan, tilt, zoom, timeout_s=self.move_timeout_s)
            elif motion.kind == "stop":
                future = c.ptz_stop(self.code)
            else:
                future = c.goto_preset(self.code, str(motion.args[0]))
        except Exception as exc:  # a controller that raises instead of failing its Future
            future = failed_future(exc)
        resolve(self._runner, future, self.timeout_s, on_done=lambda _: self._finished(motion, None),
                on_error=lambda exc: self._finished(motion, exc))

    def _finished(self, motion: Motion, error: Exception | None) -> None:
        self._in_flight = None
        if error is not None:
            logger.warning("%s: PTZ %s failed: %s", self.code, motion.kind, error)
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._send(waiting)
        if self.on_result is not None:
            self.on_result(motion, error)
