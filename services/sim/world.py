"""The simulated people of a site: they walk the walkways; the scenario engine makes them fall, gather, intrude."""

from __future__ import annotations

import itertools
import logging
import math
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

from cockpit.geometry import heading_to
from cockpit.site import SiteSnapshot
from cockpit.walkways import Point, WalkwayGraph

from .model import Person, Posture, WorldFrame

logger = logging.getLogger(__name__)

ELDERLY_SHARE = 0.2
ADULT_SPEED = (1.1, 1.5)  # m/s
ELDERLY_SPEED = (0.8, 1.05)
PAUSE_CHANCE = 0.4  # at a destination, stand a while
PAUSE_S = (3.0, 25.0)
_CLOTHES = ((60, 60, 160), (150, 90, 40), (70, 130, 70), (180, 180, 180), (40, 40, 40), (60, 140, 210),
            (120, 60, 120), (200, 200, 230), (90, 90, 90), (30, 90, 160))
_DARK = (25, 25, 30)

Mode = str  # wander | paused | approach | fallen | gather | gathered | intruder
_FREE = ("wander", "paused")  # who may be drawn into an incident
OnDown = Callable[[int, float], None]  # person id, world time
OnFormed = Callable[[int, float], None]  # gathering id, world time
OnWaypoint = Callable[[int, int, float], None]  # person id, waypoint index, world time


@dataclass(eq=False)
class _Walker:
    id: int
    x: float
    y: float
    speed: float
    height: float
    colour: tuple[int, int, int]
    route: list[Point] = field(default_factory=list)
    heading: float = 0.0
    posture: Posture = "walking"
    mode: Mode = "wander"
    pause_until: float = -math.inf
    node: int | None = None  # walkway node reached last, if standing on one
    transient: bool = False  # spawned for an incident; leaves at its next destination
    gathering: int | None = None
    reached: int = 0  # waypoints passed (intruders report them)
    on_waypoint: OnWaypoint | None = None
    on_down: OnDown | None = None


@dataclass(eq=False)
class _Gathering:
    id: int
    centre: Point
    count: int
    members: list[_Walker]
    on_formed: OnFormed | None
    formed: bool = False


