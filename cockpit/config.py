"""Validated configuration: a TOML file, then command-line overrides.

Unknown keys are errors (a typo must not silently fall back to a default).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseConfig(_Section):
    url: str | None = Field(
        None, description="SQLAlchemy URL; empty means SQLite in the user data dir"
    )
    connect_timeout_s: float = Field(5.0, gt=0, le=120, description="PostgreSQL connect timeout")


class UiConfig(_Section):
    language: Literal["auto", "en", "zh_CN"] = Field(
        "auto", description="auto follows the system locale"
    )
    font_scale: float = Field(1.0, ge=0.6, le=2.5, description="for large walls far away")


class DemoConfig(_Section):
    seed: int = Field(20261124, description="same seed, same community")
    buildings: int = Field(40, ge=1, le=2000)


class LookupConfig(_Section):
    max_results: int = Field(200, ge=10, le=5000, description="per category")
    debounce_ms: int = Field(120, ge=0, le=2000, description="pause in typing before searching")


class CamerasConfig(_Section):
    discovery: list[str] = Field(
        default_factory=list,
        description='WS-Discovery targets: "host:port" for unicast probes, "multicast" for the site LAN',
    )
    call_timeout_s: float = Field(5.0, gt=0, le=60, description="every ONVIF call gives up after this")
    max_clock_offset_s: float = Field(86400.0, gt=0, description="beyond this a device clock is not trusted")
    event_pull_s: float = Field(
        5.0, gt=0, le=60, description="PullMessages long-poll: events still arrive at once; longer = less idle CPU")
    stream_check_interval_s: float = Field(
        300.0, ge=0, description="play each camera's wall stream this often to measure it (0: never)")

    @field_validator("discovery")
    @classmethod
    def _targets(cls, values: list[str]) -> list[str]:
        for v in values:
            if v != "multicast":
                host, _, port = v.rpartition(":")
                if not host or not port.isdigit() or not 0 < int(port) < 65536:
                    raise ValueError(f'{v!r} is neither "host:port" nor "multicast"')
        return values

    def unicast_targets(self) -> list[tuple[str, int]]:
        return [(v.rpartition(":")[0], int(v.rpartition(":")[2])) for v in self.discovery if v != "multicast"]

    @property
    def multicast(self) -> bool:
        return "multicast" in self.discovery


class Config(_Section):
    database: DatabaseConfig = DatabaseConfig()
    ui: UiConfig = UiConfig()
    demo: DemoConfig = DemoConfig()
    lookup: LookupConfig = LookupConfig()
    cameras: CamerasConfig = CamerasConfig()
    workstation: str | None = Field(None, description="name in the audit trail; default host name")


def _format_validation(path: Path, exc: ValidationError) -> str:
    lines = [f"{path}: invalid configuration"]
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        lines.append(f"  {where}: {err['msg']}")
    return "\n".join(lines)


def load_config(path: Path | None) -> Config:
    """Read and validate; a missing default file means defaults, a broken one is an error."""
    if path is None or not path.exists():
        return Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from exc
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_format_validation(path, exc)) from exc
