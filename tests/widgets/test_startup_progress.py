"""Slow start-up work runs in a worker; a progress window appears only if it is slow."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication

from cockpit.errors import DatabaseUnavailable
from widgets.startup import StartupProgress, run_with_progress
from widgets.worker import TaskRunner


def _progress_windows() -> list[StartupProgress]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, StartupProgress) and w.isVisible()]


def test_slow_work_shows_progress_and_returns_its_result(qapp):
    runner = TaskRunner()

    def work(progress):
        progress(0.5, "halfway")
        time.sleep(0.6)
        return 42

    # Poll the window from the UI thread while the worker sleeps.
    from PySide6.QtCore import QTimer

    observed: list[tuple[int, str]] = []
    timer = QTimer()
    timer.timeout.connect(lambda: observed.extend((w.bar.value(), w.label.text()) for w in _progress_windows()))
    timer.start(50)
    assert run_with_progress(runner, work, describe=str.upper, show_after_ms=100) == 42
    timer.stop()
    assert (500, "HALFWAY") in observed
    assert _progress_windows() == []


def test_fast_work_shows_no_window(qapp):
    runner = TaskRunner()
    shown: list[bool] = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: shown.append(bool(_progress_windows())))
    timer.start(10)
    assert run_with_progress(runner, lambda progress: "done", show_after_ms=300) == "done"
    timer.stop()
    assert not any(shown)


def test_errors_in_the_worker_are_raised_to_the_caller(qapp):
    def work(progress):
        raise DatabaseUnavailable("Cannot open the database postgresql://x: refused")

    with pytest.raises(DatabaseUnavailable, match="refused"):
        run_with_progress(TaskRunner(), work)
