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


def test_release_forgets_a_held_key(qtbot):
    """Focus moved away mid-hold: the key's release goes elsewhere, so the owner releases the pad."""
    pad = PtzPad()
    qtbot.addWidget(pad)
    stops: list[bool] = []
    moves: list[tuple[float, float, float]] = []
    pad.stopRequested.connect(lambda: stops.append(True))
    pad.moveRequested.connect(lambda p, t, z: moves.append((p, t, z)))
    pad.release()  # nothing held: nothing to stop
    qtbot.keyPress(pad, Qt.Key.Key_Left)
    pad.release()
    assert stops == [True]
    qtbot.keyRelease(pad, Qt.Key.Key_Left)  # the late release is not a second stop
    qtbot.keyPress(pad, Qt.Key.Key_Left)  # and the same key moves again
    assert stops == [True] and len(moves) == 2
