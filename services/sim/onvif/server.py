"""One simulated camera as an ONVIF device: an aiohttp server on its own port, on a shared event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import replace

from aiohttp import web
from lxml import etree

from ..model import EventHub, PtzState, SimCamera
from .addresses import SERVICE_PATHS, SNAPSHOT_PATH, SUBSCRIPTION_PATH, DeviceAddresses
from .device import DeviceService, ServiceEntry, scopes
from .events import EventsService
from .httpdigest import DigestResult, HttpDigestAuth
from .media import MediaService
from .ptz import PtzService
from .security import UsernameTokenVerifier
from .soap import (CONTENT_TYPE, NS, Handler, SoapCall, SoapFault, action_not_supported, envelope, fault_envelope,
                   parse_request, qn)
from .subscriptions import SubscriptionManager

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
PRE_AUTH = frozenset({qn("tds:GetSystemDateAndTime")})  # ONVIF: clients need the clock before they can log in
_UUID_NAMESPACE = uuid.UUID("6f1d2c56-3b8e-4d0f-9a51-7c4e0b7f2a10")


def endpoint_reference(camera_code: str) -> str:
    """A stable WS-Addressing endpoint reference (urn:uuid) per camera code."""
    return f"urn:uuid:{uuid.uuid5(_UUID_NAMESPACE, camera_code)}"


class OnvifDevice:
    """Device, Media, PTZ (PTZ models only) and Events services of one SimCamera over SOAP 1.2/HTTP.

    Everything runs on the event loop that calls start(); many devices share one loop.
    """

    def __init__(self, camera: SimCamera, ptz: PtzState, events: EventHub, *,
                 stream_uri: Callable[[str], str], snapshot_jpeg: Callable[[str], bytes],
                 host: str = "127.0.0.1", port: int = 0, accept_password_text: bool = True,
                 time_tolerance_s: float = 300.0) -> None:
        self.camera = camera
        self._ptz = ptz
        self._hub = events
        self._stream_uri = stream_uri
        self._snapshot_jpeg = snapshot_jpeg
        self._addresses = DeviceAddresses(host, port)
        self._auth = UsernameTokenVerifier(camera, tolerance_s=time_tolerance_s,
                                           accept_password_text=accept_password_text)
        self._digest = HttpDigestAuth(f"{camera.manufacturer} {camera.code}", camera.username, camera.password)
        self._ops: dict[str, Handler] = {}
        self._subscriptions: SubscriptionManager | None = None
        self._runner: web.AppRunner | None = None
        self._reaper: asyncio.Task[None] | None = None

    # -- identity, for WS-Discovery and callers --------------------------------------------------

    @property
    def url(self) -> str:
        """Device service address, e.g. http://127.0.0.1:PORT/onvif/device_service."""
        return self._addresses.service("device")

    @property
    def host(self) -> str:
        return self._addresses.host

    @property
    def port(self) -> int:
        return self._addresses.port

    @property
    def endpoint_reference(self) -> str:
        return endpoint_reference(self.camera.code)

    @property
    def scopes(self) -> list[str]:
        return [item for _, item in scopes(self.camera)]

    @property
    def types(self) -> list[tuple[str, str]]:
        """(namespace, local name) of the WS-Discovery types."""
        return [("http://www.onvif.org/ver10/network/wsdl", "NetworkVideoTransmitter"), (NS["tds"], "Device")]

    # -- lifecycle -------------------------------------------------------------------------------

    def _build(self) -> SubscriptionManager:
        cam = self.camera
        subscriptions = self._subscriptions = SubscriptionManager(cam, self._hub)
        media = MediaService(cam, self._addresses, self._stream_uri)
        events = EventsService(cam, self._addresses, subscriptions)
        entries = [ServiceEntry("device", NS["tds"], DeviceService.capabilities),
                   ServiceEntry("media", NS["trt"], media.capabilities),
                   ServiceEntry("events", NS["tev"], events.capabilities)]
        self._ops = {**media.operations(), **events.operations()}
        if cam.is_ptz:
            tokens = {s.token for s in cam.streams}
            ptz = PtzService(cam, self._ptz, lambda: tokens)
            entries.append(ServiceEntry("ptz", NS["tptz"], ptz.capabilities))
            self._ops.update(ptz.operations())
        self._ops.update(DeviceService(cam, self._addresses, entries).operations())
        return subscriptions

    async def start(self) -> None:
        """Bind and serve; port 0 picks a free port (see .port / .url afterwards)."""
        if self._runner is not None:
            raise RuntimeError(f"{self.camera.code}: ONVIF device already started")
        subscriptions = self._build()
        app = web.Application(client_max_size=MAX_BODY_BYTES)
        for path in SERVICE_PATHS.values():
            app.router.add_post(path, self._on_soap)
        app.router.add_post(SUBSCRIPTION_PATH, self._on_soap)
        app.router.add_get(SNAPSHOT_PATH, self._on_snapshot)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self._addresses.host, self._addresses.port)
        try:
            await site.start()
        except OSError:
            subscriptions.close()
            await runner.cleanup()
            raise
        self._runner = runner
        self._addresses.port = runner.addresses[0][1]
        self._reaper = asyncio.create_task(subscriptions.run_reaper(), name=f"onvif-reaper-{self.camera.code}")
        logger.debug("%s: ONVIF device at %s", self.camera.code, self.url)

    async def stop(self) -> None:
        """Stop serving; pending PullMessages return at once, hub queues are released."""
        if self._reaper is not None:
            self._reaper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reaper
            self._reaper = None
        if self._subscriptions is not None:
            self._subscriptions.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            logger.debug("%s: ONVIF device stopped", self.camera.code)

    # -- HTTP handlers ---------------------------------------------------------------------------

    async def _on_soap(self, request: web.Request) -> web.Response:
        if (request.content_length or 0) > MAX_BODY_BYTES:
            return web.Response(status=413, text="Request body too large")
        try:
            data = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413, text="Request body too large")
        try:
            call = replace(parse_request(data), path_id=request.match_info.get("sid"))
            return self._reply(await self._dispatch(call))
        except SoapFault as fault:
            logger.debug("%s: fault %s %s", self.camera.code, fault.subcodes, fault.reason)
            return self._reply(fault)
        except Exception:  # a device answers with a fault, it does not drop the connection
            logger.exception("%s: request failed", self.camera.code)
            return self._reply(SoapFault("Receiver", ["ter:Action"], "Internal error"))

    async def _dispatch(self, call: SoapCall) -> etree._Element:
        if call.name not in PRE_AUTH:
            self._auth.verify(call.header)
        handler = self._ops.get(call.name)
        if handler is None:
            raise action_not_supported(f"Action not supported: {call.name}")
        return await handler(call)

    @staticmethod
    def _reply(result: etree._Element | SoapFault) -> web.Response:
        if isinstance(result, SoapFault):
            body, status = fault_envelope(result), result.http_status
        else:
            body, status = envelope(result), 200
        return web.Response(body=body, status=status, headers={"Content-Type": CONTENT_TYPE})

    async def _on_snapshot(self, request: web.Request) -> web.Response:
        verdict = self._digest.check(request.method, request.path_qs, request.headers.get("Authorization"))
        if verdict is not DigestResult.OK:
            challenge = self._digest.challenge(stale=verdict is DigestResult.STALE)
            return web.Response(status=401, text="Unauthorized", headers={"WWW-Authenticate": challenge})
        token = request.match_info["token"]
        if token not in {s.token for s in self.camera.streams}:
            return web.Response(status=404, text="No such profile")
        try:
            jpeg = await asyncio.to_thread(self._snapshot_jpeg, token)
        except Exception:  # the renderer's failure is a 500, not a dead server
            logger.exception("%s: snapshot of %s failed", self.camera.code, token)
            return web.Response(status=500, text="Snapshot failed")
        return web.Response(body=jpeg, content_type="image/jpeg")
