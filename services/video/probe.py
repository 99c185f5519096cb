"""Measures a stream once for commissioning: codec, size, real fps, keyframe interval, bitrate — or why it won't play."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import av

from .errors import StreamEnded, describe_error
from .meter import GopMeter
from .source import OpenStream, open_stream, redact

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StreamProbe:
    uri: str  # without the password
    codec: str | None = None
    width: int | None = None
    height: int | None = None
    first_frame_s: float | None = None  # from the start of the probe to the first decoded picture
    fps: float | None = None  # measured from decoded pictures, not what the stream declares
    gop_frames: int | None = None  # frames from one keyframe to the next, from the packets' flags
    bitrate_kbps: float | None = None  # from packet sizes over the measured span
    frames: int = 0
    error: str | None = None  # None, or a sentence an installer can act on

    @property
    def ok(self) -> bool:
        return self.error is None


def probe_stream(uri: str, seconds: float = 3.0, timeout_s: float = 5.0) -> StreamProbe:
    """Play `uri` for about `seconds` (blocking) and report what was measured; never raises for a bad stream.

    Waits at most `timeout_s` for the connection and for each read. To see two keyframes it reads
    beyond `seconds` if needed, up to `seconds + timeout_s` in total.
    """
    t0 = time.monotonic()
    try:
        source = open_stream(uri, open_timeout_s=timeout_s, read_timeout_s=timeout_s)
    except Exception as exc:  # noqa: BLE001 - a probe reports, it does not raise
        message = describe_error(exc, elapsed_s=time.monotonic() - t0, timeout_s=timeout_s)
        logger.info("probe %s: %s", redact(uri), message)
        return StreamProbe(redact(uri), error=message)
    try:
        return _measure(uri, source, t0, seconds, timeout_s)
    finally:
        source.close()


def _measure(uri: str, source: OpenStream, t0: float, seconds: float, timeout_s: float) -> StreamProbe:
    gop = GopMeter()
    frames = 0
    first_at = last_at = None
    size = None
    bytes_total = 0
    keyframes = 0
    error = None
    packets = source.container.demux(source.stream)
    last_data = time.monotonic()
    try:
        while True:
            now = time.monotonic()
            done = now - t0 >= seconds and (keyframes >= 2 or now - t0 >= seconds + timeout_s)
            if done:
                break
            try:
                packet = next(packets)
            except StopIteration:
                raise StreamEnded from None
            last_data = time.monotonic()
            if not packet.size:
                continue
            if first_at is not None:  # bitrate over the span the pictures cover
                bytes_total += packet.size
            gop.add(packet.is_keyframe)
            keyframes += packet.is_keyframe
            try:
                decoded = source.stream.codec_context.decode(packet)
            except av.FFmpegError:
                continue
            for frame in decoded:
                last_at = time.monotonic()
                if first_at is None:
                    first_at, size = last_at, (frame.width, frame.height)
                frames += 1
    except Exception as exc:  # noqa: BLE001
        error = describe_error(exc, elapsed_s=time.monotonic() - last_data, timeout_s=timeout_s)
    if first_at is None and error is None:
        error = f"no picture within {seconds + timeout_s:g} s"
    span = (last_at - first_at) if first_at is not None and last_at is not None else 0.0
    result = StreamProbe(
        redact(uri), codec=source.codec, width=size[0] if size else None, height=size[1] if size else None,
        first_frame_s=None if first_at is None else first_at - t0,
        fps=(frames - 1) / span if span > 0 else None, gop_frames=gop.gop,
        bitrate_kbps=bytes_total * 8 / span / 1000 if span > 0 else None, frames=frames,
        error=None if frames and error is None else error)
    logger.info("probe %s: %s", result.uri, result)
    return result
