"""Simulated responders over a real Mosquitto: a dispatch is accepted, walked along the walkways, and finished."""

from __future__ import annotations

import itertools
import math
import uuid

import numpy as np

from cockpit.models import ResponderStatus
from services.sim.feed import SensorFeed, SimulatedResponders, topics

from .conftest import Listener

FAST = {"accept_delay_s": 0.3, "dwell_s": 0.5, "speed_factor": 15.0, "report_every_s": 0.1, "tick_s": 0.02}


def _distance_to_polyline(points: list[tuple[float, float]], x: float, y: float) -> float:
    p = np.array([x, y])
    best = math.inf
    for a, b in itertools.pairwise(points):
        a, b = np.array(a), np.array(b)
        t = np.clip(np.dot(p - a, b - a) / max(np.dot(b - a, b - a), 1e-12), 0, 1)
        best = min(best, float(np.linalg.norm(p - (a + t * (b - a)))))
    return best


def test_a_dispatched_responder_walks_there_and_reports(mosquitto, sim_site):
    site = f"R{uuid.uuid4().hex[:6]}"
    snapshot = sim_site.snapshot
    guard = next(r for r in snapshot.responders if r.status is ResponderStatus.AVAILABLE)
    g = sim_site.graph
    start = g.nearest_node(guard.x, guard.y)
    tx, ty = next(p for n, p in enumerate(g.nodes) if 40 < g.distance(start, n) < 80)
    route = g.route((guard.x, guard.y), (tx, ty))
    listener = Listener(*mosquitto, topics.responders_filter(site))
    sim_feed = SensorFeed(*mosquitto, site).start()
    product = SensorFeed(*mosquitto, site).start()
    responders = SimulatedResponders(snapshot, sim_site.graph, sim_feed, **FAST)
    responders.start()
    try:
        listener.collect(1.0, lambda out: len(out) == len(snapshot.responders))  # everyone's initial state
        product.dispatch(guard.id, "INC-7", tx, ty, "crowd")
        got = listener.collect(15, lambda out: any(p["status"] == "available" and p["responder"] == guard.id
                                                   for _, p, _ in out))
    finally:
        responders.stop()
        product.stop()
        sim_feed.stop()
        listener.close()
    mine = [p for t, p, _ in got if t == topics.responder_state(site, guard.id)]
    statuses = [p["status"] for p in mine]
    first_en_route = statuses.index("en_route")
    assert statuses[:first_en_route + 1] == ["notified", "accepted", "en_route"]
    assert statuses[-3:] == ["on_site", "done", "available"]
    walking = [p for p in mine if p["status"] == "en_route"]
    assert len(walking) >= 5  # positions along the way, not a jump
    for p in walking:
        assert _distance_to_polyline(list(route.points), p["x"], p["y"]) < 0.05
        assert p["incident"] == "INC-7" and p["role"] == guard.role.value
    left = [p["distance_m"] for p in walking]
    assert left == sorted(left, reverse=True) and left[0] == round(route.length_m, 1)
    on_site = mine[statuses.index("on_site")]
    assert (on_site["x"], on_site["y"]) == (round(tx, 2), round(ty, 2))
    accepted_at = mine[1]["seq"]
    assert accepted_at == mine[0]["seq"] + 1 and mine[-1]["incident"] is None
    assert responders.states()[guard.id][0] == "available"


def test_off_duty_staff_decline(mosquitto, sim_site):
    site = f"R{uuid.uuid4().hex[:6]}"
    off = next(r for r in sim_site.snapshot.responders if r.status is ResponderStatus.OFF_DUTY)
    feed = SensorFeed(*mosquitto, site).start()
    listener = Listener(*mosquitto, topics.responder_state(site, off.id))
    responders = SimulatedResponders(sim_site.snapshot, sim_site.graph, feed, **FAST)
    responders.start()
    try:
        product = SensorFeed(*mosquitto, site).start()
        product.dispatch(off.id, "INC-8", 100.0, 100.0)
        got = listener.collect(5, lambda out: len(out) == 2)
        product.stop()
    finally:
        responders.stop()
        feed.stop()
        listener.close()
    assert [p["status"] for _, p, _ in got] == ["off_duty", "declined"]
    assert got[1][1]["incident"] == "INC-8" and got[1][1]["reason"] == "off duty"
