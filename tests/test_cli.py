"""The command line without a screen: `cockpit db …`, `cockpit user add`, `cockpit demo`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from cockpit.accounts import authenticate
from cockpit.db import create_db_engine

ROOT = Path(__file__).resolve().parents[1]


def cockpit(*args: str, stdin: str = "", home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COCKPIT_HOME=str(home))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], input=stdin, text=True,
                          capture_output=True, env=env, timeout=120, cwd=ROOT)


def test_db_upgrade_then_status(tmp_path: Path, db_url: str):
    done = cockpit("db", "upgrade", "--db", db_url, home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "schema at" in done.stdout
    status = cockpit("db", "status", "--db", db_url, home=tmp_path)
    assert status.returncode == 0 and "up to date" in status.stdout


def test_db_upgrade_refuses_a_newer_schema(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert cockpit("db", "upgrade", "--db", url, home=tmp_path).returncode == 0
    with create_db_engine(url).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'zz_future'"))
    done = cockpit("db", "upgrade", "--db", url, home=tmp_path)
    assert done.returncode == 4
    assert "newer version" in done.stderr and "Traceback" not in done.stderr
    assert "newer than this cockpit" in cockpit("db", "status", "--db", url, home=tmp_path).stdout


def test_broken_config_names_the_line(tmp_path: Path):
    config = tmp_path / "c.toml"
    config.write_text("[database]\nurl = \n")
    done = cockpit("db", "upgrade", "--config", str(config), home=tmp_path)
    assert done.returncode == 2
    assert "line 2" in done.stderr and "Traceback" not in done.stderr


def test_user_add_creates_a_working_account(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'u.db'}"
    done = cockpit("user", "add", "zhao", "--role", "supervisor", "--name", "赵值班长", "--password-stdin",
                   "--db", url, stdin="长夜值守2026\n", home=tmp_path)
    assert done.returncode == 0, done.stderr
    engine = create_db_engine(url)
    with Session(engine) as s:
        actor = authenticate(s, "zhao", "长夜值守2026")
    assert actor.role.value == "supervisor" and actor.display_name == "赵值班长"


def test_demo_command_seeds_once_into_the_demo_database(tmp_path: Path):
    first = cockpit("demo", "--buildings", "3", home=tmp_path)
    assert first.returncode == 0 and "created" in first.stdout, first.stderr
    assert (tmp_path / "data" / "demo.db").exists()  # the same file `cockpit --demo` opens
    second = cockpit("demo", "--buildings", "3", home=tmp_path)
    assert "already present" in second.stdout


def test_console_script_is_installed():
    script = Path(sys.executable).with_name("cockpit")
    assert script.exists(), "pip install . should install the `cockpit` console script"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "cockpit 0.1.0" in done.stdout
