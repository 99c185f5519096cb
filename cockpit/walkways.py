"""Walkway graph of a site (undirected, metres) with Dijkstra shortest paths; pure, shared by the sim and dispatch."""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import random
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

logger = logging.getLogger(__name__)

Point = tuple[float, float]
MERGE_M = 0.01  # segment endpoints closer than this are one node
TREE_CACHE = 512  # shortest-path trees kept (one per source node)


class Segment(Protocol):
    """What a walkway piece needs to offer (cockpit.site.PathSegment fits)."""

    ax: float
    ay: float
    bx: float
    by: float


class NoPath(LookupError):
    """The two nodes lie in different components of the graph."""


@dataclass(frozen=True)
class Route:
    """A walk along the walkways: the points to pass in order and its length in metres."""

    points: tuple[Point, ...]
    length_m: float


def project_onto_segment(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> tuple[float, Point]:
    """Distance from p to segment ab and the closest point on it."""
    dx, dy = bx - ax, by - ay
    span = dx * dx + dy * dy
    t = 0.0 if span == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / span))
    qx, qy = ax + t * dx, ay + t * dy
    return math.hypot(px - qx, py - qy), (qx, qy)


class WalkwayGraph:
    """Nodes are segment endpoints (merged within 1 cm); edge weights are straight-line lengths.

    Immutable after construction; the last TREE_CACHE shortest-path trees are cached per source,
    so it is safe and cheap to share between threads.
    """

    def __init__(self, segments: Iterable[Segment], merge_m: float = MERGE_M) -> None:
        self._merge = merge_m
        self._cells: dict[tuple[int, int], list[int]] = {}
        self.nodes: list[Point] = []
        self.adjacency: list[dict[int, float]] = []
        self.segments: list[tuple[int, int]] = []
        for s in segments:
            a, b = self._node(s.ax, s.ay), self._node(s.bx, s.by)
            if a == b:
                continue
            length = math.dist(self.nodes[a], self.nodes[b])
            if b not in self.adjacency[a]:
                self.segments.append((min(a, b), max(a, b)))
            self.adjacency[a][b] = self.adjacency[b][a] = min(length, self.adjacency[a].get(b, math.inf))
        self._trees: dict[int, tuple[list[float], list[int]]] = {}
        self._lock = threading.Lock()
        logger.debug("walkway graph: %d nodes, %d edges", len(self.nodes), len(self.segments))

    @classmethod
    def from_site(cls, site: object) -> WalkwayGraph:
        """From a SiteSnapshot (its `paths`)."""
        return cls(site.paths)  # type: ignore[attr-defined]

    # -- construction -----------------------------------------------------------------------

    def _node(self, x: float, y: float) -> int:
        cx, cy = math.floor(x / self._merge), math.floor(y / self._merge)
        for i in range(cx - 1, cx + 2):
            for j in range(cy - 1, cy + 2):
                for n in self._cells.get((i, j), ()):
                    if math.dist(self.nodes[n], (x, y)) <= self._merge:
                        return n
        self.nodes.append((x, y))
        self.adjacency.append({})
        self._cells.setdefault((cx, cy), []).append(len(self.nodes) - 1)
        return len(self.nodes) - 1

    # -- queries ----------------------------------------------------------------------------

    def degree(self, node: int) -> int:
        return len(self.adjacency[node])

    def edge_length(self, a: int, b: int) -> float:
        return self.adjacency[a][b]

    def components(self) -> list[set[int]]:
        """Connected components, largest first."""
        seen: set[int] = set()
        out: list[set[int]] = []
        for start in range(len(self.nodes)):
            if start in seen:
                continue
            part, stack = {start}, [start]
            while stack:
                for nb in self.adjacency[stack.pop()]:
                    if nb not in part:
                        part.add(nb)
                        stack.append(nb)
            seen |= part
            out.append(part)
        return sorted(out, key=len, reverse=True)

    def nearest_node(self, x: float, y: float) -> int:
        if not self.nodes:
            raise NoPath("the walkway graph is empty")
        return min(range(len(self.nodes)), key=lambda n: math.dist(self.nodes[n], (x, y)))

    def nearest_point(self, x: float, y: float) -> tuple[Point, tuple[int, int]]:
        """The closest point on any walkway segment and the segment's two nodes."""
        best: tuple[float, Point, tuple[int, int]] | None = None
        for a, b in self.segments:
            (ax, ay), (bx, by) = self.nodes[a], self.nodes[b]
            d, q = project_onto_segment(x, y, ax, ay, bx, by)
            if best is None or d < best[0]:
                best = (d, q, (a, b))
        if best is None:
            raise NoPath("the walkway graph has no segments")
        return best[1], best[2]

    def distance_to_walkway(self, x: float, y: float) -> float:
        (qx, qy), _ = self.nearest_point(x, y)
        return math.hypot(x - qx, y - qy)

    def random_node(self, rng: random.Random) -> int:
        return rng.randrange(len(self.nodes))

    def tree(self, source: int) -> tuple[list[float], list[int]]:
        """Dijkstra from `source`: (distance to every node, predecessor or -1); cached."""
        with self._lock:
            cached = self._trees.get(source)
        if cached is not None:
            return cached
        dist = [math.inf] * len(self.nodes)
        prev = [-1] * len(self.nodes)
        dist[source] = 0.0
        heap = [(0.0, source)]
        while heap:
            d, n = heapq.heappop(heap)
            if d > dist[n]:
                continue
            for nb, w in self.adjacency[n].items():
                nd = d + w
                if nd < dist[nb]:
                    dist[nb], prev[nb] = nd, n
                    heapq.heappush(heap, (nd, nb))
        with self._lock:
            if len(self._trees) >= TREE_CACHE:
                self._trees.pop(next(iter(self._trees)))  # the oldest
            self._trees[source] = (dist, prev)
        return dist, prev

    def distance(self, a: int, b: int) -> float:
        """Shortest walking distance between two nodes (inf if unconnected)."""
        return self.tree(a)[0][b]

    def shortest_path(self, a: int, b: int) -> list[int]:
        """Nodes from a to b inclusive along a shortest path; NoPath if unconnected."""
        dist, prev = self.tree(a)
        if math.isinf(dist[b]):
            raise NoPath(f"no walkway from node {a} to node {b}")
        path = [b]
        while path[-1] != a:
            path.append(prev[path[-1]])
        path.reverse()
        return path

    def route(self, start: Point, goal: Point) -> Route:
        """From any point to any point: a straight step onto the nearest walkway point, the shortest
        walk along the walkways, a straight step off to the goal. NoPath if the two walkways are unconnected.

        Distances are searched from the goal's side, so ranking many starts against one goal (dispatch)
        reuses the same two cached shortest-path trees.
        """
        s, (a, b) = self.nearest_point(*start)
        g, (c, d) = self.nearest_point(*goal)
        best = (math.dist(s, g), -1, -1) if {a, b} == {c, d} else (math.inf, -1, -1)  # same walkway
        for to in (c, d):
            dist_to = self.tree(to)[0]
            for via in (a, b):
                length = math.dist(s, self.nodes[via]) + dist_to[via] + math.dist(self.nodes[to], g)
                if length < best[0]:
                    best = (length, via, to)
        if math.isinf(best[0]):
            raise NoPath(f"no walkway from {start} to {goal}")
        _, via, to = best
        middle = [] if via < 0 else [self.nodes[n] for n in reversed(self.shortest_path(to, via))]
        cleaned: list[Point] = [start]
        for p in [s, *middle, g]:
            if math.dist(p, cleaned[-1]) > 1e-6:
                cleaned.append(p)
        if len(cleaned) > 1 and math.dist(cleaned[-1], goal) <= 1e-6:
            cleaned[-1] = goal  # the goal lies on the walkway: end exactly there
        elif cleaned[-1] != goal:
            cleaned.append(goal)
        length = sum(math.dist(p, q) for p, q in itertools.pairwise(cleaned))
        return Route(tuple(cleaned), length)
