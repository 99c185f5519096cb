"""The incident panel: the open incidents, and for the one selected its clocks, responders, procedure and alarms.

It renders IncidentViews and ResponderViews from the dispatch bridge and forwards intent to the dispatch
service through the TaskRunner (every call blocks on the service's thread); it never changes an incident
itself: the IncidentChanged that follows does. Escalations (the next responder sent, the supervisor alerted)
arrive the same way and are shown in the banner and, through `alertsChanged`, in the status bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from cockpit.incident_views import (
    AutoDispatched,
    DispatchFeedChanged,
    IncidentView,
    ResponderView,
    SupervisorAlerted,
)
from cockpit.models import IncidentState
from cockpit.roles import Permission, can

from .alarm_labels import kind_label
from .alert_badge import SupervisorAlertBadge
from .close_incident_dialog import CloseIncidentDialog
from .dispatch_desk import DispatchDesk
from .incident_clocks import IncidentClocksWidget, local_time
from .incident_labels import alert_label, incident_state_label, outcome_label
from .incident_responders import IncidentRespondersWidget
from .reason_dialog import ReasonDialog
from .sop_checklist import SopChecklistWidget
from .worker import TaskRunner

logger = logging.getLogger(__name__)

TICK_MS = 500
PROPOSE_EVERY_TICKS = 6  # proposals follow responders as they move: every 3 s while someone may be sent
NOTICE_MS = 30_000


class IncidentPanel(QWidget):
    locateRequested = Signal(object, object, object)  # x, y, building id of the selected incident
    notice = Signal(str)  # for the status bar
    alertsChanged = Signal(int)  # open supervisor alerts over all incidents

    def __init__(self, desk: DispatchDesk, runner: TaskRunner,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentPanel")
        self._desk, self._runner, self._clock = desk, runner, clock
        self._may_act = can(desk.actor.role, Permission.HANDLE_ALARMS)
        self._incidents: dict[int, IncidentView] = {}
        self._responders: dict[int, ResponderView] = {}
        self._current: int | None = None
        self._busy = False
        self._ticks = 0
        self.alert_badge = SupervisorAlertBadge()
        self.alert_badge.clicked.connect(self.show_oldest_alert)

        self.switcher = QComboBox()
        self.switcher.setObjectName("incidentSwitcher")
        self.switcher.currentIndexChanged.connect(self._on_switched)
        self.feed_state = QLabel()
        self.feed_state.setObjectName("error")
        self.feed_state.hide()
        top = QHBoxLayout()
        top.addWidget(self.switcher, 1)
        top.addWidget(self.feed_state)

        self.banner = QFrame()
        self.banner.setObjectName("incidentBanner")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.acknowledge_button = QPushButton(self.tr("Acknowledge"))
        self.acknowledge_button.clicked.connect(self._on_acknowledge_alert)
        banner = QHBoxLayout(self.banner)
        banner.setContentsMargins(10, 6, 10, 6)
        banner.addWidget(self.banner_text, 1)
        banner.addWidget(self.acknowledge_button)
        self.banner.hide()
        self.notice_text = QLabel()
        self.notice_text.setObjectName("incidentNotice")
        self.notice_text.setWordWrap(True)
        self.notice_text.hide()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice_text.hide)

        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("hint")
        self.meta.setWordWrap(True)
        self.clocks = IncidentClocksWidget(desk.targets, clock)
        self.tabs = QTabWidget()
        self.responders_tab = IncidentRespondersWidget(desk.service.propose, runner, clock)
        self.responders_tab.assignRequested.connect(self.assign)
        self.responders_tab.standDownRequested.connect(self.stand_down)
        self.proposals, self.dispatched = self.responders_tab.proposals, self.responders_tab.dispatched
        self.tabs.addTab(self.responders_tab, self.tr("Responders"))
        self.checklist = SopChecklistWidget()
        self.checklist.stepToggled.connect(self._on_step_toggled)
        self.tabs.addTab(self.checklist, self.tr("Procedure"))
        self.alarm_list = QListWidget()
        self.alarm_list.setObjectName("incidentAlarms")
        self.tabs.addTab(self.alarm_list, self.tr("Alarms"))

        self.resolve_button = QPushButton(self.tr("Resolve"))
        self.resolve_button.setToolTip(self.tr("The situation is over; responders still on the way are stood down"))
        self.close_button = QPushButton(self.tr("Close…"))
        self.close_button.setObjectName("primary")
        self.cancel_button = QPushButton(self.tr("Cancel incident…"))
        self.reopen_button = QPushButton(self.tr("Reopen…"))
        self.resolve_button.clicked.connect(self.resolve_current)
        self.close_button.clicked.connect(self.ask_close)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.reopen_button.clicked.connect(self.ask_reopen)
        buttons = QHBoxLayout()
        for button in (self.resolve_button, self.close_button, self.cancel_button, self.reopen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        detail = QWidget()
        body = QVBoxLayout(detail)
        body.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.meta, self.clocks):
            body.addWidget(widget)
        body.addWidget(self.tabs, 1)
        body.addLayout(buttons)
        self.empty = QLabel(self.tr("No incident selected.\nSelect an alarm in the queue and press I to open one."))
        self.empty.setObjectName("placeholderText")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.empty)
        self._stack.addWidget(detail)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice_text)
        layout.addLayout(self._stack, 1)

        desk.bridge.incidentChanged.connect(self.apply)
        desk.bridge.responderMoved.connect(self._on_responder_moved)
        desk.bridge.alerted.connect(self._on_alerted)
        desk.bridge.autoDispatched.connect(self._on_auto_dispatched)
        desk.bridge.feedChanged.connect(self._on_feed_changed)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(TICK_MS)
        self._show()
        runner.submit(desk.service.open_incidents, on_done=self._alive(self.extend),
                      on_error=self._alive(self._on_error))
        runner.submit(desk.service.responders,
                      on_done=self._alive(lambda rs: [self._on_responder_moved(r) for r in rs]))

    def _alive(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """A worker's answer for this panel, dropped if the panel was closed meanwhile (end of the app, tests)."""
        def deliver(value: Any) -> None:
            if isValid(self):
                callback(value)
        return deliver

    # -- state from the service ------------------------------------------------------------------

    def extend(self, incidents: Sequence[IncidentView]) -> None:
        for incident in incidents:
            self.apply(incident)

    def apply(self, incident: IncidentView) -> None:
        """An incident as stored now (IncidentChanged); a closed one leaves the list."""
        if incident.state is IncidentState.CLOSED:
            if self._incidents.pop(incident.id, None) is not None:
                self._say(self.tr("%1 closed: %2").replace("%1", incident.code)
                          .replace("%2", outcome_label(incident.outcome or "")))
            if self._current == incident.id:
                self._current = None
        else:
            self._incidents[incident.id] = incident
            if self._current is None:
                self._current = incident.id
        self._refill_switcher()
        self._count_alerts()
        self._show()

    def current(self) -> IncidentView | None:
        return self._incidents.get(self._current) if self._current is not None else None

    def incidents(self) -> list[IncidentView]:
        return list(self._incidents.values())

    def select_incident(self, incident_id: int) -> bool:
        if incident_id not in self._incidents:
            return False
        self._current = incident_id
        self._refill_switcher()
        self._show()
        incident = self._incidents[incident_id]
        self.locateRequested.emit(incident.x, incident.y, incident.building_id)
        return True

    def _refill_switcher(self) -> None:
        ordered = sorted(self._incidents.values(), key=lambda i: (not i.live, i.priority, i.first_alarm_at))
        self.switcher.blockSignals(True)
        self.switcher.clear()
        for incident in ordered:
            alert = "⚠ " if incident.open_alerts else ""
            self.switcher.addItem(f"{alert}{incident.code} · P{incident.priority} · {kind_label(incident.kind)} · "
                                  f"{incident.place} — {incident_state_label(incident.state)}", incident.id)
        if not ordered:
            self.switcher.addItem(self.tr("No open incidents"), None)
        index = self.switcher.findData(self._current)
        self.switcher.setCurrentIndex(max(0, index))
        self.switcher.blockSignals(False)

    def _on_switched(self, index: int) -> None:
        incident_id = self.switcher.itemData(index)
        if incident_id is not None and incident_id != self._current:
            self.select_incident(incident_id)

    # -- showing the current incident ---------------------------------------------------------------

    def _show(self) -> None:
        incident = self.current()
        self._stack.setCurrentIndex(1 if incident else 0)
        self.clocks.show_incident(incident)
        if incident is None:
            self.banner.hide()
            self.responders_tab.show_incident(None, self._responders, enabled=False)
            return
        self.title.setText(f"P{incident.priority} · {kind_label(incident.kind)} · {incident.place}")
        opened = self.tr("opened %1").replace("%1", local_time(incident.opened_at))
        by = self.tr("by %1").replace("%1", incident.owner) if incident.owner else ""
        alarms = self.tr("%1 alarm(s)").replace("%1", str(len(incident.alarms)))
        self.meta.setText("  ·  ".join(p for p in (incident.code, incident_state_label(incident.state),
                                                    f"{opened} {by}".strip(), alarms) if p))
        language = QLocale().name()
        self.checklist.set_procedure(self._desk.sops.for_kind(incident.kind), incident.steps_done, language,
                                     editable=self._may_act and incident.state is not IncidentState.CLOSED)
        self.alarm_list.clear()
        for alarm in incident.alarms:
            self.alarm_list.addItem(f"P{alarm.priority} · {kind_label(alarm.kind)} · {alarm.place} · "
                                    f"{local_time(alarm.received_at)}")
        self.responders_tab.show_incident(incident, self._responders, enabled=self._may_act and not self._busy)
        self._show_banner(incident)
        self._enable_buttons(incident)

    def _enable_buttons(self, incident: IncidentView) -> None:
        live = incident.live and self._may_act and not self._busy
        self.resolve_button.setEnabled(live)
        self.close_button.setEnabled(self._may_act and not self._busy)
        self.cancel_button.setEnabled(live and incident.state in (IncidentState.OPEN, IncidentState.DISPATCHED))
        self.reopen_button.setEnabled(self._may_act and not self._busy and incident.state is IncidentState.RESOLVED)

    def _show_banner(self, incident: IncidentView) -> None:
        alerts = incident.open_alerts
        if not alerts:
            self.banner.hide()
            return
        first = alerts[0]
        text = self.tr("Supervisor alert: %1 (%2)").replace("%1", alert_label(first.reason)).replace(
            "%2", local_time(first.raised_at))
        if first.projected_arrival is not None:
            text += " · " + self.tr("best arrival %1").replace("%1", local_time(first.projected_arrival))
        if len(alerts) > 1:
            text += " · " + self.tr("%1 more").replace("%1", str(len(alerts) - 1))
        self.banner_text.setText("⚠ " + text)
        self.acknowledge_button.setEnabled(self._may_act)
        self.banner.show()

    def _count_alerts(self) -> None:
        alerts = [a for i in self._incidents.values() for a in i.open_alerts]
        latest = max(alerts, key=lambda a: a.raised_at) if alerts else None
        self.alert_badge.set_count(len(alerts), alert_label(latest.reason) if latest else "")
        self.alertsChanged.emit(len(alerts))

    def show_oldest_alert(self) -> None:
        waiting = [(a.raised_at, i.id) for i in self._incidents.values() for a in i.open_alerts]
        if waiting:
            self.select_incident(min(waiting)[1])

    def _tick(self) -> None:
        self.clocks.refresh()
        incident = self.current()
        if incident is None:
            return
        self.responders_tab.show_dispatches(self._responders)
        self._ticks += 1
        if self._ticks % PROPOSE_EVERY_TICKS == 0 and self.isVisible():
            self.responders_tab.refresh_proposals()

    # -- intent -----------------------------------------------------------------------------------

    def _act(self, what: Callable[[], IncidentView], done_text: str = "") -> None:
        """Run an action on the service's thread; its IncidentChanged updates the view, errors are said."""
        if not self._may_act:
            return
        self._busy = True
        if self.current() is not None:
            self._enable_buttons(self.current())

        def done(_view: IncidentView) -> None:  # its IncidentChanged came first, in commit order, through the bridge
            self._busy = False
            self._show()
            if done_text:
                self._say(done_text)

        def failed(exc: Exception) -> None:
            self._busy = False
            self._show()
            self._on_error(exc)

        self._runner.submit(what, on_done=self._alive(done), on_error=self._alive(failed))

    def open_from_alarms(self, alarms: Sequence) -> None:  # AlarmViews selected in the queue
        """A new incident from the alarms; an alarm already in one shows that incident instead."""
        if not alarms:
            self._say(self.tr("Select an alarm in the queue first."))
            return
        owned = next((a.incident_id for a in alarms if a.incident_id is not None), None)
        if owned is not None and self.select_incident(owned):
            return
        ids = [a.id for a in alarms]
        actor, service = self._desk.actor, self._desk.service

        def opened(view: IncidentView) -> None:
            if view.id not in self._incidents:
                self.apply(view)  # only if the bridge's IncidentChanged has not arrived (it comes first)
            self.select_incident(view.id)
            self._say(self.tr("%1 opened").replace("%1", view.code))

        self._runner.submit(lambda: service.open_incident(ids, actor), on_done=self._alive(opened),
                            on_error=self._alive(self._on_error))

    def add_alarms(self, alarms: Sequence) -> None:
        incident = self.current()
        if incident is None or not alarms:
            self._say(self.tr("Select an incident and an alarm first."))
            return
        actor, service = self._desk.actor, self._desk.service
        for alarm in alarms:
            self._act(lambda a=alarm.id: service.add_alarm(incident.id, a, actor))

    def assign(self, responder_id: int) -> None:
        incident = self.current()
        if incident is None or self._busy:
            return
        known = self._responders.get(responder_id)
        name = known.name if known is not None else str(responder_id)
        actor, service = self._desk.actor, self._desk.service
        self._act(lambda: service.assign(incident.id, responder_id, actor),
                  self.tr("%1 sent to %2").replace("%1", name).replace("%2", incident.code))

    def stand_down(self, dispatch_id: int) -> None:
        actor, service = self._desk.actor, self._desk.service
        self._act(lambda: service.stand_down(dispatch_id, actor, "stood down by the operator"))

    def resolve_current(self) -> None:
        incident = self.current()
        if incident is not None:
            actor, service = self._desk.actor, self._desk.service
            self._act(lambda: service.resolve(incident.id, actor))

    def ask_close(self) -> CloseIncidentDialog | None:
        incident = self.current()
        if incident is None:
            return None
        dialog = CloseIncidentDialog(incident.code, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        actor, service = self._desk.actor, self._desk.service
        def close() -> None:
            outcome, note = dialog.chosen_outcome(), dialog.note_text()
            self._act(lambda: service.close(incident.id, actor, outcome=outcome, note=note))

        dialog.accepted.connect(close)
        dialog.open()
        return dialog

    def ask_cancel(self) -> ReasonDialog | None:
        incident = self.current()
        if incident is None:
            return None
        dialog = ReasonDialog(self.tr("Cancel %1").replace("%1", incident.code),
                              self.tr("Why is this incident cancelled (opened by mistake, a duplicate…)? "
                                      "Responders on their way are stood down."), self.tr("Cancel incident"), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        actor, service = self._desk.actor, self._desk.service
        def cancel() -> None:
            reason = dialog.text()
            self._act(lambda: service.cancel(incident.id, actor, reason=reason))

        dialog.accepted.connect(cancel)
        dialog.open()
        return dialog

    def ask_reopen(self) -> ReasonDialog | None:
        incident = self.current()
        if incident is None:
            return None
        dialog = ReasonDialog(self.tr("Reopen %1").replace("%1", incident.code),
                              self.tr("Why is this incident not over after all?"), self.tr("Reopen"), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        actor, service = self._desk.actor, self._desk.service
        def reopen() -> None:
            reason = dialog.text()
            self._act(lambda: service.reopen(incident.id, actor, reason=reason))

        dialog.accepted.connect(reopen)
        dialog.open()
        return dialog

    def _on_step_toggled(self, step: str, done: bool) -> None:
        incident = self.current()
        if incident is not None:
            actor, service = self._desk.actor, self._desk.service
            self._act(lambda: service.set_step(incident.id, step, done, actor))

    def _on_acknowledge_alert(self) -> None:
        incident = self.current()
        if incident is not None and incident.open_alerts:
            alert_id = incident.open_alerts[0].id
            actor, service = self._desk.actor, self._desk.service
            self._act(lambda: service.acknowledge_alert(alert_id, actor))

    # -- events -----------------------------------------------------------------------------------

    def _on_responder_moved(self, responder: ResponderView) -> None:
        self._responders[responder.id] = responder

    def _on_alerted(self, event: SupervisorAlerted) -> None:
        self._say("⚠ " + self.tr("Supervisor alert on %1: %2").replace("%1", f"INC-{event.alert.incident_id}")
                  .replace("%2", alert_label(event.alert.reason)), level="bad")

    def _on_auto_dispatched(self, event: AutoDispatched) -> None:
        why = (self.tr("%1 declined") if event.reason == "declined"
               else self.tr("%1 did not accept in time")).replace("%1", event.stood_down_name)
        if event.assigned_id is None:
            then = self.tr("nobody else is available")
        elif event.sent:
            then = self.tr("%1 sent instead").replace("%1", event.assigned_name)
        else:
            then = self.tr("send %1?").replace("%1", event.assigned_name)
        self._say(f"INC-{event.incident_id}: {why} — {then}", level="warn")

    def _on_feed_changed(self, event: DispatchFeedChanged) -> None:
        self.feed_state.setText(self.tr("Responder feed offline"))
        self.feed_state.setVisible(not event.connected)

    def _on_error(self, exc: Exception) -> None:
        self._say(self.tr("Not done: %1").replace("%1", str(exc)), level="bad")

    def _say(self, text: str, level: str = "info") -> None:
        self.notice_text.setText(text)
        self.notice_text.setProperty("level", level)
        self.notice_text.style().unpolish(self.notice_text)
        self.notice_text.style().polish(self.notice_text)
        self.notice_text.show()
        self._notice_timer.start(NOTICE_MS)
        self.notice.emit(text)
