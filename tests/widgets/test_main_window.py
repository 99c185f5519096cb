"""The shell: docks, per-user layouts, full screen, shortcuts, and panels wired together."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from widgets.placeholder import PlaceholderPanel

PANELS = {"videoWall", "twin", "sitePlan", "overview", "alarms", "incident", "lookup", "cameras"}


def test_every_panel_is_a_dock_and_empty_ones_say_what_comes(make_window):
    window = make_window()
    assert set(window.docks) == PANELS
    for key, dock in window.docks.items():
        assert dock.objectName() == f"dock.{key}"
        assert dock.features() & dock.DockWidgetFeature.DockWidgetFloatable
        if isinstance(dock.widget(), PlaceholderPanel):
            texts = [lbl.text() for lbl in dock.widget().findChildren(QLabel)]
            assert len(texts) >= 2 and all(texts), key
            assert sum(len(t) for t in texts) > 60, key  # a sentence, not a bare title


def test_layout_is_saved_and_restored_per_user(qtbot, make_window, demo):
    first = make_window("operator")
    first.docks["alarms"].setFloating(True)
    first.docks["lookup"].hide()
    first.close()

    again = make_window("operator")
    assert again.docks["alarms"].isFloating()
    assert not again.docks["lookup"].isVisible()

    other = make_window("supervisor")
    assert not other.docks["alarms"].isFloating()
    assert other.docks["lookup"].isVisible()

    again.actions_by_name["resetLayout"].trigger()
    assert not again.docks["alarms"].isFloating()
    assert again.docks["lookup"].isVisible()


def test_full_screen_toggles(qtbot, make_window):
    window = make_window()
    window.actions_by_name["fullscreen"].trigger()
    qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen))
    assert window.actions_by_name["fullscreen"].isChecked()
    window.actions_by_name["fullscreen"].trigger()
    qtbot.waitUntil(lambda: not window.windowState() & Qt.WindowState.WindowFullScreen)


def test_help_lists_every_shortcut(qtbot, make_window):
    window = make_window()
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    listed = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    expected = {a.shortcut().toString() for a in window.actions_by_name.values() if not a.shortcut().isEmpty()}
    assert listed == expected
    assert {"F1", "F11", "Ctrl+F", "Ctrl+Q"} <= listed


def test_find_shortcut_focuses_the_lookup(qtbot, make_window):
    window = make_window()
    window.activateWindow()
    window.plan.setFocus()
    window.actions_by_name["find"].trigger()
    qtbot.waitUntil(lambda: window.lookup.query.hasFocus())


def test_lookup_result_is_shown_on_the_plan(qtbot, make_window, demo):
    window = make_window()
    building = next(b for b in demo.snapshot.buildings if b.kind.value == "residential")
    lookup = window.lookup
    with qtbot.waitSignal(lookup.resultsShown, timeout=5000):
        lookup.query.setText(f"{building.number}-1-")
    head = lookup.model.item(0, 0)
    lookup.tree.setCurrentIndex(head.child(0, 0).index())
    assert window.plan.marker_position is not None
    assert window.plan._highlighted == building.id


def test_status_bar_shows_database_health_and_cameras(qtbot, make_window, demo):
    window = make_window()
    qtbot.waitUntil(lambda: "OK" in window.status.database.text(), timeout=5000)
    assert window.status.database.property("health") == "ok"
    assert f"/{len(demo.snapshot.cameras)}" in window.status.cameras.text()
    assert window.status.clock.text()[:2] == "20"


def test_camera_health_drives_panel_plan_and_status_bar(qtbot, demo):
    from dataclasses import replace

    from cockpit.cameras import CameraHealth, CameraState, CameraStateChanged
    from widgets.camera_bridge import CameraEventBridge
    from widgets.main_window import MainWindow

    bridge = CameraEventBridge()
    window = MainWindow(replace(demo.services(demo.actor("operator")), camera_events=bridge))
    qtbot.addWidget(window)
    cams = demo.snapshot.cameras
    bridge.sink(CameraStateChanged(CameraHealth(cams[0].code).moved_to(CameraState.ONLINE)))
    bridge.sink(CameraStateChanged(CameraHealth(cams[1].code).moved_to(CameraState.UNREACHABLE, "refused")))
    assert window.camera_health.counts() == (1, len(cams))
    assert window.plan.camera_has_problem(cams[1].code)
    assert f"1/{len(cams)}" in window.status.cameras.text()
    assert window.overview.cards["cameras"].value.text() == f"1/{len(cams)}"


def test_only_installers_and_admins_can_open_the_commissioning_wizard(qtbot, demo, tmp_path):
    from dataclasses import replace

    from widgets.commissioning.draft import WizardContext
    from widgets.main_window import MainWindow

    context = WizardContext(cameras=None, runner=demo.runner, site=demo.snapshot, installer="x",  # type: ignore[arg-type]
                            reports_dir=tmp_path, discovery_targets=list, known_addresses=dict)
    for user, allowed in (("operator", False), ("supervisor", False), ("installer", True), ("admin", True)):
        window = MainWindow(replace(demo.services(demo.actor(user)), commissioning=context))
        qtbot.addWidget(window)
        assert ("commission" in window.actions_by_name) is allowed, user
        wizard = window.open_commissioning()
        assert (wizard is not None) is allowed, user
        if wizard is not None:
            qtbot.waitUntil(lambda w=wizard: w.pages[0].search_button.isEnabled())
            assert "No discovery targets" in wizard.pages[0].status.text()
            wizard.reject()


def test_with_cameras_the_wall_replaces_its_placeholder(qtbot, demo):
    from concurrent.futures import Future
    from dataclasses import replace

    from widgets.main_window import MainWindow

    def no_stream(code: str, main: bool) -> Future:
        future: Future = Future()
        future.set_result(None)
        return future

    window = MainWindow(replace(demo.services(demo.actor("operator")), stream_uri=no_stream))
    qtbot.addWidget(window)
    assert window.wall is not None and window.camera_list.list.count() == len(demo.snapshot.cameras)
    code = demo.snapshot.cameras[3].code
    window.camera_list.list.setCurrentRow(3)
    window.camera_list.activated.emit(code)  # as a double-click in the list does
    assert window.wall.assignments == {0: code}
    window.camera_list.filter.setText(code)
    shown = [window.camera_list.list.item(i) for i in range(window.camera_list.list.count())
             if not window.camera_list.list.item(i).isHidden()]
    assert [item.text().split()[0] for item in shown] == [code]
    # the tour walks the cameras the filter left in the list
    assert window.wall.tour_source() == [code]
    window.camera_list.filter.clear()
    assert len(window.wall.tour_source()) == len(demo.snapshot.cameras)
    window.wall.close_streams()


def test_the_wall_detaches_to_its_own_window_and_a_snapshot_is_audited(qtbot, demo, tmp_path):
    from concurrent.futures import Future
    from dataclasses import replace

    import numpy as np
    from sqlalchemy import select

    from cockpit.models import AuditEvent
    from main import _audit
    from services.video import Frame
    from widgets.main_window import MainWindow

    def no_stream(code: str, main: bool) -> Future:
        future: Future = Future()
        future.set_result(None)
        return future

    actor = demo.actor("operator")
    window = MainWindow(replace(demo.services(actor), stream_uri=no_stream, snapshot_dir=tmp_path / "shots",
                                audit=lambda action, detail: _audit(demo.db, actor, action, detail)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.actions_by_name["detachWall"].trigger()
    assert window.docks["videoWall"].isFloating() and window.docks["videoWall"].isVisible()
    code = demo.snapshot.cameras[0].code
    window.wall.assign(0, code)
    image = np.zeros((36, 64, 3), np.uint8)
    image.flags.writeable = False
    window.wall.tiles[0].view._frame = Frame(image, 1, 0.0, 1_790_000_000.0)  # as if painted
    with qtbot.waitSignal(window.wall.notice, timeout=5_000):
        assert window.wall.snapshot(0)
    assert window.statusBar().currentMessage().startswith("Snapshot of")
    with demo.db.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "camera.snapshot")).one()
    assert event.username == "operator" and event.detail["camera"] == code
    assert list((tmp_path / "shots").glob(f"{code}_*.png"))
    window.wall.close_streams()


def test_focus_from_a_wall_tile_opens_the_focus_view_and_esc_returns_to_the_wall(qtbot, demo):
    """Wiring only (the focus view itself is tested against real PTZ cameras in test_focus_view.py)."""
    from concurrent.futures import Future
    from dataclasses import replace

    from widgets.main_window import MainWindow

    def done(value=None) -> Future:  # noqa: ANN001
        future: Future = Future()
        future.set_result(value)
        return future

    class NoMotor:  # the PTZ controller's shape; nothing here may move
        def presets(self, code):  # noqa: ANN001, ANN202
            return done([])

        def __getattr__(self, name):  # noqa: ANN001, ANN202
            raise AssertionError(f"unexpected PTZ command {name}")

    window = MainWindow(replace(demo.services(demo.actor("operator")), stream_uri=lambda c, m: done(None),
                                ptz=NoMotor()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    dome = next(c for c in demo.snapshot.cameras if c.is_ptz)
    window.wall.assign(0, dome.code)
    window.wall.tiles[0].menu().actions()[0].trigger()  # "Open in focus view"
    assert window.focus.code == dome.code and window.focus.is_ptz and window.focus.isVisible()
    assert window.focus.panel.isVisibleTo(window.focus)
    qtbot.keyClick(window.focus, Qt.Key.Key_Escape)
    assert window.focus.code is None and window.wall.isVisible()
    window.wall.close_streams()


def test_an_alarm_from_the_real_ingest_reaches_the_queue_takes_focus_and_is_acknowledged(qtbot, demo):
    from concurrent.futures import Future
    from dataclasses import replace
    from datetime import UTC, datetime

    from cockpit.alarm_rules import Priority, load_rules
    from cockpit.models import Alarm, AlarmKind, AlarmSource, AlarmState
    from main import _alarms
    from services.alarms.inputs import AlarmInput
    from widgets.main_window import MainWindow

    def done(value=None) -> Future:  # noqa: ANN001
        future: Future = Future()
        future.set_result(value)
        return future

    class NoMotor:
        def presets(self, code):  # noqa: ANN001, ANN202
            return done([])

    from cockpit.config import Config

    actor = demo.actor("operator")
    ingest, desk = _alarms(Config(), demo.db, actor, demo=True)
    ingest.start()
    try:
        window = MainWindow(replace(demo.services(actor), stream_uri=lambda c, m: done(None), ptz=NoMotor(),
                                    alarms=desk))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        camera = demo.snapshot.cameras[5].code
        window.wall.assign(0, camera)
        smoke = AlarmInput(AlarmKind.SMOKE, AlarmSource.ANALYTICS, datetime.now(UTC), device_code=camera)
        with qtbot.waitSignal(window.alarm_queue.p1Arrived, timeout=5_000) as p1:
            assert ingest.submit(smoke).result(5).status == "new"
        alarm = p1.args[0]
        assert alarm.priority == 1 and alarm.device_code == camera
        assert load_rules().style(Priority.P1).colour == desk.colours[1] == alarm.colour
        assert window.focus.code == camera  # P1 takes the focus view at once
        assert window.wall.tiles[0].property("alarm")
        queue = window.alarm_queue
        queue.select_alarm(alarm.id)
        queue.table.setFocus()
        qtbot.keyClick(queue.table, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not window.wall.tiles[0].property("alarm"), timeout=5_000)
        with demo.db.session() as s:
            row = s.get(Alarm, alarm.id)
        assert row.state == AlarmState.ACKNOWLEDGED and row.owner_id == actor.user_id
        window.wall.close_streams()
    finally:
        ingest.stop(drain_s=1.0)
