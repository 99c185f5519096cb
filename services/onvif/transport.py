"""HTTP for ONVIF with a deadline on every call and a cap on every reply, as a zeep Transport.

A call ends within `timeout_s` whatever the device does (refuses, stays silent, trickles bytes,
streams forever): the socket timeout is the time left before the deadline, and the body is read
in pieces until the cap (4 MiB for SOAP) is passed, then the connection is dropped.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from urllib.parse import urlsplit

import requests
from lxml import etree
from requests.auth import HTTPDigestAuth
from requests.utils import parse_dict_header
from urllib3.util import Timeout
from zeep.transports import Transport

from .errors import AuthFailed, DeviceUnreachable, NotOnvif, classify
from .events import PARSER

logger = logging.getLogger(__name__)

MIB = 1024 * 1024
MAX_SOAP_BYTES = 4 * MIB  # the largest real GetProfiles / PullMessages replies are a few hundred KiB
CHUNK = 64 * 1024
CONNECT_TIMEOUT_S = 3.0  # a LAN camera connects in milliseconds; an absent one never does


def netloc(url: str) -> str:
    """'http://127.0.0.1:8081/onvif/device_service' -> '127.0.0.1:8081' (what messages name)."""
    return urlsplit(url).netloc or url


def _socket_of(response: requests.Response) -> socket.socket | None:
    connection = getattr(response.raw, "connection", None)
    return getattr(connection, "sock", None)


def read_capped(response: requests.Response, limit: int, deadline: float, where: str, what: str) -> bytes:
    """The whole body, or NotOnvif past `limit` bytes, or DeviceUnreachable past the deadline."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        response.close()
        raise NotOnvif(f"{where} announced a {int(declared) / MIB:.0f} MiB answer to {what} "
                       f"(more than {limit / MIB:g} MiB): not an ONVIF reply")
    body = bytearray()
    read = getattr(response.raw, "read1", None) or response.raw.read
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeviceUnreachable(f"{where} did not finish its answer to {what} in time")
            sock = _socket_of(response)
            if sock is not None:
                sock.settimeout(remaining)
            chunk = read(CHUNK, decode_content=False)  # we asked for identity: no decompression bombs
            if not chunk:
                return bytes(body)
            body += chunk
            if len(body) > limit:
                raise NotOnvif(f"{where} sent more than {limit / MIB:g} MiB in answer to {what}: "
                               "not an ONVIF reply")
    except BaseException:
        response.close()  # an unread body must not go back to the pool
        raise


class DigestChallenge:
    """HTTP Digest (RFC 7616) for one user, answering the server's challenge; one per thread of use."""

    def __init__(self, username: str, password: str) -> None:
        self._auth = HTTPDigestAuth(username, password)
        # requests keeps the challenge per thread; a transport is used by one thread at a time but not
        # always the same one, so the state is plain (the transport's lock serialises its use).
        self._auth._thread_local = SimpleNamespace()  # type: ignore[assignment]
        self._auth.init_per_thread_state()
        self.ready = False

    def accept(self, header: str) -> bool:
        """Take a WWW-Authenticate header; False if it is not a Digest challenge."""
        scheme, _, params = header.strip().partition(" ")
        if scheme.lower() != "digest":
            return False
        state = self._auth._thread_local
        state.chal = parse_dict_header(params)
        state.nonce_count = 0
        state.last_nonce = ""
        self.ready = True
        return True

    def header(self, method: str, url: str) -> str | None:
        return self._auth.build_digest_header(method, url) if self.ready else None


