"""Screenshots of the real cockpit: start the demo in a real window under Xvfb, sign in, tour the views.

    python -m tools.screenshots [--out docs/screenshots] [--lang en zh_CN] [--tour operator installer]

The operator's tour shows the cockpit, lookup, coverage, shortcuts and camera health; the
installer's tour walks the commissioning wizard against the simulated cameras.

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


TOURS = ("operator", "installer")
SHORT_TOURS = ("incident",)  # a part of a tour on its own, for a quick look (not in the default set)


def capture_all(out: Path, languages: list[str], timeout_s: float = 180,
                tours: tuple[str, ...] = TOURS) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with xvfb(*SIZE) as display:
        for lang in languages:
            for tour in tours:
                with tempfile.TemporaryDirectory(prefix="cockpit-shots-") as home:
                    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", COCKPIT_HOME=home,
                               LANG="en_US.UTF-8")
                    subprocess.run([sys.executable, "-m", "tools.screenshots", "--child", "--lang", lang,
                                    "--tour", tour, "--out", str(out)], env=env, check=True, timeout=timeout_s)
    return sorted(p for lang in languages for p in out.glob(f"*_{lang}.png"))


class _Driver:
    """Steps through the UI on a timer. A step returns False to be retried on the next tick
    (its widget is not there yet); the driver never waits inside a step, so it cannot re-enter."""

    def __init__(self, out: Path, lang: str, tour: str = "operator") -> None:
        from PySide6.QtCore import QTimer

        self.out, self.lang, self.user = out, lang, "operator" if tour in SHORT_TOURS else tour
        self.window = None
        self.wizard = None
        self.waited = 0
        if tour == "operator":
            self.steps = [self._wrong_password, self._login_error_shown, self._sign_in,
                          self._place_window, self._shot_cockpit, self._lookup, self._lookup_result,
                          self._heatmap, self._shot_heatmap, self._shortcuts, self._shot_shortcuts,
                          self._cameras_online, self._show_cameras, self._shot_cameras, self._fill_wall,
                          self._shot_wall, self._wall_tools, self._shot_wall_tools, self._open_focus,
                          self._shot_focus, self._alarms_arrived, self._shot_alarms, self._open_incident, self._assign_nearest,
                          self._incident_walking, self._shot_incident, self._done]
        elif tour == "incident":
            self.steps = [self._sign_in, self._place_window, self._p1_arrived, self._open_incident,
                          self._assign_nearest, self._incident_walking, self._shot_incident, self._done]
        else:
            self.steps = [self._sign_in, self._place_window, self._cameras_online, self._open_wizard,
                          self._shot_found, self._log_in_camera, self._shot_login, self._shot_streams,
                          self._shot_ptz, self._shot_placement, self._shot_summary, self._done]
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

        found = self._login_fields()
        if found is None:
            return False
        _dialog, user, password = found
        user.clear()
        QTest.keyClicks(user, self.user)
        password.clear()
        QTest.keyClicks(password, self.user)  # demo passwords equal the user names
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

    # -- cameras (both tours) -----------------------------------------------------------

    def _cameras_online(self) -> bool:
        """The simulated cameras are up and their workers online (or a minute has passed)."""
        self.waited += 1
        online, total = self.window.camera_health.counts()
        return (total > 0 and online == total) or self.waited > 400

    def _show_cameras(self) -> bool:
        self.window._show_dock(self.window.docks["cameras"])
        return True

    def _shot_cameras(self) -> bool:
        """Once the stream checks have measured a first batch of cameras (first frame, fps, bitrate)."""
        model = self.window.camera_health
        measured = sum(model.health(row).fps is not None for row in range(model.rowCount()))
        self.waited += 1
        if measured < 12 and self.waited < 800:
            return False
        self._shot("cameras")
        return True

    def _fill_wall(self) -> bool:
        wall = self.window.wall
        self.window._show_dock(self.window.docks["videoWall"])
        wall.set_layout("3x3")
        for code in sorted(self.window.camera_health._rows)[:9]:
            wall.show_camera(code)
        self.waited = 0
        return True

    def _shot_wall(self) -> bool:
        """Once every tile has painted pictures (or 30 s have passed)."""
        wall = self.window.wall
        self.waited += 1
        if any(t.view.painted_frames < 3 for t in wall.visible_tiles) and self.waited < 200:
            return False
        self._shot("wall")
        return True

    def _wall_tools(self) -> bool:
        """Digital zoom on the first tile, a manual clip on the second, a saved view in the bar."""
        from PySide6.QtCore import QPointF

        wall = self.window.wall
        view = wall.tiles[0].view
        view.set_zoom(2.5, QPointF(0.5, 0.55))
        wall.tiles[1].menu().actions()[2].trigger()  # Record
        wall.save_view("大门与广场" if self.lang == "zh_CN" else "Gates and square")  # a name a user typed
        return True

    def _shot_wall_tools(self) -> bool:
        self._shot("wall_tools")
        return True

    def _open_focus(self) -> bool:
        dome = next(c.code for c in self.window._services.snapshot.cameras if c.is_ptz)
        self.window.open_focus(dome)
        self.waited = 0
        return True

    def _shot_focus(self) -> bool:
        focus = self.window.focus
        self.waited += 1
        if (focus.video.painted_frames < 3 or focus.presets.list.count() == 0) and self.waited < 200:
            return False
        self._shot("focus")
        self.waited = 0
        return True

    def _alarms_arrived(self) -> bool:
        """Once the scenario's smoke (a sensor on the simulator's MQTT broker, P1) reached the queue beside
        the camera alarms (or 150 s have passed)."""
        model = self.window.alarm_model
        self.waited += 1
        p1 = any(model.alarm_at(row).priority == 1 for row in range(model.rowCount()))
        if not p1 and self.waited < 1000:
            return False
        if model.rowCount():  # as the operator does: the most urgent alarm selected → its live picture
            alarms = [model.alarm_at(row) for row in range(model.rowCount())]
            self.window.alarm_queue.select_alarm(min(alarms, key=lambda a: (a.priority, a.received_at)).id)
        self.waited = 0
        return True

    def _shot_alarms(self) -> bool:
        """Once the selected alarm's camera paints in the focus view (the video lock), or 30 s have passed."""
        self.waited += 1
        focus = self.window.focus
        if focus is not None and focus.video.current_frame() is None and self.waited < 200:
            return False
        if self.waited < 14:  # a couple of seconds of live picture
            return False
        self._shot("alarms")
        return True

    # -- an incident: opened from the P1, the nearest responder sent, walking on the plan ---------------

    def _p1_arrived(self) -> bool:
        model = self.window.alarm_model
        self.waited += 1
        return any(model.alarm_at(row).priority == 1 for row in range(model.rowCount())) or self.waited > 1000

    def _open_incident(self) -> bool:
        """As the operator does: select the most urgent alarm that has a place, press I."""
        model = self.window.alarm_model
        placed = [model.alarm_at(row) for row in range(model.rowCount()) if model.alarm_at(row).x is not None]
        if not placed:
            return False
        alarm = min(placed, key=lambda a: (a.priority, a.received_at))
        self.window.alarm_queue.select_alarm(alarm.id)
        self.window.actions_by_name["openIncident"].trigger()
        self.waited = 0
        return True

    def _assign_nearest(self) -> bool:
        panel = self.window.incident_panel
        if panel.current() is None or panel.proposals.rowCount() == 0:
            return False
        panel.proposals.cellWidget(0, 4).click()  # the fastest responder's Assign
        return True

    def _incident_walking(self) -> bool:
        """Once the responder walks (en route: the plan shows them moving), or 60 s have passed."""
        panel = self.window.incident_panel
        self.waited += 1
        walking = panel.current() is not None and any(
            d.state.value in ("en_route", "on_site") for d in panel.current().dispatches)
        if not walking and self.waited < 400:
            return False
        self.window._show_dock(self.window.docks["sitePlan"], keyboard=False)
        self.window.plan.fit()
        self.waited = 0
        return True

    def _shot_incident(self) -> bool:
        self.waited += 1
        if self.waited < 20:  # three seconds more of walking
            return False
        self._shot("incident")
        return True

    # -- the installer's commissioning wizard ---------------------------------------------

    def _open_wizard(self) -> bool:
        self.wizard = self.window.open_commissioning()
        self.wizard.setGeometry(160, 60, 1600, 960)
        return True

    def _page(self, page):  # noqa: ANN001,ANN202
        return self.wizard.pages[page]

    def _next_when_ready(self, page) -> bool:  # noqa: ANN001
        from PySide6.QtWidgets import QWizard

        if not self.wizard.button(QWizard.WizardButton.NextButton).isEnabled():
            return False
        self.wizard.next()
        return self.wizard.currentId() == page

    def _shot_found(self) -> bool:
        from widgets.commissioning.wizard import Page

        find, draft = self._page(Page.FIND), self.wizard.draft
        if not find.search_button.isEnabled() or find.found.topLevelItemCount() == 0:
            return False
        ptz = next((url for url, code in draft.known.items() if code == "CAM-004"), None)
        for i in range(find.found.topLevelItemCount()):
            if find.found.topLevelItem(i).text(2) == ptz:
                find.found.setCurrentItem(find.found.topLevelItem(i))
        self._shot("wizard_find")
        return True

    def _log_in_camera(self) -> bool:
        """The installer knows the camera's password; here it comes from the site's encrypted store."""
        from sqlalchemy import select

        from cockpit.models import Camera, Device
        from widgets.commissioning.wizard import Page

        if not self._next_when_ready(Page.LOGIN):
            return False
        cameras = self.wizard.context.cameras
        with cameras._db.session() as session:
            ref = session.scalar(select(Camera.credential_ref).join(Device).where(Device.code == "CAM-004"))
            login = cameras.credentials.get(session, ref)
        page = self._page(Page.LOGIN)
        page.username.setText(login.username)
        page.password.setText(login.password)
        page.connect_device()
        return True

    def _shot_login(self) -> bool:
        if self.wizard.draft.report is None:
            return False
        self._shot("wizard_login")
        return True

    def _shot_streams(self) -> bool:
        from widgets.commissioning.wizard import Page

        if self.wizard.currentId() != Page.STREAMS and not self._next_when_ready(Page.STREAMS):
            return False
        page = self._page(Page.STREAMS)
        if len(self.wizard.draft.probes) < 2 or not page.measure_button.isEnabled():
            return False
        self._shot("wizard_streams")
        return True

    def _shot_ptz(self) -> bool:
        from widgets.commissioning.wizard import Page

        if self.wizard.currentId() != Page.PTZ:
            return self._next_when_ready(Page.PTZ) and False  # one more tick for the picture
        if self._page(Page.PTZ).view.painted_frames == 0:
            return False
        self._shot("wizard_ptz")
        return True

    def _shot_placement(self) -> bool:
        from widgets.commissioning.wizard import Page

        if self.wizard.currentId() != Page.PLACEMENT:
            return self._next_when_ready(Page.PLACEMENT) and False
        self._shot("wizard_place")
        return True

    def _shot_summary(self) -> bool:
        from widgets.commissioning.wizard import Page

        if self.wizard.currentId() != Page.SUMMARY:
            return self._next_when_ready(Page.SUMMARY) and False
        if self.wizard.draft.snapshot is None:
            return False
        self._shot("wizard_summary")
        self.wizard.reject()
        return True

    def _done(self) -> bool:
        self.window.close()
        return True


def child(out: Path, lang: str, tour: str) -> int:
    from PySide6.QtWidgets import QApplication

    import main

    app = QApplication(sys.argv[:1])  # noqa: F841 (main reuses it)
    driver = _Driver(out, lang, tour)  # noqa: F841 (kept alive by this frame)
    return main.main(["--demo", "--lang", lang])


def cli() -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--lang", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--tour", nargs="+", choices=TOURS + SHORT_TOURS, default=list(TOURS))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.out, args.lang[0], args.tour[0])
    for path in capture_all(args.out, args.lang, tours=tuple(args.tour)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(cli())
