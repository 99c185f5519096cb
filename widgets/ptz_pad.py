"""On-screen PTZ pad: hold an arrow (or a keyboard arrow) to move, release to stop; zoom in and out."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

# button text, (pan, tilt, zoom) direction
_MOVES = {
    "up": ("▲", (0, 1, 0)), "down": ("▼", (0, -1, 0)), "left": ("◀", (-1, 0, 0)), "right": ("▶", (1, 0, 0)),
    "zoom_in": ("＋", (0, 0, 1)), "zoom_out": ("－", (0, 0, -1)),
}
_KEYS = {Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down", Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right",
         Qt.Key.Key_Plus: "zoom_in", Qt.Key.Key_Equal: "zoom_in", Qt.Key.Key_Minus: "zoom_out"}


class PtzPad(QWidget):
    moveRequested = Signal(float, float, float)  # pan, tilt, zoom velocities in [-1, 1]
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(4)
        cells = {"up": (0, 1), "left": (1, 0), "right": (1, 2), "down": (2, 1), "zoom_in": (0, 3), "zoom_out": (2, 3)}
        for key, (row, col) in cells.items():
            text, _ = _MOVES[key]
            button = QPushButton(text)
            button.setFixedSize(46, 40)
            button.setAutoRepeat(False)
            button.pressed.connect(lambda k=key: self._start(k))
            button.released.connect(self.stopRequested.emit)
            grid.addWidget(button, row, col)
            self.buttons[key] = button
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(10, 100)
        self.speed.setValue(50)
        self.speed_label = QLabel(self.tr("Speed"))
        self.speed_label.setObjectName("hint")
        self.buttons["up"].setToolTip(self.tr("Hold to move; arrow keys work too"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.speed_label)
        layout.addWidget(self.speed)
        self._held: str | None = None

    def _start(self, key: str) -> None:
        pan, tilt, zoom = _MOVES[key][1]
        v = self.speed.value() / 100.0
        self.moveRequested.emit(pan * v, tilt * v, zoom * v)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = _KEYS.get(Qt.Key(event.key()))
        if key is None:
            return super().keyPressEvent(event)
        if not event.isAutoRepeat() and self._held != key:
            self._held = key
            self._start(key)
        event.accept()

    def release(self) -> None:
        """Forget a held key (focus went elsewhere mid-hold: its release will never arrive here)."""
        if self._held is not None:
            self._held = None
            self.stopRequested.emit()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = _KEYS.get(Qt.Key(event.key()))
        if key is None:
            return super().keyReleaseEvent(event)
        if not event.isAutoRepeat() and self._held == key:
            self._held = None
            self.stopRequested.emit()
        event.accept()
