"""The cockpit's handle on the simulator process: start, record camera addresses, stop, no orphans."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from cockpit.db import create_db_engine
from cockpit.models import Camera, Device
from services.onvif.credentials import CredentialStore
from services.sim.process import SimulatorFailed, SimulatorProcess, record_cameras


def test_start_record_and_stop(demo_db_url, tmp_path):
    sim = SimulatorProcess(demo_db_url, 2, extra_args=["--no-scenario", "--no-feed"])
    cameras = sim.start(timeout_s=60)
    try:
        assert [c.code for c in cameras] == ["CAM-001", "CAM-002"]
        engine = create_db_engine(demo_db_url)
        store = CredentialStore(None, tmp_path / "credentials.key")
        with Session(engine) as session:
            assert record_cameras(session, cameras, store) == 2
            assert record_cameras(session, cameras, store) == 0  # nothing new the second time
            rows = {code: camera for code, camera in session.execute(select(Device.code, Camera).join(Camera))}
            assert rows["CAM-001"].onvif_url == cameras[0].onvif_url and rows["CAM-003"].onvif_url is None
            login = store.get(session, rows["CAM-002"].credential_ref)
            assert (login.username, login.password) == (cameras[1].username, cameras[1].password)
            secrets = session.execute(text("SELECT secret FROM camera_credentials")).scalars().all()
        assert len(secrets) == 2 and not any(c.password.encode() in s for c in cameras for s in secrets)
        assert sim.running
    finally:
        assert sim.stop() == 0
    assert not sim.running


def test_stop_while_starting_leaves_no_process(demo_db_url):
    sim = SimulatorProcess(demo_db_url, 60)
    outcome: list[BaseException] = []
    starter = threading.Thread(target=lambda: _capture(outcome, sim.start))
    starter.start()
    sim.stop()
    starter.join(30)
    assert not sim.running
    assert outcome and isinstance(outcome[0], SimulatorFailed)


def test_a_simulator_that_dies_is_reported(tmp_path):
    sim = SimulatorProcess(f"sqlite:///{tmp_path / 'nothing.db'}", 1)
    with pytest.raises(SimulatorFailed, match="exited"):
        sim.start(timeout_s=30)


def _capture(outcome: list[BaseException], fn) -> None:  # noqa: ANN001
    try:
        fn()
    except BaseException as exc:  # noqa: BLE001
        outcome.append(exc)


def test_the_simulator_stops_when_its_parent_dies(demo_db_url, tmp_path):
    """Even a kill -9 of the cockpit must not leave the simulator holding its ports."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(
        "import sys, time\n"
        "from services.sim.process import SimulatorProcess\n"
        f"sim = SimulatorProcess({demo_db_url!r}, 1, extra_args=['--no-scenario', '--no-feed'])\n"
        "sim.start()\n"
        "print(sim._proc.pid, flush=True)\n"
        "time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              cwd=os.getcwd(), env=dict(os.environ, PYTHONPATH=os.getcwd()))
    child = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        if open(f"/proc/{child}/stat").read().split()[2] == "Z":
            return  # exited; only the zombie entry is left (its parent was killed)
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the simulator outlived its killed parent")
