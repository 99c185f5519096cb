"""MQTT topic names of the sensor/responder feed and the message envelope (id, seq, time) they all share."""

from __future__ import annotations

import itertools
import logging
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

logger = logging.getLogger(__name__)

ROOT = "cockpit"
QOS_EVENT = 1  # sensor events, responder states, dispatch commands: at least once, de-duplicated by "id"
QOS_HEARTBEAT = 0  # periodic and retained: a lost one is replaced by the next


def sensor_event(site: str, device: str) -> str:
    return f"{ROOT}/{site}/sensors/{device}/event"


def sensor_heartbeat(site: str, device: str) -> str:
    return f"{ROOT}/{site}/sensors/{device}/heartbeat"


def responder_state(site: str, responder: int | str) -> str:
    return f"{ROOT}/{site}/responders/{responder}/state"


def dispatch(site: str, responder: int | str) -> str:
    return f"{ROOT}/{site}/dispatch/{responder}"


def sensors_filter(site: str) -> str:
    return f"{ROOT}/{site}/sensors/#"


def responders_filter(site: str) -> str:
    return f"{ROOT}/{site}/responders/+/state"


def dispatch_filter(site: str) -> str:
    return f"{ROOT}/{site}/dispatch/+"


@dataclass(frozen=True)
class Topic:
    """A parsed feed topic: cockpit/<site>/<family>/<key>[/<leaf>]."""

    site: str
    family: str  # sensors | responders | dispatch
    key: str  # device code or responder id
    leaf: str | None  # event | heartbeat | state | None (dispatch)


def parse(topic: str) -> Topic | None:
    parts = topic.split("/")
    if len(parts) not in (4, 5) or parts[0] != ROOT:
        return None
    return Topic(parts[1], parts[2], parts[3], parts[4] if len(parts) == 5 else None)


def iso(t: float) -> str:
    """Epoch seconds as ISO 8601 UTC with milliseconds and a Z."""
    return datetime.fromtimestamp(round(t, 3), UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Envelope:
    """Stamps messages with a unique id, a per-sender sequence number and the time; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seq: dict[str, itertools.count[int]] = {}

    def stamp(self, sender: str, at: float, body: dict[str, object]) -> dict[str, object]:
        with self._lock:
            seq = next(self._seq.setdefault(sender, itertools.count(1)))
        return {"id": uuid.uuid4().hex, **body, "at": iso(at), "seq": seq}
