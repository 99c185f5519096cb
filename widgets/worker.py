"""The one thread boundary: run a callable in a pool thread, get the result on the UI thread.

Widgets never block on I/O; they submit work here. Each outcome travels back through one
signal of the runner (queued, since it is emitted from a pool thread), so no per-job Qt
object has to be created and deleted across threads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from cockpit.errors import CockpitError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Outcome:
    callback: Callable[[Any], None] | None
    value: Any


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None,
                 on_error: Callable[[Exception], None] | None, deliver: Any) -> None:
        super().__init__()
        self._fn, self._on_done, self._on_error, self._deliver = fn, on_done, on_error, deliver

    def run(self) -> None:
        try:
            outcome = _Outcome(self._on_done, self._fn())
        except CockpitError as exc:  # expected failure with a message for the person
            logger.info("background task: %s", exc)
            outcome = _Outcome(self._on_error, exc)
        except Exception as exc:  # reported to the UI, never swallowed
            logger.exception("background task failed")
            outcome = _Outcome(self._on_error, exc)
        self._deliver.emit(outcome)


class TaskRunner(QObject):
    """Submit callables to a bounded pool; callbacks run on the thread that owns the runner."""

    _finished = Signal(object)

    def __init__(self, max_threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_threads)
        self._finished.connect(self._on_finished)

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._pool.start(_Job(fn, on_done, on_error, self._finished))

    def _on_finished(self, outcome: _Outcome) -> None:
        if outcome.callback is not None:
            outcome.callback(outcome.value)

    def wait(self, msecs: int = 5000) -> bool:
        """Block until queued work finishes (shutdown and tests only)."""
        return self._pool.waitForDone(msecs)

    @property
    def active(self) -> int:
        return self._pool.activeThreadCount()
