"""Schema migrations and database safety, on real SQLite and PostgreSQL."""

from __future__ import annotations

import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from cockpit.db import create_db_engine, schema_status, upgrade
from cockpit.errors import CockpitError, ConfigError, DatabaseUnavailable, SchemaTooNew
from cockpit.models import Base
from services.database import DatabaseService


def test_upgrade_creates_every_table_and_is_idempotent(empty_engine: Engine):
    status = upgrade(empty_engine)
    assert status.up_to_date and status.current == status.head
    tables = set(inspect(empty_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert upgrade(empty_engine) == status


def test_migrations_match_the_models(db_engine: Engine):
    """A model change without a migration fails here."""
    with db_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
    assert diff == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'x.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_foreign_keys_are_enforced(db_engine: Engine):
    with pytest.raises(IntegrityError), db_engine.begin() as conn:
        conn.execute(text("INSERT INTO floors (building_id, level, elevation_m) VALUES (999, 1, 0)"))


def _mark_newer(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
        conn.execute(text("INSERT INTO sites (code, name, width_m, depth_m, timezone, boundary) "
                          "VALUES ('KEEP', 'keep me', 1, 1, 'UTC', '[]')"))


def test_newer_schema_is_refused_without_writing(db_engine: Engine):
    _mark_newer(db_engine)
    with pytest.raises(SchemaTooNew, match="newer version"):
        upgrade(db_engine)
    with db_engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_from_the_future"
        assert conn.execute(text("SELECT name FROM sites")).scalar() == "keep me"
    assert not schema_status(db_engine).known


def test_foreign_database_is_refused(empty_engine: Engine):
    with empty_engine.begin() as conn:
        conn.execute(text("CREATE TABLE payroll (id INTEGER PRIMARY KEY)"))
    with pytest.raises(CockpitError, match="not Community Cockpit"):
        upgrade(empty_engine)
    assert "sites" not in inspect(empty_engine).get_table_names()


def test_unreachable_postgresql_fails_fast_with_a_clear_message():
    # A closed port on loopback: refused at once, and the message names the server, not the password.
    service = DatabaseService("postgresql+psycopg://cockpit:hunter2@127.0.0.1:1/cockpit", connect_timeout_s=2)
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailable) as info:
        service.start()
    assert time.monotonic() - started < 5
    assert "127.0.0.1:1" in str(info.value)
    assert "hunter2" not in str(info.value)
    health = service.health()
    assert not health.ok and health.message


@pytest.mark.parametrize("url", ["mysql://x/y", "not a url", "oracle+cx://a/b"])
def test_unsupported_urls_are_config_errors(url: str):
    with pytest.raises(ConfigError):
        create_db_engine(url)


def test_health_reports_latency(db_url: str):
    service = DatabaseService(db_url)
    service.start()
    health = service.health()
    assert health.ok and health.latency_ms is not None and health.latency_ms >= 0
    assert health.backend in ("sqlite", "postgresql")
    service.stop()


def test_head_revision_constant_matches_the_migrations():
    from alembic.script import ScriptDirectory

    from cockpit.db.migrate import HEAD_REVISION, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION
