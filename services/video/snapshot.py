"""Saves the picture an operator is looking at as a PNG, named by camera and time; runs in a worker."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import cv2
import numpy as np

from .frames import Frame

logger = logging.getLogger(__name__)


class SnapshotError(OSError):
    """The snapshot could not be written (the message says where and why)."""


def snapshot_name(code: str, wall_time: float) -> str:
    """`CAM-014_20261124-101502.123.png`: sorts by camera then time; safe on every file system."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(wall_time)) + f".{int(wall_time * 1000) % 1000:03d}"
    return f"{re.sub(r'[^A-Za-z0-9_-]+', '_', code)}_{stamp}.png"


def save_snapshot(frame: Frame, directory: Path, code: str) -> Path:
    """Write `frame` at its full decoded resolution (not the tile's size); never overwrites a file."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SnapshotError(f"cannot create {directory}: {exc.strerror or exc}") from exc
    path = directory / snapshot_name(code, frame.decoded_wall)
    n = 1
    while path.exists():
        path = path.with_name(f"{path.stem}-{n}.png")
        n += 1
    image = frame.image if frame.image.shape[2] == 3 else np.ascontiguousarray(frame.image[..., :3])  # BGRA → BGR
    if not cv2.imwrite(str(path), image):
        raise SnapshotError(f"cannot write {path}")
    logger.info("snapshot of %s saved to %s", code, path)
    return path
