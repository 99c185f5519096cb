"""The product's ONVIF side: a client per camera, a worker thread per camera, the camera service,
encrypted credentials and WS-Discovery. Nothing here runs on (or imports) the UI; see docs/ONVIF_CLIENT.md."""

from .client import DEFAULT_MAX_CLOCK_OFFSET_S, OnvifClient, device_url
from .credentials import Credentials, CredentialStore, CredentialsUnavailable
from .discovery import MULTICAST_TARGET, DiscoveredDevice, discover
from .errors import (
                     AuthFailed,
                     CameraBusy,
                     ClockSkew,
                     DeviceUnreachable,
                     NotOnvif,
                     NotSupportedByDevice,
                     OnvifError,
                     RequestRejected,
                     Unsupported,
)
from .info import DeviceInfo, DeviceReport, PresetInfo, ProfileInfo, PtzStatus
from .service import CameraService, UnknownCamera
from .worker import Backoff, CameraWorker

__all__ = [
    "DEFAULT_MAX_CLOCK_OFFSET_S", "MULTICAST_TARGET", "AuthFailed", "Backoff", "CameraBusy", "CameraService",
    "CameraWorker", "ClockSkew", "CredentialStore", "Credentials", "CredentialsUnavailable", "DeviceInfo",
    "DeviceReport", "DeviceUnreachable", "DiscoveredDevice", "NotOnvif", "NotSupportedByDevice", "OnvifClient",
    "OnvifError", "PresetInfo", "ProfileInfo", "PtzStatus", "RequestRejected", "UnknownCamera", "Unsupported",
    "device_url", "discover",
]
