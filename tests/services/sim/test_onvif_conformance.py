"""An independent ONVIF client (npm onvif 0.8.3, tests/conformance/) talks to a simulated camera."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.sim.model import CameraEvent, PtzPosition

from .test_onvif_support import PASSWORD, LoopThread, make_camera, start_device

CONFORMANCE = Path(__file__).resolve().parents[2] / "conformance"


@pytest.fixture(scope="module")
def node_client() -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node is not None and npm is not None, "node and npm are needed (scripts/setup.sh installs them)"
    if not (CONFORMANCE / "node_modules" / "onvif").is_dir():
        subprocess.run([npm, "ci", "--prefix", str(CONFORMANCE), "--no-audit", "--no-fund"],
                       check=True, capture_output=True, timeout=300)
    return CONFORMANCE / "check_camera.js"


def test_npm_onvif_reads_profiles_moves_ptz_and_pulls_an_event(node_client: Path, loop_thread: LoopThread) -> None:
    run = start_device(loop_thread, make_camera(31, clock_offset_s=-90.0))
    run.ptz.absolute_move(PtzPosition(0.5, -0.25, 0.5))
    preset = run.ptz.set_preset("gate")
    run.ptz.absolute_move(PtzPosition())
    stop = threading.Event()

    def publish_until_stopped() -> None:  # the client subscribes at a moment we do not know
        while not stop.wait(0.2):
            run.hub.publish(CameraEvent(run.camera.code, "tns1:RuleEngine/LineDetector/Crossed",
                                        {"VideoSourceConfigurationToken": "vsc0", "Rule": "NorthFence"},
                                        {"ObjectId": "7"}, datetime.now(UTC)))

    publisher = threading.Thread(target=publish_until_stopped, daemon=True)
    publisher.start()
    try:
        result = subprocess.run(["node", str(node_client), "127.0.0.1", str(run.port), "admin", PASSWORD],
                                capture_output=True, text=True, timeout=60, check=False)
    finally:
        stop.set()
        publisher.join(5)
        loop_thread.run(run.device.stop())
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["deviceInformation"]["manufacturer"] == "CockpitSim"
    assert report["deviceInformation"]["serialNumber"] == "SIM000031"
    assert report["profiles"] == [
        {"token": "main", "name": "MainStream", "encoding": "H264", "width": 1280, "height": 720, "gop": 15,
         "ptz": True},
        {"token": "sub", "name": "SubStream", "encoding": "H264", "width": 640, "height": 360, "gop": 15,
         "ptz": True},
    ]
    assert report["defaultProfile"] == "main"
    assert report["streamUri"] == "rtsp://127.0.0.1:8554/CAM-031/main"
    assert report["preset"] == {"token": preset.token, "name": "gate"}
    assert report["ptz"]["x"] == pytest.approx(0.5) and report["ptz"]["y"] == pytest.approx(-0.25)
    assert report["ptz"]["zoom"] == pytest.approx(0.5)
    assert run.ptz.position() == PtzPosition(0.5, -0.25, 0.5)  # the renderer's motor went there
    assert report["event"]["topic"] == "tns1:RuleEngine/LineDetector/Crossed"
    assert report["event"]["operation"] == "Changed"
    assert report["event"]["source"]["Rule"] == "NorthFence"
    assert report["event"]["data"] == {"ObjectId": "7"}
    assert "tns1:VideoSource/MotionAlarm" in report["initialized"]
