"""A device on the installer's bench: logged in, measured and moved before it becomes a site camera.

Everything runs on the session's own thread (the UI gets futures), like a camera worker, but
without events or reconnects: the installer is watching and retries by hand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

from .client import OnvifClient
from .errors import OnvifError, Unsupported
from .info import DeviceReport, PresetInfo

logger = logging.getLogger(__name__)
T = TypeVar("T")


def read_report(client: OnvifClient) -> DeviceReport:
    """Log in and read what the wizard shows; raises OnvifError (with .state) if the device fails."""
    info = client.connect()
    warnings: list[str] = []
    profiles = []
    for p in client.last_profiles:
        try:
            profiles.append(replace(p, stream_uri=client.stream_uri(p.token)))
        except OnvifError as exc:
            if exc.breaks_session:
                raise
            profiles.append(p)
            warnings.append(exc.message)
    presets: list[PresetInfo] = []
    if client.ptz_profile and "ptz" in client.services:
        try:
            presets = client.presets()
        except Unsupported as exc:
            warnings.append(exc.message)
    try:
        client.snapshot_uri(profiles[0].token)
        snapshot = True
    except (Unsupported, IndexError):
        snapshot = False
    return DeviceReport(
        address=client.url, manufacturer=info.manufacturer, model=info.model, firmware=info.firmware,
        serial=info.serial, hardware_id=info.hardware_id, clock_offset_s=client.clock_offset_s or 0.0,
        services=tuple(sorted(client.services)), profiles=tuple(profiles), presets=tuple(presets),
        snapshot=snapshot, connect_s=client.connect_s or 0.0, warnings=tuple(warnings))


class CommissioningSession:
    def __init__(self, address: str, username: str | None, password: str | None, *, timeout_s: float = 5.0,
                 max_clock_offset_s: float | None = None) -> None:
        options = {} if max_clock_offset_s is None else {"max_clock_offset_s": max_clock_offset_s}
        self._client = OnvifClient(address, username, password, timeout_s=timeout_s, **options)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="onvif-commissioning")
        self.report: DeviceReport | None = None

    def _submit(self, fn: Callable[[OnvifClient], T]) -> Future[T]:
        return self._pool.submit(fn, self._client)

    def connect(self) -> Future[DeviceReport]:
        def run(c: OnvifClient) -> DeviceReport:
            self.report = read_report(c)
            return self.report
        return self._submit(run)

    def ptz_move(self, pan: float, tilt: float, zoom: float = 0.0, timeout_s: float | None = 2.0) -> Future[None]:
        return self._submit(lambda c: c.continuous_move(pan, tilt, zoom, timeout_s))

    def ptz_stop(self) -> Future[None]:
        return self._submit(lambda c: c.stop())

    def presets(self) -> Future[list[PresetInfo]]:
        return self._submit(lambda c: c.presets())

    def set_preset(self, name: str) -> Future[str]:
        return self._submit(lambda c: c.set_preset(name))

    def goto_preset(self, token: str) -> Future[None]:
        return self._submit(lambda c: c.goto_preset(token))

    def remove_preset(self, token: str) -> Future[None]:
        return self._submit(lambda c: c.remove_preset(token))

    def snapshot(self, token: str) -> Future[bytes]:
        return self._submit(lambda c: c.snapshot(token))

    def close(self) -> None:
        """Frees the thread without waiting for a hung device (the call times out on its own)."""
        self._pool.submit(self._client.close)
        self._pool.shutdown(wait=False, cancel_futures=False)
