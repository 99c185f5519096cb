"""Database engine set-up and schema migrations (Alembic)."""

from .engine import check_connection, create_db_engine, describe_url
from .migrate import SchemaStatus, schema_status, upgrade

__all__ = [
    "SchemaStatus", "check_connection", "create_db_engine", "describe_url", "schema_status",
    "upgrade",
]
