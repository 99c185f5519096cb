"""Camera coverage on a grid: how many cameras see each spot of the site (ignoring occlusion)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .site import CameraPlacement


def coverage_grid(cameras: Iterable[CameraPlacement], width_m: float, depth_m: float,
                  cell_m: float = 2.0) -> np.ndarray:
    """Counts per cell, shape (ny, nx), row 0 at y = 0 (south). Vectorised per camera."""
    nx = max(1, int(np.ceil(width_m / cell_m)))
    ny = max(1, int(np.ceil(depth_m / cell_m)))
    xs = (np.arange(nx) + 0.5) * cell_m
    ys = (np.arange(ny) + 0.5) * cell_m
    gx, gy = np.meshgrid(xs, ys)
    counts = np.zeros((ny, nx), dtype=np.uint16)
    for cam in cameras:
        dx = gx - cam.x
        dy = gy - cam.y
        inside = dx * dx + dy * dy <= cam.range_m * cam.range_m
        bearing = np.degrees(np.arctan2(dx, dy))  # compass: 0 = north, clockwise
        diff = np.abs((bearing - cam.heading_deg + 180.0) % 360.0 - 180.0)
        inside &= diff <= cam.fov_deg / 2.0
        counts += inside
    return counts
