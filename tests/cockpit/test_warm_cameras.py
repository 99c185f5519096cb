"""Which cameras the warm pool keeps: live alarms weigh by priority, fade with time, go when handled."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from cockpit.warm_cameras import PINNED_SCORE, WarmPlanner


def test_an_urgent_sign_outranks_a_lesser_one_and_the_runner_up_gets_half() -> None:
    planner = WarmPlanner(half_life_s=600)
    planner.note(1, 4, ["CAM-A"], at=1000.0)
    planner.note(2, 2, ["CAM-B", "CAM-C"], at=1000.0)
    assert planner.ranked(1000.0) == ["CAM-B", "CAM-C", "CAM-A"]  # P2 = 4, its runner-up 2, P4 = 1
    assert planner.scores(1000.0)["CAM-C"] == planner.scores(1000.0)["CAM-B"] / 2


def test_signs_fade_with_the_half_life_so_a_fresh_lesser_sign_overtakes_an_old_urgent_one() -> None:
    planner = WarmPlanner(half_life_s=60)
    planner.note(1, 2, ["OLD"], at=0.0)  # weight 4
    planner.note(2, 4, ["NEW"], at=180.0)  # weight 1; OLD is 4 × 0.5³ = 0.5 by then
    assert planner.scores(180.0)["OLD"] == 0.5
    assert planner.ranked(180.0) == ["NEW", "OLD"]
    assert "OLD" not in planner.scores(600.0)  # faded below the floor: forgotten


def test_a_handled_alarm_is_no_longer_a_sign_and_screens_are_left_out() -> None:
    planner = WarmPlanner(pinned=("GATE",))
    planner.note(1, 1, ["CAM-A"], at=0.0)
    planner.note(2, 3, ["CAM-B"], at=0.0)
    planner.forget(1)
    assert planner.ranked(0.0) == ["CAM-B", "GATE"]
    assert planner.ranked(0.0, exclude={"CAM-B"}) == ["GATE"]
    assert planner.scores(0.0)["GATE"] == PINNED_SCORE


def test_noting_again_refreshes_instead_of_adding() -> None:
    planner = WarmPlanner(half_life_s=60)
    planner.note(1, 3, ["CAM-A"], at=0.0)
    planner.note(1, 3, ["CAM-A"], at=60.0)
    assert planner.scores(60.0)["CAM-A"] == 2.0


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 4), st.lists(st.sampled_from("ABCDEF"), max_size=3),
                          st.floats(0, 5000)), max_size=40),
       st.floats(0, 6000), st.sets(st.sampled_from("ABCDEF")))
def test_the_ranking_follows_the_scores_and_never_holds_what_is_excluded(signs, now, exclude) -> None:  # noqa: ANN001
    planner = WarmPlanner(half_life_s=300)
    for alarm_id, priority, cameras, at in signs:
        planner.note(alarm_id, priority, cameras, at)
    ranked = planner.ranked(now, exclude)
    scores = planner.scores(now)
    assert not set(ranked) & exclude
    assert set(ranked) == set(scores) - exclude
    assert all(scores[a] >= scores[b] for a, b in pairwise(ranked))
