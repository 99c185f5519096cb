"""ONVIF Device service (ver10/device) of a simulated camera: clock, identity, capabilities, scopes."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from lxml import etree

from ..model import SimCamera
from .addresses import DeviceAddresses
from .soap import Handler, SoapCall, SoapFault, action_not_supported, el, find_all, qn, text
from .xstypes import parse_bool

logger = logging.getLogger(__name__)

ONVIF_VERSION = (2, 60)


@dataclass(frozen=True)
class ServiceEntry:
    """One service the device offers, for GetServices / GetCapabilities."""

    name: str  # key of addresses.SERVICE_PATHS
    namespace: str
    capabilities: Callable[[], etree._Element]  # the service's own <prefix:Capabilities/>


def serial_number(camera: SimCamera) -> str:
    return camera.serial or f"SIM{camera.index:06d}"


def hardware_address(camera: SimCamera) -> str:
    """A stable, locally administered MAC derived from the camera code."""
    digest = hashlib.sha1(camera.code.encode()).digest()
    return ":".join(f"{b:02x}" for b in (0x02, *digest[:5]))


def scopes(camera: SimCamera) -> list[tuple[str, str]]:
    """(ScopeDef, ScopeItem) pairs, as GetScopes and WS-Discovery report them."""
    base = "onvif://www.onvif.org"
    fixed = [f"{base}/type/video_encoder", f"{base}/Profile/Streaming",
             f"{base}/hardware/{quote(camera.model)}"]
    if camera.is_ptz:
        fixed.insert(1, f"{base}/type/ptz")
    configurable = [f"{base}/name/{quote(camera.code)}", f"{base}/location/{quote(camera.name)}"]
    return [("Fixed", s) for s in fixed] + [("Configurable", s) for s in configurable]


def _date_time(moment: datetime) -> etree._Element:
    return el("tt:DateTime",
              el("tt:Time", el("tt:Hour", moment.hour), el("tt:Minute", moment.minute),
                 el("tt:Second", moment.second)),
              el("tt:Date", el("tt:Year", moment.year), el("tt:Month", moment.month), el("tt:Day", moment.day)))


def _renamed(node: etree._Element, tag: str) -> etree._Element:
    node.tag = qn(tag)
    return node


class DeviceService:
    def __init__(self, camera: SimCamera, addresses: DeviceAddresses, services: Sequence[ServiceEntry]) -> None:
        self._camera = camera
        self._addresses = addresses
        self._services = list(services)

    def operations(self) -> dict[str, Handler]:
        ops: dict[str, Handler] = {
            "GetSystemDateAndTime": self.get_system_date_and_time,
            "GetDeviceInformation": self.get_device_information,
            "GetCapabilities": self.get_capabilities,
            "GetServices": self.get_services,
            "GetServiceCapabilities": self.get_service_capabilities,
            "GetNetworkInterfaces": self.get_network_interfaces,
            "GetHostname": self.get_hostname,
            "GetScopes": self.get_scopes,
        }
        return {qn(f"tds:{name}"): handler for name, handler in ops.items()}

    @staticmethod
    def capabilities() -> etree._Element:
        return el("tds:Capabilities",
                  el("tds:Network", IPFilter=False, ZeroConfiguration=False, IPVersion6=False, DynDNS=False,
                     HostnameFromDHCP=False, NTP=0),
                  el("tds:Security", UsernameToken=True, HttpDigest=False, **{"TLS1.2": False}),
                  el("tds:System", DiscoveryResolve=False, DiscoveryBye=False, RemoteDiscovery=False,
                     SystemBackup=False, SystemLogging=False, FirmwareUpgrade=False))

    async def get_system_date_and_time(self, call: SoapCall) -> etree._Element:
        now = self._camera.device_time()
        return el("tds:GetSystemDateAndTimeResponse",
                  el("tds:SystemDateAndTime",
                     el("tt:DateTimeType", "Manual"), el("tt:DaylightSavings", False),
                     el("tt:TimeZone", el("tt:TZ", "UTC0")),
                     _renamed(_date_time(now), "tt:UTCDateTime"),
                     _renamed(_date_time(now), "tt:LocalDateTime")))

    async def get_device_information(self, call: SoapCall) -> etree._Element:
        cam = self._camera
        return el("tds:GetDeviceInformationResponse",
                  el("tds:Manufacturer", cam.manufacturer), el("tds:Model", cam.model),
                  el("tds:FirmwareVersion", cam.firmware), el("tds:SerialNumber", serial_number(cam)),
                  el("tds:HardwareId", f"{cam.model}-HW1"))

    def _offered(self, name: str) -> ServiceEntry | None:
        return next((s for s in self._services if s.name == name), None)

    async def get_capabilities(self, call: SoapCall) -> etree._Element:
        wanted = {c.text.strip() for c in find_all(call.op, "Category") if c.text} or {"All"}
        known = {"All", "Analytics", "Device", "Events", "Imaging", "Media", "PTZ"}
        if wanted - known:
            raise SoapFault("Sender", ["ter:InvalidArgVal"], f"Unknown capability category {wanted - known}")
        offered = {"Device": "device", "Events": "events", "Media": "media", "PTZ": "ptz"}
        missing = {c for c in wanted - {"All"} if c not in offered or self._offered(offered[c]) is None}
        if missing:
            raise action_not_supported(f"No such service: {', '.join(sorted(missing))}", "ter:NoSuchService")
        everything = "All" in wanted
        addr = self._addresses.service
        parts: dict[str, Callable[[], etree._Element]] = {
            "Device": lambda: el(
                "tt:Device", el("tt:XAddr", addr("device")),
                el("tt:Network", el("tt:IPFilter", False), el("tt:ZeroConfiguration", False),
                   el("tt:IPVersion6", False), el("tt:DynDNS", False)),
                el("tt:System", el("tt:DiscoveryResolve", False), el("tt:DiscoveryBye", False),
                   el("tt:RemoteDiscovery", False), el("tt:SystemBackup", False), el("tt:SystemLogging", False),
                   el("tt:FirmwareUpgrade", False),
                   el("tt:SupportedVersions", el("tt:Major", ONVIF_VERSION[0]), el("tt:Minor", ONVIF_VERSION[1])))),
            "Events": lambda: el(
                "tt:Events", el("tt:XAddr", addr("events")), el("tt:WSSubscriptionPolicySupport", False),
                el("tt:WSPullPointSupport", True), el("tt:WSPausableSubscriptionManagerInterfaceSupport", False)),
            "Media": lambda: el(
                "tt:Media", el("tt:XAddr", addr("media")),
                el("tt:StreamingCapabilities", el("tt:RTPMulticast", False), el("tt:RTP_TCP", True),
                   el("tt:RTP_RTSP_TCP", True))),
            "PTZ": lambda: el("tt:PTZ", el("tt:XAddr", addr("ptz"))),
        }
        chosen = [build() for cat, build in parts.items()
                  if (everything or cat in wanted) and self._offered(offered[cat]) is not None]
        return el("tds:GetCapabilitiesResponse", el("tds:Capabilities", *chosen))

    async def get_services(self, call: SoapCall) -> etree._Element:
        raw = text(call.op, "IncludeCapability")
        try:
            include = parse_bool(raw) if raw else False
        except ValueError:
            raise SoapFault("Sender", ["ter:InvalidArgVal"], "IncludeCapability must be a boolean") from None
        services = [
            el("tds:Service", el("tds:Namespace", s.namespace), el("tds:XAddr", self._addresses.service(s.name)),
               el("tds:Capabilities", s.capabilities()) if include else None,
               el("tds:Version", el("tt:Major", ONVIF_VERSION[0]), el("tt:Minor", ONVIF_VERSION[1])))
            for s in self._services
        ]
        return el("tds:GetServicesResponse", *services)

    async def get_service_capabilities(self, call: SoapCall) -> etree._Element:
        return el("tds:GetServiceCapabilitiesResponse", self.capabilities())

    async def get_network_interfaces(self, call: SoapCall) -> etree._Element:
        host = self._addresses.advertised_host
        prefix = 8 if host.startswith("127.") else 24
        return el("tds:GetNetworkInterfacesResponse",
                  el("tds:NetworkInterfaces",
                     el("tt:Enabled", True),
                     el("tt:Info", el("tt:Name", "eth0"), el("tt:HwAddress", hardware_address(self._camera)),
                        el("tt:MTU", 1500)),
                     el("tt:IPv4", el("tt:Enabled", True),
                        el("tt:Config", el("tt:Manual", el("tt:Address", host), el("tt:PrefixLength", prefix)),
                           el("tt:DHCP", False))),
                     token="eth0"))

    async def get_hostname(self, call: SoapCall) -> etree._Element:
        return el("tds:GetHostnameResponse",
                  el("tds:HostnameInformation", el("tt:FromDHCP", False), el("tt:Name", self._camera.code.lower())))

    async def get_scopes(self, call: SoapCall) -> etree._Element:
        return el("tds:GetScopesResponse",
                  *(el("tds:Scopes", el("tt:ScopeDef", kind), el("tt:ScopeItem", item))
                    for kind, item in scopes(self._camera)))
