"""The simulator as a child process of the cockpit (`cockpit --demo`): start, read its cameras, stop.

The cockpit talks to the simulated cameras only over the wire, like to real ones; this wrapper
just launches `python -m services.sim`, collects the JSON line it prints per camera, and
terminates it (SIGTERM, then SIGKILL) when the cockpit stops.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cockpit.errors import CockpitError
from cockpit.models import Camera, Device
from services.onvif.credentials import Credentials, CredentialStore, CredentialsUnavailable

logger = logging.getLogger(__name__)


class SimulatorFailed(CockpitError):
    """The simulator did not come up; the cockpit runs on without live cameras."""


@dataclass(frozen=True)
class SimulatedCameraInfo:
    """What the simulator announces per camera (the fields `python -m services.sim` prints)."""

    code: str
    name: str
    onvif_url: str
    username: str
    password: str
    ptz: bool
    rtsp: dict[str, str]
    discovery: str | None = None  # "127.0.0.1:port" where the simulator answers unicast WS-Discovery probes
    mqtt: str | None = None  # "host:port" of the broker its sensors and responders publish to

    @classmethod
    def from_json(cls, line: str) -> SimulatedCameraInfo:
        d = json.loads(line)
        return cls(d["code"], d["name"], d["onvif_url"], d["username"], d["password"], bool(d["ptz"]),
                   dict(d.get("rtsp", {})), d.get("discovery"), d.get("mqtt"))


class SimulatorProcess:
    def __init__(self, db_url: str, cameras: int, *, scenario: Path | None = None,
                 extra_args: Sequence[str] = (), log_path: Path | None = None) -> None:
        self._cmd = [sys.executable, "-m", "services.sim", "--db", db_url, "--cameras", str(cameras),
                     "--parent-pipe"]
        if scenario is not None:
            self._cmd += ["--scenario", str(scenario)]
        self._cmd += list(extra_args)
        self._expected = cameras
        self._log_path = log_path
        self._proc: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._stopping = False  # set by stop(); a start() still under way then gives up
        self.cameras: list[SimulatedCameraInfo] = []

    def start(self, timeout_s: float = 60.0) -> list[SimulatedCameraInfo]:
        """Blocking (run it in a worker): returns once every camera has been announced."""
        log = open(self._log_path, "a", encoding="utf-8") if self._log_path else subprocess.DEVNULL  # noqa: SIM115
        root = Path(__file__).resolve().parents[2]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
        with self._lock:
            if self._stopping:
                raise SimulatorFailed("the camera simulator was stopped before it started")
            # stdin stays open for the child's lifetime: when this process dies, the pipe closes
            # and the simulator stops itself (--parent-pipe), so no orphan keeps its ports.
            self._proc = subprocess.Popen(self._cmd, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.PIPE,
                                          text=True, env=env, cwd=root, start_new_session=True)
        if log is not subprocess.DEVNULL:
            log.close()
        lines: list[str] = []
        reader = threading.Thread(target=self._read, args=(lines,), daemon=True)
        reader.start()
        deadline = time.monotonic() + timeout_s
        while len(lines) < self._expected:
            if self._stopping:
                raise SimulatorFailed("the camera simulator was stopped while starting")
            if self._proc.poll() is not None:
                raise SimulatorFailed(f"the camera simulator exited with code {self._proc.returncode}")
            if time.monotonic() > deadline:
                self.stop()
                raise SimulatorFailed(f"the camera simulator announced {len(lines)} of {self._expected} "
                                      f"cameras within {timeout_s:.0f} s")
            time.sleep(0.05)
        self.cameras = [SimulatedCameraInfo.from_json(line) for line in lines[: self._expected]]
        logger.info("camera simulator up: %d cameras (pid %d)", len(self.cameras), self._proc.pid)
        return self.cameras

    def _read(self, lines: list[str]) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        for line in self._proc.stdout:
            if line.strip().startswith("{"):
                lines.append(line)

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def stop(self, timeout_s: float = 10.0) -> int | None:
        """SIGTERM (the simulator stops every server it started), SIGKILL if it does not."""
        with self._lock:
            self._stopping = True
            proc = self._proc
        if proc is None:
            return None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout_s)
            except subprocess.TimeoutExpired:
                logger.warning("camera simulator ignored SIGTERM; killing it")
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        return proc.returncode


def record_cameras(session: Session, cameras: Sequence[SimulatedCameraInfo],
                   credentials: CredentialStore | None = None) -> int:
    """Point the site's camera rows at the simulated devices (their ports change per run) and store each
    camera's login through the credential store (encrypted; default: the key at its default path).
    Commits; returns how many rows changed."""
    credentials = credentials or CredentialStore(None)
    by_code = {c.code: c for c in cameras}
    updated = 0
    for device, camera in session.execute(select(Device, Camera).join(Camera, Camera.device_id == Device.id)):
        info = by_code.get(device.code)
        if info is None:
            continue
        changed = camera.onvif_url != info.onvif_url
        camera.onvif_url = info.onvif_url
        try:
            stored = credentials.get(session, camera.credential_ref) if camera.credential_ref else None
        except CredentialsUnavailable:  # lost or foreign key: the simulator's login is simply stored again
            stored = None
        if stored != Credentials(info.username, info.password):
            camera.credential_ref = credentials.put(session, info.username, info.password, camera.credential_ref)
            changed = True
        updated += changed
    session.commit()
    return updated
