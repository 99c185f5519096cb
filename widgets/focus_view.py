"""The focus view: one camera large on its main stream, with PTZ pad and presets beside it for domes.

Operators open it from the wall or the camera list (later a P1 alarm opens it) to look closely and
steer a dome. Nothing here waits on a camera: the stream URI and every PTZ command are Futures
resolved in the TaskRunner's pool, motion is coalesced (widgets/ptz_control.py), and a failure becomes
one message line (and a log line), never a dialog. Keys work wherever the focus is inside the view:
arrows move while held, +/- zoom, 1–9 go to a preset, Esc asks the owner to close the view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.video import StreamDecoder

from .futures import failed_future, resolve
from .preset_panel import PresetPanel
from .ptz_control import (
    COMMAND_TIMEOUT_S,
    MOVE_TIMEOUT_S,
    Motion,
    MotionSender,
    PtzController,
)
from .ptz_pad import PtzPad
from .stream_opener import Bridge, StreamOpener, StreamUri
from .video_view import VideoView
from .worker import TaskRunner

logger = logging.getLogger(__name__)

MOVE_REFRESH_MS = round(MOVE_TIMEOUT_S * 1000 * 0.4)  # a held move is sent again well before the camera's timeout
_PAD_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right,
             Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus}
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


class FocusView(QWidget):
    closeRequested = Signal()  # Esc or the Close button: the owner decides what shows instead
    cameraShown = Signal(str)  # camera code, once show_camera() switched to it

    def __init__(self, controller: PtzController, stream_uri: StreamUri, runner: TaskRunner,
                 parent: QWidget | None = None, *, bridge: Bridge | None = None) -> None:
        """`bridge`: a camera's stream already playing elsewhere (warm pool, wall), shown until the main stream's
        first picture (widgets/stream_opener.py)."""
        super().__init__(parent)
        self.setObjectName("focusView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the theme paints its background
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._controller, self._runner = controller, runner
        self.code: str | None = None
        self.is_ptz = False
        self._sender: MotionSender | None = None
        self._held_move: tuple[float, float, float] | None = None
        self._move_failed = False  # the last move sent failed (a stop failing after it is no news)
        self._generation = 0  # bumped per camera: answers for an earlier one are dropped
        self._message_source = ""

        self.title = QLabel(objectName="detailTitle")
        self.subtitle = QLabel(objectName="hint")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.closeRequested.emit)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.subtitle, 1)
        header.addWidget(self.close_button)
        self.video = VideoView(name="")
        self.video.setMinimumSize(320, 180)
        self._stream = StreamOpener(self.video, stream_uri, runner, on_failed=self._on_stream_failed, bridge=bridge)
        self.message = QLabel(objectName="focusMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.pad = PtzPad()
        self.pad.moveRequested.connect(self._on_move)
        self.pad.stopRequested.connect(self._on_stop)
        for control in (*self.pad.buttons.values(), self.pad.speed):  # clicking them leaves the arrow keys ours
            control.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.presets = PresetPanel()
        self.presets.gotoRequested.connect(self.goto_preset)
        self.presets.saveRequested.connect(self.save_preset)
        self.presets.removeRequested.connect(self.remove_preset)
        self.presets.list.installEventFilter(self)  # digits go to presets there too, not to keyboard search
        keys = QLabel(self.tr("Hold an arrow key to move · +/− zoom · 1–9 go to a preset"), objectName="hint")
        keys.setWordWrap(True)
        self.panel = QFrame(objectName="focusPanel")
        self.panel.setFixedWidth(250)
        panel = QVBoxLayout(self.panel)
        panel.addWidget(QLabel(self.tr("Pan, tilt, zoom"), objectName="sectionTitle"))
        panel.addWidget(self.pad)
        panel.addWidget(keys)
        panel.addWidget(self.presets, 1)

        body = QHBoxLayout()
        body.addWidget(self.video, 1)
        body.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self._refresh = QTimer(self)  # re-sends a held move, so the camera's dead-man timeout never cuts a hold
        self._refresh.setInterval(MOVE_REFRESH_MS)
        self._refresh.timeout.connect(self._on_refresh)
        QApplication.instance().focusChanged.connect(self._on_focus_changed)
        self.close_camera()

    # -- the camera ----------------------------------------------------------------------------

    @property
    def decoder(self) -> StreamDecoder | None:
        return self._stream.decoder

    @property
    def bridged(self) -> bool:
        """The picture is still a borrowed stream (warm or the wall's) while the main stream opens."""
        return self._stream.bridged

    @property
    def message_text(self) -> str:
        return "" if self.message.isHidden() else self.message.text()

    def show_camera(self, code: str, name: str, is_ptz: bool) -> None:
        """Play `code`'s main stream large; a dome gets the PTZ panel. The camera shown already keeps playing."""
        if code == self.code and is_ptz == self.is_ptz:
            self.title.setText(name or code)
            return
        self.close_camera()
        self.code, self.is_ptz = code, is_ptz
        self.title.setText(name or code)
        fixed = self.tr("%1 · fixed camera, no pan, tilt or zoom")
        self.subtitle.setText(code if is_ptz else fixed.replace("%1", code))
        self._stream.play(code, main=True, label=f"{code} {name}" if name else code)
        self.panel.setVisible(is_ptz)
        if is_ptz:
            sender = self._sender = MotionSender(code, self._controller, self._runner)
            sender.on_result = lambda motion, error: self._on_motion_done(sender, motion, error)
            self.reload_presets()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.cameraShown.emit(code)

    def close_camera(self) -> None:
        """Stop any motion and the stream (without waiting); the view then shows no camera."""
        self._release()
        self._stream.stop()
        self._generation += 1
        self._sender, self.code, self.is_ptz, self._move_failed = None, None, False, False
        self.presets.set_presets([])
        self.presets.set_busy(False)
        self._say("")
        self.title.setText(self.tr("No camera"))
        self.subtitle.setText(self.tr("Open a camera from the wall or the camera list"))
        self.panel.hide()

    def _on_stream_failed(self, code: str, exc: Exception) -> None:
        if shiboken6.isValid(self) and code == self.code:
            self._say(self.tr("No video: %1").replace("%1", _reason(exc)), "error", "video")

    # -- motion --------------------------------------------------------------------------------

    def _on_move(self, pan: float, tilt: float, zoom: float) -> None:
        if self._sender is not None:
            self._held_move = (pan, tilt, zoom)
            self._sender.move(pan, tilt, zoom)
            self._refresh.start()

    def _on_stop(self) -> None:
        self._held_move = None
        self._refresh.stop()
        if self._sender is not None:
            self._sender.stop()

    def _on_refresh(self) -> None:
        if self._held_move is not None and self._sender is not None:
            self._sender.move(*self._held_move)

    def _release(self) -> None:
        """Let go of whatever is held: a key whose release will not come here, or the view is closing."""
        self.pad.release()  # emits stopRequested if a key was held
        if self._held_move is not None or (self._sender is not None and self._sender.moving):
            self._on_stop()

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self) or self._held_move is None:
            return
        if new is None or not (new is self or self.isAncestorOf(new)):
            self._release()

    def _on_motion_done(self, sender: MotionSender, motion: Motion, error: Exception | None) -> None:
        if not shiboken6.isValid(self) or sender is not self._sender:
            return  # an answer about the camera shown before (MotionSender logged a failure)
        if motion.kind == "move":
            self._move_failed = error is not None
        if error is None:
            self._say("", source="ptz")
            return
        if motion.kind == "stop":
            if self._move_failed:
                return  # the move's failure says more; the camera did not move
            text = self.tr("Could not stop the camera: %1. It stops by itself within %2 s.").replace(
                "%2", f"{MOVE_TIMEOUT_S:g}")
        elif motion.kind == "goto":
            text = self.tr("Could not go to the preset: %1")
        else:
            text = self.tr("The camera did not move: %1")
        self._say(text.replace("%1", _reason(error)), "error", "ptz")

    # -- presets -------------------------------------------------------------------------------

    def goto_preset(self, row: int) -> None:
        """Go to the row-th preset (0-based); a later request replaces one still waiting."""
        if self._sender is not None and 0 <= row < len(self.presets.presets):
            self.presets.select(row)
            self._sender.goto(self.presets.presets[row].token)

    def reload_presets(self, select: str | None = None) -> None:
        self._preset_call(lambda code: self._controller.presets(code),
                          lambda found: self.presets.set_presets(found, select),
                          self.tr("Could not read the presets: %1"))

    def save_preset(self, name: str) -> None:
        """The current position, as a new preset named `name` on the camera."""
        def saved(token: str) -> None:
            self.presets.name.clear()
            self._say(self.tr("Saved “%1”.").replace("%1", name), "info", "presets")
            self.reload_presets(select=token)
        self._preset_call(lambda code: self._controller.set_preset(code, name), saved,
                          self.tr("Could not save the preset: %1"))

    def remove_preset(self, row: int) -> None:
        if not 0 <= row < len(self.presets.presets):
            return
        preset = self.presets.presets[row]

        def removed(_: object) -> None:
            self._say(self.tr("Removed “%1”.").replace("%1", preset.name or preset.token), "info", "presets")
            self.reload_presets()
        self._preset_call(lambda code: self._controller.remove_preset(code, preset.token), removed,
                          self.tr("Could not remove the preset: %1"))

    def _preset_call(self, call: Callable[[str], Future[Any]], on_done: Callable[[Any], None], failure: str) -> None:
        """One preset operation at a time (the panel is busy meanwhile); answers about another camera are dropped."""
        if self.code is None or self.presets.busy:
            return
        code, generation = self.code, self._generation
        self.presets.set_busy(True)

        def settle() -> bool:
            if not shiboken6.isValid(self) or generation != self._generation:
                return False
            self.presets.set_busy(False)
            return True

        def failed(exc: Exception) -> None:
            if settle():
                logger.warning("%s: %s", code, failure.replace("%1", _reason(exc)))
                self._say(failure.replace("%1", _reason(exc)), "error", "presets")
        try:
            future = call(code)
        except Exception as exc:  # a controller that raises instead of failing its Future
            future = failed_future(exc)
        resolve(self._runner, future, COMMAND_TIMEOUT_S, on_done=lambda value: settle() and on_done(value),
                on_error=failed)

    # -- messages, keys, lifetime --------------------------------------------------------------

    def _say(self, text: str, level: str = "error", source: str = "") -> None:
        """One message line; an empty text clears it (with a source: only that source's message)."""
        if not text:
            if not source or source == self._message_source:
                self.message.clear()
                self.message.hide()
                self._message_source = ""
            return
        self._message_source = source
        self.message.setProperty("level", level)
        self.message.setText(text)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()

    def _key(self, event: QKeyEvent, pressed: bool) -> bool:
        key = Qt.Key(event.key())
        if key in _PAD_KEYS and self.is_ptz:
            if pressed:
                self.pad.keyPressEvent(event)
            else:
                self.pad.keyReleaseEvent(event)
        elif key in _DIGITS and pressed and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.goto_preset(_DIGITS[key] - 1)
        elif key == Qt.Key.Key_Escape and pressed:
            self.closeRequested.emit()
        else:
            return False
        event.accept()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self._key(event, True):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self._key(event, False):
            super().keyReleaseEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.presets.list and event.type() == QEvent.Type.KeyPress
                and Qt.Key(event.key()) in _DIGITS):
            return self._key(event, True)
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802
        self._release()
        super().hideEvent(event)

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802
        self.close_camera()
        super().closeEvent(event)
