"""Regression guard for the PySide6 pin: 6.12.0 on Python 3.11 drops a reference to None each
time a Python paintEvent override runs, and the interpreter aborts after a few thousand."""

from __future__ import annotations

import sys

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget


class _Counting(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), 0x202830)
        painter.end()
        self.paints += 1


def test_paint_event_override_keeps_none_alive(qtbot):
    widget = _Counting()
    qtbot.addWidget(widget)
    widget.resize(64, 64)
    widget.show()
    qtbot.waitExposed(widget)
    before_paints = widget.paints
    before = sys.getrefcount(None)
    for _ in range(1000):
        widget.repaint()  # the path the original crash took (even where offscreen skips the paint)
        widget.grab()  # renders through paintEvent on every platform
    after = sys.getrefcount(None)
    assert widget.paints - before_paints >= 1000  # the override really ran each time
    assert after >= before - 50, f"None lost {before - after} references over 1,000 paints"
