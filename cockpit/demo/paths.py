"""Walkway graph of the demo site: road grid, gate roads, and short footpaths to every door."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

from ..models.enums import PathNodeKind
from .layout import DOOR_STEP, FACING, MARGIN, SitePlan
from .records import DemoPathEdge, DemoPathNode

logger = logging.getLogger(__name__)

_MERGE = 1.0  # split points closer than this share one junction


@dataclass
class _Segment:
    """A straight road piece from node a (at lo) to node b (at hi)."""

    a: int
    b: int
    horizontal: bool
    fixed: float  # y of a horizontal segment, x of a vertical one
    lo: float
    hi: float
    splits: list[tuple[float, int, bool]] = field(default_factory=list)


@dataclass
class Walkways:
    nodes: list[DemoPathNode]
    edges: list[DemoPathEdge]
    entrance: dict[tuple[int, int], int]  # (building index, entrance 1..n) -> node
    post: dict[int, int]  # building index of a guard house / property office -> node
    gate: list[int]
    square: int
    lots: list[int]
    ramps: list[int]


class _Builder:
    def __init__(self) -> None:
        self.nodes: list[DemoPathNode] = []
        self.edges: dict[tuple[int, int], DemoPathEdge] = {}
        self.segments: list[_Segment] = []

    def node(self, kind: PathNodeKind, x: float, y: float, label: str | None = None,
             building: int | None = None) -> int:
        self.nodes.append(DemoPathNode(kind, round(x, 2), round(y, 2), label, building))
        return len(self.nodes) - 1

    def edge(self, a: int, b: int, vehicle: bool) -> None:
        key = (min(a, b), max(a, b))
        na, nb = self.nodes[a], self.nodes[b]
        length = math.hypot(na.x - nb.x, na.y - nb.y)
        if a == b or length < 0.01 or key in self.edges:
            return
        self.edges[key] = DemoPathEdge(key[0], key[1], length, vehicle)

    def road(self, a: int, b: int) -> None:
        na, nb = self.nodes[a], self.nodes[b]
        horizontal = abs(na.y - nb.y) < 1e-9
        lo_a = (na.x <= nb.x) if horizontal else (na.y <= nb.y)
        a, b = (a, b) if lo_a else (b, a)
        na, nb = self.nodes[a], self.nodes[b]
        if horizontal:
            self.segments.append(_Segment(a, b, True, na.y, na.x, nb.x))
        else:
            self.segments.append(_Segment(a, b, False, na.x, na.y, nb.y))

    def attach(self, node: int, facing: str, vehicle: bool = False) -> None:
        """Join `node` by a straight path, heading `facing`, to the first road it meets."""
        p = self.nodes[node]
        dx, dy = FACING[facing]
        best: tuple[float, _Segment] | None = None
        for seg in self.segments:
            if seg.horizontal != (dx == 0):
                continue
            along, across = (p.x, p.y) if seg.horizontal else (p.y, p.x)
            ahead = (seg.fixed - across) * (dy if seg.horizontal else dx)
            if seg.lo - 1e-9 <= along <= seg.hi + 1e-9 and ahead > 0 and (best is None or ahead < best[0]):
                best = (ahead, seg)
        if best is None:
            raise RuntimeError(f"no road {facing} of path node {p}")
        seg = best[1]
        seg.splits.append((p.x if seg.horizontal else p.y, node, vehicle))

    def finish(self) -> None:
        """Cut every road at its split points and lay the roads and footpaths."""
        for seg in self.segments:
            chain = [(seg.lo, seg.a)]
            attached: list[tuple[int, int, bool]] = []
            for along, node, vehicle in sorted(seg.splits):
                if along - chain[-1][0] < _MERGE:
                    junction = chain[-1][1]
                elif seg.hi - along < _MERGE:
                    junction = seg.b
                else:
                    x, y = (along, seg.fixed) if seg.horizontal else (seg.fixed, along)
                    junction = self.node(PathNodeKind.JUNCTION, x, y)
                    chain.append((along, junction))
                attached.append((node, junction, vehicle))
            chain.append((seg.hi, seg.b))
            for (_, a), (_, b) in zip(chain, chain[1:], strict=False):
                self.edge(a, b, True)
            for node, junction, vehicle in attached:
                self.edge(node, junction, vehicle)


def build_walkways(plan: SitePlan) -> Walkways:
    g = _Builder()
    grid = {(i, j): g.node(PathNodeKind.JUNCTION, x, y)
            for j, y in enumerate(plan.ys) for i, x in enumerate(plan.xs)}
    cols, rows = len(plan.xs) - 1, len(plan.ys) - 1
    for j in range(rows + 1):
        for i in range(cols + 1):
            if i < cols:
                g.road(grid[(i, j)], grid[(i + 1, j)])
            if j < rows:
                g.road(grid[(i, j)], grid[(i, j + 1)])
    gates = []
    for gate in plan.gates:
        gates.append(g.node(PathNodeKind.GATE, gate.x, gate.y, gate.label))
        inner = (round(gate.x + gate.inward[0] * MARGIN, 2), round(gate.y + gate.inward[1] * MARGIN, 2))
        inner_node = next(n for n in grid.values() if (g.nodes[n].x, g.nodes[n].y) == inner)
        g.road(gates[-1], inner_node)

    entrance: dict[tuple[int, int], int] = {}
    post: dict[int, int] = {}
    posts = {plan.property_office} | {gate.guard_house for gate in plan.gates}
    for b, building in enumerate(plan.buildings):
        fx, fy = FACING[building.facing]
        for e, (dx, dy) in enumerate(building.doors, start=1):
            x, y = dx + fx * DOOR_STEP, dy + fy * DOOR_STEP
            if b in posts:
                post[b] = g.node(PathNodeKind.POST, x, y, building.name, b)
                g.attach(post[b], building.facing)
            else:
                label = building.name if building.entrances == 1 and b not in plan.residential \
                    else f"{building.name}{e}单元"
                entrance[(b, e)] = g.node(PathNodeKind.ENTRANCE, x, y, label, b)
                g.attach(entrance[(b, e)], building.facing)
    assert plan.square is not None
    square = g.node(PathNodeKind.SQUARE, *plan.square.centre, "中心广场")
    for facing in "NSEW":
        g.attach(square, facing)
    lots = []
    for lot in plan.lots:
        lots.append(g.node(PathNodeKind.PARKING, lot.x, lot.y, lot.label))
        g.attach(lots[-1], "N", vehicle=True)
        g.attach(lots[-1], "S", vehicle=True)
    ramps = []
    for ramp in plan.ramps:
        ramps.append(g.node(PathNodeKind.PARKING, ramp.x, ramp.y, ramp.label))
        g.attach(ramps[-1], ramp.facing, vehicle=True)
    g.finish()
    if len({(n.x, n.y) for n in g.nodes}) != len(g.nodes):  # the writer keys nodes by position
        raise RuntimeError("two walkway nodes at the same point")
    edges = [g.edges[k] for k in sorted(g.edges)]
    logger.debug("walkways: %d nodes, %d edges", len(g.nodes), len(edges))
    return Walkways(g.nodes, edges, entrance, post, gates, square, lots, ramps)
