"""Recorder events (from its threads) become Qt signals on the UI thread (queued, like CameraEventBridge)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from cockpit.recordings import RecordingFailed, RecordingSaved, RecordingStarted


class RecordingBridge(QObject):
    started = Signal(object)  # RecordingStarted
    saved = Signal(object)  # RecordingSaved
    failed = Signal(object)  # RecordingFailed

    def sink(self, event: object) -> None:
        if isinstance(event, RecordingStarted):
            self.started.emit(event)
        elif isinstance(event, RecordingSaved):
            self.saved.emit(event)
        elif isinstance(event, RecordingFailed):
            self.failed.emit(event)
