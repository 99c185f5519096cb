"""Fixtures for the incident domain: a migrated SQLite site with responders, and sessions rolled back after use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cockpit.db import create_db_engine, upgrade

from .ops_site import OpsSite, RolledBack, seed


@pytest.fixture(scope="session")
def ops_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, OpsSite]]:
    """A migrated SQLite database with one seeded site, made once; tests never commit to it."""
    engine = create_db_engine(f"sqlite:///{tmp_path_factory.mktemp('ops') / 'ops.db'}")
    upgrade(engine)
    with Session(engine) as session:
        ids = seed(session)
        session.commit()
    yield engine, ids
    engine.dispose()


@pytest.fixture
def ops(ops_db: tuple[Engine, OpsSite]) -> Iterator[tuple[Session, OpsSite]]:
    engine, ids = ops_db
    rb = RolledBack(engine)
    yield rb.session, ids
    rb.close()
