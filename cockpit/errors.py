"""Errors the cockpit reports to a person: each carries a message worth showing."""


class CockpitError(Exception):
    """Base for failures that end in a clear message rather than a traceback."""

    exit_code = 1


class ConfigError(CockpitError):
    """The configuration file cannot be read or does not validate."""

    exit_code = 2


class DatabaseUnavailable(CockpitError):
    """The database server cannot be reached or refused the connection."""

    exit_code = 3


class SchemaTooNew(CockpitError):
    """The database was written by a newer cockpit; we must not touch it."""

    exit_code = 4

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"The database schema is at revision {revision!r}, which this version "
            "of Community Cockpit does not know. It was created by a newer version; "
            "nothing was changed. Upgrade the cockpit to open it."
        )
        self.revision = revision


class AuthenticationFailed(CockpitError):
    """Wrong user name or password (deliberately not saying which)."""

    exit_code = 5
