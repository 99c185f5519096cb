"""The site plan shows the snapshot and marks what the operator looks up."""

from __future__ import annotations

import pytest

from widgets.site_plan import SitePlanWidget


def test_plan_draws_every_camera_sensor_and_responder(qtbot, demo):
    plan = SitePlanWidget(demo.snapshot)
    qtbot.addWidget(plan)
    assert len(plan._cameras.points()) == len(demo.snapshot.cameras) > 0
    assert len(plan._sensors.points()) == len(demo.snapshot.sensors) > 0
    assert len(plan._responders.points()) == len(demo.snapshot.responders) > 0
    assert len(plan._building_items) == len(demo.snapshot.buildings)


def test_locate_marks_the_place_and_highlights_the_building(qtbot, demo):
    plan = SitePlanWidget(demo.snapshot)
    qtbot.addWidget(plan)
    building = demo.snapshot.buildings[3]
    x, y = building.centre
    plan.locate(x, y, building.id)
    assert plan.marker_position == (x, y)
    assert plan._building_items[building.id].pen().width() == 3
    (x0, x1), (y0, y1) = plan._view.viewRange()
    assert x0 < x < x1 and y0 < y < y1 and (x1 - x0) < demo.snapshot.width_m  # zoomed in on it
    other = demo.snapshot.buildings[4]
    plan.locate(None, None, other.id)
    assert plan.marker_position is None
    assert plan._building_items[building.id].pen().width() == 1


def test_coverage_layer_reports_the_share_seen(qtbot, demo):
    plan = SitePlanWidget(demo.snapshot)
    qtbot.addWidget(plan)
    assert "%" not in plan.legend.text()
    plan.layer_boxes["coverage"].setChecked(True)
    assert plan._coverage is not None and plan._coverage.isVisible()
    assert 0.0 < plan._coverage_share < 1.0
    assert "seen by at least one camera" in plan.legend.text()
    plan.layer_boxes["cameras"].setChecked(False)
    assert not plan._cameras.isVisible()


def test_camera_problems_show_on_the_plan(qtbot, demo):
    from cockpit.cameras import CameraState

    plan = SitePlanWidget(demo.snapshot)
    qtbot.addWidget(plan)
    code = demo.snapshot.cameras[2].code
    plan.set_camera_states({code: CameraState.AUTH_FAILED})
    assert plan.camera_has_problem(code)
    widths = [s.pen().widthF() for s in plan._cameras.points()]
    assert widths.count(2.5) == 1
    plan.set_camera_states({code: CameraState.ONLINE})
    assert not plan.camera_has_problem(code)


def test_dragging_the_handles_places_the_camera(qtbot, demo):
    from cockpit.commissioning import Placement

    plan = SitePlanWidget(demo.snapshot)
    qtbot.addWidget(plan)
    seen: list[Placement] = []
    plan.placementEdited.connect(seen.append)
    plan.edit_placement(Placement(x=100, y=100, height_m=4, heading_deg=0, tilt_deg=-15, fov_deg=60, range_m=30))
    editor = plan._editor
    assert editor.aim.pos().x() == pytest.approx(100) and editor.aim.pos().y() == pytest.approx(130)
    editor.position.setPos(110, 100)  # as a drag does
    assert seen[-1].x == 110 and editor.aim.pos().x() == pytest.approx(110)  # the aim follows
    editor.aim.setPos(110 + 40, 100)  # aim due east, 40 m away
    assert seen[-1].heading_deg == pytest.approx(90) and seen[-1].range_m == pytest.approx(40)
    plan.set_placement(Placement(x=50, y=60, height_m=6, heading_deg=180, tilt_deg=-20, fov_deg=90, range_m=20))
    assert plan.placement.fov_deg == 90 and editor.position.pos().x() == pytest.approx(50)
    plan.edit_placement(None)
    assert plan.placement is None
