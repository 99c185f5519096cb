"""The simulator's composition root: world, feed, cameras (video + ONVIF), discovery, scenario.

Built in one explicit order on one asyncio loop and stopped in reverse, like the cockpit itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import aiohttp

import resources
from cockpit.site import CameraPlacement, SiteSnapshot
from cockpit.walkways import WalkwayGraph

from .feed import EmbeddedBroker, SensorFeed, SimulatedResponders, SimulatedSensors
from .model import MAIN, SUB, EventHub, PtzState, SimCamera
from .onvif import DiscoveryResponder, OnvifDevice
from .scenario import ScenarioRunner
from .scenario_data import ScenarioData
from .scenario_schema import load_scenario
from .video import CameraStreams
from .world import SimulatedWorld

logger = logging.getLogger(__name__)

DEFAULT_SCENARIO = resources.path("scenarios", "demo.yaml")

_TIME_REQUEST = (
    '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">'
    '<s:Body><GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>'
)


@dataclass(frozen=True)
class SimulatorOptions:
    cameras: int | None = None  # the first N cameras of the site by code; None = all
    seed: int = 20261124
    scenario: Path | None = DEFAULT_SCENARIO  # None = no scripted incidents
    ground_truth: Path | None = None
    mqtt: tuple[str, int] | None = None  # an external broker; None = an embedded one
    discovery_port: int = 0  # WS-Discovery answers unicast probes on this loopback UDP port
    population: int = 150
    gop: int | None = None  # frames between keyframes on every stream; None = one per second
    clock_offsets: dict[str, float] = field(default_factory=dict)  # camera code -> seconds
    feed: bool = True  # sensors, responders and MQTT


def camera_password(seed: int, code: str) -> str:
    """Each simulated camera has its own password, stable for a seed (as installers' records would be)."""
    return hashlib.sha256(f"{seed}:{code}".encode()).hexdigest()[:12]


def sim_camera(index: int, placement: CameraPlacement, options: SimulatorOptions) -> SimCamera:
    return SimCamera(
        index=index, code=placement.code, name=placement.name, x=placement.x, y=placement.y,
        z=placement.z, heading_deg=placement.heading_deg, tilt_deg=placement.tilt_deg,
        fov_deg=placement.fov_deg, range_m=placement.range_m, is_ptz=placement.is_ptz,
        username="admin", password=camera_password(options.seed, placement.code),
        clock_offset_s=options.clock_offsets.get(placement.code, 0.0),
        model="SimCam-PTZ-4MP" if placement.is_ptz else "SimCam-4MP",
        serial=f"SIM{options.seed % 100000:05d}{index:04d}",
        streams=tuple(replace(s, gop=options.gop or s.fps) for s in (MAIN, SUB)),
    )


class Simulator:
    """A whole simulated site. `start()` returns one announcement dict per camera."""

    def __init__(self, site: SiteSnapshot, options: SimulatorOptions, data: ScenarioData | None = None) -> None:
        self.site = site
        self.options = options
        self._data = data
        placements = sorted(site.cameras, key=lambda c: c.code)[: options.cameras]
        self.cameras = [sim_camera(i, p, options) for i, p in enumerate(placements)]
        self.events = EventHub()
        self.walkways = WalkwayGraph.from_site(site)
        self.world = SimulatedWorld(site, options.seed, options.population, walkways=self.walkways)
        self.streams: list[CameraStreams] = []
        self.devices: list[OnvifDevice] = []
        self.discovery: DiscoveryResponder | None = None
        self.broker: EmbeddedBroker | None = None
        self.feed: SensorFeed | None = None
        self.sensors: SimulatedSensors | None = None
        self.responders: SimulatedResponders | None = None
        self.scenario: ScenarioRunner | None = None
        self.mqtt_address: tuple[str, int] | None = None

    async def start(self) -> list[dict[str, Any]]:
        opts = self.options
        if opts.feed:  # 1. the IoT feed (an embedded broker unless one is given)
            if opts.mqtt is None:
                self.broker = EmbeddedBroker()
                self.mqtt_address = await asyncio.to_thread(self.broker.start)
            else:
                self.mqtt_address = opts.mqtt
            self.feed = SensorFeed(*self.mqtt_address, self.site.code)
            await asyncio.to_thread(self.feed.start, 10.0)
        self.world.start()  # 2. people walking
        for cam in self.cameras:  # 3. cameras: video, then ONVIF pointing at it
            ptz = PtzState(cam)
            streams = CameraStreams(self.site, cam, ptz, self.world)
            await streams.start()
            self.streams.append(streams)
            device = OnvifDevice(cam, ptz, self.events, stream_uri=streams.stream_uri,
                                 snapshot_jpeg=streams.snapshot_jpeg)
            await device.start()
            self.devices.append(device)
        self.discovery = DiscoveryResponder(self.devices, port=opts.discovery_port)  # 4. discovery
        await self.discovery.start()
        if self.feed is not None:  # 5. sensors and responders on the feed
            self.sensors = SimulatedSensors(self.site, self.feed)
            self.sensors.start()
            self.responders = SimulatedResponders(self.site, self.walkways, self.feed)
            self.responders.start()
        if opts.scenario is not None:  # 6. the scripted incidents
            self.scenario = ScenarioRunner(load_scenario(opts.scenario), self.world, self.site, self.events,
                                           self.feed, self.cameras, opts.ground_truth, data=self._data)
            self.scenario.start()
        await self._check_ready()
        return [self.announcement(i) for i in range(len(self.cameras))]

    def announcement(self, i: int) -> dict[str, Any]:
        cam, device, streams = self.cameras[i], self.devices[i], self.streams[i]
        return {
            "code": cam.code, "name": cam.name, "onvif_url": device.url, "username": cam.username,
            "password": cam.password, "ptz": cam.is_ptz,
            "rtsp": {s.token: streams.stream_uri(s.token) for s in cam.streams},
            "discovery": f"127.0.0.1:{self.discovery.port}" if self.discovery else None,
            "mqtt": f"{self.mqtt_address[0]}:{self.mqtt_address[1]}" if self.mqtt_address else None,
        }

    async def _check_ready(self) -> None:
        """Every camera must answer over the wire (SOAP and RTSP) before we announce it."""
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            for device, streams in zip(self.devices, self.streams, strict=True):
                async with http.post(device.url, data=_TIME_REQUEST,
                                     headers={"Content-Type": "application/soap+xml"}) as reply:
                    if reply.status != 200:
                        raise RuntimeError(f"{device.url} answered {reply.status}")
                uri = streams.stream_uri("sub")
                host, port = uri.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)
                reader, writer = await asyncio.open_connection(host, int(port))
                writer.write(f"OPTIONS {uri} RTSP/1.0\r\nCSeq: 1\r\n\r\n".encode())
                await writer.drain()
                status = await asyncio.wait_for(reader.readline(), 5)
                writer.close()
                if b"200" not in status:
                    raise RuntimeError(f"{uri} answered {status!r}")

    async def stop(self) -> None:
        """Reverse order; every step runs even if an earlier one failed."""
        steps = [
            ("scenario", lambda: self.scenario and self.scenario.stop()),
            ("responders", lambda: self.responders and self.responders.stop()),
            ("sensors", lambda: self.sensors and self.sensors.stop()),
        ]
        for name, step in steps:
            try:
                await asyncio.to_thread(step)
            except Exception:
                logger.exception("stopping %s failed", name)
        if self.discovery:
            await self.discovery.stop()
        await asyncio.gather(*(d.stop() for d in self.devices), return_exceptions=True)
        await asyncio.gather(*(s.stop() for s in self.streams), return_exceptions=True)
        self.world.stop()
        for name, step in (("feed", lambda: self.feed and self.feed.stop()),
                           ("broker", lambda: self.broker and self.broker.stop())):
            try:
                await asyncio.to_thread(step)
            except Exception:
                logger.exception("stopping %s failed", name)
