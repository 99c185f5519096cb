"""ORM models of the community (SQLAlchemy 2, typed)."""

from .base import Base, UTCDateTime, utcnow
from .devices import Camera, CameraProfile, Device, PtzPreset
from .enums import (
    AlarmKind,
    AlarmSource,
    AlarmState,
    BuildingKind,
    DeviceKind,
    DeviceStatus,
    DispatchState,
    Gender,
    IncidentState,
    PathNodeKind,
    ResponderRole,
    ResponderStatus,
    StreamRole,
)
from .operations import Alarm, DispatchTask, Incident
from .security import AuditEvent, User
from .site import Building, Floor, PathEdge, PathNode, Resident, Responder, Site, Unit, Vehicle

__all__ = [
    "Alarm", "AlarmKind", "AlarmSource", "AlarmState", "AuditEvent", "Base", "Building",
    "BuildingKind", "Camera", "CameraProfile", "Device", "DeviceKind", "DeviceStatus",
    "DispatchState", "DispatchTask", "Floor", "Gender", "Incident", "IncidentState",
    "PathEdge", "PathNode", "PathNodeKind", "PtzPreset", "Resident", "Responder",
    "ResponderRole", "ResponderStatus", "Site", "StreamRole", "UTCDateTime", "Unit", "User",
    "Vehicle", "utcnow",
]
