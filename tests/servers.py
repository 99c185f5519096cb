"""Real servers for tests: a private PostgreSQL cluster on loopback, started and removed by the run."""

from __future__ import annotations

import glob
import os
import pwd
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
        return s.getsockname()[1]


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL server binaries not found: apt-get install postgresql")


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """Yield an admin URL (postgresql+psycopg://…/postgres) of a fresh cluster; stop and delete it after.

    initdb refuses to run as root, so as root the cluster runs as the `postgres` system user
    (created by Debian's package).
    """
    bindir = _pg_bin()
    as_user: list[str] = []
    user = "postgres"
    if os.geteuid() == 0:
        pwd.getpwnam("postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    else:
        user = pwd.getpwuid(os.geteuid()).pw_name
    root = Path(tempfile.mkdtemp(prefix="cockpit-pg-"))
    data = root / "data"
    if as_user:
        shutil.chown(root, "postgres")
    port = _free_port()
    try:
        subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", user, "--auth=trust",
                        "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                       check=True, capture_output=True)
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w",
             "-o", f"-h 127.0.0.1 -p {port} -k {root} -F -c fsync=off -c full_page_writes=off "
                   f"-c synchronous_commit=off -c max_connections=200",
             "start"],
            check=True, capture_output=True, timeout=60)
        yield f"postgresql+psycopg://{user}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def stop_process(proc: subprocess.Popen, timeout_s: float = 5.0) -> None:
    """SIGTERM, then SIGKILL if it does not exit in time."""
    proc.terminate()
    try:
        proc.wait(timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout_s)


def wait_port(port: int, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"port {port} did not open")


GST_SCRIPT = Path(__file__).with_name("servers_scripts") / "gst_rtsp_server.py"


@contextmanager
def gst_rtsp_server(gop: int = 15, width: int = 640, height: int = 360, fps: int = 15) -> Iterator[str]:
    """Yield rtsp://127.0.0.1:PORT/test served by GStreamer's RTSP server (Debian's python3-gi)."""
    proc = subprocess.Popen(["/usr/bin/python3", str(GST_SCRIPT), str(gop), str(width), str(height), str(fps)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        if not line.isdigit():
            raise RuntimeError(f"GStreamer RTSP server did not start: {proc.stderr.read()[-500:]}")
        yield f"rtsp://127.0.0.1:{line}/test"
    finally:
        stop_process(proc)
