"""Dispatch routing: rank the available responders by walking time along the walkways to an incident.

Straight-line distance lies on an estate (fences, buildings, one gate between two blocks); the walkway
graph knows the way round. ETAs use a walking speed per role, conservative on purpose: a promise of
"there in 4 minutes" that takes 6 is worse than the other way round.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from .models import ResponderRole, ResponderStatus
from .walkways import NoPath, Point, Route, WalkwayGraph

logger = logging.getLogger(__name__)

DEFAULT_SPEEDS_MPS: Mapping[ResponderRole, float] = {
    ResponderRole.SECURITY_GUARD: 1.4,
    ResponderRole.MEDIC: 1.6,
    ResponderRole.PROPERTY_STAFF: 1.2,
    ResponderRole.GRID_WORKER: 1.2,
}
DEFAULT_DEADLINE_S = 600.0


class ResponderLike(Protocol):
    """What routing needs of a responder (cockpit.site.ResponderPoint and cockpit.models.Responder fit)."""

    @property
    def id(self) -> int: ...
    @property
    def role(self) -> ResponderRole: ...
    @property
    def status(self) -> ResponderStatus: ...
    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...


@dataclass(frozen=True)
class Candidate:
    """One responder's way to the incident."""

    responder_id: int
    role: ResponderRole
    route: Route
    eta_s: float
    beyond_deadline: bool  # would arrive after the deadline given to rank_responders

    @property
    def distance_m(self) -> float:
        return self.route.length_m


def walking_eta_s(
    route: Route, role: ResponderRole, speeds: Mapping[ResponderRole, float] = DEFAULT_SPEEDS_MPS
) -> float:
    speed = speeds.get(role, DEFAULT_SPEEDS_MPS[role])
    if not (math.isfinite(speed) and speed > 0):
        raise ValueError(f"walking speed of {role} must be > 0 m/s, not {speed!r}")
    return route.length_m / speed


def rank_responders(
    graph: WalkwayGraph,
    responders: Iterable[ResponderLike],
    goal: Point,
    *,
    speeds: Mapping[ResponderRole, float] = DEFAULT_SPEEDS_MPS,
    deadline_s: float = DEFAULT_DEADLINE_S,
    exclude: Collection[int] = (),
    statuses: Collection[ResponderStatus] = (ResponderStatus.AVAILABLE,),
) -> list[Candidate]:
    """Responders in one of `statuses` and not excluded (e.g. already dispatched or declined), fastest first.

    `deadline_s` is measured from now: pass the arrival clock's remaining seconds to flag those who
    would arrive too late. Responders with no walkway to the goal are left out (and logged).
    """
    ranked = []
    for r in responders:
        if r.id in exclude or r.status not in statuses:
            continue
        try:
            route = graph.route((r.x, r.y), goal)
        except NoPath:
            logger.warning("responder %s has no walkway to %s", r.id, goal)
            continue
        eta = walking_eta_s(route, r.role, speeds)
        ranked.append(Candidate(r.id, r.role, route, eta, eta > deadline_s))
    ranked.sort(key=lambda c: (c.eta_s, c.responder_id))
    return ranked
