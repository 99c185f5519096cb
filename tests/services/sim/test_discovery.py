"""WS-Discovery of simulated cameras (the product's client, services.onvif.discovery): unicast on loopback
here, multicast only in a private namespace."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.onvif.discovery import discover
from services.sim.onvif import DiscoveryResponder, endpoint_reference

from .test_onvif_support import LoopThread, Running, make_camera, start_device

ROOT = Path(__file__).resolve().parents[3]
Fleet = tuple[list[Running], DiscoveryResponder]


@pytest.fixture(scope="module")
def fleet(loop_thread: LoopThread) -> Iterator[Fleet]:
    runs = [start_device(loop_thread, make_camera(i, is_ptz=i != 2)) for i in (1, 2, 3)]
    responder = DiscoveryResponder([r.device for r in runs], port=0)
    loop_thread.run(responder.start())
    yield runs, responder
    loop_thread.run(responder.stop())
    for run in runs:
        loop_thread.run(run.device.stop())


def test_unicast_probe_finds_every_device_with_its_address(fleet: Fleet) -> None:
    runs, responder = fleet
    matches = discover([("127.0.0.1", responder.port)], timeout_s=2.0, expect=3)
    by_ref = {m.endpoint: m for m in matches}
    assert len(by_ref) == 3
    for run in runs:
        match = by_ref[endpoint_reference(run.camera.code)]
        assert match.xaddrs == (run.device.url,)
        assert f"onvif://www.onvif.org/name/{run.camera.code}" in match.scopes
        assert match.types == ("dn:NetworkVideoTransmitter", "tds:Device")
        assert match.metadata_version == 1
    assert endpoint_reference("CAM-001") == endpoint_reference("CAM-001") != endpoint_reference("CAM-002")
    assert endpoint_reference("CAM-001").startswith("urn:uuid:")


def test_probe_types_and_scopes_select_devices(fleet: Fleet) -> None:
    _, responder = fleet
    target = [("127.0.0.1", responder.port)]
    assert len(discover(target, 2.0, types=(), expect=3)) == 3
    assert len(discover(target, 2.0, types=("tds:Device",), expect=3)) == 3
    assert discover(target, 0.3, types=("dn:Printer",)) == []
    only_two = discover(target, 0.3, scopes=("onvif://www.onvif.org/name/CAM-002",))
    assert [m.endpoint for m in only_two] == [endpoint_reference("CAM-002")]
    ptz = discover(target, 0.3, scopes=("onvif://www.onvif.org/type/ptz",))
    assert {m.endpoint for m in ptz} == {endpoint_reference("CAM-001"), endpoint_reference("CAM-003")}


def test_garbage_datagrams_are_ignored(fleet: Fleet) -> None:
    _, responder = fleet
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for junk in (b"", b"\xff\x00junk", b"<not-soap/>", b"<a><b></a>"):
            sock.sendto(junk, ("127.0.0.1", responder.port))
    assert len(discover([("127.0.0.1", responder.port)], 2.0, expect=3)) == 3


def test_multicast_is_refused_on_the_host(fleet: Fleet, loop_thread: LoopThread) -> None:
    # (the product's discover() sends multicast when a caller asks for it, so it is never called so here)
    runs, _ = fleet
    multicast = DiscoveryResponder([r.device for r in runs], port=0, multicast=True)
    with pytest.raises(PermissionError):
        loop_thread.run(multicast.start())
    with pytest.raises(ValueError):
        DiscoveryResponder([], host="0.0.0.0", multicast=True)


NAMESPACE_SCRIPT = textwrap.dedent("""
    import asyncio, json
    from services.sim.model import EventHub, PtzState, SimCamera
    from services.onvif.discovery import MULTICAST_TARGET, discover
    from services.sim.onvif import DiscoveryResponder, OnvifDevice

    async def main():
        cams = [SimCamera(i, f"CAM-{i:03d}", f"cam {i}", 0, 0, 3, 0, -10, 60, 40, i == 1) for i in (1, 2)]
        devices = [OnvifDevice(c, PtzState(c), EventHub(), stream_uri=lambda t: "rtsp://127.0.0.1/x",
                               snapshot_jpeg=lambda t: b"") for c in cams]
        for device in devices:
            await device.start()
        responder = DiscoveryResponder(devices, multicast=True)  # the well-known port 3702
        await responder.start()
        found = await asyncio.to_thread(discover, [MULTICAST_TARGET], 3.0, expect=2, interface="127.0.0.1")
        unicast = await asyncio.to_thread(discover, [("127.0.0.1", 3702)], 3.0, expect=2)
        print(json.dumps({"multicast": [[m.endpoint, list(m.xaddrs)] for m in found],
                          "unicast": len(unicast), "urls": [d.url for d in devices]}))
        await responder.stop()
        for device in devices:
            await device.stop()

    asyncio.run(main())
""")


def test_multicast_probe_inside_a_private_network_namespace() -> None:
    assert shutil.which("unshare") and shutil.which("ip"), "needs unshare (util-linux) and ip (iproute2)"
    # lo is the only interface in the new namespace: multicast cannot leave the machine.
    setup = "ip link set lo up multicast on && ip route add 224.0.0.0/4 dev lo"
    result = subprocess.run(["unshare", "-n", "--", "sh", "-c", f'{setup} && exec "$0" -c "$1"',
                             sys.executable, NAMESPACE_SCRIPT],
                            cwd=ROOT, capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert sorted(report["multicast"]) == sorted(
        [[endpoint_reference(f"CAM-{i:03d}"), [url]] for i, url in zip((1, 2), report["urls"], strict=True)])
    assert report["unicast"] == 2
