"""Camera service events (from its worker threads) become Qt signals on the UI thread.

The camera service calls `sink(event)` from any thread; emitting a signal of this object (which
lives in the UI thread) from another thread is queued by Qt, so slots always run on the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from cockpit.cameras import CameraEventReceived, CameraStateChanged


class CameraEventBridge(QObject):
    stateChanged = Signal(object)  # CameraHealth
    eventReceived = Signal(object)  # CameraEventReceived

    def sink(self, event: object) -> None:
        if isinstance(event, CameraStateChanged):
            self.stateChanged.emit(event.health)
        elif isinstance(event, CameraEventReceived):
            self.eventReceived.emit(event)
