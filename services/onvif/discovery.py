"""WS-Discovery client: send Probes to the given targets, collect ProbeMatches as DiscoveredDevice.

Targets are (host, port) pairs: unicast to a known responder (the demo simulator on loopback), or
the multicast group (MULTICAST_TARGET) on a real site's LAN — only when a caller passes it. Tests
and the demo never send multicast on the host; multicast is tested inside a private network namespace.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from .events import PARSER

logger = logging.getLogger(__name__)

MULTICAST_GROUP = "239.255.255.250"
DISCOVERY_PORT = 3702
MULTICAST_TARGET = (MULTICAST_GROUP, DISCOVERY_PORT)
SOAP_ENV = "http://www.w3.org/2003/05/soap-envelope"
WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing"
WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery"
_NSMAP = {"s": SOAP_ENV, "a": WSA, "d": WSD, "dn": "http://www.onvif.org/ver10/network/wsdl",
          "tds": "http://www.onvif.org/ver10/device/wsdl"}
SCOPE_PREFIX = "onvif://www.onvif.org/"


@dataclass(frozen=True)
class DiscoveredDevice:
    endpoint: str  # EndpointReference address, e.g. urn:uuid:…; stable per device
    xaddrs: tuple[str, ...]  # device service URLs
    scopes: tuple[str, ...]
    types: tuple[str, ...]  # e.g. ("dn:NetworkVideoTransmitter", "tds:Device")
    name: str | None  # from onvif://www.onvif.org/name/…
    hardware: str | None  # …/hardware/…
    location: str | None  # …/location/…
    metadata_version: int
    sender: tuple[str, int]  # where the ProbeMatches came from

    @property
    def address(self) -> str | None:
        """The first XAddr: what probe_device() takes."""
        return self.xaddrs[0] if self.xaddrs else None


def scope_value(scopes: Sequence[str], key: str) -> str | None:
    """'onvif://www.onvif.org/name/CAM-001' -> 'CAM-001' for key 'name' (URL-decoded; several joined by ' ')."""
    found = [unquote(s[len(SCOPE_PREFIX) + len(key) + 1:]) for s in scopes
             if s.startswith(f"{SCOPE_PREFIX}{key}/")]
    return " ".join(found) if found else None


def probe_message(message_id: str, types: Sequence[str] = ("dn:NetworkVideoTransmitter",),
                  scopes: Sequence[str] = ()) -> bytes:
    def sub(parent: etree._Element, ns: str, local: str, text: str | None = None) -> etree._Element:
        node = etree.SubElement(parent, f"{{{ns}}}{local}")
        node.text = text
        return node

    env = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap=_NSMAP)
    header = sub(env, SOAP_ENV, "Header")
    sub(header, WSA, "MessageID", message_id)
    sub(header, WSA, "To", "urn:schemas-xmlsoap-org:ws:2005:04:discovery")
    sub(header, WSA, "Action", f"{WSD}/Probe")
    sub(sub(header, WSA, "ReplyTo"), WSA, "Address", f"{WSA}/role/anonymous")
    probe = sub(sub(env, SOAP_ENV, "Body"), WSD, "Probe")
    if types:
        sub(probe, WSD, "Types", " ".join(types))
    if scopes:
        sub(probe, WSD, "Scopes", " ".join(scopes))
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


def parse_probe_matches(data: bytes, sender: tuple[str, int], message_id: str) -> list[DiscoveredDevice]:
    """The devices in one ProbeMatches datagram that answers `message_id`; [] for anything else."""
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError:
        return []
    if root.findtext(f"{{{SOAP_ENV}}}Header/{{{WSA}}}RelatesTo", "").strip() != message_id:
        return []
    found = []
    for match in root.iterfind(f"{{{SOAP_ENV}}}Body/{{{WSD}}}ProbeMatches/{{{WSD}}}ProbeMatch"):
        def words(local: str, node: etree._Element = match) -> tuple[str, ...]:
            return tuple((node.findtext(f"{{{WSD}}}{local}") or "").split())
        scopes = words("Scopes")
        try:
            version = int(match.findtext(f"{{{WSD}}}MetadataVersion") or 0)
        except ValueError:
            version = 0
        endpoint = (match.findtext(f"{{{WSA}}}EndpointReference/{{{WSA}}}Address") or "").strip()
        if not endpoint:
            continue
        found.append(DiscoveredDevice(endpoint=endpoint, xaddrs=words("XAddrs"), scopes=scopes, types=words("Types"),
                                      name=scope_value(scopes, "name"), hardware=scope_value(scopes, "hardware"),
                                      location=scope_value(scopes, "location"), metadata_version=version,
                                      sender=sender))
    return found


def discover(targets: Sequence[tuple[str, int]], timeout_s: float = 2.0,
             on_found: Callable[[DiscoveredDevice], None] | None = None, *,
             types: Sequence[str] = ("dn:NetworkVideoTransmitter",), scopes: Sequence[str] = (),
             expect: int | None = None, interface: str | None = None) -> list[DiscoveredDevice]:
    """Probe every target once and collect answers for timeout_s (or until `expect` devices).

    Blocking (run it in a worker). `on_found` is called on this thread for each new device as it
    answers. `interface`: IPv4 address of the network card to send multicast from (default: the
    system's route for 239.255.255.250); multicast goes out with TTL 1 and never beyond the LAN.
    """
    message_id = f"urn:uuid:{uuid.uuid4()}"
    message = probe_message(message_id, types, scopes)
    found: dict[str, DiscoveredDevice] = {}
    multicast = [t for t in targets if ipaddress.ip_address(t[0]).is_multicast]
    loopback_only = all(ipaddress.ip_address(host).is_loopback for host, _ in targets) and not multicast
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP) as sock:
        if multicast:
            logger.info("WS-Discovery: multicast probe to %s:%d", *MULTICAST_TARGET)
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
            if interface:
                sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(interface))
        sock.bind((interface or ("127.0.0.1" if loopback_only else "0.0.0.0"), 0))
        for host, port in targets:
            try:
                sock.sendto(message, (host, port))
            except OSError as exc:
                logger.warning("WS-Discovery: cannot probe %s:%d: %s", host, port, exc)
        deadline = time.monotonic() + timeout_s
        while (remaining := deadline - time.monotonic()) > 0:
            sock.settimeout(remaining)
            try:
                data, sender = sock.recvfrom(65535)
            except TimeoutError:
                break
            except OSError as exc:  # e.g. ICMP port unreachable from a unicast target
                logger.debug("WS-Discovery: %s", exc)
                continue
            for device in parse_probe_matches(data, sender, message_id):
                if device.endpoint in found:
                    continue
                found[device.endpoint] = device
                if on_found is not None:
                    on_found(device)
            if expect is not None and len(found) >= expect:
                break
    return list(found.values())
