"""Widget fixtures: a real demo database, a signed-in actor, the services the window needs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from cockpit.accounts import authenticate
from cockpit.audit import Actor
from cockpit.site import SiteSnapshot, load_snapshot
from services.database import DatabaseService
from services.lookup import LookupService
from widgets.main_window import MainWindow, WindowServices
from widgets.worker import TaskRunner


@dataclass
class DemoContext:
    db: DatabaseService
    lookup: LookupService
    snapshot: SiteSnapshot
    runner: TaskRunner
    settings: QSettings

    def actor(self, username: str) -> Actor:
        with self.db.session() as s:
            return authenticate(s, username, username)  # demo passwords equal the user names

    def services(self, actor: Actor) -> WindowServices:
        return WindowServices(
            actor=actor, snapshot=self.snapshot, runner=self.runner,
            search=partial(self.lookup.search, actor=actor),
            record_view=partial(self.lookup.record_view, actor=actor),
            db_health=self.db.health, db_name=self.db.backend, settings=self.settings,
            lookup_debounce_ms=10,
        )


@pytest.fixture
def demo(qapp, demo_db_url: str, tmp_path: Path) -> Iterator[DemoContext]:
    db = DatabaseService(demo_db_url)
    db.start()
    with db.session() as s:
        snapshot = load_snapshot(s)
    runner = TaskRunner()
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    yield DemoContext(db, LookupService(db, max_results=100), snapshot, runner, settings)
    runner.wait(10_000)
    db.stop()


@pytest.fixture
def make_window(qtbot, demo: DemoContext):
    def make(username: str = "operator") -> MainWindow:
        window = MainWindow(demo.services(demo.actor(username)))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make
