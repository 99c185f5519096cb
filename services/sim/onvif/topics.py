"""The event topics a simulated camera announces, and CameraEvent -> wsnt:NotificationMessage XML."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from lxml import etree

from ..model import CameraEvent
from .soap import NS, el, qn
from .xstypes import format_datetime

logger = logging.getLogger(__name__)

CONCRETE_SET = "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet"
CONCRETE = "http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete"
ITEM_FILTER = "http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter"
TOPIC_NAMESPACE_LOCATION = "http://www.onvif.org/onvif/ver10/topics/topicns.xml"
SCHEMA_LOCATION = "http://www.onvif.org/onvif/ver10/schema/onvif.xsd"

Items = tuple[tuple[str, str], ...]  # (Name, xs type QName)
_RULE_SOURCE: Items = (("VideoSourceConfigurationToken", "tt:ReferenceToken"),
                       ("VideoAnalyticsConfigurationToken", "tt:ReferenceToken"), ("Rule", "xs:string"))


@dataclass(frozen=True)
class Topic:
    path: str  # "tns1:VideoSource/MotionAlarm"
    is_property: bool
    source: Items
    data: Items
    key: Items = ()


TOPICS: tuple[Topic, ...] = (
    Topic("tns1:VideoSource/MotionAlarm", True, (("Source", "tt:ReferenceToken"),), (("State", "xs:boolean"),)),
    Topic("tns1:VideoSource/GlobalSceneChange/ImagingService", True, (("Source", "tt:ReferenceToken"),),
          (("State", "xs:boolean"),)),
    Topic("tns1:RuleEngine/LineDetector/Crossed", False, _RULE_SOURCE, (("ObjectId", "xs:integer"),)),
    Topic("tns1:RuleEngine/FieldDetector/ObjectsInside", True, _RULE_SOURCE, (("IsInside", "xs:boolean"),),
          (("ObjectId", "xs:integer"),)),
    Topic("tns1:RuleEngine/CellMotionDetector/Motion", True, _RULE_SOURCE, (("IsMotion", "xs:boolean"),)),
)
PROPERTY_TOPICS = frozenset(t.path for t in TOPICS if t.is_property)


def _descriptions(tag: str, items: Items) -> etree._Element | None:
    if not items:
        return None
    return el(tag, *(el("tt:SimpleItemDescription", Name=name, Type=kind) for name, kind in items))


def topic_set() -> etree._Element:
    """wstop:TopicSet: the topic tree with a tt:MessageDescription on each leaf."""
    root = el("wstop:TopicSet")
    for topic in TOPICS:
        parent = root
        for part in topic.path.removeprefix("tns1:").split("/"):
            tag = qn("tns1:" + part)
            child = parent.find(tag)
            if child is None:
                child = etree.SubElement(parent, tag)
            parent = child
        parent.set(qn("wstop:topic"), "true")
        parent.append(el("tt:MessageDescription",
                         _descriptions("tt:Source", topic.source), _descriptions("tt:Key", topic.key),
                         _descriptions("tt:Data", topic.data), IsProperty=topic.is_property))
    return root


def _items(tag: str, items: dict[str, str]) -> etree._Element | None:
    if not items:
        return None
    return el(tag, *(el("tt:SimpleItem", Name=name, Value=value) for name, value in items.items()))


def notification_message(event: CameraEvent, clock_offset_s: float, subscription_url: str) -> etree._Element:
    """One wsnt:NotificationMessage; UtcTime is on the device clock (real UTC + offset)."""
    utc = event.utc_time + timedelta(seconds=clock_offset_s)
    topic = el("wsnt:Topic", event.topic, Dialect=CONCRETE_SET)
    message = el("tt:Message",
                 _items("tt:Source", event.source), _items("tt:Key", event.key), _items("tt:Data", event.data),
                 UtcTime=format_datetime(utc, millis=True), PropertyOperation=event.operation)
    return el("wsnt:NotificationMessage",
              el("wsnt:SubscriptionReference", el("wsa:Address", subscription_url)),
              topic, el("wsnt:Message", message))


def resolve_topic(expression: str, nsmap: dict[str | None, str]) -> str:
    """'tns1:VideoSource/MotionAlarm' with the request's prefixes -> '{uri}VideoSource/MotionAlarm'."""
    prefix, sep, rest = expression.strip().partition(":")
    if not sep:
        return expression.strip()
    uri = nsmap.get(prefix) or NS.get(prefix, prefix)
    return f"{{{uri}}}{rest}"


class TopicFilter:
    """A ConcreteSet topic expression: topics joined by '|', each may end in '//.' (and below)."""

    def __init__(self, expression: str, nsmap: dict[str | None, str]) -> None:
        self._exact: set[str] = set()
        self._prefixes: list[str] = []
        for part in expression.split("|"):
            if not part.strip():
                continue
            if part.strip().endswith("//."):
                self._prefixes.append(resolve_topic(part.strip()[:-3], nsmap))
            else:
                self._exact.add(resolve_topic(part, nsmap))

    def matches(self, topic: str) -> bool:
        full = resolve_topic(topic, {})
        return full in self._exact or any(full == p or full.startswith(p + "/") for p in self._prefixes)
