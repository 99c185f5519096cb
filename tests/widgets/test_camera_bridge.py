"""Events sunk from worker threads arrive on the UI thread."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from PySide6.QtCore import QThread

from cockpit.cameras import CameraEventKind, CameraEventReceived, CameraHealth, CameraState, CameraStateChanged
from widgets.camera_bridge import CameraEventBridge


def test_worker_thread_events_are_delivered_on_the_ui_thread(qtbot):
    bridge = CameraEventBridge()
    ui_thread = QThread.currentThread()
    got: list[tuple[object, bool]] = []
    bridge.stateChanged.connect(lambda h: got.append((h, QThread.currentThread() is ui_thread)))
    bridge.eventReceived.connect(lambda e: got.append((e, QThread.currentThread() is ui_thread)))
    health = CameraHealth("CAM-001").moved_to(CameraState.ONLINE)
    event = CameraEventReceived("CAM-001", CameraEventKind.MOTION, "tns1:VideoSource/MotionAlarm",
                                datetime.now(UTC), True)
    worker = threading.Thread(target=lambda: (bridge.sink(CameraStateChanged(health)), bridge.sink(event)))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(got) == 2, timeout=2000)
    assert got == [(health, True), (event, True)]
