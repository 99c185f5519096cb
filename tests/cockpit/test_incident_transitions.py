"""Every action tried from every kind of state (the table the random walks may miss): refused exactly when the
spec says so, and then nothing changed; allowed ones leave one audit event."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from cockpit.incidents import IncidentDesk, IncidentError
from cockpit.models import DispatchState, DispatchTask, Incident

from .incident_spec import ACTIVE, CANCELLABLE, DISPATCH_ALLOWED, DS, IS, LIVE, rows
from .ops_site import T0, make_alarm

# How to get there: "assign" sends responder 0 (the dispatch the report_* actions act on).
SETUPS: dict[str, tuple[Any, ...]] = {
    "open": (),
    "locked": ("lock",),
    "notified": ("assign",),
    "accepted": ("assign", DS.ACCEPTED),
    "en_route": ("assign", DS.EN_ROUTE),
    "on_site": ("assign", DS.ON_SITE),
    "done": ("assign", DS.ON_SITE, DS.DONE),
    "declined": ("assign", DS.DECLINED),
    "stood_down": ("assign", DS.CANCELLED),
    "resolved_unattended": ("resolve",),
    "resolved_on_site": ("assign", DS.ON_SITE, "resolve"),
    "resolved_done": ("assign", DS.ON_SITE, DS.DONE, "resolve"),
    "closed": ("assign", DS.ON_SITE, "resolve", "close"),
    "cancelled": ("assign", "cancel"),
}


class Scene:
    def __init__(self, session: Any, site: Any, steps: tuple[Any, ...]) -> None:
        self.session, self.site, self.t = session, site, 0
        self.incident: Incident = self.desk().open([make_alarm(session, site.site_id)])
        self.task: DispatchTask | None = None
        self.spare = make_alarm(session, site.site_id)  # for add_alarm, made before any snapshot
        for step in steps:
            self.act(step)

    def desk(self) -> IncidentDesk:
        self.t += 1
        return IncidentDesk(self.session, self.site.actor, T0 + timedelta(seconds=self.t))

    def act(self, step: Any) -> None:
        inc, desk = self.incident, self.desk()
        if step == "assign":
            self.task = desk.assign(inc, self.site.responder_ids[0])
        elif isinstance(step, DispatchState):
            assert self.task is not None
            desk.update_dispatch(self.task, step)
        else:
            {"lock": desk.mark_video_locked, "resolve": desk.resolve, "cancel": lambda i: desk.cancel(i, reason="dup"),
             "close": lambda i: desk.close(i, outcome="ok", note="fine")}[step](inc)


def actions(scene: Scene) -> dict[str, tuple[bool, Callable[[IncidentDesk], Any]]]:
    """Each action and whether the spec allows it in this scene."""
    inc, task, site = scene.incident, scene.task, scene.site
    live, resolved = inc.state in LIVE, inc.state is IS.RESOLVED
    busy = any(d.responder_id == site.responder_ids[0] and d.state in ACTIVE for d in inc.dispatches)
    out: dict[str, tuple[bool, Callable[[IncidentDesk], Any]]] = {
        "open_again": (False, lambda d: d.open(list(inc.alarms))),
        "add_alarm": (live, lambda d: d.add_alarm(inc, scene.spare)),
        "lock": (live and inc.video_locked_at is None, lambda d: d.mark_video_locked(inc)),
        "assign_same": (live and not busy, lambda d: d.assign(inc, site.responder_ids[0])),
        "assign_other": (live, lambda d: d.assign(inc, site.responder_ids[1], eta_s=60.0)),
        "resolve": (live, lambda d: d.resolve(inc)),
        "close": (resolved, lambda d: d.close(inc, outcome="treated", note="ok")),
        "close_without_note": (False, lambda d: d.close(inc, outcome="treated", note="")),
        "close_without_outcome": (False, lambda d: d.close(inc, outcome=" ", note="ok")),
        "cancel": (inc.state in CANCELLABLE, lambda d: d.cancel(inc, reason="opened twice")),
        "cancel_without_reason": (False, lambda d: d.cancel(inc, reason="")),
        "reopen": (resolved, lambda d: d.reopen(inc, reason="again")),
        "reopen_without_reason": (False, lambda d: d.reopen(inc, reason="\t")),
    }
    if task is not None:
        for s in DS:
            out[f"report_{s.value}"] = ((task.state, s) in DISPATCH_ALLOWED, lambda d, s=s: d.update_dispatch(task, s))
    return out


@pytest.mark.parametrize("setup", SETUPS)
def test_every_action_from_every_state(ops, setup: str):
    session, site = ops
    names = list(actions(Scene(session, site, SETUPS[setup])))
    for name in names:
        session.rollback()  # back to the start of the test: a fresh scene for each action
        scene = Scene(session, site, SETUPS[setup])
        legal, act = actions(scene)[name]
        before = rows(session)
        try:
            act(scene.desk())
        except IncidentError:
            assert not legal, f"{setup}: {name} was refused"
            assert rows(session) == before, f"{setup}: refused {name} changed something"
        else:
            assert legal, f"{setup}: {name} was allowed"
            assert rows(session)[-1] == before[-1] + 1, f"{setup}: {name} left other than one audit event"
