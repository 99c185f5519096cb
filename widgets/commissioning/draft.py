"""What the wizard has gathered so far, and what it needs from the rest of the cockpit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cockpit.commissioning import Placement
from cockpit.site import SiteSnapshot
from services.onvif import CameraService, DeviceReport
from services.onvif.commissioning import CommissioningSession
from services.video import StreamProbe

from ..worker import TaskRunner


@dataclass(frozen=True)
class WizardContext:
    cameras: CameraService
    runner: TaskRunner
    site: SiteSnapshot
    installer: str
    reports_dir: Path
    discovery_targets: Callable[[], Sequence[tuple[str, int]]]  # asked when searching (the demo's changes)
    known_addresses: Callable[[], dict[str, str]]  # device URL -> camera code in the site (blocking: worker only)


@dataclass
class Draft:
    address: str = ""
    username: str = "admin"
    password: str = ""
    session: CommissioningSession | None = None
    report: DeviceReport | None = None
    probes: dict[str, StreamProbe] = field(default_factory=dict)  # profile token -> measurement
    wall_profile: str | None = None  # token feeding wall tiles
    focus_profile: str | None = None  # token feeding the focus view
    presets: dict[str, str] = field(default_factory=dict)  # token -> name
    tested_presets: set[str] = field(default_factory=set)
    code: str = ""
    name: str = ""
    placement: Placement | None = None
    snapshot: bytes | None = None
    known: dict[str, str] = field(default_factory=dict)  # device URL -> camera code, read when searching
    saved_camera_id: int | None = None
    report_files: tuple[Path, ...] = ()

    def close_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None
