"""People in the picture: upright figures (legs, torso, head) or lying flat, hidden behind nearer buildings."""

from __future__ import annotations

import logging
import math

import cv2
import numpy as np

from services.sim.model import Person

from .projection import NEAR_M, Pinhole

logger = logging.getLogger(__name__)

HEAD_M, SHOULDER, HIP = 0.12, 0.82, 0.5
SKIN, LEGS = (150, 175, 215), (60, 55, 50)
DETAIL_PX = 24  # figures at least this tall get limbs and per-pixel occlusion; smaller ones a few strokes
MIN_PX = 2.0  # shorter than this (hundreds of metres away) is not drawn at all


def draw_people(img: np.ndarray, pin: Pinhole, inv_depth: np.ndarray, people: tuple[Person, ...], t: float,
                dim: float) -> None:
    """Everyone in view, far to near: culled and occlusion-tested as arrays first, so crowds stay cheap."""
    if not people:
        return
    xyh = np.array([(p.x, p.y, p.height_m) for p in people])
    feet = pin.to_camera(np.column_stack([xyh[:, :2], np.zeros(len(people))]))
    tops = pin.to_camera(xyh)
    ok = (feet[:, 2] > NEAR_M + 0.5) & (tops[:, 2] > NEAR_M + 0.5)
    if not ok.any():
        return
    idx = np.nonzero(ok)[0]
    pf, pt = pin.project(feet[idx]), pin.project(tops[idx])
    tall = np.hypot(*(pf - pt).T)
    fallen = np.array([people[i].posture == "fallen" for i in idx])
    reach = np.where(fallen, tall, 0.0) + tall * 0.3 + 2  # a lying body reaches sideways
    lo, hi = np.minimum(pf, pt) - reach[:, None], np.maximum(pf, pt) + reach[:, None]
    keep = (tall >= MIN_PX) & (hi[:, 0] >= 0) & (hi[:, 1] >= 0) & (lo[:, 0] < pin.width) & (lo[:, 1] < pin.height)
    # small figures: one depth sample at mid-body decides whether a building hides them
    mid = np.clip(np.round((pf + pt) / 2), 0, (pin.width - 1, pin.height - 1)).astype(int)
    hidden = inv_depth[mid[:, 1], mid[:, 0]] > 1.0 / feet[idx, 2]
    keep &= ~((tall < DETAIL_PX) & hidden)
    for j in np.argsort(-feet[idx, 2]):
        if not keep[j]:
            continue
        person = people[idx[j]]
        if tall[j] >= DETAIL_PX:
            draw_person(img, pin, inv_depth, person, t, dim)
        else:
            _small_figure(img, person, pf[j], pt[j], float(tall[j]), dim)


