"""RTSP/1.0 messages: parsing a request head, encoding a response."""

from __future__ import annotations

import email.utils
import logging
import re
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

SESSION_TIMEOUT_S = 60
PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER"
_REQUEST_LINE = re.compile(r"^([A-Z_]{3,20}) (\S+) RTSP/1\.\d$")
_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 454: "Session Not Found",
            455: "Method Not Valid in This State", 459: "Aggregate Operation Not Allowed",
            461: "Unsupported Transport", 500: "Internal Server Error", 501: "Not Implemented"}


@dataclass
class Request:
    method: str
    url: str
    headers: dict[str, str]  # lower-case names
    body: bytes = b""

    @property
    def cseq(self) -> str | None:
        return self.headers.get("cseq")

    @property
    def session_id(self) -> str | None:
        value = self.headers.get("session")
        return value.split(";")[0].strip() if value else None


@dataclass
class Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def encode(self, cseq: str | None) -> bytes:
        lines = [f"RTSP/1.0 {self.status} {_REASONS.get(self.status, 'Error')}"]
        if cseq is not None:
            lines.append(f"CSeq: {cseq}")
        lines += ["Server: CockpitSim RTSP/1.0", f"Date: {email.utils.formatdate(usegmt=True)}"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        if self.body:
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.body



def parse_head(head: bytes) -> Request | None:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = text.split("\r\n")
    match = _REQUEST_LINE.match(lines[0])
    if not match:
        return None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep or not name.strip():
            return None
        headers[name.strip().lower()] = value.strip()
    if not headers.get("content-length", "0").isdigit():
        return None
    return Request(match.group(1), match.group(2), headers)
