"""ScenarioRunner: acts out a scenario on the world, camera events and sensor feed, and logs the ground truth."""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from cockpit.site import CameraPlacement, SiteSnapshot

from .feed.publisher import SensorFeed
from .feed.topics import iso
from .model import EventHub, SimCamera
from .scenario_cameras import (
    Viewpoint,
    line_crossed,
    motion,
    objects_inside,
    seeing,
    viewpoints,
)
from .scenario_data import ScenarioData
from .scenario_places import Plan, plan_scenario
from .scenario_schema import Scenario, ScenarioError, load_scenario, parse_scenario
from .scenario_truth import GroundTruthLog, Record
from .world import SimulatedWorld

logger = logging.getLogger(__name__)

__all__ = ["Scenario", "ScenarioError", "ScenarioRunner", "load_scenario", "parse_scenario"]

# kind -> (message type, value when tripped, unit, value when clear)
_SENSOR_SIGNAL: dict[str, tuple[str, object, str | None, object]] = {
    "smoke": ("smoke", 12.0, "%/m", 0.0),
    "heart_rate": ("heart_rate", None, "bpm", 76),
    "emergency_button": ("button", "pressed", None, "reset"),
    "door": ("door", "open", None, "closed"),
}
_MAX_WAIT_S = 0.05  # the scheduler re-reads the clock at least this often (clocks may run fast in tests)


