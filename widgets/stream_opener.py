"""Play one camera in a VideoView: ask for its stream URI off the UI thread, open a decoder, close it without waiting.

Why a class: the URI arrives later, and by then the view may show another camera or be gone. Each
play() gets a ticket; a URI that arrives for an older ticket is dropped, so a late answer never opens
a decoder nobody closes. The view never owns the decoder (VideoView's rule); this opener does.

A `bridge` (a warm stream of the same camera, or a wall tile's) is shown at once while the opener's own
stream connects; the view swaps to its own stream at that stream's first picture, or earlier if the
bridge stops playing. The bridge is borrowed: never paused or closed here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future

import shiboken6
from PySide6.QtCore import QTimer

from services.video import DecoderState, StreamDecoder

from .futures import failed_future, resolve
from .video_view import VideoView
from .worker import TaskRunner

logger = logging.getLogger(__name__)

URI_TIMEOUT_S = 10.0
StreamUri = Callable[[str, bool], "Future[str | None]"]  # (camera code, main?) -> its RTSP URI (as the wall's)
Bridge = Callable[[str], "StreamDecoder | None"]  # camera code -> a decoder of it already playing, or None
SWAP_CHECK_MS = 15  # how often a bridged view looks for its own stream's first picture


class NoStream(LookupError):
    """The camera answered but has no stream for this role."""


class StreamOpener:
    def __init__(self, view: VideoView, stream_uri: StreamUri, runner: TaskRunner,
                 on_failed: Callable[[str, Exception], None] | None = None, *,
                 uri_timeout_s: float = URI_TIMEOUT_S, bridge: Bridge | None = None) -> None:
        """on_failed(code, exc) runs on the UI thread when the camera gives no URI (offline, no profile, timeout)."""
        self.view, self._stream_uri, self._runner = view, stream_uri, runner
        self._on_failed = on_failed
        self.uri_timeout_s = uri_timeout_s
        self.bridge = bridge
        self._ticket: object | None = None
        self.code: str | None = None
        self.main = False
        self.decoder: StreamDecoder | None = None
        self._borrowed: StreamDecoder | None = None  # the bridge on screen until our own stream has a picture
        self._problem = ""
        self._swap = QTimer(view)
        self._swap.setInterval(SWAP_CHECK_MS)
        self._swap.timeout.connect(self._check_swap)

    @property
    def bridged(self) -> bool:
        """The view shows a borrowed stream of the camera while its own one opens."""
        return self._borrowed is not None

    def play(self, code: str, *, main: bool, label: str) -> None:
        """Stop what plays and start `code` (its URI is asked for now; the picture follows)."""
        self.stop()
        ticket = self._ticket = object()
        self.code, self.main = code, main
        self._borrowed = self.bridge(code) if self.bridge is not None else None
        self.view.set_decoder(self._borrowed, name=label, borrowed=True)
        if self._borrowed is not None:
            self._swap.start()
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
        self._borrowed, self._problem = None, ""
        if shiboken6.isValid(self.view):
            self._swap.stop()
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
        if self._borrowed is None:
            self.view.set_decoder(self.decoder, name=label)

    def _check_swap(self) -> None:
        """Our own stream has its first picture (or the bridge stopped playing): show our own from now on."""
        borrowed = self._borrowed
        if borrowed is None or not shiboken6.isValid(self.view):
            self._swap.stop()
            return
        ours = self.decoder
        if (ours is not None and ours.latest() is not None) or borrowed.state is not DecoderState.PLAYING \
                or (ours is None and self._problem):
            self._swap.stop()
            self._borrowed = None
            self.view.set_decoder(ours, keep_zoom=True)
            if ours is None and self._problem:
                self._show_problem(self._problem)

    def _failed(self, ticket: object, code: str, exc: Exception) -> None:
        if ticket is not self._ticket:
            return
        logger.warning("%s: no stream: %s", code, exc)
        self._problem = str(exc) or type(exc).__name__
        if self._borrowed is None and shiboken6.isValid(self.view):
            self._show_problem(self._problem)  # with a bridge on screen: said once the bridge is gone
        if self._on_failed is not None:
            self._on_failed(code, exc)

    def _show_problem(self, problem: str) -> None:
        """The tile itself says why it stays dark."""
        self.view.problem = problem
        self.view.setToolTip(problem)
        self.view.update()
