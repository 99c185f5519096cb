"""Translated names for the domain's vocabularies (the domain itself knows no Qt)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cockpit.cameras import CameraState
from cockpit.models import BuildingKind, DeviceKind, DeviceStatus, ResponderRole, ResponderStatus
from cockpit.roles import Role
from services.lookup import HitKind

_CTX = "Labels"

# Keyed by (enum type, member): StrEnum members of different types compare equal when their
# values do (DeviceStatus.ONLINE == CameraState.ONLINE == "online").
_TEXT: dict[tuple[type, StrEnum], str] = {(type(k), k): v for k, v in [
    (DeviceKind.CAMERA, QT_TRANSLATE_NOOP("Labels", "Camera")),
    (DeviceKind.SMOKE_DETECTOR, QT_TRANSLATE_NOOP("Labels", "Smoke detector")),
    (DeviceKind.DOOR_SENSOR, QT_TRANSLATE_NOOP("Labels", "Door sensor")),
    (DeviceKind.WEARABLE, QT_TRANSLATE_NOOP("Labels", "Wearable")),
    (DeviceKind.EMERGENCY_BUTTON, QT_TRANSLATE_NOOP("Labels", "Emergency button")),
    (DeviceKind.GAS_DETECTOR, QT_TRANSLATE_NOOP("Labels", "Gas detector")),
    (DeviceKind.WATER_LEAK, QT_TRANSLATE_NOOP("Labels", "Water-leak sensor")),
    (DeviceKind.ACCESS_GATE, QT_TRANSLATE_NOOP("Labels", "Access gate")),
    (DeviceStatus.UNKNOWN, QT_TRANSLATE_NOOP("Labels", "not connected")),
    (DeviceStatus.ONLINE, QT_TRANSLATE_NOOP("Labels", "online")),
    (DeviceStatus.OFFLINE, QT_TRANSLATE_NOOP("Labels", "offline")),
    (DeviceStatus.FAULT, QT_TRANSLATE_NOOP("Labels", "fault")),
    (DeviceStatus.MAINTENANCE, QT_TRANSLATE_NOOP("Labels", "maintenance")),
    (BuildingKind.RESIDENTIAL, QT_TRANSLATE_NOOP("Labels", "Residential building")),
    (BuildingKind.COMMUNITY_CENTRE, QT_TRANSLATE_NOOP("Labels", "Community centre")),
    (BuildingKind.COMMERCIAL, QT_TRANSLATE_NOOP("Labels", "Commercial building")),
    (BuildingKind.SERVICE, QT_TRANSLATE_NOOP("Labels", "Service building")),
    (ResponderRole.SECURITY_GUARD, QT_TRANSLATE_NOOP("Labels", "Security guard")),
    (ResponderRole.GRID_WORKER, QT_TRANSLATE_NOOP("Labels", "Grid worker")),
    (ResponderRole.PROPERTY_STAFF, QT_TRANSLATE_NOOP("Labels", "Property staff")),
    (ResponderRole.MEDIC, QT_TRANSLATE_NOOP("Labels", "Medic")),
    (ResponderStatus.AVAILABLE, QT_TRANSLATE_NOOP("Labels", "available")),
    (ResponderStatus.BUSY, QT_TRANSLATE_NOOP("Labels", "busy")),
    (ResponderStatus.OFF_DUTY, QT_TRANSLATE_NOOP("Labels", "off duty")),
    (Role.OPERATOR, QT_TRANSLATE_NOOP("Labels", "Operator")),
    (Role.SUPERVISOR, QT_TRANSLATE_NOOP("Labels", "Supervisor")),
    (Role.INSTALLER, QT_TRANSLATE_NOOP("Labels", "Installer")),
    (Role.ADMIN, QT_TRANSLATE_NOOP("Labels", "Administrator")),
    (CameraState.UNKNOWN, QT_TRANSLATE_NOOP("Labels", "not connected")),
    (CameraState.CONNECTING, QT_TRANSLATE_NOOP("Labels", "connecting")),
    (CameraState.ONLINE, QT_TRANSLATE_NOOP("Labels", "online")),
    (CameraState.UNREACHABLE, QT_TRANSLATE_NOOP("Labels", "unreachable")),
    (CameraState.AUTH_FAILED, QT_TRANSLATE_NOOP("Labels", "wrong credentials")),
    (CameraState.CLOCK_SKEW, QT_TRANSLATE_NOOP("Labels", "clock skew")),
    (CameraState.NOT_ONVIF, QT_TRANSLATE_NOOP("Labels", "not ONVIF")),
    (CameraState.UNSUPPORTED, QT_TRANSLATE_NOOP("Labels", "unsupported")),
    (CameraState.STREAM_UNPLAYABLE, QT_TRANSLATE_NOOP("Labels", "stream unplayable")),
    (CameraState.DISABLED, QT_TRANSLATE_NOOP("Labels", "disabled")),
    (HitKind.RESIDENT, QT_TRANSLATE_NOOP("Labels", "Residents")),
    (HitKind.HOUSEHOLD, QT_TRANSLATE_NOOP("Labels", "Households")),
    (HitKind.VEHICLE, QT_TRANSLATE_NOOP("Labels", "Vehicles")),
    (HitKind.DEVICE, QT_TRANSLATE_NOOP("Labels", "Devices")),
]}

# Names of the fields a lookup hit carries (services/lookup.py).
_FIELDS = {
    "age": QT_TRANSLATE_NOOP("Labels", "Age"),
    "gender": QT_TRANSLATE_NOOP("Labels", "Gender"),
    "unit": QT_TRANSLATE_NOOP("Labels", "Home"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone"),
    "id_number": QT_TRANSLATE_NOOP("Labels", "ID number"),
    "flags": QT_TRANSLATE_NOOP("Labels", "Needs"),
    "condition": QT_TRANSLATE_NOOP("Labels", "Chronic condition"),
    "emergency_contact": QT_TRANSLATE_NOOP("Labels", "Emergency contact"),
    "members": QT_TRANSLATE_NOOP("Labels", "Members"),
    "parking_spot": QT_TRANSLATE_NOOP("Labels", "Parking spot"),
    "make": QT_TRANSLATE_NOOP("Labels", "Vehicle"),
    "kind": QT_TRANSLATE_NOOP("Labels", "Kind"),
    "code": QT_TRANSLATE_NOOP("Labels", "Code"),
    "status": QT_TRANSLATE_NOOP("Labels", "Status"),
    "building": QT_TRANSLATE_NOOP("Labels", "Building"),
}

# One record of a kind (the plural forms above head result groups).
_KIND_SINGULAR = {
    HitKind.RESIDENT: QT_TRANSLATE_NOOP("Labels", "Resident"),
    HitKind.HOUSEHOLD: QT_TRANSLATE_NOOP("Labels", "Household"),
    HitKind.VEHICLE: QT_TRANSLATE_NOOP("Labels", "Vehicle"),
    HitKind.DEVICE: QT_TRANSLATE_NOOP("Labels", "Device"),
}

_VALUES = {
    ("gender", "F"): QT_TRANSLATE_NOOP("Labels", "female"),
    ("gender", "M"): QT_TRANSLATE_NOOP("Labels", "male"),
    ("flag", "lives_alone"): QT_TRANSLATE_NOOP("Labels", "lives alone"),
    ("flag", "mobility"): QT_TRANSLATE_NOOP("Labels", "limited mobility"),
}


def label(value: StrEnum) -> str:
    source = _TEXT.get((type(value), value))
    return QCoreApplication.translate(_CTX, source) if source else str(value)


def kind_name(kind: HitKind) -> str:
    return QCoreApplication.translate(_CTX, _KIND_SINGULAR[kind])


def field_name(key: str) -> str:
    source = _FIELDS.get(key)
    return QCoreApplication.translate(_CTX, source) if source else key


def field_value(key: str, value: str) -> str:
    """Translate coded values (gender, flags, enum values); pass free text through."""
    if key == "gender":
        return QCoreApplication.translate(_CTX, _VALUES.get(("gender", value), value))
    if key == "flags":
        return "、".join(
            QCoreApplication.translate(_CTX, _VALUES.get(("flag", f), f)) for f in value.split(",") if f
        )
    if key == "kind":
        return label(DeviceKind(value))
    if key == "status":
        return label(DeviceStatus(value))
    return value
