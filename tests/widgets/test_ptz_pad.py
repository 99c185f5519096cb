"""PTZ pad: press moves, release stops, keys too, speed scales the move."""

from __future__ import annotations

from PySide6.QtCore import Qt

from widgets.ptz_pad import PtzPad


def test_buttons_and_keys_move_and_stop(qtbot):
    pad = PtzPad()
    qtbot.addWidget(pad)
    moves: list[tuple[float, float, float]] = []
    stops: list[bool] = []
    pad.moveRequested.connect(lambda p, t, z: moves.append((p, t, z)))
    pad.stopRequested.connect(lambda: stops.append(True))
    pad.speed.setValue(80)
    qtbot.mousePress(pad.buttons["left"], Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(pad.buttons["left"], Qt.MouseButton.LeftButton)
    assert moves == [(-0.8, 0.0, 0.0)] and stops == [True]
    qtbot.keyPress(pad, Qt.Key.Key_Up)
    qtbot.keyRelease(pad, Qt.Key.Key_Up)
    qtbot.keyPress(pad, Qt.Key.Key_Plus)
    qtbot.keyRelease(pad, Qt.Key.Key_Plus)
    assert moves[1:] == [(0.0, 0.8, 0.0), (0.0, 0.0, 0.8)] and len(stops) == 3
