"""Closed vocabularies of the domain, stored by value."""

from __future__ import annotations

import enum


class BuildingKind(enum.StrEnum):
    RESIDENTIAL = "residential"
    COMMUNITY_CENTRE = "community_centre"
    COMMERCIAL = "commercial"
    SERVICE = "service"  # property office, guard house, substation


class DeviceKind(enum.StrEnum):
    CAMERA = "camera"
    SMOKE_DETECTOR = "smoke_detector"
    DOOR_SENSOR = "door_sensor"
    WEARABLE = "wearable"
    EMERGENCY_BUTTON = "emergency_button"
    GAS_DETECTOR = "gas_detector"
    WATER_LEAK = "water_leak"
    ACCESS_GATE = "access_gate"


class DeviceStatus(enum.StrEnum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"
    FAULT = "fault"
    MAINTENANCE = "maintenance"


class PathNodeKind(enum.StrEnum):
    JUNCTION = "junction"
    GATE = "gate"
    ENTRANCE = "entrance"  # a building's lobby door
    SQUARE = "square"
    PARKING = "parking"
    POST = "post"  # guard post / property office, where responders wait


class ResponderRole(enum.StrEnum):
    SECURITY_GUARD = "security_guard"
    GRID_WORKER = "grid_worker"
    PROPERTY_STAFF = "property_staff"
    MEDIC = "medic"


class ResponderStatus(enum.StrEnum):
    AVAILABLE = "available"
    BUSY = "busy"
    OFF_DUTY = "off_duty"


class AlarmKind(enum.StrEnum):
    FALL = "fall"
    CROWD = "crowd"
    INTRUSION = "intrusion"
    SMOKE = "smoke"
    HEART_RATE = "heart_rate"
    EMERGENCY_BUTTON = "emergency_button"
    MOTION = "motion"
    TAMPER = "tamper"
    LINE_CROSSING = "line_crossing"
    DOOR = "door"
    GAS = "gas"
    WATER_LEAK = "water_leak"
    DEVICE_OFFLINE = "device_offline"


class AlarmSource(enum.StrEnum):
    CAMERA = "camera"
    ANALYTICS = "analytics"
    SENSOR = "sensor"
    MANUAL = "manual"


class AlarmState(enum.StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_INCIDENT = "in_incident"
    CLOSED = "closed"
    SUPPRESSED = "suppressed"


class IncidentState(enum.StrEnum):
    OPEN = "open"
    DISPATCHED = "dispatched"
    ON_SITE = "on_site"
    RESOLVED = "resolved"
    CLOSED = "closed"


class DispatchState(enum.StrEnum):
    NOTIFIED = "notified"
    ACCEPTED = "accepted"
    EN_ROUTE = "en_route"
    ON_SITE = "on_site"
    DONE = "done"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class StreamRole(enum.StrEnum):
    MAIN = "main"
    SUB = "sub"


class Gender(enum.StrEnum):
    FEMALE = "F"
    MALE = "M"


class RecordingReason(enum.StrEnum):
    ALARM = "alarm"
    MANUAL = "manual"
