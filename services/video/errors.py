"""Turns what FFmpeg raises while opening or reading a stream into a sentence an installer can act on."""

from __future__ import annotations

import errno
import logging

import av

from .source import NoVideoStream, UnsupportedCodec

logger = logging.getLogger(__name__)


class StreamEnded(Exception):
    """The server ended the stream (end of file on a live stream: the camera closed the connection)."""


class NoPicture(Exception):
    """Packets arrive but nothing decodes into a picture."""


def describe_error(exc: BaseException, *, elapsed_s: float, timeout_s: float) -> str:
    """A short message for a failed open or read; `elapsed_s` tells a timeout from a quick refusal.

    FFmpeg reports an interrupted wait as "invalid data" or "immediate exit requested", so anything
    that failed only once the timeout was spent is reported as a timeout.
    """
    if isinstance(exc, UnsupportedCodec):
        return f"codec {exc.codec} not supported"
    if isinstance(exc, NoVideoStream):
        return "no video stream"
    if isinstance(exc, StreamEnded):
        return "the camera closed the connection"
    if isinstance(exc, NoPicture):
        return str(exc)
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, TimeoutError | av.ExitError) or elapsed_s >= 0.95 * timeout_s:
        return f"timed out after {timeout_s:g} s"
    if isinstance(exc, ConnectionResetError | BrokenPipeError | ConnectionAbortedError):
        return "connection reset by the camera"
    if isinstance(exc, av.HTTPUnauthorizedError):
        return "not authorised (401): check the user name and password"
    if isinstance(exc, av.HTTPForbiddenError):
        return "forbidden (403): the account may not play this stream"
    if isinstance(exc, av.HTTPNotFoundError):
        return "stream not found (404): check the stream path"
    if isinstance(exc, av.HTTPClientError | av.HTTPServerError):
        return f"the camera refused the request ({exc.strerror})"
    if isinstance(exc, av.InvalidDataError):
        return "not an RTSP video stream: the answer could not be understood"
    if isinstance(exc, OSError):
        if exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            return "host unreachable"
        if exc.errno == errno.EIO:
            return "could not reach the camera (host name not resolved, or network error)"
        return f"network error: {exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc}"
