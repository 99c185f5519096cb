"""Sign-in dialog: checks run off the UI thread; a wrong password is said plainly and can be retried."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt, QTimer
from sqlalchemy.orm import Session

from cockpit.accounts import authenticate, create_user
from cockpit.db import create_db_engine, upgrade
from cockpit.roles import Role
from widgets.login_dialog import LoginDialog
from widgets.worker import TaskRunner


@pytest.fixture
def login(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'auth.db'}")
    upgrade(engine)
    with Session(engine) as s:
        create_user(s, "wang", "pa55word", Role.OPERATOR, "王敏")
        s.commit()

    def check(user: str, password: str):
        time.sleep(0.3)  # as slow as a remote database: the dialog must stay live meanwhile
        with Session(engine) as s:
            return authenticate(s, user, password)

    yield check
    engine.dispose()


@pytest.fixture
def dialog(qtbot, login):
    runner = TaskRunner()
    d = LoginDialog(login, runner, "测试小区")
    qtbot.addWidget(d)
    d.show()
    yield d
    runner.wait()


def _sign_in(qtbot, dialog, user: str, password: str) -> None:
    dialog.username.setText(user)
    dialog.password.setText(password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_wrong_password_says_so_and_allows_retry(qtbot, dialog):
    _sign_in(qtbot, dialog, "wang", "nope")
    assert not dialog.password.isEnabled()  # busy while checking
    qtbot.waitUntil(lambda: dialog.password.isEnabled(), timeout=5000)
    assert dialog.message.text() == "Wrong user name or password."
    assert dialog.isVisible() and dialog.actor is None
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _sign_in(qtbot, dialog, "wang", "pa55word")
    assert dialog.actor.username == "wang" and dialog.actor.role is Role.OPERATOR


def test_empty_fields_are_caught_before_checking(qtbot, dialog):
    _sign_in(qtbot, dialog, "", "")
    assert dialog.password.isEnabled()
    assert "user name and password" in dialog.message.text()


def test_ui_thread_keeps_running_while_the_password_is_checked(qtbot, dialog):
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _sign_in(qtbot, dialog, "wang", "pa55word")
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 10
    assert max(gaps) < 0.15, f"UI thread stalled {max(gaps) * 1000:.0f} ms"
