"""A pinhole camera on the site (x east, y north, z up; compass heading, tilt down < 0) and near-plane clipping."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np

logger = logging.getLogger(__name__)

NEAR_M = 0.3  # nothing closer to the lens than this (or behind it) is drawn


@dataclass(frozen=True, eq=False)
class Pinhole:
    """Camera axes as rows of `rot` (right, up, forward); `f` is the focal length in pixels."""

    pos: np.ndarray
    rot: np.ndarray
    f: float
    cx: float
    cy: float
    tilt_deg: float
    width: int
    height: int

    @classmethod
    def looking(cls, x: float, y: float, z: float, heading_deg: float, tilt_deg: float, fov_deg: float,
                width: int, height: int) -> Pinhole:
        h, t = math.radians(heading_deg), math.radians(tilt_deg)
        level = np.array([math.sin(h), math.cos(h), 0.0])
        forward = level * math.cos(t) + np.array([0.0, 0.0, math.sin(t)])
        right = np.array([math.cos(h), -math.sin(h), 0.0])
        up = np.cross(right, forward)
        f = (width / 2) / math.tan(math.radians(max(1.0, min(fov_deg, 170.0))) / 2)
        return cls(np.array([x, y, z], float), np.stack([right, up, forward]), f,
                   width / 2, height / 2, tilt_deg, width, height)

    def to_camera(self, pts: np.ndarray) -> np.ndarray:
        """World points (..., 3) → camera coordinates (x right, y up, z forward), same shape."""
        return (pts - self.pos) @ self.rot.T

    def project(self, cam: np.ndarray) -> np.ndarray:
        """Camera coordinates (..., 3) with z > 0 → pixel coordinates (..., 2), float."""
        z = cam[..., 2]
        return np.stack([self.cx + self.f * cam[..., 0] / z, self.cy - self.f * cam[..., 1] / z], axis=-1)

    @property
    def horizon_row(self) -> float:
        """Image row of the horizon (no roll, so it is level)."""
        return self.cy + self.f * math.tan(math.radians(self.tilt_deg))

    def inverse_depth_plane(self, normal_world: np.ndarray, point_world: np.ndarray) -> tuple[float, float, float]:
        """Coefficients (a, b, c) with 1/z = a·u + b·v + c for pixels (u, v) on this world plane."""
        n = self.rot @ normal_world
        d = float(n @ self.to_camera(point_world))
        if abs(d) < 1e-9:
            return 0.0, 0.0, 0.0
        a = n[0] / self.f / d
        b = -n[1] / self.f / d
        return a, b, (n[2] - n[0] * self.cx / self.f + n[1] * self.cy / self.f) / d

    def may_see(self, xy: np.ndarray) -> np.ndarray:
        """Plan-view culling of shapes (..., k, 2): False only where all k corners lie off one side of the view.

        Conservative: it widens the half-angle for tilted views and never culls when the view
        looks steeply down (where everything around the foot of the mast can be in the picture).
        """
        half_h = math.atan(self.cx / self.f)
        steep = abs(self.tilt_deg) + math.degrees(math.atan(self.cy / self.f))
        if steep >= 60.0:
            return np.ones(xy.shape[:-2], bool)
        half = math.atan(math.tan(half_h) / math.cos(math.radians(steep))) + math.radians(5)
        fwd = math.atan2(self.rot[2, 0], self.rot[2, 1]) if abs(self.tilt_deg) < 89 else 0.0
        ang = np.arctan2(xy[..., 0] - self.pos[0], xy[..., 1] - self.pos[1]) - fwd
        ang = (ang + math.pi) % (2 * math.pi) - math.pi  # (-pi, pi] relative to the view direction
        left = (ang < -half).all(axis=-1)
        right = (ang > half).all(axis=-1)
        return ~(left | right)

    def visible_box(self, pix: np.ndarray, margin: float = 0.0) -> bool:
        """Whether the bounding box of these pixels meets the image."""
        lo, hi = pix.min(axis=0), pix.max(axis=0)
        return bool(hi[0] >= -margin and hi[1] >= -margin
                    and lo[0] < self.width + margin and lo[1] < self.height + margin)


def clip_near(poly: np.ndarray) -> np.ndarray | None:
    """Sutherland–Hodgman clip of a camera-space polygon (n, 3) to z ≥ NEAR_M; None if nothing is left."""
    inside = poly[:, 2] >= NEAR_M
    if inside.all():
        return poly
    if not inside.any():
        return None
    out: list[np.ndarray] = []
    n = len(poly)
    for i in range(n):
        a, b = poly[i], poly[(i + 1) % n]
        if inside[i]:
            out.append(a)
        if inside[i] != inside[(i + 1) % n]:
            s = (NEAR_M - a[2]) / (b[2] - a[2])
            out.append(a + s * (b - a))
    return np.array(out) if len(out) >= 3 else None


def clip_segments(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Clip camera-space segments a[i]→b[i] (n, 3) to z ≥ NEAR_M; returns the kept, clipped pairs."""
    za, zb = a[:, 2], b[:, 2]
    keep = (za >= NEAR_M) | (zb >= NEAR_M)
    a, b, za, zb = a[keep], b[keep], za[keep], zb[keep]
    s = np.clip((NEAR_M - za) / np.where(zb != za, zb - za, 1.0), 0.0, 1.0)[:, None]
    a2 = np.where((za < NEAR_M)[:, None], a + s * (b - a), a)
    b2 = np.where((zb < NEAR_M)[:, None], a + s * (b - a), b)
    return a2, b2
