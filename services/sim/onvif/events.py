"""ONVIF Events service (ver10/events): topic set, pull-point subscriptions, PullMessages long-poll."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from lxml import etree

from ..model import SimCamera
from .addresses import DeviceAddresses
from .soap import Handler, SoapCall, SoapFault, el, find, invalid_arg, qn, text
from .subscriptions import PullPoint, SubscriptionManager
from .topics import (CONCRETE, CONCRETE_SET, ITEM_FILTER, SCHEMA_LOCATION, TOPIC_NAMESPACE_LOCATION, TopicFilter,
                     notification_message, topic_set)
from .xstypes import format_datetime, format_duration, parse_datetime, parse_duration

logger = logging.getLogger(__name__)

MAX_PULL_TIMEOUT_S = 60.0
MAX_MESSAGE_LIMIT = 100


class EventsService:
    def __init__(self, camera: SimCamera, addresses: DeviceAddresses, subscriptions: SubscriptionManager,
                 clock: Callable[[], float] = time.time) -> None:
        self._camera = camera
        self._addresses = addresses
        self._subs = subscriptions
        self._clock = clock

    def operations(self) -> dict[str, Handler]:
        return {
            qn("tev:GetServiceCapabilities"): self.get_service_capabilities,
            qn("tev:GetEventProperties"): self.get_event_properties,
            qn("tev:CreatePullPointSubscription"): self.create_pull_point_subscription,
            qn("tev:PullMessages"): self.pull_messages,
            qn("tev:SetSynchronizationPoint"): self.set_synchronization_point,
            qn("wsnt:Renew"): self.renew,
            qn("wsnt:Unsubscribe"): self.unsubscribe,
        }

    def capabilities(self) -> etree._Element:
        return el("tev:Capabilities", WSSubscriptionPolicySupport=False, WSPullPointSupport=True,
                  WSPausableSubscriptionManagerInterfaceSupport=False, MaxNotificationProducers=0,
                  MaxPullPoints=self._subs.max_pull_points, PersistentNotificationStorage=False)

    # -- clocks: the wire speaks the device clock, the manager keeps real epoch seconds ------------

    def _device_now(self) -> datetime:
        return self._camera.device_time(self._clock())

    def _device_time(self, real: float) -> str:
        return format_datetime(self._camera.device_time(real))

    def _termination(self, value: str | None) -> tuple[float | None, float | None]:
        """(absolute real expiry, relative seconds) of an AbsoluteOrRelativeTimeType; (None, None) if absent."""
        if not value:
            return None, None
        try:
            if value.lstrip("-").startswith("P"):
                relative = parse_duration(value)
                if relative <= 0:
                    raise ValueError("a termination time must lie in the future")
                return self._clock() + relative, relative
            real = parse_datetime(value).timestamp() - self._camera.clock_offset_s
        except ValueError as exc:
            raise invalid_arg(None, f"Bad termination time {value!r}: {exc}") from None
        if real <= self._clock():
            raise invalid_arg(None, "The termination time lies in the past")
        return real, None

    def _point(self, call: SoapCall) -> PullPoint:
        sid = call.path_id
        if sid is None:  # sent to the events address: the subscription may be named in wsa:To
            to = text(call.header, "To")
            sid = urlsplit(to).path.rstrip("/").rpartition("/")[2] if to else None
        return self._subs.get(sid)

    # -- operations ----------------------------------------------------------------------------------

    async def get_service_capabilities(self, call: SoapCall) -> etree._Element:
        return el("tev:GetServiceCapabilitiesResponse", self.capabilities())

    async def get_event_properties(self, call: SoapCall) -> etree._Element:
        return el("tev:GetEventPropertiesResponse",
                  el("tev:TopicNamespaceLocation", TOPIC_NAMESPACE_LOCATION),
                  el("wsnt:FixedTopicSet", True), topic_set(),
                  el("wsnt:TopicExpressionDialect", CONCRETE_SET), el("wsnt:TopicExpressionDialect", CONCRETE),
                  el("tev:MessageContentFilterDialect", ITEM_FILTER),
                  el("tev:MessageContentSchemaLocation", SCHEMA_LOCATION))

    async def create_pull_point_subscription(self, call: SoapCall) -> etree._Element:
        expression = find(call.op, "Filter", "TopicExpression")
        topic_filter = None
        if expression is not None and (expression.text or "").strip():
            if expression.get("Dialect") not in (CONCRETE_SET, CONCRETE):
                raise SoapFault("Sender", ["ter:InvalidArgVal", "wsnt:TopicExpressionDialectUnknownFault"],
                                f"Topic expression dialect {expression.get('Dialect')} is not supported")
            topic_filter = TopicFilter(expression.text or "", dict(expression.nsmap))
        if find(call.op, "Filter", "MessageContent") is not None:
            logger.info("%s: message content filter ignored", self._camera.code)
        expires_at, relative = self._termination(text(call.op, "InitialTerminationTime"))
        point = self._subs.create(expires_at, relative, topic_filter)
        return el("tev:CreatePullPointSubscriptionResponse",
                  el("tev:SubscriptionReference", el("wsa:Address", self._addresses.subscription(point.sid))),
                  el("wsnt:CurrentTime", format_datetime(self._device_now())),
                  el("wsnt:TerminationTime", self._device_time(point.expires_at)))

    async def pull_messages(self, call: SoapCall) -> etree._Element:
        point = self._point(call)
        try:
            timeout_s = parse_duration(text(call.op, "Timeout") or "PT0S")
            limit = int(text(call.op, "MessageLimit") or "1")
        except ValueError as exc:
            raise invalid_arg(None, f"Bad PullMessages argument: {exc}") from None
        if timeout_s > MAX_PULL_TIMEOUT_S or limit > MAX_MESSAGE_LIMIT or limit < 1:
            detail = el("tev:PullMessagesFaultResponse", el("tev:MaxTimeout", format_duration(MAX_PULL_TIMEOUT_S)),
                        el("tev:MaxMessageLimit", MAX_MESSAGE_LIMIT))
            raise SoapFault("Sender", ["ter:InvalidArgVal"], "Timeout or MessageLimit above the device's maximum",
                            detail=detail)
        events = await self._subs.pull(point, limit, timeout_s)
        address = self._addresses.subscription(point.sid)
        return el("tev:PullMessagesResponse",
                  el("tev:CurrentTime", format_datetime(self._device_now())),
                  el("tev:TerminationTime", self._device_time(point.expires_at)),
                  *(notification_message(e, self._camera.clock_offset_s, address) for e in events))

    async def set_synchronization_point(self, call: SoapCall) -> etree._Element:
        self._subs.synchronize(self._point(call))
        return el("tev:SetSynchronizationPointResponse")

    async def renew(self, call: SoapCall) -> etree._Element:
        point = self._point(call)
        expires_at, relative = self._termination(text(call.op, "TerminationTime"))
        if expires_at is None:
            raise SoapFault("Sender", ["ter:InvalidArgs"], "Missing argument: TerminationTime")
        point.expires_at, point.keep_alive_s = expires_at, relative
        return el("wsnt:RenewResponse",
                  el("wsnt:TerminationTime", self._device_time(point.expires_at)),
                  el("wsnt:CurrentTime", format_datetime(self._device_now())))

    async def unsubscribe(self, call: SoapCall) -> etree._Element:
        self._subs.remove(self._point(call).sid)
        return el("wsnt:UnsubscribeResponse")
