"""Where a simulated device's services live: one HTTP origin with the paths real cameras use."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

SERVICE_PATHS = {
    "device": "/onvif/device_service",
    "media": "/onvif/media_service",
    "ptz": "/onvif/ptz_service",
    "events": "/onvif/events_service",
}
SUBSCRIPTION_PATH = "/onvif/subscription/{sid}"
SNAPSHOT_PATH = "/onvif/snapshot/{token}"


class DeviceAddresses:
    """URLs of one device; the port is known once the server is bound."""

    def __init__(self, host: str, port: int = 0) -> None:
        self.host = host
        self.port = port

    @property
    def advertised_host(self) -> str:
        """The host put into XAddrs and URIs: a wildcard bind is announced as loopback."""
        return "127.0.0.1" if self.host in ("", "0.0.0.0", "::") else self.host

    @property
    def origin(self) -> str:
        host = self.advertised_host
        return f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"

    def service(self, name: str) -> str:
        return self.origin + SERVICE_PATHS[name]

    def subscription(self, sid: str) -> str:
        return self.origin + SUBSCRIPTION_PATH.format(sid=sid)

    def snapshot(self, token: str) -> str:
        return self.origin + SNAPSHOT_PATH.format(token=token)
