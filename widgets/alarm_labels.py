"""Translated names for alarm kinds and states, shared by the queue, the plan and the incident panel."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cockpit.models.enums import AlarmKind, AlarmState

_CTX = "AlarmLabels"

# QT_TRANSLATE_NOOP marks the sources for lupdate; translation happens at call time so a language
# switch after import is honoured.
_KINDS = {
    AlarmKind.FALL: QT_TRANSLATE_NOOP("AlarmLabels", "Fall"),
    AlarmKind.CROWD: QT_TRANSLATE_NOOP("AlarmLabels", "Crowd"),
    AlarmKind.INTRUSION: QT_TRANSLATE_NOOP("AlarmLabels", "Intrusion"),
    AlarmKind.SMOKE: QT_TRANSLATE_NOOP("AlarmLabels", "Smoke"),
    AlarmKind.HEART_RATE: QT_TRANSLATE_NOOP("AlarmLabels", "Heart rate"),
    AlarmKind.EMERGENCY_BUTTON: QT_TRANSLATE_NOOP("AlarmLabels", "Emergency button"),
    AlarmKind.MOTION: QT_TRANSLATE_NOOP("AlarmLabels", "Motion"),
    AlarmKind.TAMPER: QT_TRANSLATE_NOOP("AlarmLabels", "Tampering"),
    AlarmKind.LINE_CROSSING: QT_TRANSLATE_NOOP("AlarmLabels", "Line crossing"),
    AlarmKind.DOOR: QT_TRANSLATE_NOOP("AlarmLabels", "Door"),
    AlarmKind.GAS: QT_TRANSLATE_NOOP("AlarmLabels", "Gas"),
    AlarmKind.WATER_LEAK: QT_TRANSLATE_NOOP("AlarmLabels", "Water leak"),
    AlarmKind.DEVICE_OFFLINE: QT_TRANSLATE_NOOP("AlarmLabels", "Device offline"),
}

_STATES = {
    AlarmState.NEW: QT_TRANSLATE_NOOP("AlarmLabels", "new"),
    AlarmState.ACKNOWLEDGED: QT_TRANSLATE_NOOP("AlarmLabels", "acknowledged"),
    AlarmState.IN_INCIDENT: QT_TRANSLATE_NOOP("AlarmLabels", "in incident"),
    AlarmState.CLOSED: QT_TRANSLATE_NOOP("AlarmLabels", "closed"),
    AlarmState.SUPPRESSED: QT_TRANSLATE_NOOP("AlarmLabels", "suppressed"),
}


def kind_label(kind: AlarmKind) -> str:
    source = _KINDS.get(kind)
    return QCoreApplication.translate(_CTX, source) if source else str(kind)


def state_label(state: AlarmState) -> str:
    source = _STATES.get(state)
    return QCoreApplication.translate(_CTX, source) if source else str(state)
