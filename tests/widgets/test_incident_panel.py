"""The incident panel over a real dispatch service and database: proposals, assigning by click and by key,
the procedure checklist, closing (outcome and note required), cancelling, supervisor alerts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from cockpit.alarm_rules import load_rules
from cockpit.models import Alarm, AuditEvent, DispatchState, Incident, IncidentState
from services.alarms.views import load_view
from widgets.dispatch_desk import DispatchDesk

from .incident_fixtures import make_desk, make_panel, store_alarm  # noqa: F401 (fixtures)


def opened_panel(qtbot, demo, make_panel, **settings):
    panel = make_panel(**settings)
    alarm_id = store_alarm(demo, age_s=20)
    with demo.db.session() as session:
        view = load_view(session, session.get(Alarm, alarm_id), load_rules())
    panel.open_from_alarms([view])
    qtbot.waitUntil(lambda: panel.current() is not None, timeout=5000)
    qtbot.waitUntil(lambda: panel.proposals.rowCount() > 0, timeout=5000)
    return panel, view


def dispatched(panel):
    return [(d.responder_id, d.state) for d in panel.current().dispatches]


def test_open_shows_the_incident_and_ranked_proposals(qtbot, demo, make_panel):
    panel, alarm = opened_panel(qtbot, demo, make_panel)
    incident = panel.current()
    assert [a.id for a in incident.alarms] == [alarm.id] and incident.state is IncidentState.OPEN
    assert panel.title.text().startswith("P1 · Fall · ")
    assert "INC-" in panel.switcher.currentText()
    etas = [panel.proposals.item(r, 3).text() for r in range(panel.proposals.rowCount())]
    seconds = [int(m) * 60 + int(s) for m, s in (e.split(":") for e in etas)]
    assert seconds == sorted(seconds) and len(seconds) >= 3  # fastest first
    available = {r.id for r in demo.snapshot.responders if r.status.value == "available"}
    shown = {panel.proposals.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(panel.proposals.rowCount())}
    assert shown <= available
    panel.open_from_alarms([alarm])  # its incident exists: selected again, not opened twice
    assert len(panel.incidents()) == 1


def test_assign_by_click_then_by_key(qtbot, demo, make_panel):
    panel, _ = opened_panel(qtbot, demo, make_panel)
    first = panel.proposals.item(0, 0).data(Qt.ItemDataRole.UserRole)
    qtbot.mouseClick(panel.proposals.cellWidget(0, 4), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dispatched(panel) == [(first, DispatchState.NOTIFIED)], timeout=5000)
    assert panel.dispatched.rowCount() == 1 and panel.dispatched.item(0, 1).text() == "notified"
    assert panel.dispatched.item(0, 2).text().startswith("≈ ")  # routing's ETA, counting down
    assert panel.current().state is IncidentState.DISPATCHED

    qtbot.waitUntil(lambda: panel.proposals.rowCount() > 0 and panel.proposals.current_responder() not in
                    (None, first) and panel.proposals.cellWidget(0, 4).isEnabled(), timeout=8000)  # the one sent left
    second = panel.proposals.current_responder()
    panel.proposals.setFocus()
    QTest.keyClick(panel.proposals, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(dispatched(panel)) == 2, timeout=5000)
    assert dispatched(panel)[1] == (second, DispatchState.NOTIFIED)

    qtbot.waitUntil(lambda: panel.dispatched.cellWidget(0, 3).isEnabled(), timeout=5000)  # the assignment is done
    qtbot.mouseClick(panel.dispatched.cellWidget(0, 3), Qt.MouseButton.LeftButton)  # stand the first down
    qtbot.waitUntil(lambda: DispatchState.CANCELLED in [s for _, s in dispatched(panel)], timeout=5000)


def test_close_dialog_requires_outcome_and_note(qtbot, demo, make_panel):
    panel, _ = opened_panel(qtbot, demo, make_panel)
    incident_id = panel.current().id
    dialog = panel.ask_close()
    qtbot.waitExposed(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "outcome" in dialog.error.text() and "note" in dialog.error.text()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("false_alarm"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "outcome" not in dialog.error.text() and "note" in dialog.error.text()
    assert demo_state(demo, incident_id) is IncidentState.OPEN  # nothing happened yet
    QTest.keyClicks(dialog.note, "Cat on the sensor; resident called back, all fine.")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.current() is None, timeout=5000)  # closed: it leaves the list
    assert demo_state(demo, incident_id) is IncidentState.CLOSED
    assert "closed" in panel.notice_text.text()


def test_cancel_needs_a_reason(qtbot, demo, make_panel):
    panel, _ = opened_panel(qtbot, demo, make_panel)
    incident_id = panel.current().id
    dialog = panel.ask_cancel()
    qtbot.waitExposed(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    QTest.keyClicks(dialog.reason, "Duplicate of the lobby fall")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: demo_state(demo, incident_id) is IncidentState.CLOSED, timeout=5000)


def test_sop_checklist_ticks_are_stored_and_audited(qtbot, demo, make_panel):
    panel, _ = opened_panel(qtbot, demo, make_panel)
    steps = panel.checklist.list
    assert steps.count() == 5 and steps.item(0).text().startswith("1. Look at the live picture")
    assert panel.checklist.title.text() == "Person down"
    steps.item(0).setCheckState(Qt.CheckState.Checked)  # as a click on its box does
    qtbot.waitUntil(lambda: panel.current().steps_done == {"verify_video"}, timeout=5000)
    assert panel.checklist.progress.text() == "1 of 5 steps done"
    with demo.db.session() as session:
        detail = session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "incident.sop_step")).one()
    assert (detail["step"], detail["done"]) == ("verify_video", True)


def test_supervisor_alert_banner_badge_and_acknowledge(qtbot, demo, make_panel):
    panel, _ = opened_panel(qtbot, demo, make_panel, arrival_target_s=15.0, escalate_every_s=0.2)
    qtbot.waitUntil(lambda: panel.banner.isVisible(), timeout=8000)  # 20 s old, 15 s promised: overdue
    assert "Arrival deadline passed" in panel.banner_text.text()
    assert panel.alert_badge.count == 1 and "1 supervisor alert" in panel.alert_badge.text()
    assert "⚠" in panel.switcher.currentText()
    assert panel.clocks.level == "bad"
    qtbot.mouseClick(panel.acknowledge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.banner.isVisible(), timeout=5000)
    assert panel.alert_badge.count == 0 and not panel.current().open_alerts


def test_an_installer_sees_but_cannot_act(qtbot, demo, make_desk, make_panel):
    operator = make_desk()
    opened = operator.service.open_incident([store_alarm(demo)], operator.actor)
    panel = make_panel(make_desk("supervisor"))
    qtbot.waitUntil(lambda: panel.current() is not None and panel.current().id == opened.id, timeout=5000)
    assert panel.resolve_button.isEnabled()  # a supervisor handles incidents too
    installer = DispatchDesk(operator.service, demo.actor("installer"), operator.bridge)
    viewer = make_panel(installer)
    qtbot.waitUntil(lambda: viewer.current() is not None, timeout=5000)
    assert not viewer.resolve_button.isEnabled() and not viewer.close_button.isEnabled()


def demo_state(demo, incident_id: int) -> IncidentState:
    with demo.db.session() as session:
        return session.get(Incident, incident_id).state
