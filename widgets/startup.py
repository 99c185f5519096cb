"""Run slow start-up work (connect, migrate, generate the demo) in a worker behind a progress window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from .worker import TaskRunner

T = TypeVar("T")
Progress = Callable[[float, str], None]


class _ProgressRelay(QObject):
    progress = Signal(float, str)


class StartupProgress(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Community Cockpit"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setMinimumWidth(480)
        self.label = QLabel(self.tr("Starting…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)

    def set_progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if message:
            self.label.setText(message)


def run_with_progress(runner: TaskRunner, work: Callable[[Progress], T],
                      describe: Callable[[str], str] = lambda m: m, show_after_ms: int = 300) -> T:
    """Block the caller (not the event loop) until `work` finishes; re-raise its error here.

    The window appears only if the work takes longer than `show_after_ms`, so warm starts
    do not flash it.
    """
    dialog = StartupProgress()
    relay = _ProgressRelay()
    relay.progress.connect(lambda f, m: dialog.set_progress(f, describe(m)))
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc: Exception) -> None:
        outcome["error"] = exc
        loop.quit()

    QTimer.singleShot(show_after_ms, lambda: "result" not in outcome and "error" not in outcome and dialog.show())
    runner.submit(lambda: work(relay.progress.emit), on_done=done, on_error=failed)
    loop.exec()
    dialog.close()  # parentless: Python owns it and frees it with this frame
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
