"""The walkway graph: built from the site's path segments, connected, and its shortest paths are shortest."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.site import PathSegment
from cockpit.walkways import NoPath, WalkwayGraph


def seg(ax: float, ay: float, bx: float, by: float) -> PathSegment:
    return PathSegment(ax, ay, bx, by, False)


def test_demo_site_walkways_are_one_connected_graph(sim_site):
    g = sim_site.graph
    ends = {(round(p, 2), round(q, 2)) for s in sim_site.snapshot.paths for p, q in ((s.ax, s.ay), (s.bx, s.by))}
    assert len(g.nodes) == len(ends)
    assert len(g.segments) == len(sim_site.snapshot.paths)
    assert [len(c) for c in g.components()] == [len(g.nodes)]
    for lm in sim_site.snapshot.landmarks:  # gates, square, posts and car parks are on the network
        assert math.dist(g.nodes[g.nearest_node(lm.x, lm.y)], (lm.x, lm.y)) < 0.01


def test_endpoints_within_a_centimetre_are_one_node():
    g = WalkwayGraph([seg(0, 0, 10, 0), seg(10.006, 0.004, 10, 10), seg(10.02, 10, 20, 10)])
    assert len(g.nodes) == 5
    assert g.shortest_path(0, 2) == [0, 1, 2]
    with pytest.raises(NoPath):
        g.shortest_path(0, 4)
    assert [len(c) for c in g.components()] == [3, 2]


def _brute_force(g: WalkwayGraph, a: int, b: int) -> float:
    """Length of the shortest simple path, trying every one."""
    best = math.inf

    def walk(n: int, seen: set[int], length: float) -> None:
        nonlocal best
        if length >= best:
            return
        if n == b:
            best = length
            return
        for nb, w in g.adjacency[n].items():
            if nb not in seen:
                walk(nb, seen | {nb}, length + w)

    walk(a, {a}, 0.0)
    return best


@settings(max_examples=60, deadline=None)
@given(points=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=2, max_size=7, unique=True),
       data=st.data())
def test_shortest_paths_match_brute_force(points, data):
    pairs = [(i, j) for i in range(len(points)) for j in range(i + 1, len(points))]
    chosen = data.draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=12, unique=True))
    g = WalkwayGraph([seg(*points[i], *points[j]) for i, j in chosen])
    for a in range(len(g.nodes)):
        for b in range(len(g.nodes)):
            expected = _brute_force(g, a, b)
            assert g.distance(a, b) == pytest.approx(expected)
            if math.isinf(expected):
                with pytest.raises(NoPath):
                    g.shortest_path(a, b)
                continue
            path = g.shortest_path(a, b)
            assert path[0] == a and path[-1] == b
            assert sum(g.edge_length(p, q) for p, q in itertools.pairwise(path)) == pytest.approx(expected)


def test_nearest_node_and_route_on_the_demo_site(sim_site):
    g, rng = sim_site.graph, random.Random(3)
    for _ in range(50):
        x, y = rng.uniform(0, sim_site.snapshot.width_m), rng.uniform(0, sim_site.snapshot.depth_m)
        n = g.nearest_node(x, y)
        assert math.dist(g.nodes[n], (x, y)) == pytest.approx(min(math.dist(p, (x, y)) for p in g.nodes))
        goal = g.nodes[g.random_node(rng)]
        route = g.route((x, y), goal)
        assert route.points[0] == (x, y) and route.points[-1] == goal
        assert route.length_m >= math.dist((x, y), goal) - 1e-9
        # between stepping on and stepping off, every leg follows a walkway
        for p, q in itertools.pairwise(route.points[1:-1]):
            mid = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
            assert g.distance_to_walkway(*mid) < 1e-6
