"""PullMessages replies -> typed CameraEventReceived, read from the raw XML (zeep drops wsnt:Topic's text)."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta

from lxml import etree

from cockpit.cameras import CameraEventReceived, topic_kind

logger = logging.getLogger(__name__)

# Safe for hostile input: no entities, no DTD, no network, no huge trees.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                         remove_blank_text=True)
ACTIVE_ITEMS = ("State", "IsInside", "IsMotion", "IsTamper", "Value")  # first found decides `active`
_TRUE = {"true", "1", "on", "yes"}
_FALSE = {"false", "0", "off", "no"}
_FRACTION = re.compile(r"(\.\d+)")


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _child(node: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in node if _local(c) == name), None)


def parse_utc(text: str | None) -> datetime | None:
    """xs:dateTime as cameras write it ('2026-01-01T10:00:00.123Z', no zone = UTC); None if unreadable."""
    if not text:
        return None
    value = _FRACTION.sub(lambda m: m.group(1)[:7], text.strip().replace("z", "Z").replace("Z", "+00:00"))
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _items(message: etree._Element, part: str) -> dict[str, str]:
    node = _child(message, part)
    if node is None:
        return {}
    return {item.get("Name", ""): item.get("Value", "") for item in node.iter()
            if _local(item) == "SimpleItem" and item.get("Name")}


def _active(data: dict[str, str]) -> bool | None:
    for name in ACTIVE_ITEMS:
        value = data.get(name, "").strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
    return None


def _topic_text(topic: etree._Element) -> str:
    """The topic expression with its prefix mapped to 'tns1' when it is the ONVIF topic namespace."""
    text = (topic.text or "").strip()
    prefix, sep, path = text.partition(":")
    if sep and topic.nsmap.get(prefix) == "http://www.onvif.org/ver10/topics":
        return f"tns1:{path}"
    return text


def parse_notifications(reply: bytes, code: str, clock_offset_s: float,
                        now: datetime | None = None) -> list[CameraEventReceived]:
    """Every NotificationMessage of a PullMessagesResponse; `at` is the device's UtcTime minus its offset."""
    root = etree.fromstring(reply, PARSER)
    shift = timedelta(seconds=clock_offset_s)
    events = []
    for note in root.iter():
        if _local(note) != "NotificationMessage":
            continue
        topic_node = _child(note, "Topic")
        wrapper = _child(note, "Message")
        message = _child(wrapper, "Message") if wrapper is not None else None
        if topic_node is None or message is None:
            logger.debug("%s: notification without topic or message skipped", code)
            continue
        topic = _topic_text(topic_node)
        device_time = parse_utc(message.get("UtcTime"))
        at = device_time - shift if device_time is not None else (now or datetime.now(UTC))
        data = _items(message, "Data")
        events.append(CameraEventReceived(
            code=code, kind=topic_kind(topic), topic=topic, at=at, active=_active(data),
            source=_items(message, "Source") | _items(message, "Key"), data=data,
            initial=message.get("PropertyOperation") == "Initialized"))
    return events


def parse_device_time(reply: bytes) -> datetime | None:
    """UTCDateTime of a GetSystemDateAndTimeResponse (whole seconds), or None if it has none."""
    root = etree.fromstring(reply, PARSER)
    for node in root.iter():
        if _local(node) != "UTCDateTime":
            continue
        date, time_ = _child(node, "Date"), _child(node, "Time")
        if date is None or time_ is None:
            return None

        def number(parent: etree._Element, name: str) -> int:
            child = _child(parent, name)
            return int((child.text or "").strip()) if child is not None else 0

        try:
            return datetime(number(date, "Year"), number(date, "Month"), number(date, "Day"),
                            number(time_, "Hour"), number(time_, "Minute"), number(time_, "Second"), tzinfo=UTC)
        except ValueError:
            return None
    return None


def has_soap_envelope(reply: bytes) -> bool:
    try:
        root = etree.fromstring(reply, PARSER)
    except etree.XMLSyntaxError:
        return False
    return _local(root) == "Envelope"
