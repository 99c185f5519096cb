"""WS-Discovery for simulated cameras: a Probe responder on UDP (the client is the product's,
services/onvif/discovery.py).

Multicast (239.255.255.250:3702) is allowed only inside a network namespace of its own (tests):
on the host it would leave the machine, so the responder refuses it there.
"""

from __future__ import annotations

import asyncio
import ipaddress
import itertools
import logging
import socket
import struct
import time
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lxml import etree

from .soap import PARSER

if TYPE_CHECKING:
    from .server import OnvifDevice

logger = logging.getLogger(__name__)

MULTICAST_GROUP = "239.255.255.250"
DISCOVERY_PORT = 3702
SOAP_ENV = "http://www.w3.org/2003/05/soap-envelope"
WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing"
WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery"
DN = "http://www.onvif.org/ver10/network/wsdl"
TDS = "http://www.onvif.org/ver10/device/wsdl"
_NSMAP = {"s": SOAP_ENV, "a": WSA, "d": WSD, "dn": DN, "tds": TDS}
ANONYMOUS = f"{WSA}/role/anonymous"
RFC3986 = f"{WSD}/rfc3986"
STRCMP0 = f"{WSD}/strcmp0"


def in_loopback_only_namespace() -> bool:
    """True when this network namespace has no interface but loopback (e.g. under `unshare -n`).

    Multicast sent there cannot leave the machine. On the host (eth0, …) this is False.
    """
    return all(name == "lo" for _, name in socket.if_nameindex())


def _require_namespace(what: str) -> None:
    if not in_loopback_only_namespace():
        raise PermissionError(f"{what}: WS-Discovery multicast is only allowed in a network namespace with "
                              "nothing but loopback (unshare -n); on the host probe loopback by unicast")


def _q(ns: str, local: str) -> str:
    return f"{{{ns}}}{local}"


def _sub(parent: etree._Element, ns: str, local: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, _q(ns, local), attrs)
    node.text = text
    return node


def _envelope(action: str, message_id: str, to: str, relates_to: str | None = None,
              ) -> tuple[etree._Element, etree._Element, etree._Element]:
    env = etree.Element(_q(SOAP_ENV, "Envelope"), nsmap=_NSMAP)
    header = _sub(env, SOAP_ENV, "Header")
    _sub(header, WSA, "MessageID", message_id)
    if relates_to:
        _sub(header, WSA, "RelatesTo", relates_to)
    _sub(header, WSA, "To", to)
    _sub(header, WSA, "Action", action)
    return env, header, _sub(env, SOAP_ENV, "Body")


def _scope_matches(wanted: str, offered: str, rule: str) -> bool:
    if rule == STRCMP0:
        return wanted == offered
    wanted = wanted.rstrip("/")
    return offered == wanted or offered.startswith(wanted + "/")


class _Protocol(asyncio.DatagramProtocol):
    def __init__(self, responder: DiscoveryResponder) -> None:
        self._responder = responder

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        try:
            self._responder.handle(data, addr)
        except Exception:  # one bad datagram must not stop discovery
            logger.exception("discovery: datagram from %s failed", addr)


class DiscoveryResponder:
    """Answers WS-Discovery Probes with one ProbeMatches per matching device (as each camera would)."""

    def __init__(self, devices: Sequence[OnvifDevice], *, host: str = "127.0.0.1", port: int = DISCOVERY_PORT,
                 multicast: bool = False) -> None:
        if multicast and not ipaddress.ip_address(host).is_loopback:
            raise ValueError("multicast discovery joins the group on a loopback address only")
        self._devices = list(devices)
        self._host = host
        self._port = port
        self._multicast = multicast
        self._transports: list[asyncio.DatagramTransport] = []
        self._instance_id = int(time.time())
        self._numbers = itertools.count(1)

    @property
    def port(self) -> int:
        return self._port

    async def start(self) -> None:
        if self._multicast:
            _require_namespace("DiscoveryResponder(multicast=True)")
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(lambda: _Protocol(self), local_addr=(self._host, self._port))
        self._transports.append(transport)
        self._port = transport.get_extra_info("sockname")[1]
        if self._multicast:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((MULTICAST_GROUP, self._port))
            membership = struct.pack("4s4s", socket.inet_aton(MULTICAST_GROUP), socket.inet_aton(self._host))
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, membership)
            group, _ = await loop.create_datagram_endpoint(lambda: _Protocol(self), sock=sock)
            self._transports.append(group)
        logger.info("discovery: %d devices on udp %s:%d%s", len(self._devices), self._host, self._port,
                    " + multicast" if self._multicast else "")

    async def stop(self) -> None:
        for transport in self._transports:
            transport.close()
        self._transports.clear()

    def handle(self, data: bytes, addr: tuple[str, int]) -> None:
        try:
            root = etree.fromstring(data, PARSER)
        except etree.XMLSyntaxError:
            logger.debug("discovery: malformed datagram from %s", addr)
            return
        probe_el = root.find(f"{_q(SOAP_ENV, 'Body')}/{_q(WSD, 'Probe')}")
        message_id = root.findtext(f"{_q(SOAP_ENV, 'Header')}/{_q(WSA, 'MessageID')}")
        if probe_el is None or not message_id:
            return
        types_el = probe_el.find(_q(WSD, "Types"))
        wanted_types = set()
        if types_el is not None and types_el.text:
            for qname in types_el.text.split():
                prefix, _, local = qname.rpartition(":")
                wanted_types.add((types_el.nsmap.get(prefix or None, ""), local))
        scopes_el = probe_el.find(_q(WSD, "Scopes"))
        wanted_scopes = (scopes_el.text or "").split() if scopes_el is not None else []
        rule = scopes_el.get("MatchBy", RFC3986) if scopes_el is not None else RFC3986
        if rule not in (RFC3986, STRCMP0):
            return
        reply_transport = self._transports[0]
        for device in self._devices:
            if not wanted_types <= set(device.types):
                continue
            if not all(any(_scope_matches(w, s, rule) for s in device.scopes) for w in wanted_scopes):
                continue
            reply_transport.sendto(self._probe_matches(device, message_id), addr)

    def _probe_matches(self, device: OnvifDevice, relates_to: str) -> bytes:
        env, header, body = _envelope(f"{WSD}/ProbeMatches", f"urn:uuid:{uuid.uuid4()}", ANONYMOUS, relates_to)
        _sub(header, WSD, "AppSequence", InstanceId=str(self._instance_id), MessageNumber=str(next(self._numbers)))
        match = _sub(_sub(body, WSD, "ProbeMatches"), WSD, "ProbeMatch")
        _sub(_sub(match, WSA, "EndpointReference"), WSA, "Address", device.endpoint_reference)
        _sub(match, WSD, "Types", "dn:NetworkVideoTransmitter tds:Device")
        _sub(match, WSD, "Scopes", " ".join(device.scopes))
        _sub(match, WSD, "XAddrs", device.url)
        _sub(match, WSD, "MetadataVersion", "1")
        return etree.tostring(env, xml_declaration=True, encoding="UTF-8")
