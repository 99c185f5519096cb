"""The video lock: an alarm becomes the live picture of its place, and the time that took is measured.

On a new alarm of priority ≤ `auto_priority` with a place, the cameras that see it are ranked
(cockpit/video_lock.py); the best opens in the focus view (a dome turns to a pinned preset or aims at
the spot) and the next ones go onto the wall. Lock time = the alarm's received_at → the first frame of a
chosen camera painted after it, in the focus view or on a wall tile, whichever comes first. It is stored
with the alarm (and stops its incident's lock clock) in a worker and announced by `locked`.

The focus view is taken only by an alarm at least as urgent as the one it shows, or when that one has
been on screen for HOLD_S: a P2 must not pull a P1's picture away from the operator. Lower alarms lock
when the operator selects them in the queue (`lock(alarm)`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from cockpit.alarm_events import AlarmChanged, AlarmView
from cockpit.models import AlarmState
from cockpit.site import CameraPlacement, PresetPoint
from cockpit.video_lock import LockChoice, LockHow, choose_cameras, lock_seconds

from .focus_view import FocusView
from .futures import failed_future, resolve
from .ptz_control import COMMAND_TIMEOUT_S, PtzController
from .video_view import VideoView
from .video_wall import VideoWall
from .worker import TaskRunner

logger = logging.getLogger(__name__)

HOLD_S = 20.0  # a locked alarm keeps the focus view this long against less urgent ones
WALL_EXTRA = 3  # cameras beyond the best one put on the wall
FOCUS_MIN_S = 1.0  # automatic locks change the screen at most this often (unless more urgent)

RecordLock = Callable[[int, str, datetime], object]  # (alarm id, camera, painted at) → stores it; blocking


@dataclass(frozen=True)
class LockResult:
    alarm_id: int
    code: str
    lock_s: float
    where: str  # "focus" or "wall"
    was_on_wall: bool  # the camera was already live on the wall when the alarm arrived
    how: LockHow
    was_warm: bool = False  # the camera's sub stream was warm in the pool when the lock began
    bridged: bool = False  # the picture that locked was a borrowed stream (warm or the wall's), not the view's own


@dataclass
class _Pending:
    alarm: AlarmView
    choices: list[LockChoice]
    on_wall: frozenset[str]
    warm: frozenset[str] = frozenset()
    done: bool = False


class VideoLockController(QObject):
    locked = Signal(object)  # LockResult
    notice = Signal(str)  # for the status bar: no camera sees the place, a dome did not turn …

    def __init__(self, cameras: Sequence[CameraPlacement], wall: VideoWall | None, focus: FocusView | None,
                 open_focus: Callable[[str], None], runner: TaskRunner, record_lock: RecordLock | None, *,
                 ptz: PtzController | None = None, presets: Sequence[PresetPoint] = (), auto_priority: int = 2,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cameras = {c.code: c for c in cameras}
        self._presets = tuple(presets)
        self._wall, self._focus, self._open_focus = wall, focus, open_focus
        self._runner, self._record, self._ptz = runner, record_lock, ptz
        self.auto_priority = auto_priority
        self._unavailable: set[str] = set()
        self._pending: dict[int, _Pending] = {}
        self._marked: dict[int, list[str]] = {}  # alarm id → cameras marked red for it
        self._focus_alarm: tuple[int, int, float] | None = None  # (alarm id, priority, since)
        self.results: list[LockResult] = []
        self.is_warm: Callable[[str], bool] = lambda code: False  # the warm pool's, when there is one
        self._incoming: list[AlarmView] = []
        self._deferred: AlarmView | None = None
        self._last_auto = -FOCUS_MIN_S
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(self._on_settle)

    # -- inputs -----------------------------------------------------------------------------------

    def set_available(self, code: str, available: bool) -> bool:
        """Camera health: an offline camera is not chosen (a black picture locks nothing). True if that changed."""
        changed = (code in self._unavailable) == available
        (self._unavailable.discard if available else self._unavailable.add)(code)
        return changed

    def on_alarm_changed(self, event: AlarmChanged) -> None:
        """New urgent alarms lock (coalesced: see _settle); a camera's own lesser alarm only marks its tiles;
        an alarm that is acknowledged or handled takes its red borders away."""
        alarm = event.alarm
        if event.new and alarm.state is AlarmState.NEW:
            if alarm.priority <= self.auto_priority and alarm.video_locked_at is None:
                self._incoming.append(alarm)
                if not self._settle.isActive():
                    self._settle.start(0)  # once per turn of the event loop, however many arrived
            elif alarm.device_code in self._cameras:
                self._mark(alarm.id, [alarm.device_code])
        elif alarm.state is not AlarmState.NEW and alarm.id in self._marked:
            self._unmark(alarm.id)

    def _on_settle(self) -> None:
        """Lock the most urgent (then oldest) alarm waiting; in a flood the screen changes at most once per
        FOCUS_MIN_S unless something more urgent comes: an operator cannot follow more, and every switch
        opens streams. The others stay in the queue (selecting one locks it); their own cameras go red."""
        waiting, self._incoming = self._incoming, []
        if self._deferred is not None:
            waiting.append(self._deferred)
            self._deferred = None
        if not waiting:
            return
        lead = min(waiting, key=lambda a: (a.priority, a.received_at))
        for alarm in waiting:
            if alarm is not lead and alarm.device_code in self._cameras and alarm.id not in self._marked:
                self._mark(alarm.id, [alarm.device_code])
        since = time.monotonic() - self._last_auto
        current = self._focus_alarm[1] if self._focus_alarm is not None else 5
        if since < FOCUS_MIN_S and lead.priority >= current:
            self._deferred = lead  # the newest lead waits for its turn (older leads were superseded)
            self._settle.start(round((FOCUS_MIN_S - since) * 1000) + 1)
            return
        self._last_auto = time.monotonic()
        self.lock(lead, take_focus=self._may_take_focus(lead))

    # -- the lock ---------------------------------------------------------------------------------

    def choices_for(self, alarm: AlarmView) -> list[LockChoice]:
        if alarm.x is None or alarm.y is None:
            own = alarm.device_code if alarm.device_code in self._cameras else None
            return [] if own is None else [LockChoice(own, LockHow.OWN, 0.0, -1.0)]
        return choose_cameras(self._cameras.values(), alarm.x, alarm.y, presets=self._presets,
                              own=alarm.device_code, unavailable=self._unavailable, limit=1 + WALL_EXTRA)

    def lock(self, alarm: AlarmView, *, take_focus: bool = True) -> list[LockChoice]:
        """Show the alarm's place: the best camera in the focus view (if `take_focus`), the others on the wall."""
        choices = self.choices_for(alarm)
        if not choices:
            self.notice.emit(self.tr("No camera sees the place of alarm %1 (%2).").replace(
                "%1", str(alarm.id)).replace("%2", alarm.place))
            return []
        on_wall = frozenset(self._wall.cameras_shown()) if self._wall is not None else frozenset()
        warm = frozenset(c.code for c in choices if c.code not in on_wall and self.is_warm(c.code))
        pending = self._pending[alarm.id] = _Pending(alarm, choices, on_wall, warm)
        best, rest = choices[0], [c.code for c in choices[1:]]
        after = alarm.received_at.timestamp()
        if take_focus and self._focus is not None:
            self._open_focus(best.code)
            self._focus_alarm = (alarm.id, alarm.priority, time.time())
            self._turn(best)
            self._watch(self._focus.video, pending, best, "focus", after, lambda: self._focus.code)
        else:
            rest = [best.code, *rest]
        if self._wall is not None:
            self._wall.show_alarm_cameras(rest)
            self._mark(alarm.id, [c.code for c in choices])
            by_code = {c.code: c for c in choices}
            for index, tile in enumerate(self._wall.tiles[:self._wall.tile_count]):
                choice = by_code.get(tile.code or "")
                if choice is not None:
                    self._watch(tile.view, pending, choice, "wall", after, lambda t=tile: t.code)
        return choices

    def _may_take_focus(self, alarm: AlarmView) -> bool:
        current = self._focus_alarm
        if current is None or self._focus is None or self._focus.code is None:
            return True
        _, priority, since = current
        return alarm.priority <= priority or time.time() - since >= HOLD_S

    def _watch(self, view: VideoView, pending: _Pending, choice: LockChoice, where: str, after: float,
               shows: Callable[[], str | None]) -> None:
        def painted(at: float) -> None:
            if pending.done or not shiboken6.isValid(self) or shows() != choice.code:
                return
            pending.done = True
            self._pending.pop(pending.alarm.id, None)
            self._locked(pending, choice, where, at, view.borrowed)
        view.when_painted(after, painted)

    def _locked(self, pending: _Pending, choice: LockChoice, where: str, painted_at: float, bridged: bool) -> None:
        alarm = pending.alarm
        result = LockResult(alarm.id, choice.code, lock_seconds(alarm.received_at.timestamp(), painted_at), where,
                            choice.code in pending.on_wall, choice.how, choice.code in pending.warm, bridged)
        self.results.append(result)
        logger.info("alarm %d locked on %s (%s, %s) in %.3f s", alarm.id, choice.code, where, choice.how, result.lock_s)
        if self._record is not None:
            record, at = self._record, datetime.fromtimestamp(painted_at, UTC)
            self._runner.submit(lambda: record(alarm.id, choice.code, at),
                                on_error=lambda exc: logger.warning("lock of alarm %d not stored: %s", alarm.id, exc))
        self.locked.emit(result)

    def _turn(self, choice: LockChoice) -> None:
        """A dome goes to the preset pinned near the spot, or aims at it; failures are said, not raised."""
        if self._ptz is None or choice.how not in (LockHow.PRESET, LockHow.AIM):
            return
        try:
            if choice.how is LockHow.PRESET and choice.preset is not None:
                future = self._ptz.goto_preset(choice.code, choice.preset)
            elif choice.aim is not None:
                future = self._ptz.ptz_absolute(choice.code, choice.aim.pan, choice.aim.tilt, choice.aim.zoom)
            else:
                return
        except Exception as exc:  # noqa: BLE001 - a controller that raises instead of failing its Future
            future = failed_future(exc)
        resolve(self._runner, future, COMMAND_TIMEOUT_S, on_done=lambda _: None,
                on_error=lambda exc: self.notice.emit(self.tr("%1 did not turn to the alarm: %2").replace(
                    "%1", choice.code).replace("%2", str(exc))))

    def _mark(self, alarm_id: int, codes: list[str]) -> None:
        self._marked[alarm_id] = codes
        if self._wall is not None:
            for code in codes:
                self._wall.set_alarm(code, True)

    def _unmark(self, alarm_id: int) -> None:
        codes = self._marked.pop(alarm_id, [])
        still = {c for other in self._marked.values() for c in other}
        if self._wall is not None:
            for code in codes:
                if code not in still:
                    self._wall.set_alarm(code, False)
        if self._focus_alarm is not None and self._focus_alarm[0] == alarm_id:
            self._focus_alarm = None
