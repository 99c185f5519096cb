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


class RecordingConfig(_Section):
    """Pre-alarm buffer and clips (services/recording, docs/RECORDING.md)."""

    directory: Path | None = Field(
        None, description='where clips are written (absolute); empty means "recordings" in the user data dir')
    pre_s: float = Field(30.0, ge=0, le=300, description="seconds of footage kept before a trigger")
    post_s: float = Field(120.0, ge=1, le=3600, description="seconds recorded after the last trigger")
    quota_gb: float = Field(
        50.0, gt=0, le=1_000_000, description="disk space for clips; the oldest unprotected clips go first")
    buffer: Literal["auto", "all", "none", "wall"] = Field(
        "auto", description="cameras that keep a pre-alarm buffer: all, none, or those on the wall; "
                            "auto is all on a real site and wall in the demo (its simulator encodes every tap)")
    profile: Literal["main", "sub"] = Field("main", description="stream recorded: main (detail) or sub (less disk)")
    buffer_mb: int = Field(64, ge=1, le=2048, description="memory cap of one camera's buffer")
    retention_interval_s: float = Field(600.0, ge=10, le=86400, description="how often the quota is enforced")

    @field_validator("directory", mode="before")
    @classmethod
    def _absolute(cls, value: object) -> Path | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str | Path):
            raise ValueError("must be a path")
        path = Path(value).expanduser()
        if not path.is_absolute():
            raise ValueError(f"{str(path)!r} is not an absolute path")
        return path

    def resolved_directory(self, data_dir: Path) -> Path:
        return self.directory or data_dir / "recordings"

    def buffer_mode(self, *, demo: bool) -> Literal["all", "none", "wall"]:
        if self.buffer == "auto":
            return "wall" if demo else "all"
        return self.buffer


class AlarmsConfig(_Section):
    """Alarm ingest (services/alarms): where sensor events come from and how they are batched and merged."""

    mqtt_host: str = Field(
        "embedded", min_length=1,
        description='MQTT broker of the sensor feed; "embedded" is the demo simulator\'s broker, "off" none')
    mqtt_port: int = Field(1883, gt=0, lt=65536, description="ignored when mqtt_host is embedded or off")
    site: str | None = Field(None, description="site code; empty means the database's only site")
    client_id: str = Field(
        "cockpit-alarms", pattern=r"^[A-Za-z0-9_-]{1,64}$",
        description="fixed MQTT client id: the broker keeps unacknowledged alarms for it across restarts")
    dedupe_window_s: float = Field(
        60.0, ge=0, le=3600, description="a repeat of the same kind, device and place this soon merges")
    batch_max: int = Field(500, ge=1, le=10_000, description="alarms committed in one transaction at most")
    batch_wait_ms: float = Field(20.0, ge=0, le=1000, description="how long a batch collects before committing")
    receive_maximum: int = Field(
        1000, ge=1, le=65535, description="MQTT messages in flight to the ingest (not yet committed) at once")
    rules: Path | None = Field(None, description="alarm rule file; empty means resources/alarm_rules.yaml")
    lock_priority: int = Field(
        2, ge=0, le=4, description="alarms of this priority or more urgent (1 = P1) bring their cameras to the "
                                   "focus view and the wall by themselves; 0 turns the automatic video lock off")
    warm_streams: int = Field(
        4, ge=0, le=32, description="sub streams of cameras that live alarms make likely, kept decoding so "
                                    "their picture is there at once; 0 turns the warm pool off")
    warm_cpu_percent: float = Field(
        10.0, ge=0, le=800, description="CPU the warm streams may use, in % of one core (measured)")
    warm_min_idle_percent: float = Field(
        25.0, ge=0, le=100, description="no warm streams while less than this share of all cores is idle")
    warm_half_life_s: float = Field(
        600.0, gt=0, le=86400, description="an alarm's weight as a sign of what comes next halves this often")
    warm_cameras: list[str] = Field(
        default_factory=list, description="camera codes kept warm when no alarm makes others likelier")

    @field_validator("rules", mode="before")
    @classmethod
    def _rules_path(cls, value: object) -> Path | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str | Path):
            raise ValueError("must be a path")
        return Path(value).expanduser()

    def broker(self, embedded: tuple[str, int] | None) -> tuple[str, int] | None:
        """(host, port) to connect to; `embedded` is the demo broker's address when there is one."""
        if self.mqtt_host == "off":
            return None
        if self.mqtt_host == "embedded":
            return embedded
        return self.mqtt_host, self.mqtt_port


class WalkingSpeeds(_Section):
    """Metres per second along the walkways, per responder role (conservative: a late promise is worse)."""

    security_guard: float = Field(1.4, gt=0.2, le=6.0, description="m/s")
    medic: float = Field(1.6, gt=0.2, le=6.0, description="m/s")
    property_staff: float = Field(1.2, gt=0.2, le=6.0, description="m/s")
    grid_worker: float = Field(1.2, gt=0.2, le=6.0, description="m/s")


class DispatchConfig(_Section):
    """Dispatch (services/dispatch, docs/DISPATCH.md): ETAs, the SLA targets and the escalation rules."""

    speeds_mps: WalkingSpeeds = WalkingSpeeds()
    accept_within_s: float = Field(
        60.0, ge=1, le=900, description="a responder who has not accepted by then is stood down for the next one")
    arrival_target_s: float = Field(600.0, ge=10, le=7200, description="the arrival promise, from the first alarm")
    lock_target_s: float = Field(10.0, ge=1, le=600, description="the video-lock promise, from the first alarm")
    auto_assign: bool = Field(
        True, description="send the next responder by itself when one declines or does not accept (else only say so)")
    escalate_every_s: float = Field(1.0, ge=0.1, le=60, description="how often the escalation rules are evaluated")
    position_write_s: float = Field(
        5.0, ge=0, le=600, description="a walking responder's position is stored at most this often (0: every report)")


class Config(_Section):
    database: DatabaseConfig = DatabaseConfig()
    ui: UiConfig = UiConfig()
    demo: DemoConfig = DemoConfig()
    lookup: LookupConfig = LookupConfig()
    cameras: CamerasConfig = CamerasConfig()
    recording: RecordingConfig = RecordingConfig()
    alarms: AlarmsConfig = AlarmsConfig()
    dispatch: DispatchConfig = DispatchConfig()
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
