"""The simulated people: deterministic, on the walkways, at walking pace; falls, crowds and intruders."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from services.sim.world import SimulatedWorld

T0 = 1_800_000_000.0
HZ = 15


def _segments(site) -> np.ndarray:
    return np.array([(s.ax, s.ay, s.bx, s.by) for s in site.snapshot.paths])


def _off_walkway(segs: np.ndarray, frame) -> np.ndarray:
    """Each person's distance to the nearest walkway segment."""
    p = np.array([(q.x, q.y) for q in frame.people])[:, None, :]
    a, b = segs[None, :, :2], segs[None, :, 2:]
    ab = b - a
    t = np.clip(((p - a) * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-12), 0, 1)
    closest = a + t[..., None] * ab
    return np.linalg.norm(p - closest, axis=-1).min(axis=1)


def run(world: SimulatedWorld, start: float, seconds: float, every=None):
    frame = None
    for i in range(int(seconds * HZ) + 1):
        frame = world.step(start + i / HZ)
        if every is not None:
            every(frame)
    return frame


def test_same_seed_same_steps_same_world(sim_site):
    a, b, c = (SimulatedWorld(sim_site.snapshot, seed, 60) for seed in (5, 5, 6))
    for world in (a, b, c):
        run(world, T0, 20)
    assert a.frame() == b.frame()
    assert a.frame() != c.frame()
    assert a.frame().t == T0 + 20 and len(a.frame().people) == 60


def test_people_walk_on_walkways_at_walking_pace(sim_site):
    world = SimulatedWorld(sim_site.snapshot, 11, 150)
    segs = _segments(sim_site)
    last: dict[int, tuple[float, float]] = {}
    speeds: list[float] = []
    postures: set[str] = set()

    def check(frame) -> None:
        assert _off_walkway(segs, frame).max() < 1.0
        for p in frame.people:
            if p.id in last:
                speeds.append(math.dist(last[p.id], (p.x, p.y)) * HZ)
            last[p.id] = (p.x, p.y)
            postures.add(p.posture)

    run(world, T0, 90, check)
    assert max(speeds) <= 1.5 + 1e-6
    moving = [s for s in speeds if s > 0.05]
    assert min(moving) > 0 and np.median(moving) == pytest.approx(1.2, abs=0.25)
    assert postures == {"walking", "standing"}  # some pause at their destinations


def test_a_fall_happens_at_the_place_and_the_person_stays_down(sim_site):
    world = SimulatedWorld(sim_site.snapshot, 2, 150)
    frame = run(world, T0, 1)
    # someone a few metres further along their way: they walk up and fall
    walker = next(p for p in frame.people if p.posture == "walking")
    spot = (walker.x, walker.y)
    frame = run(world, T0 + 2, 3)
    downs: list[tuple[int, float]] = []
    pid = world.fall(spot, reach_s=15, on_down=lambda p, t: downs.append((p, t)))
    assert pid <= 150  # one of the people already there
    run(world, T0 + 6, 25)
    assert downs and downs[0][0] == pid and downs[0][1] > T0 + 5
    run(world, T0 + 32, 60)
    person = world.person(pid)
    assert person.posture == "fallen" and math.dist((person.x, person.y), spot) < 0.01
    assert world.recover(pid)
    run(world, T0 + 93, 2)
    assert world.person(pid).posture == "walking"


def test_with_nobody_near_someone_appears_fallen(sim_site):
    world = SimulatedWorld(sim_site.snapshot, 2, 10)
    run(world, T0, 1)
    downs: list[tuple[int, float]] = []
    pid = world.fall((5.0, 5.0), reach_s=0, on_down=lambda p, t: downs.append((p, t)))
    assert pid == 11
    run(world, T0 + 2, 1)
    assert downs == [(pid, T0 + 2)]
    assert world.person(pid).posture == "fallen" and (world.person(pid).x, world.person(pid).y) == (5.0, 5.0)


def test_a_crowd_gathers_in_bounded_time_and_disperses(sim_site):
    world = SimulatedWorld(sim_site.snapshot, 4, 150)
    square = next(m for m in sim_site.snapshot.landmarks if m.kind == "square")
    run(world, T0, 1)
    formed: list[float] = []
    gid = world.gather(square.x, square.y, 20, 6.0, within_s=20, on_formed=lambda g, t: formed.append(t))

    def near(frame) -> int:
        return sum(math.hypot(p.x - square.x, p.y - square.y) <= 6.0 for p in frame.people)

    frame = run(world, T0 + 2, 30)
    assert formed and formed[0] - (T0 + 1) < 30
    assert near(frame) >= 20
    assert sum(p.posture == "standing" and math.hypot(p.x - square.x, p.y - square.y) <= 6 for p in frame.people) >= 20
    world.disperse(gid)
    frame = run(world, T0 + 33, 30)
    assert near(frame) < 10


def test_an_intruder_walks_the_given_path_then_leaves(sim_site):
    world = SimulatedWorld(sim_site.snapshot, 4, 20)
    run(world, T0, 1)
    path = [(101.0, 240.0), (101.0, 227.0), (101.0, 212.0)]
    reached: list[tuple[int, float]] = []
    pid = world.spawn_intruder(path, speed_mps=1.3, on_waypoint=lambda p, k, t: reached.append((k, t)))
    world.set_night(True)
    frame = run(world, T0 + 2, 5)
    me = next(p for p in frame.people if p.id == pid)
    assert frame.night and me.x == pytest.approx(101.0) and 240 > me.y > 227
    run(world, T0 + 8, 20)
    assert [k for k, _ in reached[:2]] == [1, 2]
    assert reached[0][1] - (T0 + 1) == pytest.approx(13 / 1.3, abs=0.2)
    run(world, T0 + 29, 600)
    assert world.person(pid) is None  # walked off and left the site


def test_frames_are_cheap_and_served_from_a_running_thread(sim_site):
    world = SimulatedWorld(sim_site.snapshot, 9, 150)
    started = time.thread_time()
    run(world, T0, 10)  # 150 steps = 10 s of world at 15 Hz
    cpu_per_second = (time.thread_time() - started) / 10
    assert cpu_per_second < 0.03, f"{cpu_per_second:.2%} of a core"
    world = SimulatedWorld(sim_site.snapshot, 9, 150)  # on the wall clock
    world.start(hz=HZ)
    try:
        first = world.frame().t
        time.sleep(0.3)
        assert world.frame().t > first and len(world.frame().people) == 150
    finally:
        world.stop()