class SimulatedWorld:
    """People walking a site; implements model.WorldView. Same seed + same step times = same frames."""

    def __init__(self, site: SiteSnapshot, seed: int, population: int = 150,
                 walkways: WalkwayGraph | None = None, clock: Callable[[], float] = time.time) -> None:
        self.site = site
        self.graph = walkways or WalkwayGraph.from_site(site)
        if not self.graph.segments:
            raise ValueError(f"site {site.code} has no walkways to walk on")
        self._rng = random.Random(seed)
        self._clock = clock
        self._mutex = threading.RLock()  # people and time: step() vs the incident hooks
        self._frame_lock = threading.Lock()
        self._walkers: list[_Walker] = []
        self._gatherings: dict[int, _Gathering] = {}
        self._next_id = 1
        self._next_gathering = 1
        self._t: float | None = None
        self._night = False
        self._pending: list[Callable[[], None]] = []  # callbacks run after the lock is released
        self._lengths = [self.graph.edge_length(a, b) for a, b in self.graph.segments]
        for _ in range(population):
            self._spawn_on_walkway()
        self._frame = self._snapshot()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    # -- people -----------------------------------------------------------------------------

    def _new(self, x: float, y: float, elderly: bool | None = None, **kw: object) -> _Walker:
        rng = self._rng
        elderly = rng.random() < ELDERLY_SHARE if elderly is None else elderly
        speed = rng.uniform(*(ELDERLY_SPEED if elderly else ADULT_SPEED))
        height = rng.uniform(1.5, 1.7) if elderly else rng.uniform(1.55, 1.88)
        w = _Walker(self._next_id, x, y, speed, height, rng.choice(_CLOTHES), **kw)  # type: ignore[arg-type]
        self._next_id += 1
        self._walkers.append(w)
        return w

    def _spawn_on_walkway(self) -> None:
        a, b = self._rng.choices(self.graph.segments, weights=self._lengths)[0]
        (ax, ay), (bx, by) = self.graph.nodes[a], self.graph.nodes[b]
        u = self._rng.random()
        w = self._new(ax + u * (bx - ax), ay + u * (by - ay))
        w.heading = heading_to(ax, ay, bx, by)
        w.route = [self.graph.nodes[n] for n in self._wander_path(b)]

    def _wander_path(self, start: int) -> list[int]:
        dest = self.graph.random_node(self._rng)
        while dest == start and len(self.graph.nodes) > 1:
            dest = self.graph.random_node(self._rng)
        try:
            return self.graph.shortest_path(start, dest)
        except LookupError:
            return [start]

    def _send(self, w: _Walker, goal: Point, mode: Mode) -> None:
        """Walk from wherever w is to `goal` along the walkways."""
        w.route = list(self.graph.route((w.x, w.y), goal).points[1:])
        w.mode, w.posture, w.pause_until, w.node = mode, "walking", -math.inf, None

    def _wander(self, w: _Walker) -> None:
        if w.node is None:
            w.node = self.graph.nearest_node(w.x, w.y)
            w.route = [self.graph.nodes[w.node]]
        else:
            w.route = []
        w.route += [self.graph.nodes[n] for n in self._wander_path(w.node)[1:]]
        w.mode, w.posture, w.gathering, w.node = "wander", "walking", None, None

    def _arrived(self, w: _Walker, t: float) -> None:
        if w.mode == "wander":
            if w.transient:
                self._walkers.remove(w)
                return
            w.node = self.graph.nearest_node(w.x, w.y)
            if self._rng.random() < PAUSE_CHANCE:
                w.mode, w.posture = "paused", "standing"
                w.pause_until = t + self._rng.uniform(*PAUSE_S)
            else:
                self._wander(w)
        elif w.mode == "approach":
            self._fall_now(w, t)
        elif w.mode == "gather":
            w.mode, w.posture = "gathered", "standing"
            g = self._gatherings.get(w.gathering or -1)
            if g is not None:
                w.heading = heading_to(w.x, w.y, *g.centre)
                self._check_formed(g, t)
        elif w.mode == "intruder":
            w.transient, w.on_waypoint = True, None
            self._wander(w)

    def _fall_now(self, w: _Walker, t: float) -> None:
        w.mode, w.posture, w.route = "fallen", "fallen", []
        if w.on_down is not None:
            self._pending.append(partial(w.on_down, w.id, t))

    def _check_formed(self, g: _Gathering, t: float) -> None:
        arrived = sum(1 for m in g.members if m.mode == "gathered")
        if not g.formed and arrived >= g.count:
            g.formed = True
            if g.on_formed is not None:
                self._pending.append(partial(g.on_formed, g.id, t))

    def _move(self, w: _Walker, dt: float, t: float) -> None:
        if w.mode in ("fallen", "gathered"):
            return
        if w.mode == "paused":
            if w.pause_until > t:
                return
            self._wander(w)
        if not w.route:
            self._arrived(w, t)
            return
        left = w.speed * dt
        w.posture = "walking"
        while left > 0.0 and w.route:
            tx, ty = w.route[0]
            dx, dy = tx - w.x, ty - w.y
            d = math.hypot(dx, dy)
            if d > 1e-9:
                w.heading = math.degrees(math.atan2(dx, dy)) % 360.0
            if d <= left:
                w.x, w.y = tx, ty
                left -= d
                w.route.pop(0)
                w.reached += 1
                if w.on_waypoint is not None:
                    self._pending.append(partial(w.on_waypoint, w.id, w.reached, t))
            else:
                w.x += dx / d * left
                w.y += dy / d * left
                left = 0.0
        if not w.route:
            self._arrived(w, t)

    # -- time ---------------------------------------------------------------------------------

    def step(self, t: float) -> WorldFrame:
        """Advance everyone to wall time `t` (epoch seconds) and publish the new frame."""
        with self._mutex:
            if self._t is not None and t > self._t:
                dt = t - self._t
                for w in list(self._walkers):
                    self._move(w, dt, t)
            if self._t is None or t > self._t:
                self._t = t
            frame = self._snapshot()
            pending, self._pending = self._pending, []
        with self._frame_lock:
            self._frame = frame
        for callback in pending:
            try:
                callback()
            except Exception:  # a broken hook must not stop the world
                logger.exception("world callback failed")
        return frame

    def _snapshot(self) -> WorldFrame:  # under self._mutex
        people = tuple(Person(w.id, w.x, w.y, w.heading, w.posture, w.height, w.colour) for w in self._walkers)
        return WorldFrame(self._t or 0.0, people, self._night)

    def frame(self) -> WorldFrame:
        with self._frame_lock:
            return self._frame

    def start(self, hz: float = 15.0) -> None:
        """Step on a background thread at `hz` until stop()."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, args=(1.0 / hz,), name="sim-world", daemon=True)
        self._thread.start()

    def _run(self, period: float) -> None:
        due = time.monotonic()
        while not self._stop.is_set():
            self.step(self._clock())
            due += period
            delay = due - time.monotonic()
            if delay < -1.0:  # fell far behind (suspended); do not try to catch up
                due, delay = time.monotonic(), 0.0
            self._stop.wait(max(0.0, delay))

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5.0)
            self._thread = None

    # -- incident hooks (scenario engine) ------------------------------------------------------

    def set_night(self, night: bool) -> None:
        with self._mutex:
            self._night = night

    def fall(self, person_near: Point, reach_s: float = 10.0, on_down: OnDown | None = None) -> int:
        """The nearest walker who can get there within `reach_s` walks there and falls; else one appears
        there fallen. Either way they stay down until recover(). Returns the person's id."""
        with self._mutex:
            for w in self._free_near(*person_near, reach_s):
                self._send(w, person_near, "approach")
                w.on_down = on_down
                return w.id
            w = self._new(*person_near, elderly=True, transient=True, mode="approach", on_down=on_down)
            return w.id  # falls on the next step, so the first frame showing them shows them down

    def _free_near(self, x: float, y: float, within_s: float) -> Iterator[_Walker]:
        """People not busy with an incident who can walk to (x, y) within `within_s`, nearest first."""
        for w in sorted((w for w in self._walkers if w.mode in _FREE), key=lambda w: math.hypot(w.x - x, w.y - y)):
            if math.hypot(w.x - x, w.y - y) > w.speed * within_s:
                return
            if self.graph.route((w.x, w.y), (x, y)).length_m <= w.speed * within_s:
                yield w

    def recover(self, person_id: int) -> bool:
        """A fallen person gets up and walks on (help arrived)."""
        with self._mutex:
            for w in self._walkers:
                if w.id == person_id and w.posture == "fallen":
                    w.on_down = None
                    self._wander(w)
                    return True
            return False

    def gather(self, x: float, y: float, count: int, radius_m: float, within_s: float = 20.0,
               on_formed: OnFormed | None = None) -> int:
        """`count` people converge within `radius_m` of (x, y) and stand there; those who cannot arrive
        within about `within_s` are replaced by passers-by arriving from nearby. Returns a gathering id."""
        with self._mutex:
            rng = self._rng
            members = list(itertools.islice(self._free_near(x, y, within_s), count))
            dist = self.graph.tree(self.graph.nearest_node(x, y))[0]
            near = [n for n, d in enumerate(dist) if d <= 0.6 * within_s] or [self.graph.nearest_node(x, y)]
            while len(members) < count:
                n = rng.choice(near)
                members.append(self._new(*self.graph.nodes[n], transient=True))
            gid, self._next_gathering = self._next_gathering, self._next_gathering + 1
            for w in members:
                r, a = radius_m * 0.8 * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
                self._send(w, (x + r * math.cos(a), y + r * math.sin(a)), "gather")
                w.gathering = gid
            self._gatherings[gid] = _Gathering(gid, (x, y), count, members, on_formed)
            return gid

    def disperse(self, gathering_id: int | None = None) -> None:
        """Gatherings break up (all, or one); people walk on, passers-by leave."""
        with self._mutex:
            ids = list(self._gatherings) if gathering_id is None else [gathering_id]
            for gid in ids:
                g = self._gatherings.pop(gid, None)
                for w in g.members if g else ():
                    if w in self._walkers and w.mode in ("gather", "gathered"):
                        self._wander(w)

    def spawn_intruder(self, path: list[Point], speed_mps: float = 1.3,
                       on_waypoint: OnWaypoint | None = None) -> int:
        """Someone in dark clothes walks `path` (e.g. over the fence by a gate), then walks off and leaves.
        `on_waypoint(person, k, t)` is called when path[k] is reached."""
        if len(path) < 2:
            raise ValueError("an intruder path needs at least two points")
        with self._mutex:
            w = self._new(*path[0], elderly=False, transient=True, mode="intruder", on_waypoint=on_waypoint)
            w.speed, w.colour, w.route = speed_mps, _DARK, [tuple(p) for p in path[1:]]  # type: ignore[misc]
            w.heading = heading_to(*path[0], *path[1])
            return w.id

    def person(self, person_id: int) -> Person | None:
        """The person as of the latest frame."""
        return next((p for p in self.frame().people if p.id == person_id), None)