class ScenarioRunner:
    """Runs on its own thread: incidents at their times (repeating if the scenario loops).

    Camera incidents (fall, crowd, intrusion) take effect when the world reports them done — the
    person is down, the crowd has formed, the intruder is over the fence — and that moment is the
    ground-truth time. Give the world and the runner the same clock.
    """

    def __init__(self, scenario: Scenario, world: SimulatedWorld, site: SiteSnapshot, camera_events: EventHub,
                 feed: SensorFeed | None, cameras: Sequence[SimCamera | CameraPlacement],
                 ground_truth_path: Path | None = None, clock: Callable[[], float] = time.time, *,
                 data: ScenarioData | None = None, motion_hold_s: float = 5.0) -> None:
        self.scenario = scenario
        self.plans: list[Plan] = plan_scenario(scenario, site, world.graph, data or ScenarioData.from_site(site))
        self._world, self._hub, self._feed, self._clock = world, camera_events, feed, clock
        self._cams = viewpoints(cameras)
        self._hold = motion_hold_s
        self._truth = GroundTruthLog(ground_truth_path)
        self._run_id = uuid.uuid4().hex[:6]
        self._queue: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()
        self._cond = threading.Condition()
        self._stopped = False
        self._thread: threading.Thread | None = None
        self._fallen: set[int] = set()

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopped = False
        self._cycle(0, self._clock())
        self._thread = threading.Thread(target=self._run, name=f"scenario-{self.scenario.name}", daemon=True)
        self._thread.start()
        logger.info("scenario %s started: %d incidents%s", self.scenario.name, len(self.plans),
                    f", every {self.scenario.cycle_s:g} s" if self.scenario.loop else "")

    def stop(self) -> None:
        """Stop playing; the world is left tidy (nobody down, no crowd, daylight)."""
        with self._cond:
            self._stopped = True
            self._queue.clear()
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(5.0)
            self._thread = None
        for pid in list(self._fallen):
            self._world.recover(pid)
        self._world.disperse()
        self._world.set_night(False)

    def records(self) -> list[Record]:
        """Ground-truth records written so far."""
        return self._truth.records()

    # -- scheduling ---------------------------------------------------------------------------

    def _at(self, due: float, action: Callable[[], None]) -> None:
        with self._cond:
            if not self._stopped:
                heapq.heappush(self._queue, (due, next(self._order), action))
                self._cond.notify_all()

    def _soon(self, action: Callable[[], None]) -> None:
        self._at(-math.inf, action)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stopped:
                    if self._queue and self._queue[0][0] <= self._clock():
                        break
                    wait = self._queue[0][0] - self._clock() if self._queue else 0.5
                    self._cond.wait(min(max(wait, 0.0), _MAX_WAIT_S if self._queue else 0.5))
                if self._stopped:
                    return
                _, _, action = heapq.heappop(self._queue)
            try:
                action()
            except Exception:  # one broken incident must not end the show
                logger.exception("scenario %s: an action failed", self.scenario.name)

    def _cycle(self, n: int, t0: float) -> None:
        for plan in self.plans:
            self._at(t0 + plan.incident.at, partial(self._begin, plan, n))
        if self.scenario.loop:
            t1 = t0 + self.scenario.cycle_s
            self._at(t1, partial(self._cycle, n + 1, t1))

    # -- incidents ----------------------------------------------------------------------------

    def _begin(self, plan: Plan, cycle: int) -> None:
        inc, now = plan.incident, self._clock()
        logger.info("scenario %s: incident %d (%s) begins", self.scenario.name, plan.index + 1, inc.kind)
        if inc.night:  # dark until the incident is over (see _record)
            self._world.set_night(True)
        if inc.kind == "fall":
            self._fallen.add(self._world.fall((plan.x, plan.y), inc.approach, on_down=lambda pid, t: self._soon(
                partial(self._fell, plan, cycle, pid, t))))
        elif inc.kind == "crowd":
            self._world.gather(plan.x, plan.y, inc.count, inc.radius_m, inc.approach,
                               on_formed=lambda gid, t: self._soon(partial(self._formed, plan, cycle, gid, t)))
        elif inc.kind == "intrusion":
            def over(pid: int, k: int, t: float) -> None:
                if k == 1:  # path[1] is on the fence line
                    self._soon(partial(self._crossed, plan, cycle, pid, t))
            self._world.spawn_intruder(list(plan.path), on_waypoint=over)
        else:
            self._trip(plan, cycle, now)

    def _fell(self, plan: Plan, cycle: int, pid: int, t: float) -> None:
        cams = seeing(self._cams, plan.x, plan.y)
        self._motion(cams, t)
        self._record(plan, cycle, t, cams, person_id=pid)

        def up() -> None:
            self._fallen.discard(pid)
            self._world.recover(pid)
        self._at(t + plan.incident.duration, up)

    def _formed(self, plan: Plan, cycle: int, gid: int, t: float) -> None:
        cams = seeing(self._cams, plan.x, plan.y)
        for cam in cams:
            self._hub.publish(objects_inside(cam, True, gid, t))
        self._record(plan, cycle, t, cams, gathering_id=gid)

        def leave() -> None:
            self._world.disperse(gid)
            now = self._clock()
            for cam in cams:
                self._hub.publish(objects_inside(cam, False, gid, now))
        self._at(t + plan.incident.duration, leave)

    def _crossed(self, plan: Plan, cycle: int, pid: int, t: float) -> None:
        cams = seeing(self._cams, plan.x, plan.y)
        for cam in cams:
            self._hub.publish(line_crossed(cam, pid, t))
        self._motion(cams, t)
        self._record(plan, cycle, t, cams, person_id=pid)

    def _motion(self, cams: list[Viewpoint], t: float) -> None:
        for cam in cams:
            self._hub.publish(motion(cam, True, t))

        def calm() -> None:
            now = self._clock()
            for cam in cams:
                self._hub.publish(motion(cam, False, now))
        self._at(t + self._hold, calm)

    def _trip(self, plan: Plan, cycle: int, now: float) -> None:
        device, inc = plan.device, plan.incident
        assert device is not None
        type_, value, unit, normal = _SENSOR_SIGNAL[inc.kind]
        value = inc.bpm if inc.kind == "heart_rate" else value
        if self._feed is not None:
            self._feed.sensor_event(device.code, device.kind.value, type_, "alarm", value, unit)
        self._record(plan, cycle, now, [], device_codes=[device.code], resident_id=device.resident_id)

        def clear() -> None:
            if self._feed is not None:
                self._feed.sensor_event(device.code, device.kind.value, type_, "clear", normal, unit)
        self._at(now + inc.duration, clear)

    def _record(self, plan: Plan, cycle: int, t: float, cams: list[Viewpoint], **extra: object) -> None:
        """The incident took effect at `t`: write its ground truth; night lasts until it is over."""
        inc = plan.incident
        if inc.night:
            self._at(t + inc.duration, partial(self._world.set_night, False))
        record: Record = {
            "id": f"{self.scenario.name}-{self._run_id}-{cycle}-{plan.index + 1}",
            "kind": inc.kind, "scenario": self.scenario.name, "cycle": cycle, "index": plan.index,
            "at": round(t, 3), "at_iso": iso(t), "x": round(plan.x, 2), "y": round(plan.y, 2),
            "building": plan.building, "floor": plan.floor, "label": inc.label or plan.label,
            "resident_id": None, "device_codes": [], "camera_codes": [c.code for c in cams],
            "night": inc.night, "person_id": None,
        }
        record.update(extra)
        self._truth.write(record)
