"""2D site plan: buildings, walkways, cameras with view cones, sensors, responders, coverage heatmap."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cockpit.alarm_events import AlarmView
from cockpit.cameras import CameraState
from cockpit.commissioning import Placement
from cockpit.coverage import coverage_grid
from cockpit.geometry import heading_to, heading_vector, view_cone
from cockpit.incident_views import ResponderView
from cockpit.models import BuildingKind, DeviceStatus, PathNodeKind
from cockpit.site import SiteSnapshot

from .labels import label
from .plan_alarms import PlanAlarms
from .plan_responders import PlanResponders
from .theme import COLORS

_CELL_M = 2.0


def _color(name: str, alpha: int = 255) -> QColor:
    c = QColor(COLORS[name])
    c.setAlpha(alpha)
    return c


class SitePlanWidget(QWidget):
    """Renders a SiteSnapshot; `locate` centres and marks a place the operator asked about."""

    cameraActivated = Signal(int)  # device id, on click
    placementEdited = Signal(object)  # Placement, while an installer drags a camera's handles

    def __init__(self, snapshot: SiteSnapshot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self._building_items: dict[int, QGraphicsPolygonItem] = {}
        self._highlighted: int | None = None
        self._editor: _PlacementEditor | None = None
        self._states: dict[str, CameraState] = {}

        self.plot = pg.PlotWidget()
        self.plot.setAspectLocked(True)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setMenuEnabled(False)
        self.plot.getPlotItem().hideButtons()
        self._view = self.plot.getPlotItem().getViewBox()

        self._build_static()
        self._cones = self._build_cones()
        self._cameras = self._build_cameras()
        self._sensors = self._build_sensors()
        self._responders = self._build_responders()
        self._labels = self._build_labels()
        self._coverage: pg.ImageItem | None = None
        self._marker = pg.ScatterPlotItem(size=34, pen=pg.mkPen(COLORS["alarm"], width=3),
                                          brush=pg.mkBrush(None), symbol="o")
        self._marker.setZValue(50)
        self.plot.addItem(self._marker)
        self._alarms = PlanAlarms(self.plot, self)  # open alarms as rings; new ones pulse

        self.layer_boxes: dict[str, QCheckBox] = {}
        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(8, 4, 8, 4)
        toolbar.setSpacing(16)
        for key, text, item, on in (
            ("cameras", self.tr("Cameras"), self._cameras, True),
            ("cones", self.tr("View cones"), self._cones, True),
            ("sensors", self.tr("Sensors"), self._sensors, True),
            ("responders", self.tr("Responders"), self._responders, True),
            ("labels", self.tr("Labels"), self._labels, True),
            ("coverage", self.tr("Coverage heatmap"), None, False),
        ):
            box = QCheckBox(text)
            box.setChecked(on)
            box.toggled.connect(lambda checked, k=key, i=item: self._set_layer(k, i, checked))
            toolbar.addWidget(box)
            self.layer_boxes[key] = box
        toolbar.addStretch(1)
        fit = QPushButton(self.tr("Fit site"))
        fit.clicked.connect(self.fit)
        toolbar.addWidget(fit)

        self.legend = QLabel()
        self.legend.setObjectName("hint")
        self._update_legend()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(toolbar)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        self.fit()

    # -- building the scene ------------------------------------------------------

    def _build_static(self) -> None:
        snap = self._snapshot
        if snap.boundary:
            xs = [p[0] for p in snap.boundary] + [snap.boundary[0][0]]
            ys = [p[1] for p in snap.boundary] + [snap.boundary[0][1]]
            self.plot.plot(xs, ys, pen=pg.mkPen(COLORS["muted"], width=1.5, style=Qt.PenStyle.DashLine))
        for vehicle, color, width in ((True, "road", 5.0), (False, "path", 2.0)):
            segs = [s for s in snap.paths if s.vehicle_access is vehicle]
            if not segs:
                continue
            xs = np.array([[s.ax, s.bx] for s in segs]).ravel()
            ys = np.array([[s.ay, s.by] for s in segs]).ravel()
            self.plot.plot(xs, ys, connect="pairs", pen=pg.mkPen(COLORS[color], width=width))
        for b in snap.buildings:
            poly = QPolygonF([QPointF(x, y) for x, y in b.footprint])
            item = QGraphicsPolygonItem(poly)
            fill = "building" if b.kind is BuildingKind.RESIDENTIAL else "panel"
            item.setBrush(QBrush(_color(fill)))
            item.setPen(pg.mkPen(COLORS["building_edge"], width=1))
            floors = self.tr("%1 floors").replace("%1", str(b.levels))
            item.setToolTip(f"{b.name} · {label(b.kind)} · {floors}")
            item.setZValue(5)
            self.plot.addItem(item)
            self._building_items[b.id] = item

    def _build_cones(self) -> QGraphicsPathItem:
        path = QPainterPath()
        for cam in self._snapshot.cameras:
            pts = view_cone(cam.x, cam.y, cam.heading_deg, cam.fov_deg, cam.range_m)
            path.addPolygon(QPolygonF([QPointF(x, y) for x, y in pts] + [QPointF(*pts[0])]))
        item = QGraphicsPathItem(path)
        item.setBrush(QBrush(_color("camera", 38)))
        pen = QPen(_color("camera", 90))
        pen.setCosmetic(True)
        item.setPen(pen)
        item.setZValue(8)
        self.plot.addItem(item)
        return item

    def _markers(self, spots: list[dict], tips: dict[int, str], z: float) -> pg.ScatterPlotItem:
        """One scatter layer whose points carry their record id and show a tooltip on hover."""
        item = pg.ScatterPlotItem(spots=spots, hoverable=True, tip=lambda x, y, data: tips.get(data, ""))
        item.setZValue(z)
        self.plot.addItem(item)
        return item

    def _camera_spots(self) -> list[dict]:
        spots = []
        for c in self._snapshot.cameras:
            state = self._states.get(c.code)
            problem = (state is not None and state.is_problem) or (
                state is None and c.status in (DeviceStatus.OFFLINE, DeviceStatus.FAULT))
            spots.append({"pos": (c.x, c.y), "data": c.device_id, "symbol": "d" if c.is_ptz else "o",
                          "size": 13 if c.is_ptz else 11,
                          "brush": pg.mkBrush(COLORS["ptz"] if c.is_ptz else COLORS["camera"]),
                          "pen": pg.mkPen(COLORS["alarm"] if problem else "#0d1218", width=2.5 if problem else 1.5)})
        return spots

    def _camera_tips(self) -> dict[int, str]:
        return {c.device_id: f"{c.code} {c.name} · "
                             f"{label(self._states[c.code]) if c.code in self._states else label(c.status)}"
                for c in self._snapshot.cameras}

    def _build_cameras(self) -> pg.ScatterPlotItem:
        self._tips = self._camera_tips()
        item = self._markers(self._camera_spots(), self._tips, 20)
        item.sigClicked.connect(lambda _item, points, _ev: points and self.cameraActivated.emit(int(points[0].data())))
        return item

    def set_camera_states(self, states: dict[str, CameraState]) -> None:
        """Health drives the plan: cameras with a problem get a red ring (same states as the panel)."""
        self._states.update(states)
        self._cameras.setData(spots=self._camera_spots())
        self._tips.clear()
        self._tips.update(self._camera_tips())

    def camera_has_problem(self, code: str) -> bool:
        state = self._states.get(code)
        return state is not None and state.is_problem

    # -- placing a camera (installer) -------------------------------------------------------

    def edit_placement(self, placement: Placement | None) -> None:
        """Show draggable handles for one camera (None ends editing)."""
        if self._editor is not None:
            self._editor.remove()
            self._editor = None
        if placement is not None:
            self._editor = _PlacementEditor(self.plot, placement, self.placementEdited.emit)
            half = max(30.0, placement.range_m * 1.5)
            self._view.setRange(xRange=(placement.x - half, placement.x + half),
                                yRange=(placement.y - half, placement.y + half), padding=0)

    @property
    def placement(self) -> Placement | None:
        return self._editor.placement if self._editor else None

    def set_placement(self, placement: Placement) -> None:
        """Numbers typed in a form (height, tilt, FOV…) move the handles and the cone."""
        if self._editor is not None:
            self._editor.set(placement)

    def _build_sensors(self) -> pg.ScatterPlotItem:
        return self._markers(
            [{"pos": (d.x, d.y), "data": d.id, "size": 5, "pen": None, "brush": pg.mkBrush(COLORS["sensor"])}
             for d in self._snapshot.sensors],
            {d.id: f"{d.code} {d.name} · {label(d.kind)}" for d in self._snapshot.sensors}, 15)

    def _build_responders(self) -> pg.ScatterPlotItem:
        self.responder_layer = PlanResponders(self.plot, self._snapshot.responders, self)
        return self.responder_layer.item

    def move_responders(self, responders: Iterable[ResponderView]) -> None:
        """Live positions and states from the dispatch feed; a burst is drawn once (widgets/plan_responders.py)."""
        self.responder_layer.move(responders)

    def _build_labels(self) -> pg.ItemGroup:
        group = pg.ItemGroup()
        for b in self._snapshot.buildings:
            if b.kind is BuildingKind.SERVICE and b.levels <= 1:
                continue  # guard houses sit at gates, which carry their own label
            cx, cy = b.centre
            text = pg.TextItem(str(b.number) if b.kind is BuildingKind.RESIDENTIAL else b.name,
                               color=COLORS["text"], anchor=(0.5, 0.5))
            text.setPos(cx, cy)
            group.addItem(text)
        for mark in self._snapshot.landmarks:
            if mark.kind is PathNodeKind.POST:
                continue  # posts are inside named buildings
            text = pg.TextItem(mark.label, color=COLORS["muted"], anchor=(0.5, 1.2))
            text.setPos(mark.x, mark.y)
            group.addItem(text)
        group.setZValue(30)
        self.plot.addItem(group)
        return group

    # -- layers and actions --------------------------------------------------------

    def _set_layer(self, key: str, item: pg.GraphicsObject | None, visible: bool) -> None:
        if key == "coverage":
            if visible and self._coverage is None:
                self._coverage = self._build_coverage()
            item = self._coverage
        if item is not None:
            item.setVisible(visible)
        self._update_legend()

    def _build_coverage(self) -> pg.ImageItem:
        snap = self._snapshot
        grid = coverage_grid(snap.cameras, snap.width_m, snap.depth_m, _CELL_M)
        cmap = pg.ColorMap([0.0, 0.01, 0.35, 1.0],
                           [(0, 0, 0, 0), (47, 129, 247, 70), (63, 185, 80, 120), (240, 180, 41, 170)])
        image = pg.ImageItem(grid.T, levels=(0, max(3, int(grid.max()))))
        image.setLookupTable(cmap.getLookupTable(nPts=256, alpha=True))
        image.setRect(0, 0, grid.shape[1] * _CELL_M, grid.shape[0] * _CELL_M)
        image.setZValue(2)
        self.plot.addItem(image)
        self._coverage_share = float((grid > 0).mean())
        return image

    def _update_legend(self) -> None:
        stats = self._snapshot.stats
        parts = [
            self.tr("%1 buildings").replace("%1", str(stats.buildings)),
            self.tr("%1 cameras (◆ PTZ)").replace("%1", str(len(self._snapshot.cameras))),
            self.tr("%1 sensors").replace("%1", str(len(self._snapshot.sensors))),
            self.tr("%1 responders (▲)").replace("%1", str(len(self._snapshot.responders))),
        ]
        if self._coverage is not None and self._coverage.isVisible():
            parts.append(self.tr("%1% of the site seen by at least one camera")
                         .replace("%1", f"{self._coverage_share * 100:.0f}"))
        self.legend.setText("   ·   ".join(parts))

    def fit(self) -> None:
        snap = self._snapshot
        self._view.setRange(xRange=(0, snap.width_m), yRange=(0, snap.depth_m), padding=0.03)

    def show_alarm(self, alarm: AlarmView) -> None:
        """An alarm as the queue has it: open ones ringed in their colour (new ones pulse), others removed."""
        self._alarms.apply(alarm)

    def locate(self, x: float | None, y: float | None, building_id: int | None = None) -> None:
        """Mark and centre on a place; highlight its building."""
        if self._highlighted is not None and self._highlighted in self._building_items:
            self._building_items[self._highlighted].setPen(pg.mkPen(COLORS["building_edge"], width=1))
        self._highlighted = building_id
        if building_id in self._building_items:
            self._building_items[building_id].setPen(pg.mkPen(COLORS["alarm"], width=3))
        if x is None or y is None:
            self._marker.clear()
            return
        self._marker.setData([x], [y])
        half = max(40.0, min(self._snapshot.width_m, self._snapshot.depth_m) / 5)
        self._view.setRange(xRange=(x - half, x + half), yRange=(y - half, y + half), padding=0)

    @property
    def marker_position(self) -> tuple[float, float] | None:
        xs, ys = self._marker.getData()
        return (float(xs[0]), float(ys[0])) if len(xs) else None


class _PlacementEditor:
    """Two handles on the plan: the camera's position, and its aim point (heading and range)."""

    def __init__(self, plot: pg.PlotWidget, placement: Placement, on_change: Callable[[Placement], None]) -> None:
        self._plot = plot
        self._on_change = on_change
        self.placement = placement
        self._cone = QGraphicsPathItem()
        self._cone.setBrush(QBrush(_color("warn", 60)))
        pen = QPen(_color("warn", 220))
        pen.setCosmetic(True)
        pen.setWidthF(2.0)
        self._cone.setPen(pen)
        self._cone.setZValue(40)
        plot.addItem(self._cone)
        self.position = pg.TargetItem(pos=(placement.x, placement.y), size=18, movable=True, symbol="s",
                                      pen=pg.mkPen(COLORS["warn"], width=2), brush=pg.mkBrush(COLORS["warn"]))
        self.aim = pg.TargetItem(pos=self._aim_point(placement), size=14, movable=True, symbol="o",
                                 pen=pg.mkPen(COLORS["warn"], width=2), brush=pg.mkBrush(None))
        for handle in (self.position, self.aim):
            handle.setZValue(60)
            plot.addItem(handle)
        self._moving = False
        self.position.sigPositionChanged.connect(self._on_position)
        self.aim.sigPositionChanged.connect(self._on_aim)
        self._draw()

    @staticmethod
    def _aim_point(p: Placement) -> tuple[float, float]:
        dx, dy = heading_vector(p.heading_deg)
        return p.x + dx * p.range_m, p.y + dy * p.range_m

    def _draw(self) -> None:
        p = self.placement
        pts = view_cone(p.x, p.y, p.heading_deg, p.fov_deg, p.range_m, segments=16)
        path = QPainterPath()
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in pts] + [QPointF(*pts[0])]))
        self._cone.setPath(path)

    def _on_position(self) -> None:
        if self._moving:
            return
        pos = self.position.pos()
        self.placement = replace(self.placement, x=float(pos.x()), y=float(pos.y()))
        self._moving = True
        self.aim.setPos(*self._aim_point(self.placement))  # the aim moves with the camera
        self._moving = False
        self._changed()

    def _on_aim(self) -> None:
        if self._moving:
            return
        p, a = self.placement, self.aim.pos()
        rng = max(1.0, math.hypot(a.x() - p.x, a.y() - p.y))
        self.placement = replace(p, heading_deg=round(heading_to(p.x, p.y, a.x(), a.y()), 1), range_m=round(rng, 1))
        self._changed()

    def _changed(self) -> None:
        self._draw()
        self._on_change(self.placement)

    def set(self, placement: Placement) -> None:
        self.placement = placement
        self._moving = True
        self.position.setPos(placement.x, placement.y)
        self.aim.setPos(*self._aim_point(placement))
        self._moving = False
        self._draw()

    def remove(self) -> None:
        for item in (self._cone, self.position, self.aim):
            self._plot.removeItem(item)
