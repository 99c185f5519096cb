"""ORM models of the community (SQLAlchemy 2, typed)."""

from .base import Base, UTCDateTime, utcnow
from .devices import Camera, CameraProfile, Device, PtzPreset
from .dispatch import EscalationAction
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
    RecordingReason,
    ResponderRole,
    ResponderStatus,
    StreamRole,
)
from .operations import Alarm, AlarmSourceRef, DispatchTask, Incident, MaintenanceWindow
from .recordings import Recording
from .security import AuditEvent, User
from .site import Building, Floor, PathEdge, PathNode, Resident, Responder, Site, Unit, Vehicle

__all__ = [
    "Alarm", "AlarmKind", "AlarmSourceRef", "AlarmSource", "AlarmState", "AuditEvent", "Base", "Building",
    "BuildingKind", "Camera", "CameraProfile", "Device", "DeviceKind", "DeviceStatus",
    "DispatchState", "DispatchTask", "EscalationAction", "Floor", "Gender", "Incident", "IncidentState", "MaintenanceWindow",
    "PathEdge", "PathNode", "PathNodeKind", "PtzPreset", "Recording", "RecordingReason", "Resident",
    "Responder", "ResponderRole", "ResponderStatus", "Site", "StreamRole", "UTCDateTime", "Unit",
    "User", "Vehicle", "utcnow",
]
