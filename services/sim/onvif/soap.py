"""SOAP 1.2 plumbing of the simulated ONVIF device: namespaces, safe parsing, envelopes and faults."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from lxml import etree

logger = logging.getLogger(__name__)

NS: dict[str, str] = {
    "env": "http://www.w3.org/2003/05/soap-envelope",
    "wsa": "http://www.w3.org/2005/08/addressing",
    "wsse": "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
    "wsu": "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd",
    "xs": "http://www.w3.org/2001/XMLSchema",
    "tt": "http://www.onvif.org/ver10/schema",
    "tds": "http://www.onvif.org/ver10/device/wsdl",
    "trt": "http://www.onvif.org/ver10/media/wsdl",
    "tptz": "http://www.onvif.org/ver20/ptz/wsdl",
    "tev": "http://www.onvif.org/ver10/events/wsdl",
    "wsnt": "http://docs.oasis-open.org/wsn/b-2",
    "wstop": "http://docs.oasis-open.org/wsn/t-1",
    "tns1": "http://www.onvif.org/ver10/topics",
    "ter": "http://www.onvif.org/ver10/error",
}
SOAP11_ENVELOPE = "{http://schemas.xmlsoap.org/soap/envelope/}Envelope"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONTENT_TYPE = "application/soap+xml; charset=utf-8"

# No DTDs, no entities, no network: a request body is untrusted input.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True, remove_pis=True)

FaultCode = Literal["Sender", "Receiver", "VersionMismatch", "MustUnderstand"]
Content = etree._Element | str | int | float | bool | None


def qn(name: str) -> str:
    """'tt:Name' -> '{http://www.onvif.org/ver10/schema}Name' (Clark notation)."""
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def scalar(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def el(tag: str, *content: Content, **attrs: str | int | float | bool) -> etree._Element:
    """Build one element: children are elements, a scalar becomes the text, None is skipped."""
    node = etree.Element(qn(tag), nsmap=NS)
    for name, value in attrs.items():
        node.set(name, scalar(value))
    for item in content:
        if item is None:
            continue
        if isinstance(item, etree._Element):
            node.append(item)
        else:
            node.text = scalar(item)
    return node


class SoapFault(Exception):
    """A SOAP 1.2 fault with ONVIF subcodes ('ter:InvalidArgVal', 'ter:NoProfile', …)."""

    def __init__(self, code: FaultCode, subcodes: Sequence[str], reason: str, *,
                 detail: etree._Element | None = None, http_status: int | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.subcodes = tuple(subcodes)
        self.reason = reason
        self.detail = detail
        self.http_status = http_status or (500 if code == "Receiver" else 400)


def invalid_arg(subcode: str | None, reason: str) -> SoapFault:
    return SoapFault("Sender", ["ter:InvalidArgVal", *([subcode] if subcode else [])], reason)


def not_authorized(reason: str = "Sender not authorized") -> SoapFault:
    return SoapFault("Sender", ["ter:NotAuthorized"], reason)


def action_not_supported(reason: str = "Optional Action Not Implemented", subcode: str | None = None) -> SoapFault:
    return SoapFault("Receiver", ["ter:ActionNotSupported", *([subcode] if subcode else [])], reason)


@dataclass(frozen=True)
class SoapCall:
    """One parsed request: the operation element (first child of Body) and the Header."""

    op: etree._Element
    header: etree._Element | None
    path_id: str | None = None  # the subscription id of a pull-point address, else None

    @property
    def name(self) -> str:
        return str(self.op.tag)


Handler = Callable[[SoapCall], Awaitable[etree._Element]]


def parse_request(data: bytes) -> SoapCall:
    """Parse a request body into a SoapCall, or raise the SoapFault a real device would send."""
    try:
        root = etree.fromstring(data, PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise SoapFault("Sender", ["ter:WellFormed"], f"Well-formed Error: {exc}") from None
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]  # (lxml-stubs lack it)
        raise SoapFault("Sender", ["ter:WellFormed"], "Well-formed Error: DTDs are not accepted")
    if root.tag == SOAP11_ENVELOPE:
        raise SoapFault("VersionMismatch", [], "SOAP 1.2 is required (envelope namespace)")
    if root.tag != qn("env:Envelope"):
        raise SoapFault("Sender", ["ter:WellFormed"], "Well-formed Error: no SOAP 1.2 Envelope")
    body = root.find(qn("env:Body"))
    ops = [] if body is None else [c for c in body if isinstance(c.tag, str)]
    if not ops:
        raise SoapFault("Sender", ["ter:InvalidArgs"], "The SOAP Body holds no operation")
    return SoapCall(ops[0], root.find(qn("env:Header")))


def envelope(body_child: etree._Element) -> bytes:
    env = el("env:Envelope", el("env:Header"), el("env:Body", body_child))
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


def fault_envelope(fault: SoapFault) -> bytes:
    code = el("env:Code", el("env:Value", f"env:{fault.code}"))
    parent = code
    for sub in fault.subcodes:
        node = el("env:Subcode", el("env:Value", sub))
        parent.append(node)
        parent = node
    text = el("env:Text", fault.reason)
    text.set(XML_LANG, "en")
    body = el("env:Fault", code, el("env:Reason", text),
              el("env:Detail", fault.detail) if fault.detail is not None else None)
    return envelope(body)


# -- reading request fields (by local name: clients differ in the namespaces they put there) --

def find(node: etree._Element | None, *path: str) -> etree._Element | None:
    for local in path:
        if node is None:
            return None
        node = next((c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == local), None)
    return node


def find_all(node: etree._Element | None, local: str) -> list[etree._Element]:
    if node is None:
        return []
    return [c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == local]


def text(node: etree._Element | None, *path: str) -> str | None:
    found = find(node, *path)
    if found is None or found.text is None:
        return None
    return found.text.strip()


def required_text(node: etree._Element, *path: str) -> str:
    value = text(node, *path)
    if not value:
        raise SoapFault("Sender", ["ter:InvalidArgs"], f"Missing argument: {'/'.join(path)}")
    return value
