"""Camera choice for the video lock: who sees a spot, in what order, and how a dome is turned there."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.geometry import in_view
from cockpit.models import DeviceStatus
from cockpit.site import CameraPlacement, PresetPoint
from cockpit.video_lock import LockHow, choose_cameras, ptz_aim


def cam(code: str, x: float, y: float, heading: float, *, fov: float = 60.0, range_m: float = 30.0,
        ptz: bool = False, z: float = 4.0) -> CameraPlacement:
    return CameraPlacement(0, code, code, x, y, z, heading, fov, range_m, ptz, DeviceStatus.ONLINE)


NORTH = cam("N", 0, 0, 0)  # looks north from the origin
EAST = cam("E", 0, 0, 90)
FAR_NORTH = cam("FN", 0, -20, 0)  # also looks north, 20 m further back
DOME = cam("D", 10, 10, 180, ptz=True)


def test_only_cameras_whose_cone_holds_the_spot_are_chosen_closest_and_centred_first() -> None:
    choices = choose_cameras([EAST, FAR_NORTH, NORTH], 0, 8)
    assert [c.code for c in choices] == ["N", "FN"]
    assert all(c.how is LockHow.SEES for c in choices)
    assert choices[0].distance_m == pytest.approx(8.0)


def test_off_axis_counts_against_a_camera_at_the_same_distance() -> None:
    straight, oblique = cam("S", 0, 0, 0), cam("O", 0, 0, 25)
    assert [c.code for c in choose_cameras([oblique, straight], 0, 10)] == ["S", "O"]


def test_the_alarms_own_camera_comes_first_even_when_others_see_better() -> None:
    own = cam("OWN", 0, -25, 0)
    assert choose_cameras([NORTH, own], 0, 5, own="OWN")[0].code == "OWN"


def test_unavailable_cameras_are_left_out_and_limit_is_kept() -> None:
    cams = [cam(f"C{i}", i, 0, 0) for i in range(8)]
    assert len(choose_cameras(cams, 3, 10, limit=3)) == 3
    assert "C3" not in [c.code for c in choose_cameras(cams, 3, 10, unavailable={"C3"}, limit=8)]


def test_a_dome_in_range_aims_but_ranks_after_a_camera_that_already_sees() -> None:
    choices = choose_cameras([DOME, NORTH], 0, 12)
    assert [c.code for c in choices] == ["N", "D"]
    assert choices[1].how is LockHow.AIM and choices[1].aim is not None


def test_a_preset_pinned_near_the_spot_beats_aiming() -> None:
    preset = PresetPoint("D", "7", "gate", 1.0, 13.0)
    choices = choose_cameras([DOME], 0, 12, presets=[preset])
    assert choices[0].how is LockHow.PRESET and choices[0].preset == "7"
    far = PresetPoint("D", "8", "elsewhere", 30.0, 30.0)
    assert choose_cameras([DOME], 0, 12, presets=[far])[0].how is LockHow.AIM


def test_nothing_covers_the_spot_then_the_nearest_views_of_its_surroundings() -> None:
    behind = cam("B", 0, 0, 180, range_m=20)
    choices = choose_cameras([behind, cam("X", 200, 200, 0)], 0, 10)
    assert [(c.code, c.how) for c in choices] == [("B", LockHow.NEARBY)]
    assert choose_cameras([cam("X", 200, 200, 0)], 0, 10) == []


def test_ptz_aim_points_the_dome_at_the_spot_in_the_generic_space() -> None:
    dome = cam("D", 0, 0, 90, ptz=True, z=1.2)  # mounted facing east, at eye height
    assert ptz_aim(dome, 10, 0).pan == pytest.approx(0.0)  # straight ahead
    assert ptz_aim(dome, 0, 10).pan == pytest.approx(-0.5)  # north = 90° to the left
    assert ptz_aim(dome, 0, -10).pan == pytest.approx(0.5)
    assert ptz_aim(dome, -10, 0.001).pan == pytest.approx(-1.0, abs=1e-3)  # behind
    near, far = ptz_aim(dome, 3, 0), ptz_aim(dome, 25, 0)
    assert near.zoom < far.zoom <= 1.0


coords = st.floats(-100, 100, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(coords, coords, st.floats(0, 359.9), st.floats(20, 120), st.floats(5, 60)),
                min_size=1, max_size=12), coords, coords)
def test_every_seeing_choice_really_sees_and_order_is_by_score(specs, x, y) -> None:
    cams = [cam(f"C{i}", cx, cy, h, fov=f, range_m=r) for i, (cx, cy, h, f, r) in enumerate(specs)]
    choices = choose_cameras(cams, x, y, limit=20)
    by_code = {c.code: c for c in cams}
    scores = [c.score for c in choices]
    assert scores == sorted(scores)
    seeing = [c for c in cams if in_view(c.x, c.y, c.heading_deg, c.fov_deg, c.range_m, x, y)]
    if seeing:  # whenever some camera sees the spot, only seeing cameras are offered
        assert {c.code for c in choices} == {c.code for c in seeing}
    for choice in choices:
        c = by_code[choice.code]
        assert choice.distance_m == pytest.approx(math.hypot(x - c.x, y - c.y))
