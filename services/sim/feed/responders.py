"""SimulatedResponders: guards and staff who take dispatch commands over MQTT, walk there and report as they go."""

from __future__ import annotations

import itertools
import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cockpit.models import ResponderRole, ResponderStatus
from cockpit.site import SiteSnapshot
from cockpit.walkways import Point, WalkwayGraph

from .publisher import SensorFeed

logger = logging.getLogger(__name__)

ROLE_SPEED_MPS = {  # a brisk walk, guards and medics faster
    ResponderRole.SECURITY_GUARD: 1.8, ResponderRole.MEDIC: 2.0,
    ResponderRole.GRID_WORKER: 1.4, ResponderRole.PROPERTY_STAFF: 1.4,
}


@dataclass
class _Responder:
    id: int
    role: ResponderRole
    x: float
    y: float
    on_duty: bool
    status: str = "available"
    incident: str | None = None
    target: Point | None = None
    route: list[Point] = field(default_factory=list)
    due: float = 0.0  # next transition (notified -> accepted, on_site -> done)
    moved_at: float = 0.0
    report_at: float = 0.0


class SimulatedResponders:
    """One thread for all responders. Per dispatch: notified → accepted (after a delay) → en_route (position
    every `report_every_s`) → on_site → done (after `dwell_s`) → available. Off-duty staff decline."""

    def __init__(self, site: SiteSnapshot, walkways: WalkwayGraph, feed: SensorFeed, *, accept_delay_s: float = 3.0,
                 dwell_s: float = 60.0, speed_factor: float = 1.0, report_every_s: float = 1.0,
                 clock: Callable[[], float] = time.time, tick_s: float = 0.1) -> None:
        self._graph, self._feed, self._clock = walkways, feed, clock
        self._accept, self._dwell, self._speed = accept_delay_s, dwell_s, speed_factor
        self._every, self._tick = report_every_s, tick_s
        self._team = {r.id: _Responder(r.id, r.role, r.x, r.y, r.status is not ResponderStatus.OFF_DUTY)
                      for r in site.responders}
        self._inbox: deque[tuple[int, dict[str, Any]]] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        for r in self._team.values():
            self._report(r, r.status if r.on_duty else "off_duty")
        self._feed.on_dispatch(self._on_dispatch)
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sim-responders", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5.0)
            self._thread = None

    def states(self) -> dict[int, tuple[str, float, float]]:
        """Each responder's (status, x, y) now."""
        with self._lock:
            return {r.id: (r.status, r.x, r.y) for r in self._team.values()}

    def _on_dispatch(self, responder: int, command: dict[str, Any]) -> None:  # on the MQTT thread
        self._inbox.append((responder, command))

    def _run(self) -> None:
        while not self._stop.wait(self._tick):
            try:
                self.tick(self._clock())
            except Exception:
                logger.exception("responder simulation step failed")

    def tick(self, now: float) -> None:
        while self._inbox:
            self._command(*self._inbox.popleft(), now)
        with self._lock:
            busy = [r for r in self._team.values() if r.status in ("notified", "en_route", "on_site")]
        for r in busy:
            self._advance(r, now)

    def _report(self, r: _Responder, status: str, **extra: object) -> None:
        with self._lock:
            r.status = status
        self._feed.responder_state(r.id, status, r.x, r.y, r.incident, role=r.role.value, **extra)

    def _command(self, rid: int, cmd: dict[str, Any], now: float) -> None:
        r = self._team.get(rid)
        if r is None:
            logger.warning("dispatch to unknown responder %s ignored", rid)
            return
        incident = str(cmd.get("incident", ""))
        if cmd.get("task") == "cancel":
            if r.incident == incident or not incident:
                r.route, r.target = [], None
                self._report(r, "available")
                r.incident = None
            return
        try:
            target = (float(cmd["x"]), float(cmd["y"]))
        except (KeyError, TypeError, ValueError):
            logger.warning("dispatch to %s without a usable x, y: %s", rid, cmd)
            return
        if not r.on_duty:
            r.incident = incident
            self._report(r, "declined", reason="off duty")
            r.incident = None
            return
        r.incident, r.target, r.route, r.due = incident, target, [], now + self._accept
        self._report(r, "notified", task=cmd.get("task"))

    def _advance(self, r: _Responder, now: float) -> None:
        speed = ROLE_SPEED_MPS.get(r.role, 1.4) * self._speed
        if r.status == "notified" and now >= r.due:
            assert r.target is not None
            r.route = list(self._graph.route((r.x, r.y), r.target).points[1:])
            self._report(r, "accepted")
            r.moved_at, r.report_at = now, now + self._every
            self._report(r, "en_route", distance_m=round(self._left(r), 1),
                         eta_s=round(self._left(r) / speed, 1))
        elif r.status == "en_route":
            self._walk(r, speed * (now - r.moved_at))
            r.moved_at = now
            if not r.route:
                r.due = now + self._dwell
                self._report(r, "on_site")
            elif now >= r.report_at:
                r.report_at += self._every * max(1, math.floor((now - r.report_at) / self._every) + 1)
                left = self._left(r)
                self._report(r, "en_route", distance_m=round(left, 1), eta_s=round(left / speed, 1))
        elif r.status == "on_site" and now >= r.due:
            self._report(r, "done")
            r.incident = r.target = None
            self._report(r, "available")

    def _walk(self, r: _Responder, metres: float) -> None:
        with self._lock:
            while metres > 0 and r.route:
                tx, ty = r.route[0]
                d = math.hypot(tx - r.x, ty - r.y)
                if d <= metres:
                    r.x, r.y = tx, ty
                    r.route.pop(0)
                    metres -= d
                else:
                    r.x += (tx - r.x) / d * metres
                    r.y += (ty - r.y) / d * metres
                    metres = 0.0

    @staticmethod
    def _left(r: _Responder) -> float:
        pts = [(r.x, r.y), *r.route]
        return sum(math.dist(a, b) for a, b in itertools.pairwise(pts))
