"""The synthetic picture of one camera profile: cached site layer (sky, ground, walkways, buildings) + people + OSD."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import cv2
import numpy as np

from cockpit.site import BuildingShape, SiteSnapshot
from services.sim.model import PtzState, SimCamera, StreamSpec, WorldFrame

from .figures import draw_people
from .overlay import TextLabel, draw_clock
from .projection import Pinhole, clip_near, clip_segments
from .timecode import encode_timecode, strip_height

logger = logging.getLogger(__name__)

SKY_TOP, SKY_HORIZON = np.array([190, 140, 90.0]), np.array([235, 215, 200.0])  # BGR
GRASS_NEAR, HAZE = np.array([70, 125, 95.0]), np.array([175, 180, 175.0])
WALK, ROAD = np.array([175, 180, 185.0]), np.array([115, 115, 120.0])
BOUNDARY = (60, 70, 80)
BUILDING = {"residential": (165, 195, 220), "community_centre": (150, 170, 120),
            "commercial": (200, 170, 140), "service": (170, 170, 170)}
NIGHT = np.array([0.42, 0.32, 0.28])  # per BGR channel: night keeps some blue
SUN = np.array([0.55, -0.83])  # horizontal direction the lit walls face (south-east)
FOG_M = 450.0


@dataclass(frozen=True, eq=False)
class StaticLayer:
    """Everything that moves only when the view moves, and the inverse depth of the buildings in it."""

    key: tuple[float, float, float, bool]
    pin: Pinhole
    image: np.ndarray
    inv_depth: np.ndarray  # 1/z of the nearest building surface per pixel, 0 where none


class SceneRenderer:
    """Renders `camera`'s view of `site` for one stream spec; reads the PTZ view on every frame."""

    def __init__(self, site: SiteSnapshot, camera: SimCamera, ptz: PtzState, spec: StreamSpec) -> None:
        self.site, self.camera, self.ptz, self.spec = site, camera, ptz, spec
        self._static: StaticLayer | None = None
        self._strip_h = strip_height(spec.height)
        self._name = TextLabel(camera.name, camera.code, max(12, spec.height // 18))
        self._quads = _walkway_quads(site)

    def render(self, frame: WorldFrame, at: float | None = None) -> np.ndarray:
        """A BGR frame (spec.height × spec.width) of `frame`, stamped with capture time `at` (default frame.t)."""
        t = frame.t if at is None else at
        layer = self.static_layer(frame.night)
        img = layer.image.copy()
        draw_people(img, layer.pin, layer.inv_depth, frame.people, frame.t, 0.55 if frame.night else 1.0)
        self._draw_osd(img, t)
        return img

    # -- static layer -------------------------------------------------------------------------

    def invalidate(self) -> None:
        """Forget the cached static layer (the next frame redraws sky, ground and buildings)."""
        self._static = None

    def static_layer(self, night: bool) -> StaticLayer:
        heading, tilt, fov = self.ptz.view()
        key = (round(heading, 3), round(tilt, 3), round(fov, 3), night)
        if self._static is None or self._static.key != key:
            self._static = self._build_static(key)
        return self._static

    def _build_static(self, key: tuple[float, float, float, bool]) -> StaticLayer:
        heading, tilt, fov, night = key
        cam, s = self.camera, self.spec
        pin = Pinhole.looking(cam.x, cam.y, cam.z, heading, tilt, fov, s.width, s.height)
        img = _sky_and_ground(pin, max(cam.z, 0.5))
        self._draw_ground_lines(img, pin)
        inv_depth = np.zeros((s.height, s.width), np.float32)
        seen = [b for b in self.site.buildings if len(b.footprint) >= 3 and pin.may_see(np.array(b.footprint))]
        for building in sorted(seen, key=lambda b: -_distance_to(b, pin.pos)):
            _draw_building(img, inv_depth, pin, building)
        if night:
            img = (img * NIGHT).astype(np.uint8)
        return StaticLayer(key, pin, img, inv_depth)

    def _draw_ground_lines(self, img: np.ndarray, pin: Pinhole) -> None:
        if self.site.boundary:
            ring = np.array([(x, y, 0.0) for x, y in self.site.boundary])
            a, b = clip_segments(pin.to_camera(ring), pin.to_camera(np.roll(ring, -1, axis=0)))
            lines = np.stack([pin.project(a), pin.project(b)], axis=1)
            cv2.polylines(img, list(_int_pix(lines)), False, BOUNDARY, 2, cv2.LINE_AA)
        quads, vehicle = self._quads
        if not len(quads):
            return
        seen = pin.may_see(quads[..., :2])
        quads, vehicle = quads[seen], vehicle[seen]
        cam_quads = pin.to_camera(quads)
        order = np.argsort(-cam_quads[..., 2].mean(axis=1))  # far first
        for i in order:
            poly = clip_near(cam_quads[i])
            if poly is None:
                continue
            pix = pin.project(poly)
            if not pin.visible_box(pix):
                continue
            base = ROAD if vehicle[i] else WALK
            colour = _fog(base, float(np.linalg.norm(quads[i].mean(axis=0) - pin.pos)))
            cv2.fillPoly(img, [_int_pix(pix)], colour, cv2.LINE_AA)

    # -- per frame ----------------------------------------------------------------------------

    def _draw_osd(self, img: np.ndarray, t: float) -> None:
        h = self.spec.height
        scale = h / 720
        draw_clock(img, t + self.camera.clock_offset_s, round(12 * scale) + 4, round(44 * scale) + 8, scale * 1.15)
        label_y = h - self._strip_h - self._name.alpha.shape[0] - round(10 * scale)
        self._name.draw(img, round(12 * scale) + 4, label_y)
        encode_timecode(img, round(t * 1000))


def _walkway_quads(site: SiteSnapshot) -> tuple[np.ndarray, np.ndarray]:
    """Ground quads (n, 4, 3) for the path segments, 3 m wide for vehicle roads, 2 m for walkways."""
    quads, vehicle = [], []
    for seg in site.paths:
        dx, dy = seg.bx - seg.ax, seg.by - seg.ay
        length = math.hypot(dx, dy)
        if length < 1e-6:
            continue
        half = 3.0 if seg.vehicle_access else 1.0
        nx, ny = -dy / length * half, dx / length * half
        quads.append([(seg.ax + nx, seg.ay + ny, 0.02), (seg.bx + nx, seg.by + ny, 0.02),
                      (seg.bx - nx, seg.by - ny, 0.02), (seg.ax - nx, seg.ay - ny, 0.02)])
        vehicle.append(seg.vehicle_access)
    return np.array(quads, float).reshape(-1, 4, 3), np.array(vehicle, bool)


def _sky_and_ground(pin: Pinhole, cam_z: float) -> np.ndarray:
    rows = np.arange(pin.height) + 0.5
    elev = math.radians(pin.tilt_deg) + np.arctan(-(rows - pin.cy) / pin.f)
    sky_t = np.clip(elev / math.radians(40), 0, 1)[:, None]
    dist = cam_z / np.tan(np.clip(-elev, 1e-4, None))
    fog_t = np.clip(dist / FOG_M, 0, 1)[:, None] ** 0.7
    colours = np.where((elev >= 0)[:, None], SKY_HORIZON + (SKY_TOP - SKY_HORIZON) * sky_t,
                       GRASS_NEAR + (HAZE - GRASS_NEAR) * fog_t).astype(np.uint8)
    return cv2.resize(colours[:, None, :], (pin.width, pin.height), interpolation=cv2.INTER_NEAREST)


def _fog(colour: np.ndarray | tuple, dist: float) -> tuple[int, int, int]:
    t = min(1.0, dist / FOG_M) ** 0.7
    c = np.asarray(colour, float) * (1 - t) + HAZE * t
    return int(c[0]), int(c[1]), int(c[2])


def _int_pix(pix: np.ndarray) -> np.ndarray:
    return np.clip(np.round(pix), -1e6, 1e6).astype(np.int32)


def _distance_to(b: BuildingShape, pos: np.ndarray) -> float:
    """Distance from the camera to the nearest point of the footprint, in plan."""
    pts = np.array(b.footprint, float)
    a, c = pts, np.roll(pts, -1, axis=0)
    d = c - a
    t = np.clip(((pos[:2] - a) * d).sum(1) / np.maximum((d * d).sum(1), 1e-12), 0, 1)
    return float(np.min(np.linalg.norm(a + t[:, None] * d - pos[:2], axis=1)))


def _draw_building(img: np.ndarray, inv_depth: np.ndarray, pin: Pinhole, b: BuildingShape) -> None:
    pts = np.array(b.footprint, float)
    if len(pts) < 3:
        return
    x, y = pts[:, 0], pts[:, 1]
    ccw = (x * np.roll(y, -1) - np.roll(x, -1) * y).sum() > 0
    base = BUILDING.get(str(b.kind), BUILDING["service"])
    dist = _distance_to(b, pin.pos)
    faces: list[tuple[float, np.ndarray, np.ndarray, float]] = []
    for i in range(len(pts)):
        a, c = pts[i], pts[(i + 1) % len(pts)]
        edge = c - a
        normal = np.array([edge[1], -edge[0]]) if ccw else np.array([-edge[1], edge[0]])
        normal /= max(np.linalg.norm(normal), 1e-9)
        if normal @ (pin.pos[:2] - a) <= 0:
            continue  # back face
        quad = np.array([(*a, 0.0), (*c, 0.0), (*c, b.height_m), (*a, b.height_m)])
        key = float(np.linalg.norm(quad.mean(axis=0)[:2] - pin.pos[:2]))
        faces.append((key, quad, np.array([*normal, 0.0]), 0.7 + 0.3 * float(normal @ SUN)))
    faces.sort(key=lambda f: -f[0])
    if pin.pos[2] > b.height_m:
        roof = np.column_stack([pts, np.full(len(pts), b.height_m)])
        faces.append((0.0, roof, np.array([0.0, 0.0, 1.0]), 0.85))
    for _, poly, normal, shade in faces:
        cam = clip_near(pin.to_camera(poly))
        if cam is None:
            continue
        pix = pin.project(cam)
        if not pin.visible_box(pix):
            continue
        ipix = _int_pix(pix)
        colour = _fog(np.array(base, float) * shade, dist)
        cv2.fillPoly(img, [ipix], colour, cv2.LINE_AA)
        if normal[2] == 0.0 and b.levels > 1:
            _draw_floor_lines(img, pin, poly, b.levels, _fog(np.array(base) * shade * 0.8, dist))
        cv2.polylines(img, [ipix], True, _fog(np.array(base) * 0.45, dist), 1, cv2.LINE_AA)
        _write_depth(inv_depth, pin, ipix, normal, poly[0])


def _draw_floor_lines(img: np.ndarray, pin: Pinhole, wall: np.ndarray, levels: int, colour: tuple) -> None:
    z = wall[2, 2] * np.arange(1, levels)[:, None] / levels
    a = np.column_stack([np.repeat(wall[:1, :2], levels - 1, axis=0), z])
    b = np.column_stack([np.repeat(wall[1:2, :2], levels - 1, axis=0), z])
    ca, cb = clip_segments(pin.to_camera(a), pin.to_camera(b))
    if len(ca):
        lines = np.stack([pin.project(ca), pin.project(cb)], axis=1)
        cv2.polylines(img, list(_int_pix(lines)), False, colour, 1, cv2.LINE_AA)


def _write_depth(inv_depth: np.ndarray, pin: Pinhole, ipix: np.ndarray, normal: np.ndarray,
                 point: np.ndarray) -> None:
    """Painter's order for depth too: this face's 1/z overwrites whatever was under it."""
    h, w = inv_depth.shape
    x0, y0 = np.maximum(ipix.min(axis=0), 0)
    x1, y1 = np.minimum(ipix.max(axis=0) + 1, (w, h))
    if x1 <= x0 or y1 <= y0:
        return
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillPoly(mask, [ipix - (x0, y0)], 1)
    a, b, c = pin.inverse_depth_plane(normal, point)
    plane = (a * np.arange(x0, x1, dtype=np.float32)[None, :] + b * np.arange(y0, y1, dtype=np.float32)[:, None]
             + np.float32(c))
    np.copyto(inv_depth[y0:y1, x0:x1], plane, where=mask.astype(bool))