class OnvifTransport(Transport):
    """zeep Transport with deadlines, a reply cap, optional HTTP Digest, and the last reply kept.

    Not thread-safe: each channel (commands, events) of a camera has its own, used under its lock.
    """

    def __init__(self, where: str, *, timeout_s: float = 5.0, connect_timeout_s: float = CONNECT_TIMEOUT_S,
                 max_bytes: int = MAX_SOAP_BYTES, username: str | None = None, password: str | None = None) -> None:
        session = requests.Session()
        session.trust_env = False  # cameras sit on the site LAN: no proxy, no .netrc from the environment
        session.headers["Accept-Encoding"] = "identity"  # no compressed replies, so the cap means what it says
        super().__init__(timeout=timeout_s, operation_timeout=timeout_s, session=session)
        self.session.headers["User-Agent"] = "CommunityCockpit-ONVIF/1"
        self.where = where
        self.timeout_s = timeout_s
        self.connect_timeout_s = connect_timeout_s
        self.max_bytes = max_bytes
        self.last_reply = b""
        self.operation = "the SOAP request"  # named in messages; set by the client before each call
        self._lock = threading.Lock()  # documents the rule: one call at a time per transport
        self._digest = DigestChallenge(username, password) if username else None

    @contextmanager
    def deadline(self, timeout_s: float) -> Iterator[None]:
        """Use another timeout for the calls inside (e.g. a long PullMessages, a quick goodbye)."""
        old = self.timeout_s
        self.timeout_s = timeout_s
        try:
            yield
        finally:
            self.timeout_s = old

    def request(self, method: str, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
                max_bytes: int | None = None, what: str = "the request") -> requests.Response:
        """One HTTP exchange within the deadline; the body is in `response.content` (capped)."""
        limit = self.max_bytes if max_bytes is None else max_bytes
        deadline = time.monotonic() + self.timeout_s
        with self._lock:
            try:
                response = self._send(method, url, data, dict(headers or {}), deadline)
                if response.status_code == 401 and self._digest is not None and \
                        self._digest.accept(response.headers.get("WWW-Authenticate", "")):
                    read_capped(response, 64 * 1024, deadline, self.where, what)  # the 401's own body
                    response = self._send(method, url, data, dict(headers or {}), deadline)
                body = read_capped(response, limit, deadline, self.where, what)
            except Exception as exc:
                raise classify(exc, self.where, what, self.timeout_s) from exc
        response._content = body
        response._content_consumed = True
        self.last_reply = body
        return response

    def _send(self, method: str, url: str, data: bytes | None, headers: dict[str, str],
              deadline: float) -> requests.Response:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise DeviceUnreachable(f"{self.where} did not answer in time")
        if self._digest is not None and (auth := self._digest.header(method, url)):
            headers["Authorization"] = auth
        timeout = Timeout(total=remaining, connect=min(self.connect_timeout_s, remaining))
        return self.session.request(method, url, data=data, headers=headers, timeout=timeout, stream=True,
                                    allow_redirects=False)

    # -- zeep's entry points ---------------------------------------------------------------------

    def post(self, address: str, message: bytes, headers: dict[str, str]) -> requests.Response:
        what = self.operation
        response = self.request("POST", address, data=message, headers=headers, what=what)
        check_soap_reply(response, self.where, what)
        try:
            root = etree.fromstring(response.content, PARSER)
        except etree.XMLSyntaxError:
            raise NotOnvif(f"{self.where} answered {what} with malformed XML (HTTP {response.status_code})") from None
        if etree.QName(root).localname != "Envelope":
            raise NotOnvif(f"{self.where} answered {what} with XML that is not a SOAP envelope")
        return response

    def get(self, address: str, params: dict[str, str], headers: dict[str, str]) -> requests.Response:
        return self.request("GET", address, headers=headers)

    def load(self, url: str) -> bytes:
        if urlsplit(url).scheme in ("http", "https"):  # every WSDL/XSD is local; never fetch from a device
            raise NotOnvif(f"refusing to load a remote schema {url}")
        return super().load(url)


def check_soap_reply(response: requests.Response, where: str, what: str) -> None:
    """HTTP-level verdicts before zeep reads the body: 401/403, 404, HTML, gateway errors."""
    status = response.status_code
    body = response.content.lstrip()[:512].lower()
    content_type = response.headers.get("Content-Type", "").lower()
    if status in (401, 403):
        raise AuthFailed(f"wrong user name or password for {where} (HTTP {status})")
    if status in (404, 405, 410):
        raise NotOnvif(f"{where} has no ONVIF service at {urlsplit(response.url).path or '/'} (HTTP {status})")
    if "html" in content_type or body.startswith((b"<!doctype html", b"<html")):
        raise NotOnvif(f"{where} answered {what} with a web page (HTTP {status}), not SOAP: is it an ONVIF device?")
    if status in (502, 503, 504) and b"envelope" not in body:
        raise DeviceUnreachable(f"{where} is busy or restarting (HTTP {status})")
