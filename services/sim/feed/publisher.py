"""SensorFeed: the simulator's one MQTT connection — publishes sensor and responder messages, receives dispatch."""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, Literal

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from . import topics

logger = logging.getLogger(__name__)

Payload = dict[str, Any]
MessageHandler = Callable[[str, Payload], None]  # topic, decoded JSON
DispatchHandler = Callable[[int, Payload], None]  # responder id, command
SensorState = Literal["alarm", "clear"]


class SensorFeed:
    """Publishes JSON with QoS 1 (events, states) or QoS 0 retained (heartbeats); thread-safe.

    Messages published while the broker is away are queued by paho and sent on reconnect;
    subscriptions are renewed on every connect.
    """

    def __init__(self, broker_host: str, broker_port: int, site_code: str, *, client_id: str | None = None,
                 clock: Callable[[], float] = time.time, keepalive_s: int = 30) -> None:
        self.host, self.port, self.site = broker_host, broker_port, site_code
        self._clock = clock
        self._keepalive = keepalive_s
        self._envelope = topics.Envelope()
        self._lock = threading.Lock()
        self._handlers: dict[str, list[MessageHandler]] = {}
        self._states: dict[str, SensorState] = {}
        self._inflight: list[mqtt.MQTTMessageInfo] = []
        self._connected = threading.Event()
        self._acked = threading.Condition(self._lock)
        self._acked_mids: set[int] = set()
        self._client = mqtt.Client(CallbackAPIVersion.VERSION2,
                                   client_id=client_id or f"cockpit-sim-{site_code}-{uuid.uuid4().hex[:8]}")
        self._client.on_connect = self._on_connect
        self._client.on_disconnect = self._on_disconnect
        self._client.on_message = self._on_message
        self._client.on_subscribe = self._on_subscribe
        self._client.reconnect_delay_set(0.2, 5)

    # -- connection -------------------------------------------------------------------------

    def start(self, timeout_s: float = 10.0) -> SensorFeed:
        """Connect (in the background) and wait until the broker has accepted us."""
        self._client.connect_async(self.host, self.port, self._keepalive)
        self._client.loop_start()
        if not self._connected.wait(timeout_s):
            self._client.loop_stop()
            raise TimeoutError(f"MQTT broker {self.host}:{self.port} did not accept a connection")
        return self

    def stop(self, flush_s: float = 2.0) -> None:
        self.flush(flush_s)
        self._client.disconnect()
        self._client.loop_stop()
        self._connected.clear()

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def flush(self, timeout_s: float = 2.0) -> bool:
        """Wait until every message so far is acknowledged by the broker (QoS 1) or handed to the socket (QoS 0).

        The broker handles one client's messages in order, so an acknowledged QoS 1 message means
        everything published before it has been processed.
        """
        deadline = time.monotonic() + timeout_s
        with self._lock:
            pending, self._inflight = self._inflight, []
        for info in pending:
            left = deadline - time.monotonic()
            if left <= 0 or not self._connected.is_set():
                return all(i.is_published() for i in pending)
            try:
                info.wait_for_publish(left)
            except (RuntimeError, ValueError):
                return False
        return all(i.is_published() for i in pending)

    def _on_connect(self, client: mqtt.Client, _userdata: object, _flags: object, reason: Any,
                    _properties: object) -> None:
        if reason.is_failure:
            logger.warning("MQTT connect to %s:%s refused: %s", self.host, self.port, reason)
            return
        with self._lock:
            filters = list(self._handlers)
        for f in filters:
            client.subscribe(f, qos=topics.QOS_EVENT)
        logger.info("MQTT feed connected to %s:%s (site %s)", self.host, self.port, self.site)
        self._connected.set()

    def _on_disconnect(self, _client: mqtt.Client, _userdata: object, _flags: object, reason: Any,
                       _properties: object) -> None:
        self._connected.clear()
        if reason.is_failure:
            logger.warning("MQTT feed lost the broker: %s; reconnecting", reason)

    def _on_subscribe(self, _client: mqtt.Client, _userdata: object, mid: int, _reasons: object,
                      _properties: object) -> None:
        with self._acked:
            self._acked_mids.add(mid)
            self._acked.notify_all()

    def _on_message(self, _client: mqtt.Client, _userdata: object, msg: mqtt.MQTTMessage) -> None:
        try:
            payload = json.loads(msg.payload.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            logger.warning("dropped a message on %s that is not JSON", msg.topic)
            return
        with self._lock:
            handlers = [h for f, hs in self._handlers.items() if mqtt.topic_matches_sub(f, msg.topic) for h in hs]
        for handler in handlers:
            try:
                handler(msg.topic, payload)
            except Exception:
                logger.exception("handler for %s failed", msg.topic)

    # -- receiving ----------------------------------------------------------------------------

    def subscribe(self, topic_filter: str, handler: MessageHandler, wait_s: float = 5.0) -> None:
        """Call `handler(topic, payload)` (on the MQTT thread: keep it short) for matching messages.

        When connected, returns once the broker has confirmed the subscription (or after `wait_s`).
        """
        with self._lock:
            first = topic_filter not in self._handlers
            self._handlers.setdefault(topic_filter, []).append(handler)
        if first and self._connected.is_set():
            _, mid = self._client.subscribe(topic_filter, qos=topics.QOS_EVENT)
            with self._acked:
                if not self._acked.wait_for(lambda: mid in self._acked_mids, wait_s):
                    logger.warning("subscription to %s not confirmed within %.1f s", topic_filter, wait_s)
                self._acked_mids.discard(mid)

    def on_dispatch(self, handler: DispatchHandler) -> None:
        """Dispatch commands of this site: `handler(responder_id, command)`."""
        def route(topic: str, payload: Payload) -> None:
            parsed = topics.parse(topic)
            if parsed is None or not parsed.key.isdigit():
                logger.warning("ignored dispatch on %s", topic)
                return
            handler(int(parsed.key), payload)

        self.subscribe(topics.dispatch_filter(self.site), route)

    # -- publishing ---------------------------------------------------------------------------

    def publish(self, topic: str, payload: Payload, qos: int = topics.QOS_EVENT, retain: bool = False) -> None:
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        info = self._client.publish(topic, data, qos=qos, retain=retain)
        with self._lock:
            if len(self._inflight) > 256:
                self._inflight = [i for i in self._inflight if not i.is_published()]
            self._inflight.append(info)

    def sensor_event(self, device: str, kind: str, type_: str, state: SensorState, value: object = None,
                     unit: str | None = None, **extra: object) -> Payload:
        """A sensor trips ("alarm") or returns to normal ("clear")."""
        with self._lock:
            self._states[device] = state
        body: Payload = {"device": device, "kind": kind, "type": type_, "state": state, "value": value}
        if unit:
            body["unit"] = unit
        payload = self._envelope.stamp(device, self._clock(), {**body, **extra})
        self.publish(topics.sensor_event(self.site, device), payload)
        logger.info("sensor %s %s: %s %s", device, type_, state, value if value is not None else "")
        return payload

    def sensor_state(self, device: str) -> SensorState:
        with self._lock:
            return self._states.get(device, "clear")

    def heartbeat(self, device: str, kind: str, status: str = "online", **extra: object) -> Payload:
        """Periodic, retained: the product learns a sensor is alive (and its latest state) from the last one."""
        body = {"device": device, "kind": kind, "status": status, "state": self.sensor_state(device), **extra}
        payload = self._envelope.stamp(device, self._clock(), body)
        self.publish(topics.sensor_heartbeat(self.site, device), payload, qos=topics.QOS_HEARTBEAT, retain=True)
        return payload

    def responder_state(self, responder: int, status: str, x: float, y: float, incident: str | None = None,
                        **extra: object) -> Payload:
        body = {"responder": responder, "status": status, "x": round(x, 2), "y": round(y, 2),
                "incident": incident, **extra}
        payload = self._envelope.stamp(f"responder-{responder}", self._clock(), body)
        self.publish(topics.responder_state(self.site, responder), payload, retain=True)
        return payload

    def dispatch(self, responder: int, incident: str, x: float, y: float, task: str = "attend") -> Payload:
        """What the product sends to send a responder somewhere (here for tests and tools)."""
        body = {"responder": responder, "incident": incident, "x": x, "y": y, "task": task}
        payload = self._envelope.stamp(f"dispatch-{responder}", self._clock(), body)
        self.publish(topics.dispatch(self.site, responder), payload)
        return payload
