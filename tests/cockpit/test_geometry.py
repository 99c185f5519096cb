"""Headings, view cones and coverage in site metres (x east, y north)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.coverage import coverage_grid
from cockpit.geometry import angle_between, centroid, heading_to, heading_vector, in_view, view_cone
from cockpit.models import DeviceStatus
from cockpit.site import CameraPlacement


def test_compass_headings():
    assert heading_to(0, 0, 0, 10) == pytest.approx(0)  # north
    assert heading_to(0, 0, 10, 0) == pytest.approx(90)  # east
    assert heading_to(0, 0, 0, -10) == pytest.approx(180)
    assert heading_to(0, 0, -10, 0) == pytest.approx(270)
    assert heading_vector(90) == pytest.approx((1.0, 0.0))


@given(st.floats(0, 360), st.floats(0, 360))
def test_angle_between_is_symmetric_and_bounded(a, b):
    d = angle_between(a, b)
    assert 0 <= d <= 180 + 1e-9
    assert d == pytest.approx(angle_between(b, a))


def test_in_view_respects_fov_and_range():
    # camera at origin looking east with 60° FOV and 20 m range
    assert in_view(0, 0, 90, 60, 20, 10, 0)
    assert in_view(0, 0, 90, 60, 20, 10, 5)  # 26.6° off axis
    assert not in_view(0, 0, 90, 60, 20, 10, 7)  # 35° off axis
    assert not in_view(0, 0, 90, 60, 20, 25, 0)  # too far
    assert not in_view(0, 0, 90, 60, 20, -10, 0)  # behind


def test_view_cone_outline():
    pts = view_cone(5, 5, 0, 90, 10, segments=2)
    assert pts[0] == (5, 5)
    assert pts[1] == pytest.approx((5 - 10 * math.sin(math.radians(45)), 5 + 10 * math.cos(math.radians(45))))
    assert pts[2] == pytest.approx((5, 15))


def test_centroid_of_rectangle():
    assert centroid([(0, 0), (10, 0), (10, 4), (0, 4)]) == pytest.approx((5, 2))


def _cam(x, y, heading, fov=90.0, rng=20.0):
    return CameraPlacement(1, "C", "c", x, y, 3, heading, fov, rng, False, DeviceStatus.UNKNOWN)


def test_coverage_counts_overlapping_cameras():
    cams = [_cam(0, 50, 90), _cam(100, 50, 270), _cam(50, 50, 0, fov=360, rng=10)]
    grid = coverage_grid(cams, 100, 100, cell_m=1.0)
    assert grid.shape == (100, 100)
    assert grid[50, 10] == 1  # seen by the west camera
    assert grid[50, 90] == 1  # by the east camera
    assert grid[50, 50] == 1  # by the omni camera only
    assert grid[95, 50] == 0
    # the coverage area of the omni camera ≈ π r²
    solo = coverage_grid([cams[2]], 100, 100, cell_m=1.0)
    assert solo.sum() == pytest.approx(math.pi * 100, rel=0.05)
    assert np.array_equal(coverage_grid([], 10, 10), np.zeros((5, 5)))