def _small_figure(img: np.ndarray, p: Person, foot: np.ndarray, top: np.ndarray, tall: float, dim: float) -> None:
    """A distant figure in two or three strokes (legs, torso, head); lying ones as one sideways stroke."""
    colour = tuple(int(c * dim) for c in p.colour)
    width = max(1, round(tall * 0.22))
    if p.posture == "fallen":
        y = round(foot[1])
        cv2.line(img, (round(foot[0] - tall / 2), y), (round(foot[0] + tall / 2), y), colour, max(1, width // 2))
        return
    hip = foot + (top - foot) * HIP
    shoulder = foot + (top - foot) * SHOULDER
    pt = lambda v: (round(v[0]), round(v[1]))  # noqa: E731
    cv2.line(img, pt(foot), pt(hip), tuple(int(c * dim) for c in LEGS), max(1, width // 2))
    cv2.line(img, pt(hip), pt(shoulder), colour, width)
    if tall >= 8:
        cv2.circle(img, pt(top + (foot - top) * 0.07), max(1, round(tall * 0.07)),
                   tuple(int(c * dim) for c in SKIN), -1)


def draw_person(img: np.ndarray, pin: Pinhole, inv_depth: np.ndarray, p: Person, t: float, dim: float) -> None:
    """An upright figure (legs, torso, head) or one lying on the ground; hidden where a building is nearer."""
    fwd = np.array([math.sin(math.radians(p.heading_deg)), math.cos(math.radians(p.heading_deg)), 0.0])
    side = np.array([fwd[1], -fwd[0], 0.0])
    base = np.array([p.x, p.y, 0.0])
    h = p.height_m
    up = np.array([0.0, 0.0, 1.0])
    if p.posture == "fallen":
        ang = np.linspace(0, 2 * math.pi, 14, endpoint=False)
        body = base + 0.12 * up + np.outer(np.cos(ang) * h * 0.45, fwd) + np.outer(np.sin(ang) * 0.22, side)
        world = np.vstack([body, base + 0.12 * up + fwd * h * 0.5])
    else:
        swing = 0.18 * math.sin(t * 2 * math.pi * 1.6 + p.id) if p.posture == "walking" else 0.0
        world = np.array([base + (h - HEAD_M) * up, base + SHOULDER * h * up, base + HIP * h * up,
                          base + fwd * swing + side * 0.1, base - fwd * swing - side * 0.1])
    cam = pin.to_camera(world)
    if (cam[:, 2] < NEAR_M).any():
        return
    pix = pin.project(cam)
    scale = pin.f / float(cam[:, 2].mean())  # pixels per metre at the person
    pad = HEAD_M * scale + 0.3 * scale + 2
    x0, y0 = np.floor(pix.min(axis=0) - pad).astype(int)
    x1, y1 = np.ceil(pix.max(axis=0) + pad).astype(int)
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, pin.width), min(y1, pin.height)
    if x1 - x0 < 1 or y1 - y0 < 1:
        return
    local = np.round((pix - (x0, y0)) * 16).astype(np.int32)  # 4 fractional bits
    depth = inv_depth[y0:y1, x0:x1]
    person_inv = 1.0 / float(cam[:, 2].max())
    if float(depth.max()) < person_inv:  # nothing in front: draw straight into the frame
        _figure(img[y0:y1, x0:x1], p, pix - (x0, y0), local, scale, dim, None)
        return
    patch = img[y0:y1, x0:x1].copy()
    mask = np.zeros(patch.shape[:2], np.uint8)
    _figure(patch, p, pix - (x0, y0), local, scale, dim, None)
    _figure(mask, p, pix - (x0, y0), local, scale, dim, 255)
    visible = (mask > 0) & (depth < person_inv)
    img[y0:y1, x0:x1][visible] = patch[visible]


def _figure(target: np.ndarray, p: Person, pix: np.ndarray, local: np.ndarray, scale: float, dim: float,
            ink: int | None) -> None:
    """Draw the figure's parts (patch-local pixels; `local` in 1/16 px) in colour, or all in `ink`."""
    colour = ink if ink is not None else tuple(int(c * dim) for c in p.colour)
    skin = ink if ink is not None else tuple(int(c * dim) for c in SKIN)
    legs = ink if ink is not None else tuple(int(c * dim) for c in LEGS)
    head_r = max(1, round(HEAD_M * scale * 16))
    if p.posture == "fallen":
        cv2.fillPoly(target, [local[:-1]], colour, cv2.LINE_AA, shift=4)
        cv2.circle(target, (int(local[-1][0]), int(local[-1][1])), head_r, skin, -1, cv2.LINE_AA, shift=4)
        return
    head, _shoulder, hip, foot_a, foot_b = ((int(x), int(y)) for x, y in local)
    leg_w = max(1, round(0.13 * scale))
    cv2.line(target, hip, foot_a, legs, leg_w, cv2.LINE_AA, shift=4)
    cv2.line(target, hip, foot_b, legs, leg_w, cv2.LINE_AA, shift=4)
    (sx, sy), (hx, hy) = pix[1], pix[2]
    length = math.hypot(sx - hx, sy - hy)
    angle = math.degrees(math.atan2(sy - hy, sx - hx))
    axes = (max(1, round(length / 2 + 0.05 * scale)), max(1, round(0.22 * scale)))
    cv2.ellipse(target, (round((sx + hx) / 2), round((sy + hy) / 2)), axes, angle, 0, 360, colour, -1,
                cv2.LINE_AA)
    cv2.circle(target, head, head_r, skin, -1, cv2.LINE_AA, shift=4)
