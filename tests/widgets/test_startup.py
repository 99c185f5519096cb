"""Start-up as a user meets it: bad input ends in a clear dialog, a log line and an exit code."""

from __future__ import annotations

import io
import logging
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import inspect, text

import main
from cockpit.db import create_db_engine, upgrade


class DialogWatcher:
    """Answers modal error dialogs the way a person would, remembering what they said."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._poll)
        self.timer.start(50)

    def _poll(self) -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.objectName() == "errorDialog" and w.isVisible():
                self.seen.append(f"{w.text()}\n{w.informativeText()}")
                w.done(0)

    def stop(self) -> list[str]:
        self.timer.stop()
        return self.seen


@pytest.fixture
def watcher(qapp):
    w = DialogWatcher()
    yield w
    w.stop()


def test_malformed_config_is_reported_and_exits(watcher, tmp_path: Path, caplog):
    config = tmp_path / "bad.toml"
    config.write_text("[ui]\nlanguage = 'en'\nfont_scale = [\n")
    with caplog.at_level(logging.ERROR):
        code = main.main(["--config", str(config), "--lang", "en"])
    assert code == 2
    assert len(watcher.seen) == 1 and "configuration file is not valid" in watcher.seen[0]
    assert str(config) in watcher.seen[0]
    assert any("configuration" in r.getMessage() for r in caplog.records)


def test_newer_schema_is_refused_and_left_untouched(watcher, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'future.db'}"
    engine = create_db_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    code = main.main(["--db", url, "--lang", "en"])
    assert code == 4
    assert "newer version" in watcher.seen[0]
    engine = create_db_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "ffff_future"
        assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar() == 0
    assert set(inspect(engine).get_table_names()) == tables


def test_unreachable_postgresql_is_reported_quickly(watcher):
    started = time.monotonic()
    code = main.main(["--db", "postgresql+psycopg://cockpit:secret@127.0.0.1:1/cockpit", "--lang", "en"])
    assert code == 3
    assert time.monotonic() - started < 10
    assert "cannot open its database" in watcher.seen[0] and "127.0.0.1:1" in watcher.seen[0]
    assert "secret" not in watcher.seen[0]


def test_empty_database_without_demo_says_what_to_do(watcher, tmp_path: Path):
    code = main.main(["--db", f"sqlite:///{tmp_path / 'empty.db'}", "--lang", "en"])
    assert code == main.EXIT_NO_SITE
    assert "--demo" in watcher.seen[0]


def test_wrong_password_exits_non_zero(watcher, demo_db_url, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("not-the-password\n"))
    code = main.main(["--db", demo_db_url, "--user", "operator", "--password-stdin", "--lang", "en"])
    assert code == 5
    assert "Wrong user name or password" in watcher.seen[0]


def test_demo_opens_an_interactive_window(watcher, demo_db_url, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("operator\n"))
    code = main.main(["--demo", "--db", demo_db_url, "--user", "operator", "--password-stdin",
                      "--exit-when-ready", "--lang", "en"])
    assert code == 0
    assert watcher.seen == []
    assert "cockpit-ready" in capsys.readouterr().out
