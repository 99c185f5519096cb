"""The product's WS-Discovery client against the simulator's responder, unicast on loopback (the multicast
path, inside a private network namespace, is in tests/services/sim/test_discovery.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.onvif.discovery import DiscoveredDevice, discover, scope_value
from services.sim.loop import LoopThread
from services.sim.onvif import DiscoveryResponder, endpoint_reference

from .conftest import Running, make_camera, start_device

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def fleet(loop_thread: LoopThread) -> Iterator[tuple[list[Running], DiscoveryResponder]]:
    runs = [start_device(loop_thread, make_camera(i, is_ptz=i == 51)) for i in (51, 52)]
    responder = DiscoveryResponder([r.device for r in runs], port=0)
    loop_thread.run(responder.start())
    yield runs, responder
    loop_thread.run(responder.stop())
    for run in runs:
        loop_thread.run(run.device.stop())


def test_unicast_discovery_finds_the_simulated_cameras(fleet: tuple[list[Running], DiscoveryResponder]) -> None:
    runs, responder = fleet
    seen: list[DiscoveredDevice] = []
    found = discover([("127.0.0.1", responder.port)], timeout_s=2.0, on_found=seen.append, expect=2)
    assert sorted(d.endpoint for d in seen) == sorted(d.endpoint for d in found)
    by_endpoint = {d.endpoint: d for d in found}
    for run in runs:
        device = by_endpoint[endpoint_reference(run.camera.code)]
        assert device.address == run.device.url and device.xaddrs == (run.device.url,)
        assert device.name == run.camera.code
        assert device.hardware == "SimCam-4MP" and device.location == run.camera.name  # URL-decoded Chinese
        assert "dn:NetworkVideoTransmitter" in device.types and device.metadata_version == 1
        assert device.sender == ("127.0.0.1", responder.port)


def test_nothing_answering_returns_empty_after_the_timeout() -> None:
    assert discover([("127.0.0.1", 9)], timeout_s=0.2) == []


def test_scope_values() -> None:
    scopes = ("onvif://www.onvif.org/name/CAM%20A", "onvif://www.onvif.org/hardware/X1", "http://other/scope")
    assert scope_value(scopes, "name") == "CAM A" and scope_value(scopes, "location") is None

