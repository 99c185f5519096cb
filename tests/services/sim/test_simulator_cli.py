"""`python -m services.sim` as a black box: it announces its cameras, they answer on every wire
(ONVIF, RTSP, WS-Discovery, MQTT), incidents leave ground truth, and SIGTERM stops everything."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest

import resources
from services.onvif.discovery import discover

ROOT = Path(__file__).resolve().parents[3]
CAMERAS = 4


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    truth = tmp_path_factory.mktemp("sim") / "truth.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "services.sim", "--cameras", str(CAMERAS), "--seed", "7", "--buildings", "8",
         "--scenario", str(resources.path("scenarios", "quick.yaml")), "--ground-truth", str(truth),
         "--clock-offset", "CAM-002=7200", "--gop", "30"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    announced = [json.loads(proc.stdout.readline()) for _ in range(CAMERAS)]
    yield proc, announced, truth
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_every_camera_is_announced_with_what_a_client_needs(sim):
    _, cams, _ = sim
    assert [c["code"] for c in cams] == [f"CAM-{i:03d}" for i in range(1, CAMERAS + 1)]
    for cam in cams:
        assert cam["onvif_url"].startswith("http://127.0.0.1:")
        assert cam["username"] and cam["password"] and isinstance(cam["ptz"], bool) and cam["name"]
        assert set(cam["rtsp"]) == {"main", "sub"}
    assert len({c["password"] for c in cams}) == CAMERAS  # each camera its own password


def test_onvif_answers_an_independent_client(sim):
    from onvif import ONVIFCamera

    _, cams, _ = sim
    cam = cams[0]
    host, port = cam["onvif_url"].split("//")[1].split("/")[0].split(":")
    client = ONVIFCamera(host, int(port), cam["username"], cam["password"])
    info = client.devicemgmt.GetDeviceInformation()
    assert info.Manufacturer == "CockpitSim"
    media = client.create_media_service()
    profiles = {p.token: p for p in media.GetProfiles()}
    assert profiles["sub"].VideoEncoderConfiguration.H264.GovLength == 30  # --gop reaches the device
    uri = media.GetStreamUri({"StreamSetup": {"Stream": "RTP-Unicast", "Transport": {"Protocol": "RTSP"}},
                              "ProfileToken": "sub"}).Uri
    assert uri == cam["rtsp"]["sub"]


def test_rtsp_plays_in_opencv(sim, monkeypatch):
    monkeypatch.setenv("OPENCV_FFMPEG_CAPTURE_OPTIONS", "rtsp_transport;tcp|probesize;4096|analyzeduration;0")
    import cv2

    _, cams, _ = sim
    cap = cv2.VideoCapture(cams[0]["rtsp"]["sub"], cv2.CAP_FFMPEG)
    ok, frame = cap.read()
    cap.release()
    assert ok and frame.shape == (360, 640, 3)


def test_discovery_finds_every_camera(sim):
    _, cams, _ = sim
    host, port = cams[0]["discovery"].split(":")
    matches = discover([(host, int(port))], timeout_s=3, expect=CAMERAS)
    assert sorted(x for m in matches for x in m.xaddrs) == sorted(c["onvif_url"] for c in cams)


def test_sensor_feed_and_ground_truth(sim):
    _, cams, truth = sim
    host, port = cams[0]["mqtt"].split(":")
    got: list[str] = []
    seen = threading.Event()
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    client.on_message = lambda c, u, msg: (got.append(msg.topic), "/event" in msg.topic and seen.set())
    client.on_connect = lambda c, u, f, rc, p: c.subscribe("cockpit/#", qos=1)
    client.connect(host, int(port))
    client.loop_start()
    try:
        assert seen.wait(20), f"no sensor event; got {got[:5]}"
    finally:
        client.loop_stop()
        client.disconnect()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        lines = truth.read_text().splitlines() if truth.exists() else []
        if len(lines) >= 5:
            break
        time.sleep(0.2)
    kinds = {json.loads(line)["kind"] for line in lines}
    assert kinds == {"fall", "crowd", "smoke", "heart_rate", "intrusion"}


def test_sigterm_stops_every_server(sim):
    proc, cams, _ = sim
    ports = [int(c["onvif_url"].split(":")[2].split("/")[0]) for c in cams]
    ports += [int(c["rtsp"]["sub"].split(":")[2].split("/")[0]) for c in cams]
    ports.append(int(cams[0]["mqtt"].split(":")[1]))
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 0
    for port in ports:
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open"


def test_a_database_without_a_site_is_a_clear_error(tmp_path):
    from cockpit.db import create_db_engine, upgrade

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    upgrade(create_db_engine(url))
    done = subprocess.run([sys.executable, "-m", "services.sim", "--db", url], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=dict(os.environ))
    assert done.returncode != 0
    assert "no site" in done.stderr and "Traceback" not in done.stderr
