"""Where the cockpit keeps its files: platform user dirs, or COCKPIT_HOME for tests and benchmarks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "community-cockpit"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        home = os.environ.get("COCKPIT_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(root / "data", root / "config", root / "log")
        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    def sqlite_url(self, name: str) -> str:
        return f"sqlite:///{self.data_dir / name}"
