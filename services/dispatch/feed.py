"""The responder feed over MQTT (docs/sim/FEED.md): responder states in, dispatch commands out.

States arrive on `cockpit/<site>/responders/<id>/state` (QoS 1, retained: a fresh connection gets every
responder's latest state at once, so a clean session is enough). paho's network thread only parses and
validates (`parse_report`) and hands a ResponderReport on; everything else happens on the dispatch thread.
Commands go to `cockpit/<site>/dispatch/<id>` with QoS 1, stamped with a unique id, a per-responder
sequence number and the time, like every message on the feed.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

logger = logging.getLogger(__name__)

QOS = 1
STATUSES = frozenset({"available", "off_duty", "notified", "accepted", "en_route", "on_site", "done", "declined"})
_INCIDENT = re.compile(r"^INC-(\d{1,12})$")
MAX_PAYLOAD = 16_384


def responder_state_filter(site: str) -> str:
    return f"cockpit/{site}/responders/+/state"


def dispatch_topic(site: str, responder_id: int) -> str:
    return f"cockpit/{site}/dispatch/{responder_id}"


class Rejected(ValueError):
    """A responder message that can never be applied (malformed, wrong topic, unknown values)."""


@dataclass(frozen=True)
class ResponderReport:
    responder_id: int
    message_id: str
    at: datetime  # the sender's clock
    seq: int | None
    status: str
    x: float
    y: float
    incident_id: int | None = None  # parsed from "INC-<id>" (None: not about one of ours)
    eta_s: float | None = None
    distance_m: float | None = None
    reason: str | None = None


def _number(payload: dict[str, Any], key: str, *, required: bool) -> float | None:
    value = payload.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Rejected(f"{key} is not a finite number: {value!r}")
    return float(value)


def _time(text: object) -> datetime:
    if not isinstance(text, str):
        raise Rejected(f"at is not a time: {text!r}")
    try:
        at = datetime.fromisoformat(text)
    except ValueError as exc:
        raise Rejected(f"at is not ISO 8601: {text!r}") from exc
    if at.tzinfo is None:
        raise Rejected(f"at has no time zone: {text!r}")
    return at.astimezone(UTC)


def parse_report(topic: str, payload: bytes, site: str) -> ResponderReport:
    """Validate one state message; Rejected says why it cannot be used."""
    parts = topic.split("/")
    if len(parts) != 5 or parts[0] != "cockpit" or parts[1] != site or parts[2] != "responders" \
            or parts[4] != "state" or not parts[3].isdigit():
        raise Rejected(f"not a responder state topic of site {site}: {topic}")
    responder = int(parts[3])
    if len(payload) > MAX_PAYLOAD:
        raise Rejected(f"{len(payload)} bytes is too long")
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Rejected(f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise Rejected("not a JSON object")
    if "responder" in data and data["responder"] != responder:
        raise Rejected(f"responder {data['responder']!r} does not match the topic's {responder}")
    message_id, status = data.get("id"), data.get("status")
    if not isinstance(message_id, str) or not message_id or len(message_id) > 128:
        raise Rejected(f"no usable id: {message_id!r}")
    if status not in STATUSES:
        raise Rejected(f"unknown status {status!r}")
    seq = data.get("seq")
    if seq is not None and (isinstance(seq, bool) or not isinstance(seq, int)):
        raise Rejected(f"seq is not an integer: {seq!r}")
    incident = data.get("incident")
    match = _INCIDENT.match(incident) if isinstance(incident, str) else None
    reason = data.get("reason")
    return ResponderReport(
        responder_id=responder, message_id=message_id, at=_time(data.get("at")), seq=seq, status=status,
        x=_number(data, "x", required=True), y=_number(data, "y", required=True),  # type: ignore[arg-type]
        incident_id=int(match.group(1)) if match else None,
        eta_s=_number(data, "eta_s", required=False), distance_m=_number(data, "distance_m", required=False),
        reason=reason if isinstance(reason, str) else None,
    )


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class ResponderFeed:
    """One MQTT connection: subscribes to responder states, publishes dispatch commands (thread-safe)."""

    def __init__(self, host: str, port: int, site: str, on_message: Callable[[str, bytes], None],
                 on_connection: Callable[[bool], None], *, client_id: str | None = None, v5: bool = True,
                 keepalive_s: int = 30) -> None:
        """v5=False speaks MQTT 3.1.1 (the demo's embedded amqtt has no MQTT 5)."""
        self.host, self.port, self.site = host, port, site
        self._on_message, self._on_connection = on_message, on_connection
        self._keepalive, self._v5 = keepalive_s, v5
        self._lock = threading.Lock()
        self._seq: dict[int, itertools.count[int]] = {}
        self._subscribed = threading.Event()
        self._connected = threading.Event()
        client_id = client_id or f"cockpit-dispatch-{uuid.uuid4().hex[:12]}"
        protocol = mqtt.MQTTv5 if v5 else mqtt.MQTTv311
        kwargs: dict[str, Any] = {} if v5 else {"clean_session": True}
        self._client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=protocol, **kwargs)
        self._client.on_connect = self._on_connect
        self._client.on_disconnect = self._on_disconnect
        self._client.on_subscribe = lambda *_a: self._subscribed.set()
        self._client.on_message = lambda _c, _u, msg: self._on_message(msg.topic, msg.payload)
        self._client.reconnect_delay_set(0.2, 5)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def start(self, timeout_s: float = 10.0) -> ResponderFeed:
        """Connect in the background and wait until subscribed (TimeoutError otherwise)."""
        self._client.connect_async(self.host, self.port, self._keepalive)
        self._client.loop_start()
        if not self._subscribed.wait(timeout_s):
            self.stop()
            raise TimeoutError(f"MQTT broker {self.address} did not accept the responder subscription")
        return self

    def stop(self) -> None:
        self._client.disconnect()
        self._client.loop_stop()
        self._connected.clear()

    def publish(self, responder_id: int, body: dict[str, Any], at: datetime) -> dict[str, Any]:
        """A command to one responder (QoS 1). While the broker is away paho keeps it and sends it on reconnect."""
        with self._lock:
            seq = next(self._seq.setdefault(responder_id, itertools.count(1)))
        payload = {"id": uuid.uuid4().hex, "responder": responder_id, **body, "at": _iso(at), "seq": seq}
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        info = self._client.publish(dispatch_topic(self.site, responder_id), data, qos=QOS)
        if info.rc != mqtt.MQTT_ERR_SUCCESS:
            logger.warning("dispatch command to responder %s queued while the broker is away (%s)", responder_id,
                           mqtt.error_string(info.rc))
        return payload

    def _on_connect(self, client: mqtt.Client, _userdata: object, _flags: object, reason: Any,
                    _props: object) -> None:
        if reason.is_failure:
            logger.warning("MQTT broker %s refused the dispatch feed: %s", self.address, reason)
            return
        client.subscribe(responder_state_filter(self.site), qos=QOS)  # again on every connect: clean session
        self._connected.set()
        logger.info("dispatch feed connected to MQTT %s (site %s)", self.address, self.site)
        self._on_connection(True)

    def _on_disconnect(self, _client: mqtt.Client, _userdata: object, _flags: object, reason: Any,
                       _props: object) -> None:
        self._connected.clear()
        if reason.is_failure:
            logger.warning("dispatch feed lost the MQTT broker %s: %s; reconnecting", self.address, reason)
        self._on_connection(False)
