"""Plane geometry in site metres: compass headings, view cones, polygons."""

from __future__ import annotations

import math
from collections.abc import Sequence

Point = tuple[float, float]


def heading_vector(heading_deg: float) -> Point:
    """Compass heading (0 = north = +y, clockwise) as a unit vector."""
    rad = math.radians(heading_deg)
    return math.sin(rad), math.cos(rad)


def heading_to(ax: float, ay: float, bx: float, by: float) -> float:
    """Compass heading from a to b in [0, 360)."""
    return math.degrees(math.atan2(bx - ax, by - ay)) % 360.0


def angle_between(h1: float, h2: float) -> float:
    """Smallest absolute difference of two headings, in degrees."""
    d = (h1 - h2) % 360.0
    return min(d, 360.0 - d)


def in_view(cx: float, cy: float, heading_deg: float, fov_deg: float, range_m: float,
            px: float, py: float) -> bool:
    """Whether point p lies inside the camera's horizontal view cone."""
    dist = math.hypot(px - cx, py - cy)
    if dist > range_m:
        return False
    if dist < 1e-9:
        return True
    return angle_between(heading_to(cx, cy, px, py), heading_deg) <= fov_deg / 2.0


def view_cone(cx: float, cy: float, heading_deg: float, fov_deg: float, range_m: float,
              segments: int = 12) -> list[Point]:
    """Closed outline of a view cone: apex, then the arc from left edge to right edge."""
    start = heading_deg - fov_deg / 2.0
    pts: list[Point] = [(cx, cy)]
    for i in range(segments + 1):
        dx, dy = heading_vector(start + fov_deg * i / segments)
        pts.append((cx + dx * range_m, cy + dy * range_m))
    return pts


def centroid(polygon: Sequence[Sequence[float]]) -> Point:
    """Area centroid of a simple polygon (vertex mean if degenerate)."""
    area = cx = cy = 0.0
    n = len(polygon)
    for i in range(n):
        x0, y0 = polygon[i][0], polygon[i][1]
        x1, y1 = polygon[(i + 1) % n][0], polygon[(i + 1) % n][1]
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return (sum(p[0] for p in polygon) / n, sum(p[1] for p in polygon) / n)
    area *= 0.5
    return cx / (6.0 * area), cy / (6.0 * area)
