"""HTTP Digest authentication (RFC 7616, MD5, qop=auth) for the snapshot URL, as cameras use."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import time
from collections.abc import Callable
from enum import Enum

logger = logging.getLogger(__name__)

_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')


class DigestResult(Enum):
    OK = "ok"
    MISSING = "missing"
    STALE = "stale"  # right password, expired nonce: the client retries without asking the user
    DENIED = "denied"


def _md5(value: str) -> str:
    return hashlib.md5(value.encode()).hexdigest()  # MD5: what RFC 7616's default and cameras use


def parse_authorization(header: str) -> dict[str, str] | None:
    scheme, _, rest = header.strip().partition(" ")
    if scheme.lower() != "digest":
        return None
    return {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _PARAM.finditer(rest)}


class HttpDigestAuth:
    """Stateless nonces (time + HMAC), so a restart or many clients need no bookkeeping."""

    def __init__(self, realm: str, username: str, password: str, *, nonce_ttl_s: float = 300.0,
                 clock: Callable[[], float] = time.time) -> None:
        self.realm = realm
        self._username = username
        self._password = password
        self._ttl = nonce_ttl_s
        self._clock = clock
        self._secret = os.urandom(16)

    def _nonce(self, issued: int) -> str:
        mac = hmac.new(self._secret, str(issued).encode(), hashlib.sha256).hexdigest()[:32]
        return f"{issued:x}.{mac}"

    def challenge(self, stale: bool = False) -> str:
        nonce = self._nonce(int(self._clock()))
        return (f'Digest realm="{self.realm}", qop="auth", algorithm=MD5, nonce="{nonce}"'
                + (", stale=true" if stale else ""))

    def check(self, method: str, uri: str, header: str | None) -> DigestResult:
        params = parse_authorization(header) if header else None
        if not params:
            return DigestResult.MISSING
        try:
            issued_hex, _, _ = params["nonce"].partition(".")
            issued = int(issued_hex, 16)
            if params.get("uri") != uri or params.get("realm") != self.realm:
                return DigestResult.DENIED
            if params.get("algorithm", "MD5").upper() != "MD5":
                return DigestResult.DENIED
            if not hmac.compare_digest(self._nonce(issued), params["nonce"]):
                return DigestResult.DENIED
            ha1 = _md5(f"{params['username']}:{self.realm}:{self._password}")
            ha2 = _md5(f"{method}:{uri}")
            if params.get("qop") == "auth":
                expected = _md5(f"{ha1}:{params['nonce']}:{params['nc']}:{params['cnonce']}:auth:{ha2}")
            else:
                expected = _md5(f"{ha1}:{params['nonce']}:{ha2}")
            good = (hmac.compare_digest(expected, params.get("response", ""))
                    and hmac.compare_digest(params["username"].encode(), self._username.encode()))
        except (KeyError, ValueError):
            return DigestResult.DENIED
        if not good:
            return DigestResult.DENIED
        if self._clock() - issued > self._ttl:
            return DigestResult.STALE
        return DigestResult.OK
