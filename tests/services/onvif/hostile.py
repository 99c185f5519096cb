"""Servers that misbehave on purpose (raw asyncio sockets on loopback), for the ONVIF client's error states.

Each behaviour is `async (request, writer) -> keep_alive`; `canned_device()` answers the connect
sequence like a camera and lets a test replace any operation's answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from services.sim.loop import LoopThread


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def operation(self) -> str:
        match = re.search(rb"<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?(\w+)", self.body)
        return match.group(1).decode() if match else ""


Behaviour = Callable[[Request, asyncio.StreamWriter], Awaitable[bool]]


async def read_request(reader: asyncio.StreamReader) -> Request | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    body = await reader.readexactly(int(headers.get("content-length", "0") or 0))
    return Request(method, path, headers, body)


class HostileServer:
    """HTTP on 127.0.0.1 with a chosen behaviour; every connection is cut when it stops."""

    def __init__(self, lt: LoopThread, behaviour: Behaviour) -> None:
        self._lt = lt
        self.behaviour = behaviour
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.requests: list[Request] = []
        self.port = 0

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> HostileServer:
        async def start() -> None:
            self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
            self.port = self._server.sockets[0].getsockname()[1]
        self._lt.run(start())
        return self

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            while (request := await read_request(reader)) is not None:
                self.requests.append(request)
                if not await self.behaviour(request, writer):
                    break
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._tasks.discard(task)
            writer.close()

    def stop(self) -> None:
        async def stop() -> None:
            if self._server is not None:
                self._server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.sleep(0)
        self._lt.run(stop())


def http(status: int, body: bytes, content_type: str = "application/soap+xml; charset=utf-8",
         headers: dict[str, str] | None = None) -> bytes:
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    return (f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
            ).encode() + body


def respond(status: int, body: bytes, content_type: str = "application/soap+xml; charset=utf-8",
            headers: dict[str, str] | None = None) -> Behaviour:
    async def behaviour(request: Request, writer: asyncio.StreamWriter) -> bool:
        writer.write(http(status, body, content_type, headers))
        await writer.drain()
        return True
    return behaviour


async def silent(request: Request, writer: asyncio.StreamWriter) -> bool:
    """Accepts the connection, reads the request, never answers."""
    await asyncio.sleep(3600)
    return False


async def trickle(request: Request, writer: asyncio.StreamWriter) -> bool:
    """Answers one byte every 0.1 s, for ever (a read timeout alone never fires)."""
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nConnection: close\r\n\r\n")
    while True:
        writer.write(b" ")
        await writer.drain()
        await asyncio.sleep(0.1)


def stream(total_bytes: int, *, declare_length: bool = False) -> Behaviour:
    """A 200 reply of `total_bytes` (chunked, or with Content-Length), sent as fast as the client reads."""
    piece = b"<a>" + b"x" * (64 * 1024 - 7) + b"</a>"

    async def behaviour(request: Request, writer: asyncio.StreamWriter) -> bool:
        length = f"Content-Length: {total_bytes}" if declare_length else "Transfer-Encoding: chunked"
        writer.write(f"HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\n{length}\r\n\r\n".encode())
        sent = 0
        while sent < total_bytes:
            writer.write(piece if declare_length else b"%x\r\n%s\r\n" % (len(piece), piece))
            sent += len(piece)
            await writer.drain()
        if not declare_length:
            writer.write(b"0\r\n\r\n")
        await writer.drain()
        return False
    return behaviour


SOAP = "http://www.w3.org/2003/05/soap-envelope"


def envelope(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="{SOAP}" '
            'xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema" '
            'xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:ter="http://www.onvif.org/ver10/error">'
            f"<s:Body>{body}</s:Body></s:Envelope>").encode()


def fault(code: str, subcode: str, reason: str, xmlns: str = "") -> bytes:
    """A SOAP 1.2 fault; `xmlns` declares the subcode's prefix if it is not ter: (e.g. ' xmlns:wsse="…"')."""
    return envelope(f"<s:Fault><s:Code><s:Value>s:{code}</s:Value><s:Subcode><s:Value{xmlns}>{subcode}</s:Value>"
                    f"</s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en\">{reason}</s:Text></s:Reason></s:Fault>")


def clock_reply(now: datetime | None = None) -> bytes:
    t = now or datetime.now(UTC)
    stamp = (f"<tt:Time><tt:Hour>{t.hour}</tt:Hour><tt:Minute>{t.minute}</tt:Minute><tt:Second>{t.second}"
             f"</tt:Second></tt:Time><tt:Date><tt:Year>{t.year}</tt:Year><tt:Month>{t.month}</tt:Month>"
             f"<tt:Day>{t.day}</tt:Day></tt:Date>")
    return envelope("<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>"
                    "<tt:DaylightSavings>false</tt:DaylightSavings>"
                    f"<tt:UTCDateTime>{stamp}</tt:UTCDateTime></tds:SystemDateAndTime>"
                    "</tds:GetSystemDateAndTimeResponse>")


@dataclass
class CannedDevice:
    """Answers GetSystemDateAndTime, GetCapabilities, GetDeviceInformation like a camera; `overrides`
    maps an operation to (status, body) or to a whole behaviour."""

    overrides: dict[str, tuple[int, bytes] | Behaviour] = field(default_factory=dict)
    port: int = 0

    def replies(self) -> dict[str, tuple[int, bytes]]:
        base = f"http://127.0.0.1:{self.port}/onvif"
        return {
            "GetSystemDateAndTime": (200, clock_reply()),
            "GetCapabilities": (200, envelope(
                f"<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>{base}/device_service"
                f"</tt:XAddr></tt:Device><tt:Media><tt:XAddr>{base}/media_service</tt:XAddr></tt:Media>"
                "</tds:Capabilities></tds:GetCapabilitiesResponse>")),
            "GetDeviceInformation": (200, envelope(
                "<tds:GetDeviceInformationResponse><tds:Manufacturer>Hostile</tds:Manufacturer>"
                "<tds:Model>H-1</tds:Model><tds:FirmwareVersion>0</tds:FirmwareVersion>"
                "<tds:SerialNumber>0</tds:SerialNumber><tds:HardwareId>0</tds:HardwareId>"
                "</tds:GetDeviceInformationResponse>")),
        }

    async def __call__(self, request: Request, writer: asyncio.StreamWriter) -> bool:
        op = request.operation
        answer = self.overrides.get(op) or self.replies().get(op) or (
            500, fault("Receiver", "ter:ActionNotSupported", f"{op} not supported"))
        if callable(answer):
            return await answer(request, writer)
        status, body = answer
        writer.write(http(status, body))
        await writer.drain()
        return True


def canned(lt: LoopThread, **overrides: tuple[int, bytes] | Behaviour) -> HostileServer:
    device = CannedDevice(dict(overrides))
    server = HostileServer(lt, device).start()
    device.port = server.port
    return server


@contextlib.contextmanager
def serving(lt: LoopThread, behaviour: Behaviour | None = None, **overrides: tuple[int, bytes] | Behaviour):
    server = HostileServer(lt, behaviour).start() if behaviour else canned(lt, **overrides)
    try:
        yield server
    finally:
        server.stop()
