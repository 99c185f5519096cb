"""WS-Security UsernameToken check of a simulated camera: digest, clock window, nonce replay."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import time
from collections import OrderedDict
from collections.abc import Callable

from lxml import etree

from ..model import SimCamera
from .soap import find, not_authorized, text
from .xstypes import parse_datetime

logger = logging.getLogger(__name__)

PASSWORD_DIGEST = "#PasswordDigest"
PASSWORD_TEXT = "#PasswordText"


class NonceCache:
    """Nonces seen within the acceptance window; a bounded, time-ordered set."""

    def __init__(self, keep_s: float, max_entries: int = 50_000) -> None:
        self._keep_s = keep_s
        self._max = max_entries
        self._seen: OrderedDict[bytes, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def add(self, nonce: bytes, now: float) -> bool:
        """Remember the nonce; False if it was already seen (a replay)."""
        while self._seen:
            _, seen_at = next(iter(self._seen.items()))
            if now - seen_at <= self._keep_s and len(self._seen) < self._max:
                break
            self._seen.popitem(last=False)
        if nonce in self._seen:
            return False
        self._seen[nonce] = now
        return True


class UsernameTokenVerifier:
    """Checks the wsse:UsernameToken of a request against the camera's one account.

    PasswordDigest = Base64(SHA-1(nonce + created + password)) with `Created` within
    `tolerance_s` of the device clock (real UTC + camera.clock_offset_s) and a nonce never used
    before in that window. PasswordText is accepted when `accept_password_text` (many real
    cameras do); it carries no nonce, so it has no replay protection.
    """

    def __init__(self, camera: SimCamera, *, tolerance_s: float = 300.0, accept_password_text: bool = True,
                 clock: Callable[[], float] = time.time) -> None:
        self._camera = camera
        self._tolerance_s = tolerance_s
        self._accept_text = accept_password_text
        self._clock = clock
        self._nonces = NonceCache(keep_s=2 * tolerance_s)

    def verify(self, header: etree._Element | None) -> None:
        """Return if the token is good, else raise the NotAuthorized SoapFault."""
        token = find(header, "Security", "UsernameToken")
        if token is None:
            raise not_authorized("Sender not authorized: no WS-Security UsernameToken")
        username = text(token, "Username") or ""
        password_node = find(token, "Password")
        password = (password_node.text or "").strip() if password_node is not None else ""
        kind = password_node.get("Type", PASSWORD_TEXT) if password_node is not None else PASSWORD_TEXT
        if not hmac.compare_digest(username.encode(), self._camera.username.encode()):
            logger.info("%s: unknown user %r", self._camera.code, username)
            raise not_authorized()
        if kind.endswith(PASSWORD_DIGEST):
            self._verify_digest(token, password)
        elif kind.endswith(PASSWORD_TEXT) and self._accept_text:
            if not hmac.compare_digest(password.encode(), self._camera.password.encode()):
                raise not_authorized()
        else:
            raise not_authorized(f"Sender not authorized: password type {kind} not accepted")

    def _verify_digest(self, token: etree._Element, digest: str) -> None:
        nonce_b64 = text(token, "Nonce")
        created = text(token, "Created")
        if not nonce_b64 or not created:
            raise not_authorized("Sender not authorized: digest needs Nonce and Created")
        try:
            nonce = base64.b64decode(nonce_b64, validate=True)
            created_at = parse_datetime(created).timestamp()
        except (binascii.Error, ValueError):
            raise not_authorized("Sender not authorized: malformed Nonce or Created") from None
        expected = base64.b64encode(
            hashlib.sha1(nonce + created.encode() + self._camera.password.encode()).digest()).decode()
        if not hmac.compare_digest(expected.encode(), digest.encode()):
            raise not_authorized()
        now = self._clock()
        skew = created_at - (now + self._camera.clock_offset_s)
        if abs(skew) > self._tolerance_s:
            logger.info("%s: Created is %.0f s off the device clock", self._camera.code, skew)
            raise not_authorized("Sender not authorized: Created is outside the device's time window")
        if not self._nonces.add(nonce, now):
            logger.info("%s: replayed nonce rejected", self._camera.code)
            raise not_authorized("Sender not authorized: nonce already used")
