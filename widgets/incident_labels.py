"""Translated names for incident and dispatch states, outcomes, alert reasons and responder activities."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cockpit.models.enums import DispatchState, IncidentState

_CTX = "IncidentLabels"

_INCIDENT = {
    IncidentState.OPEN: QT_TRANSLATE_NOOP("IncidentLabels", "open"),
    IncidentState.DISPATCHED: QT_TRANSLATE_NOOP("IncidentLabels", "dispatched"),
    IncidentState.ON_SITE: QT_TRANSLATE_NOOP("IncidentLabels", "on site"),
    IncidentState.RESOLVED: QT_TRANSLATE_NOOP("IncidentLabels", "resolved"),
    IncidentState.CLOSED: QT_TRANSLATE_NOOP("IncidentLabels", "closed"),
}

_DISPATCH = {
    DispatchState.NOTIFIED: QT_TRANSLATE_NOOP("IncidentLabels", "notified"),
    DispatchState.ACCEPTED: QT_TRANSLATE_NOOP("IncidentLabels", "accepted"),
    DispatchState.EN_ROUTE: QT_TRANSLATE_NOOP("IncidentLabels", "en route"),
    DispatchState.ON_SITE: QT_TRANSLATE_NOOP("IncidentLabels", "on site"),
    DispatchState.DONE: QT_TRANSLATE_NOOP("IncidentLabels", "done"),
    DispatchState.DECLINED: QT_TRANSLATE_NOOP("IncidentLabels", "declined"),
    DispatchState.CANCELLED: QT_TRANSLATE_NOOP("IncidentLabels", "stood down"),
}

_OUTCOMES = {
    "handled_on_site": QT_TRANSLATE_NOOP("IncidentLabels", "Handled on site"),
    "ambulance_called": QT_TRANSLATE_NOOP("IncidentLabels", "Ambulance called (120)"),
    "fire_service_called": QT_TRANSLATE_NOOP("IncidentLabels", "Fire service called (119)"),
    "police_called": QT_TRANSLATE_NOOP("IncidentLabels", "Police called (110)"),
    "resident_fine": QT_TRANSLATE_NOOP("IncidentLabels", "Resident fine, no help needed"),
    "false_alarm": QT_TRANSLATE_NOOP("IncidentLabels", "False alarm"),
    "device_fault": QT_TRANSLATE_NOOP("IncidentLabels", "Device fault"),
    "referred": QT_TRANSLATE_NOOP("IncidentLabels", "Referred to property management"),
    "other": QT_TRANSLATE_NOOP("IncidentLabels", "Other (see note)"),
    "cancelled": QT_TRANSLATE_NOOP("IncidentLabels", "Cancelled"),
}

_ALERTS = {
    "eta_beyond_deadline": QT_TRANSLATE_NOOP("IncidentLabels", "Nobody can arrive before the deadline"),
    "arrival_overdue": QT_TRANSLATE_NOOP("IncidentLabels", "Arrival deadline passed, nobody on site"),
    "no_responder": QT_TRANSLATE_NOOP("IncidentLabels", "No responder available to send"),
}

_ACTIVITIES = {
    "available": QT_TRANSLATE_NOOP("IncidentLabels", "available"),
    "off_duty": QT_TRANSLATE_NOOP("IncidentLabels", "off duty"),
    "notified": QT_TRANSLATE_NOOP("IncidentLabels", "notified"),
    "accepted": QT_TRANSLATE_NOOP("IncidentLabels", "accepted"),
    "en_route": QT_TRANSLATE_NOOP("IncidentLabels", "en route"),
    "on_site": QT_TRANSLATE_NOOP("IncidentLabels", "on site"),
    "done": QT_TRANSLATE_NOOP("IncidentLabels", "done"),
    "declined": QT_TRANSLATE_NOOP("IncidentLabels", "declined"),
}


def _pick(table: dict, key: object) -> str:
    source = table.get(key)
    return QCoreApplication.translate(_CTX, source) if source else str(key)


def incident_state_label(state: IncidentState) -> str:
    return _pick(_INCIDENT, state)


def dispatch_state_label(state: DispatchState) -> str:
    return _pick(_DISPATCH, state)


def outcome_label(outcome: str) -> str:
    return _pick(_OUTCOMES, outcome)


def alert_label(reason: str) -> str:
    return _pick(_ALERTS, reason)


def activity_label(activity: str) -> str:
    return _pick(_ACTIVITIES, activity)


def duration_text(seconds: float) -> str:
    """m:ss (or h:mm:ss), never negative; the caller says whether it is left or overdue."""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
