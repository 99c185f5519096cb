"""The cockpit's main window: assembles the panels as docks, the actions, and the status bar.

Panels never talk to each other directly; the wiring between them is here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QSplitter, QWidget

from cockpit import __version__
from cockpit.audit import Actor
from cockpit.models import RecordingReason
from cockpit.recordings import RecordingFailed
from cockpit.roles import Permission, can
from cockpit.site import SiteSnapshot
from cockpit.warm_cameras import WarmPlanner
from services.lookup import LookupHit, LookupResult
from services.recording.coordinator import RecordingCoordinator
from services.video import StreamDecoder
from services.video.warm_pool import WarmPool

from .alarm_bridge import AlarmBridge
from .alarm_queue import AlarmQueueWidget
from .alarm_queue_model import AlarmQueueModel
from .camera_bridge import CameraEventBridge
from .camera_health import CameraHealthModel, CameraHealthWidget
from .camera_list import CameraList
from .commissioning.draft import WizardContext
from .commissioning.wizard import CommissioningWizard
from .dispatch_desk import DispatchDesk
from .focus_view import FocusView
from .help_dialog import ShortcutsDialog
from .incident_panel import IncidentPanel
from .lookup import LookupWidget
from .overview import OverviewWidget
from .placeholder import PlaceholderPanel
from .ptz_control import PtzController
from .recording_bridge import RecordingBridge
from .site_plan import SitePlanWidget
from .status_bar import CockpitStatusBar
from .video_lock import VideoLockController
from .video_wall import Audit, StreamUri, VideoWall
from .warm_streams import WarmStreams
from .worker import TaskRunner

logger = logging.getLogger(__name__)

LAYOUT_VERSION = 3  # bump when dock names change, so stale saved layouts are ignored


@dataclass(frozen=True)
class AlarmDesk:
    """The alarm queue's outside world, bound to the signed-in actor. The callables block: workers only."""

    bridge: AlarmBridge  # AlarmChanged from the ingest service and the operations
    acknowledge: Callable[[int], object]
    take: Callable[[int], object]
    open_alarms: Callable[[], list]  # AlarmViews still being handled, for start-up
    colours: dict[int, str]  # priority -> colour from the rules file
    record_lock: Callable[[int, str, datetime], object] | None = None  # stores a video lock (alarm, camera, at)
    lock_priority: int = 2  # alarms this urgent (P1…) take the focus view and wall by themselves


@dataclass(frozen=True)
class WindowServices:
    """What the window needs from the outside, already bound to the signed-in actor."""

    actor: Actor
    snapshot: SiteSnapshot
    runner: TaskRunner
    search: Callable[[str], LookupResult]
    record_view: Callable[[LookupHit], None]
    db_health: Callable[[], object]
    db_name: str
    settings: QSettings
    lookup_debounce_ms: int = 120
    camera_events: CameraEventBridge | None = None  # camera health and events from the camera service
    commissioning: WizardContext | None = None  # the installer's wizard needs the camera service
    stream_uri: StreamUri | None = None  # (camera code, main?) -> Future of its RTSP URI, for the video wall
    audit: Audit | None = None  # (action, detail) -> writes an audit record as the actor; blocking, for workers
    snapshot_dir: Path | None = None  # where the wall saves snapshots
    ptz: PtzController | None = None  # PTZ and presets for the focus view (the camera service)
    recording: RecordingCoordinator | None = None  # manual clips, and which cameras keep a pre-alarm buffer
    recording_events: RecordingBridge | None = None
    alarms: AlarmDesk | None = None
    dispatch: DispatchDesk | None = None  # incidents, responders, escalation (the dispatch service)
    warm_pool: WarmPool | None = None  # sub streams of likely cameras kept decoding (with alarms and a wall)
    warm_planner: WarmPlanner | None = None  # which cameras are likely; default WarmPlanner()


