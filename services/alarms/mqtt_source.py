"""Sensor events from the MQTT feed (docs/sim/FEED.md), acknowledged to the broker only once committed.

paho's manual acknowledgement (`manual_ack=True`, `client.ack(mid, qos)`) holds each QoS 1 PUBACK
until the writer has committed it, and a persistent session (fixed client id, clean_start=False,
a session expiry) makes the broker keep and redeliver what was not acknowledged when we died. MQTT 5
lets us raise Receive Maximum so that a burst is not throttled to 20 messages in flight.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from .inputs import AlarmInput, Rejected, sensor_input

logger = logging.getLogger(__name__)

# Queue an input; once it is committed, call the callback with the token (writer.put_committed).
Submit = Callable[[AlarmInput, object, Callable[[list[object]], None]], bool]


def sensor_events_filter(site: str) -> str:
    return f"cockpit/{site}/sensors/+/event"


class MqttAlarmSource:
    """Subscribes to `cockpit/<site>/sensors/+/event` (QoS 1) and hands each event to `submit`.

    paho's network thread runs on_message; it only parses and queues. Acks are sent from the writer
    thread, a batch at a time after its commit (paho's publish path is thread-safe). An ack belongs to one
    connection: after a reconnect the broker redelivers, and the writer recognises the message id, so
    stale acks are dropped.
    """

    def __init__(self, host: str, port: int, site: str, submit: Submit, on_rejected: Callable[[str], None], *,
                 client_id: str, session_expiry_s: int = 7 * 24 * 3600, receive_maximum: int = 1000,
                 keepalive_s: int = 30, v5: bool = True) -> None:
        """v5=False speaks MQTT 3.1.1 (a persistent session via clean_session=False; no expiry, no receive
        maximum): for brokers without MQTT 5, like the demo's embedded amqtt."""
        self.host, self.port, self.site = host, port, site
        self._submit, self._on_rejected = submit, on_rejected
        self._keepalive = keepalive_s
        self._session_expiry_s, self._receive_maximum = session_expiry_s, receive_maximum
        self._lock = threading.Lock()
        self._generation = 0  # one per connection: acks of an older one are not sent
        self._connected = threading.Event()
        self._subscribed = threading.Event()
        self._v5 = v5
        if v5:
            self._client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5,
                                       manual_ack=True)
        else:
            self._client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv311,
                                       clean_session=False, manual_ack=True)
        self._client.on_connect = self._on_connect
        self._client.on_disconnect = self._on_disconnect
        self._client.on_subscribe = self._on_subscribe
        self._client.on_message = self._on_message
        self._client.reconnect_delay_set(0.2, 5)
        self._committed = self._ack_committed  # one bound method: the writer groups a batch's acks by it

    def start(self, timeout_s: float = 10.0) -> MqttAlarmSource:
        """Connect in the background and wait until subscribed (raises TimeoutError otherwise)."""
        if self._v5:
            props = Properties(PacketTypes.CONNECT)
            props.SessionExpiryInterval = self._session_expiry_s
            props.ReceiveMaximum = self._receive_maximum
            self._client.connect_async(self.host, self.port, self._keepalive, clean_start=False, properties=props)
        else:
            self._client.connect_async(self.host, self.port, self._keepalive)
        self._client.loop_start()
        if not self._subscribed.wait(timeout_s):
            self.stop()
            raise TimeoutError(f"MQTT broker {self.host}:{self.port} did not accept the alarm subscription")
        return self

    def stop(self) -> None:
        """Disconnect; the session stays on the broker, so what was not acknowledged comes back next time."""
        self._client.disconnect()
        self._client.loop_stop()
        self._connected.clear()

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def _on_connect(self, client: mqtt.Client, _userdata: object, flags: Any, reason: Any, _props: object) -> None:
        if reason.is_failure:
            logger.warning("MQTT broker %s:%s refused the alarm ingest: %s", self.host, self.port, reason)
            return
        with self._lock:
            self._generation += 1
        client.subscribe(sensor_events_filter(self.site), qos=1)
        logger.info("alarm ingest connected to MQTT %s:%s (session present: %s)", self.host, self.port,
                    getattr(flags, "session_present", "?"))
        self._connected.set()

    def _on_subscribe(self, *_args: object) -> None:
        self._subscribed.set()

    def _on_disconnect(self, _client: mqtt.Client, _userdata: object, _flags: object, reason: Any,
                       _props: object) -> None:
        self._connected.clear()
        if reason.is_failure:
            logger.warning("alarm ingest lost the MQTT broker: %s; reconnecting", reason)

    def _on_message(self, client: mqtt.Client, _userdata: object, msg: mqtt.MQTTMessage) -> None:
        generation = self._generation  # an int read is atomic; _ack_committed re-checks it under the lock
        topic = msg.topic  # (paho decodes it on every access)
        parts = topic.split("/")
        try:
            if len(parts) != 5 or parts[2] != "sensors" or parts[4] != "event":
                raise Rejected(f"not a sensor event topic: {topic}")
            item = sensor_input(parts[3], msg.payload)
        except Rejected as exc:
            logger.warning("rejected MQTT message on %s: %s", topic, exc)
            self._on_rejected(str(exc))
            self._ack_committed([(msg.mid, msg.qos, generation)])  # it can never succeed: redelivering it helps nobody
            return
        self._submit(item, (msg.mid, msg.qos, generation), self._committed)

    def _ack_committed(self, tokens: list[object]) -> None:
        """The writer thread, once per committed batch: PUBACK each message of this connection (a message of
        an older connection comes back from the broker and is recognised as a redelivery)."""
        with self._lock:
            current = self._generation if self._connected.is_set() else None
        ack = self._client.ack
        for mid, qos, generation in tokens:  # type: ignore[misc]
            if qos and generation == current:
                ack(mid, qos)
