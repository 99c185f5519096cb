"""Wait for a service's Future in the TaskRunner's pool and get its outcome on the UI thread.

Camera commands return concurrent Futures that complete on a camera's own thread; the UI thread must
never wait on them. A camera that is offline or refuses a command is an expected outcome with a message
for the operator, so those failures reach `on_error` without the traceback TaskRunner logs for bugs.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass
from typing import Any

from cockpit.errors import CockpitError
from services.onvif.errors import OnvifError

from .worker import TaskRunner

# what a camera command may fail with in normal operation (a bug is anything else)
EXPECTED_FAILURES = (OnvifError, LookupError, TimeoutError, CancelledError, CockpitError)


@dataclass(frozen=True)
class _Failed:
    error: Exception


def resolve(runner: TaskRunner, future: Future[Any], timeout_s: float, on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None]) -> None:
    """on_done(result) or on_error(exc) on the runner's thread; a pool thread waits at most timeout_s."""
    def wait() -> Any:
        try:
            return future.result(timeout_s)
        except EXPECTED_FAILURES as exc:
            if isinstance(exc, TimeoutError) and not future.done():  # our wait ran out, not the command
                exc = TimeoutError(f"no answer within {timeout_s:g} s")
            return _Failed(exc)

    def done(value: Any) -> None:
        if isinstance(value, _Failed):
            on_error(value.error)
        else:
            on_done(value)

    runner.submit(wait, on_done=done, on_error=on_error)


def failed_future(exc: Exception) -> Future[Any]:
    """A Future that already failed: for a controller that raised instead of returning one."""
    future: Future[Any] = Future()
    future.set_exception(exc)
    return future