class MainWindow(QMainWindow):
    ready = Signal()  # first paint done: the window is interactive

    def __init__(self, services: WindowServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = services.settings
        self._actor = services.actor
        self._ready_sent = False
        snap = services.snapshot
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Community Cockpit — %1").replace("%1", snap.name))
        self.setDockNestingEnabled(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
                            | QMainWindow.DockOption.AllowNestedDocks | QMainWindow.DockOption.GroupedDragging)
        self.resize(1600, 960)

        self.docks: dict[str, QDockWidget] = {}
        self.plan = SitePlanWidget(snap)
        self.overview = OverviewWidget(snap.stats)
        self.lookup: LookupWidget | None = None
        if can(self._actor.role, Permission.LOOKUP_PEOPLE) or can(self._actor.role, Permission.CONFIGURE_CAMERAS):
            self.lookup = LookupWidget(
                services.search, services.record_view, services.runner,
                debounce_ms=services.lookup_debounce_ms,
                masked=not can(self._actor.role, Permission.VIEW_PERSONAL_DATA),
            )
            self.lookup.locateRequested.connect(self._on_locate)

        self.wall: VideoWall | None = None
        self.focus: FocusView | None = None
        self._cameras = {c.code: c for c in snap.cameras}
        if services.stream_uri is not None:
            names = {c.code: c.name for c in snap.cameras}
            self.wall = VideoWall(services.stream_uri, services.runner, names, settings=services.settings,
                                  user=self._actor.username, snapshot_dir=services.snapshot_dir,
                                  audit=services.audit)
            self.camera_list = CameraList([(c.code, c.name) for c in snap.cameras])
            self.camera_list.activated.connect(self.wall.show_camera)
            self.wall.tour_source = self.camera_list.listed_codes
            self.wall.notice.connect(lambda text: self.statusBar().showMessage(text, 10_000))
            wall_panel = QSplitter(Qt.Orientation.Horizontal)
            wall_panel.addWidget(self.camera_list)
            wall_panel.addWidget(self.wall)
            wall_panel.setStretchFactor(1, 1)
            wall_panel.setSizes([220, 900])
            self._add_dock("videoWall", self.tr("Video wall"), wall_panel)
            self.wall.bridge = self._bridge
            if services.recording is not None:
                self.wall.recordRequested.connect(self._on_record_requested)
                self.wall.camerasChanged.connect(services.recording.set_wall)
            if services.recording_events is not None:
                services.recording_events.started.connect(lambda e: self.wall.set_recording(e.code, True))
                services.recording_events.saved.connect(self._on_recording_saved)
                services.recording_events.failed.connect(self._on_recording_failed)
            if services.ptz is not None:
                self.focus = FocusView(services.ptz, services.stream_uri, services.runner, bridge=self._bridge)
                self.focus.closeRequested.connect(self._on_focus_closed)
                self.wall.focusRequested.connect(self.open_focus)
                self._add_dock("focus", self.tr("Focus view"), self.focus)
        else:
            self._add_dock("videoWall", self.tr("Video wall"), PlaceholderPanel(
                self.tr("Video wall"),
                self.tr("Live pictures of %1 cameras in layouts of 1 to 16 tiles, with the focus view "
                        "and PTZ control. Drag a camera from the plan onto a tile.").replace(
                    "%1", str(len(snap.cameras))),
                self.tr("Arrives when cameras are connected over ONVIF and RTSP.")))
        self._add_dock("twin", self.tr("3D twin"), PlaceholderPanel(
            self.tr("3D twin"),
            self.tr("The site in 3D: %1 buildings with their floors, camera positions and view "
                    "cones, responders moving, alarms pulsing where they happen.").replace(
                "%1", str(len(snap.buildings))),
            self.tr("Arrives with the digital-twin view.")))
        self._add_dock("sitePlan", self.tr("Site plan"), self.plan)
        self._add_dock("overview", self.tr("Community overview"), self.overview)
        self.alarm_queue: AlarmQueueWidget | None = None
        self.video_lock: VideoLockController | None = None  # with an alarm queue and a wall
        self.warm: WarmStreams | None = None  # with a video lock and a warm pool
        self._selected_alarm: int | None = None
        if services.alarms is not None:
            self._add_dock("alarms", self.tr("Alarm queue"), self._build_alarm_queue(services.alarms))
        else:
            self._add_dock("alarms", self.tr("Alarm queue"), PlaceholderPanel(
                self.tr("No alarms"),
                self.tr("Alarms from cameras, video analytics and sensors (falls, crowds, intrusion, "
                        "smoke, a wearable's heart rate) appear here, highest priority first, with "
                        "the live picture locked on the place within seconds."),
                self.tr("Arrives with alarm ingest and dispatch.")))
        self.incident_panel: IncidentPanel | None = None
        if services.dispatch is not None:
            self._add_dock("incident", self.tr("Incident"), self._build_incident_panel(services.dispatch))
        else:
            self._add_dock("incident", self.tr("Incident"), PlaceholderPanel(
                self.tr("No incident selected"),
                self.tr("An incident's timeline, the nearest responders by walking time, the "
                        "10-minute arrival countdown and the checklist for its type."),
                self.tr("Open an incident from the alarm queue.")))
        if self.lookup is not None:
            self._add_dock("lookup", self.tr("Lookup"), self.lookup)
        self.camera_health = CameraHealthModel(((c.code, c.name) for c in snap.cameras), self)
        self._add_dock("cameras", self.tr("Camera health"), CameraHealthWidget(self.camera_health))

        self.status = CockpitStatusBar(self._actor, services.db_health, services.db_name, services.runner)
        self.setStatusBar(self.status)
        self.status.set_camera_counts(*self.camera_health.counts())
        if self.incident_panel is not None:  # supervisor alerts: permanent, a status message never hides them
            self.status.addPermanentWidget(self.incident_panel.alert_badge)
            self.incident_panel.alert_badge.set_count(self.incident_panel.alert_badge.count)
        if services.camera_events is not None:
            services.camera_events.stateChanged.connect(self._on_camera_health)

        self.wizard: CommissioningWizard | None = None
        self.actions_by_name: dict[str, QAction] = {}
        self._build_actions()
        self._default_state = self._arrange_default()
        self.has_saved_layout = self.restore_layout()

    # -- docks -------------------------------------------------------------------

    def _add_dock(self, key: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock.{key}")  # saveState keys on this: keep it stable
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.docks[key] = dock
        return dock

    def _arrange_default(self) -> QByteArray:
        d = self.docks
        left = d["overview"]
        self.splitDockWidget(left, d["sitePlan"], Qt.Orientation.Horizontal)
        self.splitDockWidget(d["sitePlan"], d["alarms"], Qt.Orientation.Horizontal)
        if "lookup" in d:
            self.splitDockWidget(left, d["lookup"], Qt.Orientation.Vertical)
        self.splitDockWidget(d["alarms"], d["incident"], Qt.Orientation.Vertical)
        self.tabifyDockWidget(d["sitePlan"], d["videoWall"])
        self.tabifyDockWidget(d["videoWall"], d["twin"])
        self.tabifyDockWidget(d["twin"], d["cameras"])
        if "focus" in d:
            self.tabifyDockWidget(d["videoWall"], d["focus"])
        d["sitePlan"].raise_()
        self.resizeDocks([left, d["sitePlan"], d["alarms"]], [430, 820, 350], Qt.Orientation.Horizontal)
        if "lookup" in d:
            self.resizeDocks([left, d["lookup"]], [340, 600], Qt.Orientation.Vertical)
        return self.saveState(LAYOUT_VERSION)

    def _layout_key(self, what: str) -> str:
        return f"layout/{self._actor.username}/{what}"

    def save_layout(self) -> None:
        self._settings.setValue(self._layout_key("geometry"), self.saveGeometry())
        self._settings.setValue(self._layout_key("state"), self.saveState(LAYOUT_VERSION))
        self._settings.sync()

    def restore_layout(self) -> bool:
        geometry = self._settings.value(self._layout_key("geometry"))
        state = self._settings.value(self._layout_key("state"))
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            return self.restoreState(state, LAYOUT_VERSION)
        return False

    def reset_layout(self) -> None:
        for dock in self.docks.values():
            dock.setFloating(False)
            dock.show()
        self.restoreState(self._default_state, LAYOUT_VERSION)

    # -- actions -----------------------------------------------------------------

    def _action(self, name: str, text: str, shortcut: QKeySequence | str | None,
                slot: Callable[[], None], checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Cockpit"))
        view_menu = bar.addMenu(self.tr("&View"))
        panels_menu = view_menu.addMenu(self.tr("Panels"))
        help_menu = bar.addMenu(self.tr("&Help"))

        if self.lookup is not None:
            file_menu.addAction(self._action("find", self.tr("Find resident, home, vehicle or device"),
                                             QKeySequence.StandardKey.Find, self._focus_lookup))
        if self._commissioning_allowed():
            file_menu.addAction(self._action("commission", self.tr("Add or commission a camera…"), "Ctrl+Shift+A",
                                             self.open_commissioning))
        if self.incident_panel is not None:
            file_menu.addAction(self._action("openIncident", self.tr("Open an incident from the selected alarm"), "I",
                                             self.open_incident))
            file_menu.addAction(self._action("addToIncident", self.tr("Add the selected alarm to the incident shown"),
                                             "Shift+I", self.add_to_incident))
        file_menu.addSeparator()
        file_menu.addAction(self._action("quit", self.tr("Quit"), "Ctrl+Q", self.close))

        for i, (key, dock) in enumerate(self.docks.items(), start=1):
            action = self._action(f"show.{key}", self.tr("Show %1").replace("%1", dock.windowTitle()),
                                  f"Ctrl+{i}", lambda d=dock: self._show_dock(d))
            panels_menu.addAction(action)
        view_menu.addSeparator()
        if self.wall is not None:
            view_menu.addAction(self._action("detachWall", self.tr("Video wall on its own window or monitor"),
                                             "Ctrl+Shift+D", self.detach_wall))
        view_menu.addAction(self._action("fullscreen", self.tr("Full screen"), "F11",
                                         self.toggle_full_screen, checkable=True))
        view_menu.addAction(self._action("fitPlan", self.tr("Fit site plan"), "Ctrl+0", self.plan.fit))
        view_menu.addAction(self._action("resetLayout", self.tr("Reset panel layout"), "Ctrl+Shift+R",
                                         self.reset_layout))
        help_menu.addAction(self._action("shortcuts", self.tr("Keyboard shortcuts"), "F1", self.show_shortcuts))
        help_menu.addAction(self._action("about", self.tr("About Community Cockpit"), None, self._about))

    def _commissioning_allowed(self) -> bool:
        return self._services.commissioning is not None and can(self._actor.role, Permission.CONFIGURE_CAMERAS)

    def open_commissioning(self) -> CommissioningWizard | None:
        """One wizard at a time, not modal: the installer can still look at the plan and the health panel."""
        if not self._commissioning_allowed():
            return None
        if self.wizard is None:
            self.wizard = CommissioningWizard(self._services.commissioning, self)
            self.wizard.finished.connect(self._on_wizard_closed)
        self.wizard.show()
        self.wizard.raise_()
        return self.wizard

    def _on_wizard_closed(self) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            wizard.deleteLater()

    def detach_wall(self) -> None:
        """Float the wall; with a second monitor, fill that one (operators run the wall on its own screen)."""
        dock = self.docks["videoWall"]
        dock.show()
        dock.setFloating(True)
        here = self.screen()
        other = next((s for s in QGuiApplication.screens() if s is not here), None)
        area = (other or here).availableGeometry()
        if other is not None:
            dock.setGeometry(area)
        else:
            dock.resize(area.width() * 2 // 3, area.height() * 2 // 3)
            dock.move(area.center() - dock.rect().center())
        dock.raise_()

    def open_focus(self, code: str, *, keyboard: bool = True) -> None:
        """One camera large on its main stream, with PTZ for domes; the operator's keys go to it unless an
        alarm opened it (then they stay where the operator was working, e.g. in the queue)."""
        if self.focus is None or code not in self._cameras:
            return
        camera = self._cameras[code]
        self.focus.show_camera(code, camera.name, camera.is_ptz)
        self._show_dock(self.docks["focus"], keyboard=keyboard)

    def _on_focus_closed(self) -> None:
        if self.focus is not None:
            self.focus.close_camera()
        self._show_dock(self.docks["videoWall"])

    def _show_dock(self, dock: QDockWidget, *, keyboard: bool = True) -> None:
        dock.show()
        dock.raise_()
        if keyboard:
            dock.widget().setFocus()

    def _focus_lookup(self) -> None:
        if self.lookup is not None:
            self._show_dock(self.docks["lookup"])
            self.lookup.focus_query()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.actions_by_name["fullscreen"].setChecked(self.isFullScreen())

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(list(self.actions_by_name.values()), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Community Cockpit"),
                          self.tr("Community Cockpit %1 — command centre for a residential community.")
                          .replace("%1", __version__))

    # -- wiring between panels ---------------------------------------------------

    def _on_locate(self, x: float | None, y: float | None, building_id: int | None) -> None:
        self.plan.locate(x, y, building_id)

    def _build_alarm_queue(self, desk: AlarmDesk) -> AlarmQueueWidget:
        self.alarm_model = AlarmQueueModel(self)
        desk.bridge.alarmChanged.connect(self.alarm_model.apply)
        queue = self.alarm_queue = AlarmQueueWidget(self.alarm_model, desk.colours)
        queue.acknowledgeRequested.connect(lambda i: self._alarm_action(desk.acknowledge, i))
        queue.takeRequested.connect(lambda i: self._alarm_action(desk.take, i))
        queue.alarmSelected.connect(self._on_alarm_selected)
        desk.bridge.alarmChanged.connect(lambda event: self.plan.show_alarm(event.alarm))
        if self.wall is not None:
            lock = self.video_lock = VideoLockController(
                self._services.snapshot.cameras, self.wall, self.focus,
                lambda code: self.open_focus(code, keyboard=False), self._services.runner, desk.record_lock,
                ptz=self._services.ptz, presets=self._services.snapshot.presets, auto_priority=desk.lock_priority,
                parent=self)
            desk.bridge.alarmChanged.connect(lock.on_alarm_changed)
            lock.notice.connect(lambda text: self.statusBar().showMessage(text, 10_000))
            lock.locked.connect(self._on_locked)
            if self._services.warm_pool is not None:
                self._build_warm(self._services.warm_pool, lock)
        self._services.runner.submit(desk.open_alarms, on_done=self._on_open_alarms,
                                     on_error=lambda exc: self.statusBar().showMessage(
                                         self.tr("Open alarms could not be loaded: %1").replace("%1", str(exc))))
        return queue

    def _build_warm(self, pool: WarmPool, lock: VideoLockController) -> None:
        """Live alarms keep their places' cameras warm; what is on screen needs no warm copy."""
        def on_screen() -> set[str]:
            shown = set(self.wall.cameras_shown()) if self.wall is not None else set()
            return shown | ({self.focus.code} if self.focus is not None and self.focus.code else set())
        warm = self.warm = WarmStreams(pool, self._services.warm_planner or WarmPlanner(), lock.choices_for,
                                       on_screen, parent=self)
        self._services.alarms.bridge.alarmChanged.connect(warm.on_alarm_changed)
        lock.is_warm = pool.is_warm
        if self.wall is not None:
            self.wall.camerasChanged.connect(lambda _codes: warm.schedule())
        if self.focus is not None:
            self.focus.cameraShown.connect(lambda _code: warm.schedule())

    def _bridge(self, code: str) -> StreamDecoder | None:
        """A stream of `code` already playing (warm in the pool, or on a wall tile) to show while a view's own
        stream opens."""
        pool = self._services.warm_pool
        decoder = pool.bridge(code) if pool is not None else None
        if decoder is None and self.wall is not None:
            decoder = self.wall.live_decoder(code)
        return decoder

    def _on_open_alarms(self, alarms: list) -> None:
        """Alarms still open at start-up (they survive a restart): in the queue and on the plan."""
        self.alarm_model.extend(alarms)
        if self.warm is not None:
            self.warm.add_alarms(alarms)
        for alarm in alarms:
            self.plan.show_alarm(alarm)

    def _build_incident_panel(self, desk: DispatchDesk) -> IncidentPanel:
        """Incidents and dispatch; responders move on the plan as the feed reports them."""
        panel = self.incident_panel = IncidentPanel(desk, self._services.runner)
        desk.bridge.responderMoved.connect(lambda responder: self.plan.move_responders([responder]))
        panel.locateRequested.connect(self._on_locate)
        panel.notice.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        if self.alarm_queue is not None:
            self.alarm_queue.openRequested.connect(lambda _alarm_id: self.open_incident())
        return panel

    def _selected_alarms(self) -> list:
        alarm = self.alarm_queue.current_alarm() if self.alarm_queue is not None else None
        return [alarm] if alarm is not None else []

    def open_incident(self) -> None:
        """I: an incident from the alarm selected in the queue (or the incident it already belongs to)."""
        if self.incident_panel is not None:
            self.incident_panel.open_from_alarms(self._selected_alarms())
            self._show_dock(self.docks["incident"], keyboard=False)

    def add_to_incident(self) -> None:
        """Shift+I: the selected alarm joins the incident shown (same event, another sensor or camera)."""
        if self.incident_panel is not None:
            self.incident_panel.add_alarms(self._selected_alarms())

    def _alarm_action(self, action: Callable[[int], object], alarm_id: int) -> None:
        self._services.runner.submit(lambda: action(alarm_id), on_error=lambda exc: self.statusBar().showMessage(
            self.tr("Alarm %1: %2").replace("%1", str(alarm_id)).replace("%2", str(exc)), 10_000))

    def _on_alarm_selected(self, alarm) -> None:  # noqa: ANN001 (AlarmView)
        """The operator picked an alarm: the plan shows where, the focus view and wall show it live."""
        if alarm is None or alarm.id == self._selected_alarm:
            return  # rows moving under a kept selection (new alarms sorted in) are not a new choice
        self._selected_alarm = alarm.id
        if alarm.x is not None:
            self.plan.locate(alarm.x, alarm.y, alarm.building_id)
        if self.video_lock is not None:
            self.video_lock.lock(alarm, take_focus=True)

    def _on_locked(self, result) -> None:  # noqa: ANN001 (LockResult)
        self.statusBar().showMessage(self.tr("Alarm %1: live picture of %2 in %3 s").replace(
            "%1", str(result.alarm_id)).replace("%2", result.code).replace("%3", f"{result.lock_s:.2f}"), 10_000)

    def _on_record_requested(self, code: str, start: bool) -> None:
        """A manual clip from a tile: its pre-alarm buffer plus the configured post time, or stop now."""
        recording = self._services.recording
        if recording is None:
            return
        if start:
            clip = recording.record(code, reason=RecordingReason.MANUAL, user=self._actor)
            self.wall.set_recording(code, True)
            events = self._services.recording_events
            if events is not None:  # a clip that cannot start says so (through the bridge: any thread)
                clip.add_done_callback(lambda f: f.exception() is not None and events.sink(
                    RecordingFailed(code, str(f.exception()))))
        else:
            recording.stop_recording(code)

    def _on_recording_saved(self, event) -> None:  # noqa: ANN001 (RecordingSaved)
        self.wall.set_recording(event.code, False)
        minutes, seconds = divmod(round((event.ended_at - event.started_at).total_seconds()), 60)
        self.statusBar().showMessage(self.tr("Clip of %1 saved (%2): %3").replace("%1", event.code).replace(
            "%2", f"{minutes}:{seconds:02d}").replace("%3", str(event.path)), 15_000)

    def _on_recording_failed(self, event) -> None:  # noqa: ANN001 (RecordingFailed)
        self.wall.set_recording(event.code, False)
        self.statusBar().showMessage(self.tr("Recording of %1 failed: %2").replace("%1", event.code).replace(
            "%2", event.message), 30_000)

    def _on_camera_health(self, health) -> None:  # noqa: ANN001 (CameraHealth)
        """One camera's health drives the panel, the plan and the status bar alike."""
        self.camera_health.update(health)
        if self.video_lock is not None:
            available = not health.state.is_problem
            if self.video_lock.set_available(health.code, available) and self.warm is not None:
                self.warm.cameras_changed()
        self.plan.set_camera_states({health.code: health.state})
        self.status.set_camera_counts(*self.camera_health.counts())
        self.overview.set_cameras_online(*self.camera_health.counts())

    # -- lifecycle ---------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: ANN001
        super().paintEvent(event)
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if self.warm is not None:
            self.warm.close()
        if self.wall is not None:
            self.wall.close_streams()
        if self.focus is not None:
            self.focus.close_camera()
        super().closeEvent(event)
