"""The site plan shows the snapshot and marks what the operator looks up."""

from __future__ import annotations

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
