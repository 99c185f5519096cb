"""The whole cockpit as a child process (main.py under bench/alarms_probe.py) on a private home, for the alarm
benchmark and the kill -9 test: its config points the alarm ingest at a given broker, and the probe answers
commands over the pipes. Also: what its database holds, read from outside."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[1]


def write_config(home: Path, broker: tuple[str, int], client_id: str) -> Path:
    """config.toml of a COCKPIT_HOME: the sensor feed on `broker` (MQTT 5) under a fixed client id."""
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'workstation = "bench"\n\n[alarms]\nmqtt_host = "{broker[0]}"\nmqtt_port = {broker[1]}\n'
                    f'client_id = "{client_id}"\n', encoding="utf-8")
    return path


class Cockpit:
    """`main.py --demo --no-sim` signed in as `user`; start() returns once the window is up and the ingest is
    subscribed. `env` adds to the environment (DISPLAY and QT_QPA_PLATFORM: xcb under Xvfb, or offscreen)."""

    def __init__(self, home: Path, env: dict[str, str], *, user: str = "operator", password: str = "operator",
                 extra_args: tuple[str, ...] = ()) -> None:
        self.home = home
        self._env = {**os.environ, **env, "COCKPIT_HOME": str(home)}
        self._args = [sys.executable, "-m", "bench.alarms_probe", "--demo", "--no-sim", "--lang", "en",
                      "--user", user, "--password-stdin", *extra_args]
        self._password = password
        self._answers: queue.Queue[dict | None] = queue.Queue()
        self.proc: subprocess.Popen | None = None
        self.ready: dict = {}

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.home / 'data' / 'demo.db'}"

    def start(self, timeout_s: float = 60.0) -> Cockpit:
        self.home.mkdir(parents=True, exist_ok=True)
        stderr = (self.home / "stderr.log").open("ab")
        self.proc = subprocess.Popen(self._args, cwd=ROOT, env=self._env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=stderr, text=True, bufsize=1)
        stderr.close()
        assert self.proc.stdin is not None
        self.proc.stdin.write(self._password + "\n")
        self.proc.stdin.flush()
        threading.Thread(target=self._read, name="cockpit-stdout", daemon=True).start()
        try:
            self.ready = self._answer(timeout_s)
            if not self.ready.get("ready"):
                raise RuntimeError(f"the cockpit did not start: {self.ready}")
        except BaseException:
            self.kill()
            raise
        return self

    def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("probe "):
                self._answers.put(json.loads(line[6:]))
        self._answers.put(None)

    def _answer(self, timeout_s: float) -> dict:
        try:
            answer = self._answers.get(timeout=timeout_s)
        except queue.Empty:
            raise TimeoutError(f"no answer from the cockpit in {timeout_s} s; see {self.home / 'stderr.log'}") from None
        if answer is None:
            code = self.proc.wait(5) if self.proc else None
            raise RuntimeError(f"the cockpit exited ({code}); see {self.home / 'stderr.log'}: "
                               f"{(self.home / 'stderr.log').read_text(errors='replace')[-1500:]}")
        return answer

    def command(self, name: str, timeout_s: float = 30.0) -> dict:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(name + "\n")
        self.proc.stdin.flush()
        return self._answer(timeout_s)

    def cpu_s(self) -> float:
        assert self.proc is not None
        t = psutil.Process(self.proc.pid).cpu_times()
        return t.user + t.system

    def kill(self) -> None:
        """kill -9: no handler runs, nothing is flushed or acknowledged."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def close(self, timeout_s: float = 20.0) -> int | None:
        """End of stdin: the probe closes the window as a user would (the ingest commits what it has)."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            return self.proc.wait(timeout_s)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()
            return self.proc.returncode


class AlarmStore:
    """The cockpit's database read from outside (SQLite in WAL mode: readers never block its writer)."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)

    def refs(self, prefix: str = "mqtt:") -> list[str]:
        """Every source key stored: an alarm's first (Alarm.source_ref) and those merged into it later."""
        from cockpit.models import Alarm, AlarmSourceRef

        with Session(self.engine) as s:
            first = s.scalars(select(Alarm.source_ref).where(Alarm.source_ref.startswith(prefix))).all()
            merged = s.scalars(select(AlarmSourceRef.ref).where(AlarmSourceRef.ref.startswith(prefix))).all()
        return [*first, *merged]

    def count_refs(self, prefix: str = "mqtt:") -> int:
        with self.engine.connect() as conn:
            return conn.execute(text(
                "SELECT (SELECT count(*) FROM alarms WHERE source_ref LIKE :p) "
                "+ (SELECT count(*) FROM alarm_source_refs WHERE ref LIKE :p)"), {"p": prefix + "%"}).scalar_one()

    def live_alarms(self) -> int:
        """Alarms still being handled: what the queue must show."""
        from cockpit.models import Alarm
        from services.alarms.views import LIVE_ALARM_STATES

        with Session(self.engine) as s:
            return s.scalar(select(func.count()).select_from(Alarm).where(Alarm.state.in_(LIVE_ALARM_STATES))) or 0

    def wait_refs(self, count: int, timeout_s: float, prefix: str = "mqtt:") -> tuple[int, float]:
        """Poll until `count` source keys are stored; (stored, time.time() when reached or at the timeout)."""
        deadline = time.monotonic() + timeout_s
        while True:
            stored = self.count_refs(prefix)
            if stored >= count or time.monotonic() > deadline:
                return stored, time.time()
            time.sleep(0.05)

    def dispose(self) -> None:
        self.engine.dispose()
