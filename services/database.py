"""The database as a service: one engine, sessions per unit of work, a health probe."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from cockpit.db import check_connection, create_db_engine, describe_url, upgrade
from cockpit.db.migrate import SchemaStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DatabaseHealth:
    ok: bool
    backend: str  # "sqlite" / "postgresql"
    latency_ms: float | None
    message: str


class DatabaseService:
    """Owns the engine. Thread-safe: each caller takes its own session."""

    def __init__(self, url: str, *, connect_timeout_s: float = 5.0) -> None:
        self.engine: Engine = create_db_engine(url, connect_timeout_s=connect_timeout_s)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return describe_url(self.engine.url)

    def start(self) -> SchemaStatus:
        """Connect and migrate; raises CockpitError subclasses with a clear message."""
        check_connection(self.engine)
        status = upgrade(self.engine)
        logger.info("database %s at schema %s", self.display_url, status.current)
        return status

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def health(self) -> DatabaseHealth:
        start = time.perf_counter()
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except DBAPIError as exc:
            reason = str(exc.orig or exc).strip().splitlines()[0]
            logger.warning("database health check failed: %s", reason)
            return DatabaseHealth(False, self.backend, None, reason)
        return DatabaseHealth(True, self.backend, (time.perf_counter() - start) * 1000.0, "")

    def stop(self) -> None:
        self.engine.dispose()
