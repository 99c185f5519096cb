"""What may raise an alarm, as one plain record (`AlarmInput`), and the parsers that make it from the wire.

Sources differ (an MQTT sensor message, an ONVIF camera event, video analytics, an operator); the
writer should not care, so every source is reduced here to the same frozen record before it queues.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cockpit.cameras import CameraEventKind, CameraEventReceived
from cockpit.models import AlarmKind, AlarmSource

# Sensor message "type" (docs/sim/FEED.md) -> alarm kind.
SENSOR_TYPES: dict[str, AlarmKind] = {
    "smoke": AlarmKind.SMOKE,
    "heart_rate": AlarmKind.HEART_RATE,
    "button": AlarmKind.EMERGENCY_BUTTON,
    "door": AlarmKind.DOOR,
    "gas": AlarmKind.GAS,
    "water_leak": AlarmKind.WATER_LEAK,
    "fall": AlarmKind.FALL,
}

CAMERA_KINDS: dict[CameraEventKind, AlarmKind] = {
    CameraEventKind.MOTION: AlarmKind.MOTION,
    CameraEventKind.TAMPER: AlarmKind.TAMPER,
    CameraEventKind.LINE_CROSSING: AlarmKind.LINE_CROSSING,
    CameraEventKind.INTRUSION: AlarmKind.INTRUSION,
}


class Rejected(ValueError):
    """A message that can never become an alarm (malformed, unknown device): counted, logged, not retried."""


@dataclass(frozen=True)
class AlarmInput:
    """One occurrence from any source. Where it happened comes from the device when there is one;
    sources without a device (analytics, manual) give x/y (and a building when they know it)."""

    kind: AlarmKind
    source: AlarmSource
    occurred_at: datetime  # the source's clock, aware UTC
    device_code: str | None = None
    x: float | None = None
    y: float | None = None
    building_id: int | None = None
    zones: frozenset[str] = frozenset()
    source_ref: str | None = None  # the source's unique key: a redelivery with the same key is stored once
    clear: bool = False  # the condition ended: noted on the open alarm, never raises or ends one
    details: Mapping[str, Any] = field(default_factory=dict)


def _instant(text: Any) -> datetime:
    if not isinstance(text, str):
        raise Rejected(f"'at' is not a time: {text!r}")
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise Rejected(f"'at' is not ISO 8601: {text!r}") from None
    if at.tzinfo is None:
        raise Rejected(f"'at' has no time zone: {text!r}")
    return at.astimezone(UTC)


_NO_ZONES: frozenset[str] = frozenset()
_decode = json.JSONDecoder().decode  # json.loads() without its per-call checks (paho's thread, per message)


def sensor_input(topic_device: str, raw: bytes) -> AlarmInput:
    """A sensor event message (cockpit/<site>/sensors/<code>/event) -> AlarmInput, or Rejected."""
    try:
        payload = _decode(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Rejected(f"not JSON: {exc}") from None
    if not isinstance(payload, dict):
        raise Rejected("not a JSON object")
    get = payload.get
    msg_id, device, type_, state = get("id"), get("device"), get("type"), get("state")
    if not isinstance(msg_id, str) or not msg_id:
        raise Rejected("no message id")
    if device != topic_device:
        raise Rejected(f"device {device!r} does not match the topic's {topic_device!r}")
    kind = SENSOR_TYPES.get(type_) if isinstance(type_, str) else None
    if kind is None:
        raise Rejected(f"unknown sensor type {type_!r}")
    if state != "alarm" and state != "clear":
        raise Rejected(f"state is {state!r}, not alarm or clear")
    details = {}
    if (value := get("value")) is not None:
        details["value"] = value
    if (unit := get("unit")) is not None:
        details["unit"] = unit
    if (seq := get("seq")) is not None:
        details["seq"] = seq
    # positional: the fields in their declared order (kind, source, occurred_at, device_code, x, y,
    # building_id, zones, source_ref, clear, details)
    return AlarmInput(kind, AlarmSource.SENSOR, _instant(get("at")), device, None, None, None, _NO_ZONES,
                      "mqtt:" + msg_id, state == "clear", details)


def camera_input(event: CameraEventReceived) -> AlarmInput | None:
    """A camera event -> AlarmInput; None for what is no new occurrence (the subscription's initial
    state, a detector going inactive) or no alarm kind (OTHER)."""
    kind = CAMERA_KINDS.get(event.kind)
    if kind is None or event.initial or event.active is False:
        return None
    ref = f"onvif:{event.code}:{event.topic}:{event.at.isoformat()}"
    details: dict[str, Any] = {"topic": event.topic}
    if event.source:
        details["event_source"] = dict(event.source)
    return AlarmInput(kind, AlarmSource.CAMERA, event.at, device_code=event.code, source_ref=ref[:128],
                      details=details)
