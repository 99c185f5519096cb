"""A blocking ONVIF client for one camera, on onvif-zeep: a deadline on every call, every failure an OnvifError.

Never call it on the UI thread. Two channels, each with its own HTTP session and lock: commands
(device, media, PTZ, snapshots) and events (pull point), so a long PullMessages never holds up a PTZ move.
The device clock is read first (unauthenticated); WS-Security tokens are then stamped in device time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from cockpit.cameras import CameraEventReceived

from .camera import SERVICES, ZeepCamera
from .errors import (
    ClockSkew,
    NotOnvif,
    NotSupportedByDevice,
    OnvifError,
    RequestRejected,
    Unsupported,
    classify,
    describe_offset,
    describe_span,
)
from .events import has_soap_envelope, parse_device_time, parse_notifications
from .info import DeviceInfo, PresetInfo, ProfileInfo, PtzStatus
from .transport import MIB, OnvifTransport, check_soap_reply, netloc

logger = logging.getLogger(__name__)
T = TypeVar("T")

# 24 h: time-zone mistakes (a camera set to local time as UTC, up to ±14 h) are common and harmless once
# corrected by the measured offset; a clock further off was never set (1970/2000 after a power cut) and
# will jump when someone fixes it, so its event times cannot be trusted.
DEFAULT_MAX_CLOCK_OFFSET_S = 24 * 3600.0
SNAPSHOT_MAX_BYTES = 16 * MIB
EVENTS_NS = "http://www.onvif.org/ver10/events/wsdl"
PULL_POINT_NS = EVENTS_NS + "/PullPointSubscription"
_NAMES = {"Device": "device", "Media": "media", "PTZ": "ptz", "Events": "events", "Imaging": "imaging",
          "Analytics": "analytics"}  # GetCapabilities categories -> our service names
_ZEEP_NAMES = {"device": "devicemgmt"}  # our names -> onvif-zeep's
_GET_TIME = (b'<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">'
             b'<s:Body><GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>')
_SOAP_HEADERS = {"Content-Type": 'application/soap+xml; charset=utf-8; '
                                 'action="http://www.onvif.org/ver10/device/wsdl/GetSystemDateAndTime"'}

def device_url(address: str) -> str:
    """'127.0.0.1:8081' / 'http://cam' / a full URL -> the device service URL."""
    text = address.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    return urlunsplit((parts.scheme, parts.netloc, parts.path if parts.path not in ("", "/") else
                       "/onvif/device_service", parts.query, ""))


def _get(obj: Any, *path: str) -> Any:
    for name in path:
        if obj is None:
            return None
        obj = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
    return obj


def _number(value: Any, kind: Callable[[Any], T]) -> T | None:
    try:
        return None if value is None else kind(value)
    except (TypeError, ValueError):
        return None


@dataclass
class _Channel:
    transport: OnvifTransport
    camera: ZeepCamera
    lock: threading.Lock


@dataclass
class _Subscription:
    address: str
    pull: Any  # zeep ServiceProxy, PullPointSubscriptionBinding
    manager: Any  # zeep ServiceProxy, SubscriptionManagerBinding
    headers: list[Any]  # ReferenceParameters to echo as SOAP headers
    expires_at: float  # time.monotonic()


class OnvifClient:
    """One camera. Blocking; thread-safe (calls on a channel are serialised by its lock)."""

    def __init__(self, address: str, username: str | None = None, password: str | None = None, *,
                 code: str | None = None, timeout_s: float = 5.0,
                 max_clock_offset_s: float = DEFAULT_MAX_CLOCK_OFFSET_S) -> None:
        self.url = device_url(address)
        self.where = netloc(self.url)
        self.code = code or self.where
        self.timeout_s = timeout_s
        self.max_clock_offset_s = max_clock_offset_s
        self._offset: float | None = None
        self.services: dict[str, str] = {}  # "media" -> XAddr, as offered by the device
        self.ptz_profile: str | None = None
        self.last_profiles: list[ProfileInfo] = []  # as of connect() / profiles()
        self.connect_s: float | None = None
        self._cmd = self._channel(username, password)
        self._ev = self._channel(username, password)
        self._subscription: _Subscription | None = None

    def _channel(self, username: str | None, password: str | None) -> _Channel:
        transport = OnvifTransport(self.where, timeout_s=self.timeout_s, username=username, password=password)
        return _Channel(transport, ZeepCamera(self.url, username, password, transport, self._offset_s),
                        threading.Lock())

    def _offset_s(self) -> float:
        return self._offset or 0.0

    @property
    def clock_offset_s(self) -> float | None:
        """Device clock minus ours, in seconds (None until read)."""
        return self._offset

    def close(self) -> None:
        for channel in (self._cmd, self._ev):
            channel.transport.session.close()

    # -- calls ------------------------------------------------------------------------------------

    def _invoke(self, channel: _Channel, operation: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with channel.lock:
            channel.transport.operation = operation
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                raise classify(exc, self.where, operation, channel.transport.timeout_s) from exc

    def _call(self, service: str, operation: str, params: dict[str, Any] | None = None, *,
              channel: _Channel | None = None) -> Any:
        channel = channel or self._cmd
        if service != "device" and service not in self.services:
            raise NotSupportedByDevice(f"{self.where} has no {service} service")
        proxy = channel.camera.service(_ZEEP_NAMES.get(service, service)).ws_client
        return self._invoke(channel, operation, lambda: getattr(proxy, operation)(**(params or {})))

    # -- clock and connection ---------------------------------------------------------------------

    def read_clock(self) -> float:
        """GetSystemDateAndTime without login; sets and returns the offset (device − ours, RTT-corrected)."""
        def exchange() -> tuple[Any, float, float]:
            sent = time.time()
            response = self._cmd.transport.request("POST", self.url, data=_GET_TIME, headers=_SOAP_HEADERS,
                                                   what="GetSystemDateAndTime")
            return response, sent, time.time()

        response, sent, received = self._invoke(self._cmd, "GetSystemDateAndTime", exchange)
        device_time = None
        if response.status_code not in (401, 403):
            check_soap_reply(response, self.where, "GetSystemDateAndTime")
            if not has_soap_envelope(response.content):
                raise NotOnvif(f"{self.where} answered GetSystemDateAndTime without a SOAP envelope")
            device_time = parse_device_time(response.content)
        if device_time is None:  # a device that wants a login even for its clock: its HTTP Date will do
            try:
                device_time = parsedate_to_datetime(response.headers.get("Date", ""))
            except (TypeError, ValueError):
                device_time = None
            if device_time is None:
                logger.warning("%s: no device time available; assuming our clock", self.where)
                self._offset = 0.0
                return 0.0
        # The device truncates to whole seconds: its true time lies in [t, t+1) -> +0.5 s.
        offset = device_time.timestamp() + 0.5 - (sent + received) / 2.0
        self._offset = offset
        if abs(offset) > self.max_clock_offset_s:
            raise ClockSkew(f"{self.where}: device clock {describe_offset(offset)} "
                            f"(more than {describe_span(self.max_clock_offset_s)} off); set its time or NTP server")
        return offset

    def connect(self) -> DeviceInfo:
        """Clock, services, identity, profiles. Raises OnvifError; call it again to reconnect."""
        started = time.monotonic()
        self.read_clock()
        try:
            self.capabilities()
        except NotSupportedByDevice:  # GetCapabilities is deprecated; newer devices may only have GetServices
            self.get_services()
        info = self.device_information()
        if "media" not in self.services:
            raise Unsupported(f"{self.where} offers no media service (ONVIF Profile S): no stream to show")
        profiles = self.profiles()
        if not profiles:
            raise Unsupported(f"{self.where} has no media profiles")
        self.connect_s = time.monotonic() - started
        logger.info("%s: connected to %s %s in %.2f s, clock %+.1f s", self.code, info.manufacturer, info.model,
                    self.connect_s, self._offset)
        return info

    def _adopt(self, xaddr: str) -> str:
        """A device behind NAT announces its LAN address: keep its path, use the host we reached."""
        ours, theirs = urlsplit(self.url), urlsplit(xaddr)
        if not theirs.scheme or theirs.hostname == ours.hostname:
            return xaddr
        return urlunsplit((ours.scheme, ours.netloc, theirs.path, theirs.query, ""))

    def _set_services(self, found: dict[str, str]) -> dict[str, str]:
        found = {name: self._adopt(xaddr) for name, xaddr in found.items() if xaddr}
        found.setdefault("device", self.url)
        self.services = found
        for channel in (self._cmd, self._ev):
            with channel.camera.services_lock:
                channel.camera.services.clear()
                channel.camera.xaddrs.clear()
                for name, xaddr in found.items():
                    zeep_name = _ZEEP_NAMES.get(name, name)
                    if zeep_name in SERVICES:
                        channel.camera.xaddrs[SERVICES[zeep_name]["ns"]] = xaddr
        return found

    def capabilities(self) -> dict[str, str]:
        """GetCapabilities: service name ("media", "ptz", "events" …) -> XAddr; also kept in .services."""
        caps = self._call("device", "GetCapabilities", {"Category": "All"})
        return self._set_services({ours: _get(caps, theirs, "XAddr") for theirs, ours in _NAMES.items()
                                   if _get(caps, theirs, "XAddr")})

    def get_services(self) -> dict[str, str]:
        """The same from GetServices."""
        by_ns = {spec["ns"]: ("device" if name == "devicemgmt" else name) for name, spec in SERVICES.items()}
        found = self._call("device", "GetServices", {"IncludeCapability": False}) or []
        return self._set_services({by_ns[s.Namespace]: s.XAddr for s in found if s.Namespace in by_ns})

    def device_information(self) -> DeviceInfo:
        r = self._call("device", "GetDeviceInformation")
        return DeviceInfo(*(str(_get(r, name) or "") for name in
                            ("Manufacturer", "Model", "FirmwareVersion", "SerialNumber", "HardwareId")))

    # -- media ------------------------------------------------------------------------------------

    def profiles(self) -> list[ProfileInfo]:
        found = []
        for p in self._call("media", "GetProfiles") or []:
            vec = _get(p, "VideoEncoderConfiguration")
            found.append(ProfileInfo(
                token=str(_get(p, "token") or ""), name=str(_get(p, "Name") or ""),
                encoding=_get(vec, "Encoding"),
                width=_number(_get(vec, "Resolution", "Width"), int),
                height=_number(_get(vec, "Resolution", "Height"), int),
                fps=_number(_get(vec, "RateControl", "FrameRateLimit"), float),
                gop=_number(_get(vec, "H264", "GovLength") or _get(vec, "MPEG4", "GovLength"), int),
                bitrate_kbps=_number(_get(vec, "RateControl", "BitrateLimit"), int),
                has_ptz=_get(p, "PTZConfiguration") is not None))
        self.ptz_profile = next((p.token for p in found if p.has_ptz), None)
        self.last_profiles = found
        return found

    def stream_uri(self, token: str) -> str:
        setup = {"Stream": "RTP-Unicast", "Transport": {"Protocol": "RTSP"}}
        uri = _get(self._call("media", "GetStreamUri", {"StreamSetup": setup, "ProfileToken": token}), "Uri")
        if not uri:
            raise NotOnvif(f"{self.where} gave no stream URI for profile {token}")
        return str(uri)

    def snapshot_uri(self, token: str) -> str:
        uri = _get(self._call("media", "GetSnapshotUri", {"ProfileToken": token}), "Uri")
        if not uri:
            raise Unsupported(f"{self.where} gave no snapshot URI for profile {token}")
        return self._adopt(str(uri))

    def snapshot(self, token: str, max_bytes: int = SNAPSHOT_MAX_BYTES) -> bytes:
        """GetSnapshotUri, then GET it (HTTP Digest when challenged); the image bytes (JPEG)."""
        uri = self.snapshot_uri(token)
        channel = self._cmd
        response = self._invoke(channel, "snapshot", lambda: channel.transport.request(
            "GET", uri, max_bytes=max_bytes, what="the snapshot"))
        kind = response.headers.get("Content-Type", "")
        if response.status_code in (401, 403):
            raise RequestRejected(f"{self.where} refused the snapshot: wrong user name or password for its "
                                  f"web server (HTTP {response.status_code})")
        if response.status_code != 200 or not kind.startswith("image/"):
            raise RequestRejected(f"{self.where} gave no picture at its snapshot URI "
                                  f"(HTTP {response.status_code}, {kind or 'no content type'})")
        return response.content

    # -- PTZ --------------------------------------------------------------------------------------

    def _ptz(self, operation: str, profile: str | None = None, **params: Any) -> Any:
        token = profile or self.ptz_profile
        if token is None:
            raise Unsupported(f"{self.where} has no PTZ profile")
        return self._call("ptz", operation, {"ProfileToken": token, **params})

    def continuous_move(self, pan: float, tilt: float, zoom: float = 0.0, timeout_s: float | None = None,
                        profile: str | None = None) -> None:
        extra = {"Timeout": timedelta(seconds=timeout_s)} if timeout_s else {}
        self._ptz("ContinuousMove", profile, Velocity={"PanTilt": {"x": pan, "y": tilt}, "Zoom": {"x": zoom}},
                  **extra)

    def stop(self, profile: str | None = None) -> None:
        self._ptz("Stop", profile, PanTilt=True, Zoom=True)

    def absolute_move(self, pan: float, tilt: float, zoom: float | None = None, profile: str | None = None) -> None:
        position: dict[str, Any] = {"PanTilt": {"x": pan, "y": tilt}}
        if zoom is not None:
            position["Zoom"] = {"x": zoom}
        self._ptz("AbsoluteMove", profile, Position=position)

    def presets(self, profile: str | None = None) -> list[PresetInfo]:
        return [PresetInfo(token=str(_get(p, "token") or ""), name=str(_get(p, "Name") or ""),
                           pan=_number(_get(p, "PTZPosition", "PanTilt", "x"), float),
                           tilt=_number(_get(p, "PTZPosition", "PanTilt", "y"), float),
                           zoom=_number(_get(p, "PTZPosition", "Zoom", "x"), float))
                for p in self._ptz("GetPresets", profile) or []]

    def set_preset(self, name: str, profile: str | None = None) -> str:
        reply = self._ptz("SetPreset", profile, PresetName=name)
        return str(reply if isinstance(reply, str) else _get(reply, "PresetToken"))

    def goto_preset(self, token: str, profile: str | None = None) -> None:
        self._ptz("GotoPreset", profile, PresetToken=token)

    def remove_preset(self, token: str, profile: str | None = None) -> None:
        self._ptz("RemovePreset", profile, PresetToken=token)

    def status(self, profile: str | None = None) -> PtzStatus:
        r = self._ptz("GetStatus", profile)
        moves = (str(_get(r, "MoveStatus", "PanTilt") or ""), str(_get(r, "MoveStatus", "Zoom") or ""))
        return PtzStatus(pan=_number(_get(r, "Position", "PanTilt", "x"), float),
                         tilt=_number(_get(r, "Position", "PanTilt", "y"), float),
                         zoom=_number(_get(r, "Position", "Zoom", "x"), float),
                         moving="MOVING" in moves)

    # -- events (own channel) ---------------------------------------------------------------------

    @property
    def subscribed(self) -> bool:
        return self._subscription is not None

    @property
    def subscription_remaining_s(self) -> float | None:
        sub = self._subscription
        return None if sub is None else sub.expires_at - time.monotonic()

    def _expires(self, reply: Any, fallback_s: float) -> float:
        current, termination = _get(reply, "CurrentTime"), _get(reply, "TerminationTime")
        if isinstance(current, datetime) and isinstance(termination, datetime):
            return time.monotonic() + (termination - current).total_seconds()
        return time.monotonic() + fallback_s

    def create_pull_point(self, ttl_s: float = 60.0) -> float:
        """A pull-point subscription (relative termination time); returns the seconds it lives."""
        reply = self._call("events", "CreatePullPointSubscription",
                           {"InitialTerminationTime": f"PT{max(1, round(ttl_s))}S"}, channel=self._ev)
        reference = _get(reply, "SubscriptionReference")
        address = _get(reference, "Address")
        address = str(getattr(address, "_value_1", address) or "")
        if not address:
            raise NotOnvif(f"{self.where} created a pull point without an address")
        address = self._adopt(address)
        headers = list(_get(reference, "ReferenceParameters", "_value_1") or [])
        camera = self._ev.camera
        with camera.services_lock:
            camera.xaddrs[PULL_POINT_NS] = address
        service = camera.create_pullpoint_service()
        manager = service.zeep_client.create_service(f"{{{EVENTS_NS}}}SubscriptionManagerBinding", address)
        self._subscription = _Subscription(address, service.ws_client, manager, headers,
                                           self._expires(reply, ttl_s))
        return self._subscription.expires_at - time.monotonic()

    def _require_subscription(self) -> _Subscription:
        if self._subscription is None:
            raise RuntimeError("no pull point: call create_pull_point() first")
        return self._subscription

    def pull(self, timeout_s: float = 1.0, limit: int = 100) -> list[CameraEventReceived]:
        """Wait up to timeout_s on the device for messages; the deadline is timeout_s + the call timeout."""
        sub = self._require_subscription()
        transport = self._ev.transport
        extra = {"_soapheaders": sub.headers} if sub.headers else {}
        def pull_messages() -> tuple[Any, bytes]:
            reply = sub.pull.PullMessages(Timeout=timedelta(seconds=timeout_s), MessageLimit=limit, **extra)
            return reply, transport.last_reply

        with transport.deadline(timeout_s + self.timeout_s):
            reply, raw = self._invoke(self._ev, "PullMessages", pull_messages)
        sub.expires_at = max(sub.expires_at, self._expires(reply, 0.0))
        try:
            return parse_notifications(raw, self.code, self._offset_s())
        except Exception as exc:
            raise classify(exc, self.where, "PullMessages") from exc

    def renew(self, ttl_s: float = 60.0) -> float:
        sub = self._require_subscription()
        extra = {"_soapheaders": sub.headers} if sub.headers else {}
        reply = self._invoke(self._ev, "Renew", lambda: sub.manager.Renew(
            TerminationTime=f"PT{max(1, round(ttl_s))}S", **extra))
        sub.expires_at = self._expires(reply, ttl_s)
        return sub.expires_at - time.monotonic()

    def unsubscribe(self, timeout_s: float | None = None) -> None:
        """Release the pull point on the device; forgotten here even if the device does not answer."""
        sub, self._subscription = self._subscription, None
        if sub is None:
            return
        extra = {"_soapheaders": sub.headers} if sub.headers else {}
        with self._ev.transport.deadline(timeout_s or self.timeout_s):
            self._invoke(self._ev, "Unsubscribe", lambda: sub.manager.Unsubscribe(**extra))

    def drop_subscription(self) -> None:
        """Forget the pull point without telling the device (it expires there by itself)."""
        self._subscription = None


__all__ = ["DEFAULT_MAX_CLOCK_OFFSET_S", "OnvifClient", "OnvifError", "device_url"]
