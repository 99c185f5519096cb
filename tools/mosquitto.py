"""Start a private Mosquitto on loopback for tests and benchmarks (the Debian package `mosquitto`).

Queues are unbounded (max_queued_messages 0): a killed cockpit's persistent session must keep every QoS 1
message of a burst until it comes back; production sizes this. Nagle is off (set_tcp_nodelay): with it,
PUBACKs to a publisher whose window is full wait for a delayed TCP ACK (the bare pipe measured 3,600–3,800
messages/s with Nagle, 7,000–7,700 without).
"""

from __future__ import annotations

import getpass
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def mosquitto(timeout_s: float = 10.0) -> Iterator[tuple[str, int]]:
    """Yield (host, port) of a fresh broker (MQTT 5 and 3.1.1); stopped and its files removed on exit."""
    binary = shutil.which("mosquitto") or ("/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None)
    if binary is None:
        raise RuntimeError("mosquitto is not installed (apt-get install mosquitto)")
    with tempfile.TemporaryDirectory(prefix="cockpit-mosquitto-") as tmp:
        port = _free_port()
        conf, log_path = Path(tmp) / "mosquitto.conf", Path(tmp) / "mosquitto.log"
        conf.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n"
                        f"max_queued_messages 0\nset_tcp_nodelay true\nlog_dest stderr\nuser {getpass.getuser()}\n",
                        encoding="utf-8")
        with log_path.open("wb") as log:
            proc = subprocess.Popen([binary, "-c", str(conf)], stdout=log, stderr=subprocess.STDOUT)
            try:
                deadline = time.monotonic() + timeout_s
                while True:
                    with socket.socket() as s:
                        if s.connect_ex(("127.0.0.1", port)) == 0:
                            break
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError(f"mosquitto did not start: {log_path.read_text()}")
                    time.sleep(0.05)
                yield "127.0.0.1", port
            finally:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
