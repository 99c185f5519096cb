"""Shared fixtures: isolated app dirs, real SQLite and PostgreSQL databases, demo data."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from cockpit.db import create_db_engine, upgrade

from .servers import postgres_cluster

# Plain widgets render offscreen; tests needing a real X server start their own Xvfb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BACKENDS = ("sqlite", "postgresql")
_db_counter = itertools.count()


@pytest.fixture(autouse=True)
def cockpit_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data/config/log dirs: never the developer's real ones."""
    home = tmp_path / "home"
    monkeypatch.setenv("COCKPIT_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """A real PostgreSQL server: COCKPIT_TEST_PG_URL if given, else a private cluster for this run."""
    given = os.environ.get("COCKPIT_TEST_PG_URL")
    if given:
        yield given
        return
    with postgres_cluster() as url:
        yield url


def new_pg_database(admin_url: str) -> str:
    name = f"cockpit_test_{os.getpid()}_{next(_db_counter)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a new, empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cockpit.db'}"
    return new_pg_database(request.getfixturevalue("pg_admin_url"))


@pytest.fixture
def empty_engine(db_url: str) -> Iterator[Engine]:
    engine = create_db_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db_engine(empty_engine: Engine) -> Engine:
    """A fresh database at the current schema, on SQLite and on PostgreSQL."""
    upgrade(empty_engine)
    return empty_engine


@pytest.fixture(scope="session")
def demo_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default demo community, generated once per run; tests copy the file."""
    from cockpit.demo import DemoSize, ensure_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    ensure_demo(engine, 20261124, DemoSize())
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def demo_db_url(demo_sqlite_template: Path, tmp_path: Path) -> str:
    """A private copy of the default demo (SQLite), for tests that change it."""
    target = tmp_path / "demo.db"
    target.write_bytes(demo_sqlite_template.read_bytes())
    return f"sqlite:///{target}"


@pytest.fixture
def small_demo(db_engine: Engine) -> Engine:
    """A small seeded community (8 buildings) on each backend, with the demo accounts."""
    from cockpit.demo import DemoSize, ensure_demo

    ensure_demo(db_engine, 7, DemoSize(buildings=8))
    return db_engine
