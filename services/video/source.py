"""Opens a camera stream with FFmpeg (PyAV) tuned for low latency: TCP, a tiny probe, bounded waits."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import av
from av.container import InputContainer
from av.video.stream import VideoStream

logger = logging.getLogger(__name__)

# Measured (docs/VIDEO_CLIENT.md): first frame in ~80 ms instead of ~2 s with FFmpeg's default probing.
# No fflags=nobuffer: it made OpenCV wait for the next keyframe; RTP over TCP never loses packets to UDP.
LOW_LATENCY_OPTIONS = {"rtsp_transport": "tcp", "probesize": "4096", "analyzeduration": "0"}


class NoVideoStream(Exception):
    """The stream opened but carries no video track."""


class UnsupportedCodec(Exception):
    """The video track's codec has no decoder in this FFmpeg build."""

    def __init__(self, codec: str) -> None:
        super().__init__(codec)
        self.codec = codec


@dataclass
class OpenStream:
    """An opened input and its first video track; close() it on the thread that reads it."""

    container: InputContainer
    stream: VideoStream
    opened_s: float  # how long av.open took (connect + DESCRIBE/SETUP/PLAY + probe)

    @property
    def codec(self) -> str:
        return self.stream.codec_context.name

    def close(self) -> None:
        self.container.close()


def redact(uri: str) -> str:
    """The URI without a password, for logs and messages."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def open_stream(uri: str, *, open_timeout_s: float, read_timeout_s: float, threads: int = 1) -> OpenStream:
    """Open `uri` and pick its video track; raises (FFmpeg errors, NoVideoStream, UnsupportedCodec).

    A frozen connection is given up after about `read_timeout_s`: FFmpeg's read is interrupted after half
    of it, its H.264 parser then hands over the frame it was holding, and the next read fails after the
    other half (measured; with the whole timeout per read a frozen server took twice as long).
    `threads=1`: no frame-threading delay, and many streams share the cores better than threads within one.
    """
    options = dict(LOW_LATENCY_OPTIONS) if uri.lower().startswith(("rtsp://", "rtsps://")) else {}
    t0 = time.monotonic()
    container = av.open(uri, options=options, timeout=(open_timeout_s, read_timeout_s / 2))
    try:
        if not container.streams.video:
            raise NoVideoStream(uri)
        stream = container.streams.video[0]
        if stream.codec_context is None:
            raise UnsupportedCodec(_codec_name(container))
        stream.codec_context.thread_count = threads
    except BaseException:
        container.close()
        raise
    return OpenStream(container, stream, time.monotonic() - t0)


def _codec_name(container: InputContainer) -> str:
    """The codec FFmpeg named for the first video track (it has no decoder, so only the format dump knows)."""
    found = re.search(r"Video: (\w+)", container.dumps_format())
    return found.group(1) if found else "unknown"
