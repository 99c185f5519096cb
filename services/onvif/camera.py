"""onvif-zeep's ONVIFCamera made fit for a control room: no I/O when built, shared WSDLs, our transport.

ONVIFCamera.__init__ is deliberately not called: it blocks on the device (GetCapabilities, and a
CreatePullPointSubscription it never releases) and deletes http_proxy from os.environ. The import of
onvif-zeep is guarded: it calls logging.basicConfig(), which must not configure the app's root logger.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import zeep
from zeep.settings import Settings
from zeep.transports import Transport
from zeep.wsdl import Document
from zeep.wsse.username import UsernameToken

from .transport import OnvifTransport

logger = logging.getLogger(__name__)


def _import_onvif() -> Any:
    """onvif-zeep calls logging.basicConfig() on import; keep it from configuring the app's root logger."""
    root = logging.getLogger()
    guard = None if root.handlers else logging.NullHandler()
    if guard:
        root.addHandler(guard)
    try:
        import onvif
    finally:
        if guard:
            root.removeHandler(guard)
    return onvif


onvif = _import_onvif()
from onvif import ONVIFCamera, ONVIFService  # after the guard, never before
from onvif.definition import SERVICES

__all__ = ["CLIENT_SETTINGS", "SERVICES", "WSDL_DIR", "DeviceTimeToken", "ZeepCamera", "shared_document"]

WSDL_DIR = Path(onvif.__file__).resolve().parent.parent / "wsdl"  # onvif-zeep installs them top-level
CLIENT_SETTINGS = Settings(strict=False, xml_huge_tree=False, forbid_dtd=True, forbid_entities=True,
                            forbid_external=True)

_DOCUMENTS: dict[str, Document] = {}
_DOCUMENTS_LOCK = threading.Lock()


def shared_document(path: str) -> Document:
    """Each WSDL parsed once per process (~0.1 s each) and shared read-only by every camera."""
    with _DOCUMENTS_LOCK:
        doc = _DOCUMENTS.get(path)
        if doc is None:
            doc = _DOCUMENTS[path] = Document(path, Transport(), settings=Settings(strict=False))
        return doc


class DeviceTimeToken(UsernameToken):
    """WS-Security UsernameToken (PasswordDigest) whose Created is our clock plus the device's offset.

    Stateless per call (a fresh nonce and timestamp each time), so one token may serve any thread.
    """

    def __init__(self, username: str, password: str, offset: Callable[[], float]) -> None:
        super().__init__(username, password, use_digest=True)
        self._offset = offset

    def apply(self, envelope: Any, headers: Any) -> Any:
        created = datetime.now(UTC) + timedelta(seconds=self._offset())
        token = UsernameToken(self.username, self.password, use_digest=True, created=created, zulu_timestamp=True)
        return token.apply(envelope, headers)


class ZeepCamera(ONVIFCamera):
    """onvif-zeep's camera without its constructor's I/O: services share parsed WSDLs, use our
    transport, honour the device URL's path, and stamp tokens in device time."""

    def __init__(self, url: str, username: str | None, password: str | None, transport: OnvifTransport,
                 offset: Callable[[], float]) -> None:
        parts = urlsplit(url)
        self.host, self.port = f"{parts.scheme}://{parts.hostname}", parts.port or 80
        self.user, self.passwd = username or "", password or ""
        self.wsdl_dir, self.encrypt, self.daemon, self.no_cache, self.adjust_time = str(WSDL_DIR), True, False, True, False
        self.transport = transport
        self.services: dict[str, ONVIFService] = {}
        self.services_lock = threading.RLock()
        self.xaddrs: dict[str, str] = {}
        self.dt_diff = None
        self.to_dict = ONVIFService.to_dict
        self._url = url
        self._token = DeviceTimeToken(username, password or "", offset) if username else None

    def update_xaddrs(self) -> None:  # the base class's network round trip; OnvifClient.connect does it
        raise NotImplementedError("use OnvifClient.connect()")

    def get_definition(self, name: str, portType: str | None = None) -> tuple[str, str, str]:
        xaddr, wsdl, binding = super().get_definition(name, portType)
        return (self._url if name == "devicemgmt" else xaddr), wsdl, binding

    def create_onvif_service(self, name: str, from_template: bool = True, portType: str | None = None,
                             ) -> ONVIFService:
        name = name.lower()
        xaddr, wsdl_file, binding = self.get_definition(name, portType)
        client = zeep.Client(wsdl=shared_document(wsdl_file), wsse=self._token, transport=self.transport,
                             settings=CLIENT_SETTINGS)
        service = ONVIFService(xaddr, self.user, self.passwd, wsdl_file, zeep_client=client, binding_name=binding)
        with self.services_lock:
            self.services[name] = service
            setattr(self, name, service)
        return service

    def service(self, name: str) -> ONVIFService:
        with self.services_lock:
            found = self.services.get(name)
        return found or self.create_onvif_service(name)
