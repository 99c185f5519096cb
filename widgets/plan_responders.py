"""Responders on the site plan (▲): where the feed last saw them, amber when available, green while on a job.

One scatter item for all of them; positions arrive about once a second per walking responder, and a burst
is drawn once (at most one redraw per REDRAW_MS), so a moving team costs the UI thread almost nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QObject, QTimer

from cockpit.incident_views import ResponderView
from cockpit.models import ResponderRole, ResponderStatus
from cockpit.site import ResponderPoint

from .incident_labels import activity_label
from .labels import label
from .theme import COLORS

REDRAW_MS = 200
ON_A_JOB = frozenset({"notified", "accepted", "en_route", "on_site", "done"})


@dataclass
class _Shown:
    name: str
    role: ResponderRole
    status: ResponderStatus
    x: float
    y: float
    activity: str | None = None


class PlanResponders(QObject):
    def __init__(self, plot: pg.PlotWidget, responders: Iterable[ResponderPoint],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown = {r.id: _Shown(r.name, r.role, r.status, r.x, r.y) for r in responders}
        self._tips: dict[int, str] = {}
        self.item = pg.ScatterPlotItem(hoverable=True, tip=lambda x, y, data: self._tips.get(data, ""))
        self.item.setZValue(25)
        plot.addItem(self.item)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(REDRAW_MS)
        self._soon.timeout.connect(self.draw)
        self.draw()

    def move(self, responders: Iterable[ResponderView]) -> None:
        """Live positions and states; drawn on the next redraw."""
        for r in responders:
            shown = self._shown.get(r.id)
            if shown is None:
                continue
            shown.x, shown.y, shown.status, shown.activity = r.x, r.y, r.status, r.activity
        if not self._soon.isActive():
            self._soon.start()

    def state_of(self, responder_id: int) -> str:
        """available | on_job | off_duty, as drawn."""
        shown = self._shown[responder_id]
        if shown.activity in ON_A_JOB or shown.status is ResponderStatus.BUSY:
            return "on_job"
        return "off_duty" if shown.status is ResponderStatus.OFF_DUTY else "available"

    def position_of(self, responder_id: int) -> tuple[float, float]:
        shown = self._shown[responder_id]
        return shown.x, shown.y

    def draw(self) -> None:
        spots = []
        for rid, shown in self._shown.items():
            state = self.state_of(rid)
            colour = {"on_job": COLORS["ok"], "off_duty": COLORS["muted"]}.get(state, COLORS["responder"])
            spots.append({"pos": (shown.x, shown.y), "data": rid, "symbol": "t1",
                          "size": 17 if state == "on_job" else 14, "brush": pg.mkBrush(colour),
                          "pen": pg.mkPen("#ffffff" if state == "on_job" else "#0d1218", width=1.5)})
            doing = activity_label(shown.activity) if shown.activity else label(shown.status)
            self._tips[rid] = f"{shown.name} · {label(shown.role)} · {doing}"
        self.item.setData(spots=spots)
