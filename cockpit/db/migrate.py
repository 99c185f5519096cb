"""Apply Alembic migrations, refusing databases we do not own or do not understand.

Alembic is imported only when there is work to do: a database already at HEAD_REVISION is
recognised with one query, which keeps warm start-up fast.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from ..errors import CockpitError, SchemaTooNew
from .engine import describe_url

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# Newest revision in migrations/versions; tests/services/test_database.py keeps it honest.
HEAD_REVISION = "0006"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str
    known: bool  # the current revision exists in our migrations
    foreign_tables: bool  # tables exist but no Alembic version: not our database

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def _current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None  # no version table yet


def schema_status(engine: Engine) -> SchemaStatus:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    current = _current_revision(engine)
    tables = set(inspect(engine).get_table_names())
    known = True
    if current is not None:
        try:
            known = script.get_revision(current) is not None
        except CommandError:
            known = False
    foreign = current is None and bool(tables - {"alembic_version"})
    return SchemaStatus(current=current, head=head, known=known, foreign_tables=foreign)


def upgrade(engine: Engine) -> SchemaStatus:
    """Bring the schema to head; raise without writing if it is newer or not ours."""
    if _current_revision(engine) == HEAD_REVISION:
        return SchemaStatus(HEAD_REVISION, HEAD_REVISION, known=True, foreign_tables=False)
    status = schema_status(engine)
    if not status.known:
        raise SchemaTooNew(status.current or "?")
    if status.foreign_tables:
        raise CockpitError(
            f"The database {describe_url(engine.url)} already holds tables that are not "
            "Community Cockpit's. Nothing was changed; point --db at an empty database."
        )
    if status.up_to_date:
        return status
    from alembic import command

    logger.info("upgrading schema %s -> %s", status.current, status.head)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return schema_status(engine)
