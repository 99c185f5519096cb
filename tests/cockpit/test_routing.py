"""Dispatch routing: the nearest responder is the nearest on foot along the walkways, not as the crow flies."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.models import ResponderRole, ResponderStatus
from cockpit.routing import DEFAULT_SPEEDS_MPS, rank_responders
from cockpit.site import PathSegment
from cockpit.walkways import NoPath, WalkwayGraph

R, S = ResponderRole, ResponderStatus


@dataclass(frozen=True)
class Person:
    id: int
    role: ResponderRole
    x: float
    y: float
    status: ResponderStatus = ResponderStatus.AVAILABLE


def seg(ax: float, ay: float, bx: float, by: float) -> PathSegment:
    return PathSegment(ax, ay, bx, by, False)


# A fence along y = 5 between x = 0 and 50: the walkway goes round its east end.
#   (0,10) ──────────── (50,10)
#                          │
#   (0,0) ───────────── (50,0)     incident at (0,0)
AROUND = WalkwayGraph([seg(0, 10, 50, 10), seg(50, 10, 50, 0), seg(50, 0, 0, 0), seg(80, 40, 90, 40)])
GOAL = (0.0, 0.0)


def test_nearest_on_foot_wins_over_nearest_in_a_straight_line():
    behind_fence = Person(1, R.SECURITY_GUARD, 0.0, 10.5)  # 10.5 m away as the crow flies
    along_path = Person(2, R.SECURITY_GUARD, 40.0, -5.0)  # 40.3 m away as the crow flies
    first, second = rank_responders(AROUND, [behind_fence, along_path], GOAL)
    assert (first.responder_id, second.responder_id) == (2, 1)
    assert first.distance_m == pytest.approx(5 + 40)  # step onto the path, then along it
    assert second.distance_m == pytest.approx(0.5 + 50 + 10 + 50)  # round the fence
    assert first.eta_s == pytest.approx(45 / 1.4) and second.route.points[0] == (0.0, 10.5)
    assert second.route.points[-1] == GOAL and (50.0, 10.0) in second.route.points


def test_speed_per_role_deadline_exclusions_and_status():
    guard, medic = Person(1, R.SECURITY_GUARD, 30, 0), Person(2, R.MEDIC, 30, 0)
    busy, off = Person(3, R.MEDIC, 1, 0, S.BUSY), Person(4, R.MEDIC, 1, 0, S.OFF_DUTY)
    ranked = rank_responders(AROUND, [guard, medic, busy, off], GOAL, deadline_s=20)
    assert [c.responder_id for c in ranked] == [2, 1]  # the medic walks faster
    assert [c.beyond_deadline for c in ranked] == [False, True]  # 30 m at 1.6 m/s = 18.75 s; at 1.4 = 21.4 s
    slow_medics = {**DEFAULT_SPEEDS_MPS, R.MEDIC: 1.0}
    assert [c.responder_id for c in rank_responders(AROUND, [guard, medic], GOAL, speeds=slow_medics)] == [1, 2]
    assert [c.responder_id for c in rank_responders(AROUND, [guard, medic], GOAL, exclude={2})] == [1]
    with_busy = rank_responders(AROUND, [guard, busy], GOAL, statuses={S.AVAILABLE, S.BUSY})
    assert [c.responder_id for c in with_busy] == [3, 1]
    with pytest.raises(ValueError, match="walking speed"):
        rank_responders(AROUND, [guard], GOAL, speeds={R.SECURITY_GUARD: 0})


def test_a_responder_cut_off_from_the_goal_is_left_out():
    island = Person(5, R.SECURITY_GUARD, 85, 41)  # nearest walkway is the separate piece at y = 40
    assert rank_responders(AROUND, [island, Person(1, R.MEDIC, 10, 0)], GOAL)[0].responder_id == 1
    assert len(rank_responders(AROUND, [island], GOAL)) == 0
    with pytest.raises(NoPath):
        AROUND.route((85, 41), GOAL)


def test_on_the_same_walkway_the_route_goes_straight_along_it():
    route = AROUND.route((10, 1), (30, -1))
    assert route.points == ((10, 1), (10, 0), (30, 0), (30, -1)) and route.length_m == pytest.approx(22)


POINTS = st.tuples(st.floats(-5, 25), st.floats(-5, 25))


@settings(max_examples=80, deadline=None)
@given(ends=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=2, max_size=6, unique=True),
       data=st.data(), start=POINTS, goal=POINTS)
def test_routes_are_walks_along_the_walkways_no_longer_than_needed(ends, data, start, goal):
    pairs = [(i, j) for i in range(len(ends)) for j in range(i + 1, len(ends))]
    chosen = data.draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=8, unique=True))
    g = WalkwayGraph([seg(*(5 * c for c in ends[i]), *(5 * c for c in ends[j])) for i, j in chosen])
    try:
        route = g.route(start, goal)
    except NoPath:
        return
    assert route.points[0] == start and route.points[-1] == goal
    assert route.length_m == pytest.approx(sum(math.dist(p, q) for p, q in itertools.pairwise(route.points)))
    assert route.length_m >= math.dist(start, goal) - 1e-9
    inner = route.points[1:-1]
    for p, q in itertools.pairwise(inner):  # every leg between stepping on and off follows a walkway
        assert g.distance_to_walkway((p[0] + q[0]) / 2, (p[1] + q[1]) / 2) < 1e-6
    assert route.length_m == pytest.approx(_brute_force(g, start, goal), abs=1e-5)  # points within 1 µm merge


def _brute_force(g: WalkwayGraph, start: tuple[float, float], goal: tuple[float, float]) -> float:
    """Straight to the nearest walkway point, shortest walk (Floyd-Warshall over the graph with both points
    spliced into their segments), straight to the goal."""
    (s, (a, b)), (t, (c, d)) = g.nearest_point(*start), g.nearest_point(*goal)
    n = len(g.nodes)
    nodes = [*g.nodes, s, t]
    dist = [[0.0 if i == j else math.inf for j in range(n + 2)] for i in range(n + 2)]

    def link(i: int, j: int, w: float) -> None:
        dist[i][j] = dist[j][i] = min(dist[i][j], w)

    for i, j in g.segments:
        link(i, j, g.edge_length(i, j))
    for k, (i, j) in ((n, (a, b)), (n + 1, (c, d))):
        link(k, i, math.dist(nodes[k], nodes[i]))
        link(k, j, math.dist(nodes[k], nodes[j]))
    if {a, b} == {c, d}:
        link(n, n + 1, math.dist(s, t))
    for k in range(n + 2):
        for i in range(n + 2):
            for j in range(n + 2):
                dist[i][j] = min(dist[i][j], dist[i][k] + dist[k][j])
    return math.dist(start, s) + dist[n][n + 1] + math.dist(t, goal)
