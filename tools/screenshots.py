"""Screenshots of the real cockpit: start the demo in a real window under Xvfb, sign in, tour the views.

    python -m tools.screenshots [--out docs/screenshots] [--lang en zh_CN]

Each language runs in a fresh process with its own empty COCKPIT_HOME, so the demo is generated
exactly as a newcomer's first run would. A driver on a timer types into the real sign-in dialog
and clicks through the window; nothing in the app is bypassed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.xvfb import xvfb

SIZE = (1920, 1080)


def capture_all(out: Path, languages: list[str], timeout_s: float = 180) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with xvfb(*SIZE) as display:
        for lang in languages:
            with tempfile.TemporaryDirectory(prefix="cockpit-shots-") as home:
                env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", COCKPIT_HOME=home,
                           LANG="en_US.UTF-8")
                subprocess.run([sys.executable, "-m", "tools.screenshots", "--child", "--lang", lang,
                                "--out", str(out)], env=env, check=True, timeout=timeout_s)
            written.extend(sorted(out.glob(f"*_{lang}.png")))
    return written


class _Driver:
    """Steps through the UI on a timer. A step returns False to be retried on the next tick
    (its widget is not there yet); the driver never waits inside a step, so it cannot re-enter."""

    def __init__(self, out: Path, lang: str) -> None:
        from PySide6.QtCore import QTimer

        self.out, self.lang = out, lang
        self.window = None
        self.steps = [self._wrong_password, self._login_error_shown, self._sign_in,
                      self._place_window, self._shot_cockpit, self._lookup, self._lookup_result,
                      self._heatmap, self._shot_heatmap, self._shortcuts, self._shot_shortcuts,
                      self._done]
        self.pause = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(150)

    def _tick(self) -> None:
        if self.pause > 0:
            self.pause -= 1
            return
        if self.steps and self.steps[0]():
            self.steps.pop(0)
            self.pause = 4  # let paints and workers settle

    @staticmethod
    def _top(name: str):  # noqa: ANN205
        from PySide6.QtWidgets import QApplication

        return next((w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()), None)

    def _shot(self, name: str) -> None:
        from PySide6.QtGui import QGuiApplication

        image = QGuiApplication.primaryScreen().grabWindow(0)
        image.save(str(self.out / f"{name}_{self.lang}.png"))

    def _login_fields(self):  # noqa: ANN202
        from PySide6.QtWidgets import QLineEdit

        dialog = self._top("loginDialog")
        if dialog is None:
            return None
        return dialog, dialog.findChild(QLineEdit, "loginUser"), dialog.findChild(QLineEdit, "loginPassword")

    def _wrong_password(self) -> bool:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        found = self._login_fields()
        if found is None:
            return False
        dialog, user, password = found
        dialog.move(SIZE[0] // 2 - dialog.width() // 2, SIZE[1] // 2 - dialog.height() // 2)
        user.clear()
        QTest.keyClicks(user, "operator")
        QTest.keyClicks(password, "wrong")
        QTest.keyClick(password, Qt.Key.Key_Return)
        return True

    def _login_error_shown(self) -> bool:
        found = self._login_fields()
        if found is None or not found[2].isEnabled():
            return False  # still checking
        self._shot("login")
        return True

    def _sign_in(self) -> bool:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        _dialog, _user, password = self._login_fields()
        password.clear()
        QTest.keyClicks(password, "operator")
        QTest.keyClick(password, Qt.Key.Key_Return)
        return True

    def _place_window(self) -> bool:
        self.window = self._top("mainWindow")
        if self.window is None:
            return False
        self.window.setGeometry(0, 0, *SIZE)
        return True

    def _shot_cockpit(self) -> bool:
        self._shot("cockpit")
        return True

    def _lookup(self) -> bool:
        self.window.lookup.focus_query()
        self.window.lookup.query.insert("王")  # as an input method commits CJK text
        return True

    def _lookup_result(self) -> bool:
        lookup = self.window.lookup
        if lookup.model.rowCount() == 0:
            return False
        first = lookup.model.index(0, 0)
        lookup.tree.setCurrentIndex(lookup.model.index(0, 0, first))
        return True

    def _heatmap(self) -> bool:
        self._shot("lookup")
        self.window.plan.layer_boxes["coverage"].setChecked(True)
        self.window.plan.fit()
        return True

    def _shot_heatmap(self) -> bool:
        self._shot("coverage")
        return True

    def _shortcuts(self) -> bool:
        self._help = self.window.show_shortcuts()
        self._help.move(SIZE[0] // 2 - self._help.width() // 2, SIZE[1] // 2 - self._help.height() // 2)
        return True

    def _shot_shortcuts(self) -> bool:
        self._shot("shortcuts")
        self._help.close()
        return True

    def _done(self) -> bool:
        self.window.close()
        return True


def child(out: Path, lang: str) -> int:
    from PySide6.QtWidgets import QApplication

    import main

    app = QApplication(sys.argv[:1])  # noqa: F841 (main reuses it)
    driver = _Driver(out, lang)  # noqa: F841 (kept alive by this frame)
    return main.main(["--demo", "--lang", lang])


def cli() -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--lang", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.out, args.lang[0])
    for path in capture_all(args.out, args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(cli())
