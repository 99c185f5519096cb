"""Play one camera in a VideoView: ask for its stream URI off the UI thread, open a decoder, close it without waiting.

Why a class: the URI arrives later, and by then the view may show another camera or be gone. Each
play() gets a ticket; a URI that arrives for an older ticket is dropped, so a late answer never opens
a decoder nobody closes. The view never owns the decoder (VideoView's rule); this opener does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future

import shiboken6

from services.video import StreamDecoder

from .futures import failed_future, resolve
from .video_view import VideoView
from .worker import TaskRunner

logger = logging.getLogger(__name__)

URI_TIMEOUT_S = 10.0
StreamUri = Callable[[str, bool], "Future[str | None]"]  # (camera code, main?) -> its RTSP URI (as the wall's)


class NoStream(LookupError):
    """The camera answered but has no stream for this role."""


class StreamOpener:
    def __init__(self, view: VideoView, stream_uri: StreamUri, runner: TaskRunner,
                 on_failed: Callable[[str, Exception], None] | None = None, *,
                 uri_timeout_s: float = URI_TIMEOUT_S) -> None:
        """on_failed(code, exc) runs on the UI thread when the camera gives no URI (offline, no profile, timeout)."""
        self.view, self._stream_uri, self._runner = view, stream_uri, runner
        self._on_failed = on_failed
        self.uri_timeout_s = uri_timeout_s
        self._ticket: object | None = None
        self.code: str | None = None
        self.main = False
        self.decoder: StreamDecoder | None = None

    def play(self, code: str, *, main: bool, label: str) -> None:
        """Stop what plays and start `code` (its URI is asked for now; the picture follows)."""
        self.stop()
        ticket = self._ticket = object()
        self.code, self.main = code, main
        self.view.set_decoder(None, name=label)
        try:
            future = self._stream_uri(code, main)
        except Exception as exc:  # a controller that raises instead of failing its Future
            future = failed_future(exc)
        resolve(self._runner, future, self.uri_timeout_s,
                on_done=lambda uri: self._open(ticket, code, label, uri),
                on_error=lambda exc: self._failed(ticket, code, exc))

    def stop(self) -> None:
        """Close the decoder without waiting (the UI thread never waits); a URI still on its way is dropped."""
        self._ticket, self.code = None, None
        decoder, self.decoder = self.decoder, None
        if shiboken6.isValid(self.view):
            self.view.set_decoder(None)
        if decoder is not None:
            decoder.close(timeout_s=0)

    def _open(self, ticket: object, code: str, label: str, uri: str | None) -> None:
        if ticket is not self._ticket or not shiboken6.isValid(self.view):
            return  # another camera meanwhile, or the view is gone
        if not uri:
            self._failed(ticket, code, NoStream(f"{code} has no stream"))
            return
        self.decoder = StreamDecoder(uri, name=label).start()
        self.view.set_decoder(self.decoder, name=label)

    def _failed(self, ticket: object, code: str, exc: Exception) -> None:
        if ticket is not self._ticket:
            return
        logger.warning("%s: no stream: %s", code, exc)
        if shiboken6.isValid(self.view):  # the tile itself says why it stays dark
            self.view.problem = str(exc) or type(exc).__name__
            self.view.setToolTip(self.view.problem)
            self.view.update()
        if self._on_failed is not None:
            self._on_failed(code, exc)
