"""SimulatedSensors: every sensor of the site sends a retained heartbeat, spread evenly over the interval."""

from __future__ import annotations

import logging
import threading
import time
import zlib

from cockpit.models import DeviceStatus
from cockpit.site import DevicePoint, SiteSnapshot

from .publisher import SensorFeed

logger = logging.getLogger(__name__)


def _battery(code: str) -> int:
    """A stable, plausible battery level per device."""
    return 55 + zlib.crc32(code.encode()) % 46


class SimulatedSensors:
    """Heartbeats for all non-camera devices; a silenced (or offline) device sends none, as a dead one would."""

    def __init__(self, site: SiteSnapshot, feed: SensorFeed, interval_s: float = 30.0) -> None:
        self.sensors: tuple[DevicePoint, ...] = site.sensors
        self._feed = feed
        self._interval = interval_s
        self._lock = threading.Lock()
        self._silent = {d.code for d in site.sensors if d.status is DeviceStatus.OFFLINE}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def silence(self, code: str, silent: bool = True) -> None:
        """Stop (or resume) a device's heartbeats, e.g. to test offline detection."""
        with self._lock:
            (self._silent.add if silent else self._silent.discard)(code)

    def beat(self, device: DevicePoint) -> bool:
        with self._lock:
            if device.code in self._silent:
                return False
        self._feed.heartbeat(device.code, device.kind.value, "online", battery_pct=_battery(device.code),
                             interval_s=self._interval)
        return True

    def beat_all(self) -> int:
        """One heartbeat from every live sensor now; returns how many were sent."""
        return sum(self.beat(d) for d in self.sensors)

    def start(self) -> None:
        if self._thread is not None or not self.sensors:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sim-sensors", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5.0)
            self._thread = None

    def _run(self) -> None:
        n, started = len(self.sensors), time.monotonic()
        k = 0
        while True:
            due = started + (k // n) * self._interval + (k % n) * self._interval / n
            if self._stop.wait(max(0.0, due - time.monotonic())):
                return
            try:
                self.beat(self.sensors[k % n])
            except Exception:
                logger.exception("heartbeat of %s failed", self.sensors[k % n].code)
            k += 1
