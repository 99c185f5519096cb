"""AlarmIngestService: the sources (MQTT sensors, camera events, analytics and manual alarms) in front of
one batch writer; every alarm is committed before it is announced or acknowledged to its source.

Threads: `alarm-writer` (all database work), paho's network thread (parse and queue only). Events
(`AlarmChanged`) leave through `sink` on the writer thread, after the commit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from cockpit.alarm_events import AlarmIngestStats
from cockpit.alarm_rules import AlarmRules, load_rules
from cockpit.cameras import CameraEventReceived
from cockpit.config import AlarmsConfig
from services.database import DatabaseService

from .batch import Outcome
from .directory import DeviceDirectory, load_site
from .inputs import AlarmInput, camera_input
from .mqtt_source import MqttAlarmSource
from .stats import IngestCounters
from .writer import BatchWriter

logger = logging.getLogger(__name__)

Sink = Callable[[object], None]


@dataclass(frozen=True)
class IngestSettings:
    """What the service needs from the [alarms] config section (cockpit.config.AlarmsConfig.settings())."""

    site: str | None = None  # site code; None: the database's only site
    client_id: str = "cockpit-alarms"  # fixed, so the broker keeps our session across restarts
    dedupe_window_s: float = 60.0
    batch_max: int = 500
    batch_wait_ms: float = 20.0
    receive_maximum: int = 1000  # MQTT messages in flight to us (unacknowledged) at once
    session_expiry_s: int = 7 * 24 * 3600

    @classmethod
    def from_config(cls, config: AlarmsConfig) -> IngestSettings:
        return cls(site=config.site, client_id=config.client_id, dedupe_window_s=config.dedupe_window_s,
                   batch_max=config.batch_max, batch_wait_ms=config.batch_wait_ms,
                   receive_maximum=config.receive_maximum)


class AlarmIngestService:
    """start() connects everything (blocking: run it in a worker); the rest returns at once."""

    def __init__(self, db: DatabaseService, sink: Sink, settings: IngestSettings = IngestSettings(), *,
                 rules: AlarmRules | None = None, mqtt: tuple[str, int] | None = None) -> None:
        self._db, self._sink, self.settings = db, sink, settings
        self.rules = rules if rules is not None else load_rules()
        self._mqtt_address = mqtt
        self._counters = IngestCounters()
        self._writer: BatchWriter | None = None
        self._mqtt: MqttAlarmSource | None = None
        self._site_code = ""
        self._started = threading.Event()
        self.directory: DeviceDirectory | None = None

    def start(self, timeout_s: float = 10.0) -> AlarmIngestService:
        with self._db.session() as session:
            site = load_site(session, self.settings.site)
        self.directory = DeviceDirectory(site)
        self._site_code = site.code
        s = self.settings
        self._writer = BatchWriter(self._db, self.directory, self.rules, self._sink, self._counters,
                                   dedupe_window_s=s.dedupe_window_s, batch_max=s.batch_max,
                                   batch_wait_ms=s.batch_wait_ms)
        self._writer.start()
        if self._mqtt_address is not None:
            try:
                self.connect_mqtt(*self._mqtt_address, timeout_s=timeout_s)
            except TimeoutError:
                self._writer.stop()
                raise
        self._started.set()
        logger.info("alarm ingest started for site %s (MQTT %s)", site.code, self._mqtt_address or "off")
        return self

    def connect_mqtt(self, host: str, port: int, *, v5: bool = True, timeout_s: float = 10.0) -> None:
        """Subscribe to the sensor feed on a broker (blocking); after start(), for a broker that comes up
        later (the demo's simulator starts its own); waits up to timeout_s for a start() running elsewhere.
        v5=False for MQTT 3.1.1-only brokers."""
        if self._writer is None and self._mqtt_address is None:
            self._started.wait(timeout_s)
        if self._writer is None or self._mqtt is not None:
            raise RuntimeError("the alarm ingest is not started, or already has a broker")
        s = self.settings
        source = MqttAlarmSource(host, port, self._site_code, self._writer.put_committed, self._rejected,
                                 client_id=s.client_id, session_expiry_s=s.session_expiry_s,
                                 receive_maximum=s.receive_maximum, v5=v5)
        source.start(timeout_s)
        self._mqtt, self._mqtt_address = source, (host, port)

    def stop(self, drain_s: float = 5.0) -> None:
        """Commit and acknowledge what is queued, then disconnect (the broker keeps the session)."""
        if self._writer is not None:
            self._writer.stop(drain_s)
        if self._mqtt is not None:
            self._mqtt.stop()
        logger.info("alarm ingest stopped: %s", self.stats())

    # -- sources --------------------------------------------------------------------------------

    def submit(self, item: AlarmInput) -> Future[Outcome]:
        """Video analytics and manual alarms (and tests): the Future completes once committed."""
        if self._writer is None:
            raise RuntimeError("the alarm ingest is not started")
        return self._writer.put(item)

    def camera_sink(self, event: object) -> None:
        """A camera service sink (any thread): CameraEventReceived becomes an alarm; anything else is ignored.

        ONVIF pull points have no redelivery, so nothing waits on the commit here.
        """
        if not isinstance(event, CameraEventReceived) or self._writer is None:
            return
        item = camera_input(event)
        if item is not None:
            self._writer.put(item)

    def maintenance_changed(self) -> None:
        """Call after adding or ending a maintenance window, so the next alarm sees it (else within 5 s)."""
        if self._writer is not None:
            self._writer.maintenance_changed()

    def _rejected(self, reason: str) -> None:
        self._counters.add(received=1, rejected=1)

    # -- health ---------------------------------------------------------------------------------

    def stats(self) -> AlarmIngestStats:
        return self._counters.snapshot(self._writer.queued if self._writer else 0)

    @property
    def mqtt_connected(self) -> bool:
        return self._mqtt is not None and self._mqtt.connected
