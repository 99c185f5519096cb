"""The shell: docks, per-user layouts, full screen, shortcuts, and panels wired together."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from widgets.placeholder import PlaceholderPanel

PANELS = {"videoWall", "twin", "sitePlan", "overview", "alarms", "incident", "lookup"}


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
