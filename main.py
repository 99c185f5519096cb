"""Community Cockpit's composition root: arguments → config → database → services → window.

Everything is built here in one explicit order and stopped in reverse. `cockpit` (the console
script) and `python main.py` both run `main()`.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import logging.handlers
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from cockpit import __version__
from cockpit.config import Config, load_config
from cockpit.errors import CockpitError, ConfigError
from cockpit.paths import AppPaths
from cockpit.roles import Role

logger = logging.getLogger("cockpit.main")
_PROCESS_START = time.perf_counter()

# Exit codes beyond CockpitError.exit_code (config 2, database 3, schema 4, auth 5).
EXIT_CANCELLED = 1
EXIT_NO_SITE = 6


# -- arguments -----------------------------------------------------------------------

def _common(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--db", default=default, metavar="URL",
                        help="database URL, e.g. postgresql+psycopg://user@host/cockpit "
                             "(default: SQLite in the user data dir)")
    parser.add_argument("--config", type=Path, default=default, metavar="FILE",
                        help="configuration file (TOML); default: config.toml in the user config dir")
    parser.add_argument("-v", "--verbose", action="store_true", default=default, help="log more")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="cockpit", description="Community Cockpit — control room "
                                     "command centre for a residential community.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _common(parser, None)
    parser.add_argument("--demo", action="store_true",
                        help="open the simulated demo community (created on first run)")
    parser.add_argument("--lang", choices=["auto", "en", "zh_CN"], help="UI language (default: system)")
    parser.add_argument("--user", metavar="NAME", help="user name to sign in with")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input instead of the sign-in dialog")
    parser.add_argument("--buildings", type=int, metavar="N", help="demo size: number of buildings")
    parser.add_argument("--no-sim", action="store_true",
                        help="with --demo: do not start the simulated cameras, sensors and responders")
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)

    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    for name, text in (("upgrade", "apply schema migrations"), ("status", "show the schema revision")):
        _common(db_sub.add_parser(name, help=text), argparse.SUPPRESS)

    user = sub.add_parser("user", help="user accounts")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="create a user (asks for the password)")
    _common(add, argparse.SUPPRESS)
    add.add_argument("username")
    add.add_argument("--role", choices=[r.value for r in Role], required=True)
    add.add_argument("--name", help="display name")
    add.add_argument("--password-stdin", action="store_true")

    demo = sub.add_parser("demo", help="generate the demo community into the database if it is empty")
    _common(demo, argparse.SUPPRESS)
    demo.add_argument("--seed", type=int)
    for knob in ("buildings", "households", "residents", "vehicles", "cameras", "sensors", "responders"):
        demo.add_argument(f"--{knob}", type=int, metavar="N")
    return parser.parse_args(argv)


# -- configuration and logging ----------------------------------------------------------

def setup_logging(paths: AppPaths, verbose: bool) -> None:
    root = logging.getLogger()
    if getattr(root, "_cockpit_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            paths.log_dir / "cockpit.log", maxBytes=5_000_000, backupCount=5, encoding="utf-8")
        file_handler.setFormatter(fmt)
        root.addHandler(file_handler)
    except OSError as exc:
        print(f"cockpit: cannot write the log in {paths.log_dir}: {exc}", file=sys.stderr)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(fmt)
    root.addHandler(console)
    root._cockpit_configured = True  # type: ignore[attr-defined]


def database_url(args: argparse.Namespace, config: Config, paths: AppPaths) -> str:
    """--db beats the config file; otherwise SQLite in the data dir (demo.db for --demo)."""
    explicit = getattr(args, "db", None) or config.database.url
    if explicit:
        return explicit
    demo = getattr(args, "demo", False) or getattr(args, "command", None) == "demo"
    return paths.sqlite_url("demo.db" if demo else "cockpit.db")


def demo_knobs(args: argparse.Namespace, config: Config) -> dict[str, int]:
    """DemoSize arguments from the command line; the demo package loads only if it must generate."""
    knobs = {k: getattr(args, k, None) for k in
             ("buildings", "households", "residents", "vehicles", "cameras", "sensors", "responders")}
    knobs = {k: v for k, v in knobs.items() if v is not None}
    knobs.setdefault("buildings", config.demo.buildings)
    return knobs


def read_password(args: argparse.Namespace, prompt: str = "Password: ") -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return getpass.getpass(prompt)


# -- command-line tools (no GUI) ----------------------------------------------------------

def run_cli(args: argparse.Namespace, paths: AppPaths) -> int:
    from services.database import DatabaseService

    config = load_config(args.config or paths.config_file)
    db = DatabaseService(database_url(args, config, paths), connect_timeout_s=config.database.connect_timeout_s)
    try:
        if args.command == "db" and args.db_command == "status":
            from cockpit.db import check_connection, schema_status

            check_connection(db.engine)
            status = schema_status(db.engine)
            state = ("up to date" if status.up_to_date else
                     "newer than this cockpit" if not status.known else "needs upgrade")
            print(f"{db.display_url}: schema {status.current or 'empty'} (head {status.head}, {state})")
            return 0 if status.known else 4
        status = db.start()  # every other command needs a current schema
        if args.command == "db":
            print(f"{db.display_url}: schema at {status.current} (head)")
            return 0
        if args.command == "user":
            from cockpit.accounts import create_user

            password = read_password(args)
            if not args.password_stdin and password != getpass.getpass("Repeat password: "):
                print("cockpit: passwords differ; nothing was changed", file=sys.stderr)
                return 2
            with db.session() as session:
                create_user(session, args.username, password, Role(args.role), args.name)
                session.commit()
            print(f"user {args.username!r} created with role {args.role}")
            return 0
        if args.command == "demo":
            from cockpit.demo import DemoSize, ensure_demo

            started = time.perf_counter()
            seed = args.seed if args.seed is not None else config.demo.seed
            created = ensure_demo(db.engine, seed, DemoSize(**demo_knobs(args, config)))
            print(f"demo community {'created' if created else 'already present'} in {db.display_url} "
                  f"({time.perf_counter() - started:.2f} s)")
            return 0
        raise AssertionError(args.command)
    finally:
        db.stop()


# -- the desktop application -------------------------------------------------------------

def _startup_text() -> dict[str, str]:
    from PySide6.QtCore import QCoreApplication

    return {
        "connect": QCoreApplication.translate("Startup", "Connecting to the database…"),
        "demo": QCoreApplication.translate("Startup", "Generating the demo community…"),
        "load": QCoreApplication.translate("Startup", "Loading the site…"),
    }


def prepare_site(db, demo: dict[str, int] | None, seed: int,  # noqa: ANN001,ANN201
                 progress: Callable[[float, str], None]):
    """Worker-thread part of start-up: connect, migrate, seed the demo if empty, load the snapshot."""
    from cockpit.site import load_snapshot

    progress(0.05, "connect")
    db.start()
    with db.session() as session:
        snapshot = load_snapshot(session)
    if snapshot is not None or demo is None:
        return snapshot
    from cockpit.demo import DemoSize, ensure_demo

    progress(0.2, "demo")
    ensure_demo(db.engine, seed, DemoSize(**demo), progress=lambda f, _m: progress(0.2 + 0.7 * f, "demo"))
    progress(0.92, "load")
    with db.session() as session:
        return load_snapshot(session)


def _report(message: str, error: BaseException | None = None) -> None:
    from widgets.errors import show_error

    show_error(message, str(error) if error else "")


def _close_on_signals(app) -> None:  # noqa: ANN001
    """SIGTERM/SIGINT close the windows as a user would (layouts saved, children stopped).

    Python runs signal handlers only when it gets control, so a light timer hands it a slice.
    """
    import signal

    from PySide6.QtCore import QTimer

    if getattr(app, "_cockpit_signals", None) is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: QTimer.singleShot(0, app.closeAllWindows))
    tick = QTimer(app)
    tick.timeout.connect(lambda: None)
    tick.start(250)
    app._cockpit_signals = tick


def run_gui(args: argparse.Namespace, paths: AppPaths) -> int:
    """Build the desktop app in order; whatever was built is stopped in reverse on the way out."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from widgets.i18n import install_translators, resolve_language
    from widgets.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _close_on_signals(app)
    app.setApplicationName("Community Cockpit")
    app.setOrganizationName("community-cockpit")
    app.setApplicationVersion(__version__)

    # 1. configuration (a broken file is reported in the system language, then we stop)
    config: Config | None = None
    config_error: ConfigError | None = None
    try:
        config = load_config(args.config or paths.config_file)
    except ConfigError as exc:
        config_error = exc
    language = resolve_language(args.lang or (config.ui.language if config else None))
    translators = install_translators(app, language)
    try:
        apply_theme(app, config.ui.font_scale if config else 1.0)
        if config is None:
            assert config_error is not None
            _report(QCoreApplication.translate("Main", "The configuration file is not valid. Nothing was changed."),
                    config_error)
            return config_error.exit_code
        return _run_with_database(args, paths, config, app)
    finally:
        for translator in reversed(translators):
            app.removeTranslator(translator)


def _run_with_database(args: argparse.Namespace, paths: AppPaths, config: Config, app) -> int:  # noqa: ANN001
    from PySide6.QtCore import QCoreApplication

    from services.database import DatabaseService
    from widgets.startup import run_with_progress
    from widgets.worker import TaskRunner

    # 2. database and site (in a worker; a progress window shows if it takes a while)
    try:
        db = DatabaseService(database_url(args, config, paths), connect_timeout_s=config.database.connect_timeout_s)
    except CockpitError as exc:
        _report(QCoreApplication.translate("Main", "The database setting is not valid."), exc)
        return exc.exit_code
    runner = TaskRunner()
    try:
        texts = _startup_text()
        demo = demo_knobs(args, config) if args.demo else None
        try:
            snapshot = run_with_progress(
                runner, lambda progress: prepare_site(db, demo, config.demo.seed, progress),
                describe=lambda key: texts.get(key, key))
        except CockpitError as exc:
            _report(QCoreApplication.translate(
                "Main", "Community Cockpit cannot open its database. Nothing was changed."), exc)
            return exc.exit_code
        if snapshot is None:
            _report(QCoreApplication.translate(
                "Main", "The database holds no site yet. Start with --demo to open the simulated "
                        "community, or import your site first."))
            return EXIT_NO_SITE
        return _run_signed_in(args, paths, config, app, db, runner, snapshot)
    finally:
        runner.wait(10_000)
        db.stop()


def _run_signed_in(args, paths, config, app, db, runner, snapshot) -> int:  # noqa: ANN001
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer

    from cockpit.accounts import authenticate
    from services.lookup import LookupService
    from widgets.main_window import MainWindow, WindowServices

    # 3. the signed-in user, and services bound to them
    def login(user: str, password: str):  # noqa: ANN202 (Actor)
        with db.session() as session:
            return authenticate(session, user, password, config.workstation)

    if args.password_stdin:
        try:
            actor = login(args.user or "", read_password(args))
        except CockpitError as exc:
            _report(QCoreApplication.translate("Main", "Sign-in failed."), exc)
            return exc.exit_code
    else:
        from widgets.login_dialog import LoginDialog

        dialog = LoginDialog(login, runner, snapshot.name, username=args.user or "")
        accepted = dialog.exec() == LoginDialog.DialogCode.Accepted and dialog.actor is not None
        actor = dialog.actor
        dialog.deleteLater()
        if not accepted:
            return EXIT_CANCELLED
    lookup = LookupService(db, max_results=config.lookup.max_results)

    # 4. cameras: health and events reach the UI only through the bridge's queued signals
    camera_sinks: list = []
    cameras, bridge, demo_discovery = _camera_service(config, db, camera_sinks)

    # 4b. recording: pre-alarm buffers for the cameras the coordinator picks, clips on demand
    recorder, recording, recording_bridge = _recording(config, paths, db, cameras, snapshot, demo=args.demo)
    camera_sinks.append(recording.on_camera_event)

    # 4c. alarms: camera events (and the sensor feed over MQTT when configured) become stored alarms
    ingest, alarm_desk = _alarms(config, db, actor, demo=args.demo, also=recording.on_alarm)
    camera_sinks.append(ingest.camera_sink)

    # 4d. dispatch: incidents, responders over the feed, escalation; its alarm changes go to the queue too
    dispatch, dispatch_desk = _dispatch(config, db, snapshot, actor, ingest, alarm_desk)

    # 4e. the warm pool: sub streams of the cameras live alarms make likely, within a measured CPU budget
    warm_pool, warm_planner = _warm(config, cameras)

    # 5. the window; closing it saves the layout
    settings = QSettings(str(paths.config_dir / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(WindowServices(
        actor=actor, snapshot=snapshot, runner=runner,
        search=partial(lookup.search, actor=actor),
        record_view=partial(lookup.record_view, actor=actor),
        db_health=db.health, db_name=db.backend, settings=settings,
        lookup_debounce_ms=config.lookup.debounce_ms,
        camera_events=bridge,
        stream_uri=lambda code, main: cameras.stream_uri(code, main=main),
        audit=partial(_audit, db, actor),
        snapshot_dir=paths.data_dir / "snapshots",
        ptz=cameras,
        recording=recording,
        recording_events=recording_bridge,
        alarms=alarm_desk,
        dispatch=dispatch_desk,
        warm_pool=warm_pool, warm_planner=warm_planner,
        commissioning=_wizard_context(config, paths, cameras, runner, snapshot, actor, demo_discovery),
    ))
    window.ready.connect(lambda: runner.submit(ingest.start, on_error=lambda exc: window.statusBar().showMessage(
        QCoreApplication.translate("Main", "Alarm ingest is off: %1").replace("%1", str(exc)), 30_000)))
    window.ready.connect(lambda: runner.submit(dispatch.start, on_error=lambda exc: window.statusBar().showMessage(
        QCoreApplication.translate("Main", "Dispatch: %1").replace("%1", str(exc)), 30_000)))
    window.ready.connect(lambda: runner.submit(recorder.start, on_error=lambda exc: window.statusBar().showMessage(
        QCoreApplication.translate("Main", "Recording is off: %1").replace("%1", str(exc)), 30_000)))
    simulator = None
    if args.demo and not args.no_sim:
        simulator = _demo_simulator(paths, db, snapshot, runner, window, cameras, demo_discovery, ingest,
                                    dispatch)
    else:  # real cameras: their workers start once the window is up
        window.ready.connect(lambda: runner.submit(cameras.start))
    if args.exit_when_ready:
        def ready() -> None:
            print(f"cockpit-ready {time.perf_counter() - _PROCESS_START:.3f}", flush=True)
            QTimer.singleShot(0, window.close)
        window.ready.connect(ready)
    if window.has_saved_layout:
        window.show()
    else:
        window.showMaximized()  # first run: a control-room screen belongs to the cockpit
    logger.info("main window shown %.2f s after start", time.perf_counter() - _PROCESS_START)
    try:
        return app.exec()
    finally:  # reverse order: recorder (saves running clips), cameras, the devices they talk to, the window
        if warm_pool is not None:
            warm_pool.close()  # decoders told to stop, not waited for
        cameras.stop(timeout_s=2.0)  # no more camera events
        dispatch.stop(timeout_s=3.0)  # queued work done, positions stored, off the broker
        ingest.stop(drain_s=2.0)  # what was received is committed
        recorder.stop(timeout_s=5.0)  # workers are told at once; daemon threads, so a hung one cannot hold exit
        if simulator is not None:
            simulator.stop()
        window.deleteLater()


def _audit(db, actor, action: str, detail: dict) -> None:  # noqa: ANN001
    """An audit record for an act the window performed (a snapshot saved …); blocking, so for workers."""
    from cockpit.audit import record

    with db.session() as session:
        record(session, actor, action, **detail)
        session.commit()


def _camera_service(config, db, sinks: list):  # noqa: ANN001,ANN202
    """`sinks` (filled later) hear every camera event too, on the camera threads."""
    from services.onvif import CameraService, CredentialStore
    from widgets.camera_bridge import CameraEventBridge

    bridge = CameraEventBridge()

    def sink(event: object) -> None:
        bridge.sink(event)
        for more in sinks:
            more(event)

    cameras = CameraService(db, CredentialStore(db), sink, call_timeout_s=config.cameras.call_timeout_s,
                            max_clock_offset_s=config.cameras.max_clock_offset_s,
                            pull_wait_s=config.cameras.event_pull_s,
                            stream_check_interval_s=config.cameras.stream_check_interval_s or None)
    return cameras, bridge, []


def _alarms(config, db, actor, *, demo: bool, also=None):  # noqa: ANN001,ANN202
    """The ingest service and the queue's operations. With mqtt_host "embedded" (the default) the demo's broker is
    the simulator's own, known only once it runs: `_demo_simulator` joins it (MQTT 3.1.1, amqtt has no MQTT 5).
    A configured broker is used as given, in the demo too (`--demo --no-sim` against Mosquitto: bench alarms)."""
    from cockpit.alarm_rules import Priority, load_rules
    from services.alarms.operations import AlarmOperations
    from services.alarms.service import AlarmIngestService, IngestSettings
    from services.alarms.views import open_alarms
    from widgets.alarm_bridge import AlarmBridge
    from widgets.main_window import AlarmDesk

    bridge = AlarmBridge()
    rules = load_rules(config.alarms.rules) if config.alarms.rules else load_rules()
    broker = config.alarms.broker(None)  # None for "embedded" and "off"

    def sink(event: object) -> None:  # the writer thread, after the commit: keep it short
        bridge.sink(event)
        if also is not None:
            also(event)

    ingest = AlarmIngestService(db, sink, IngestSettings.from_config(config.alarms), rules=rules, mqtt=broker)
    operations = AlarmOperations(db, rules, bridge.sink)

    def current() -> list:
        with db.session() as session:
            return open_alarms(session, rules)

    desk = AlarmDesk(bridge=bridge, acknowledge=partial(operations.acknowledge, actor=actor),
                     take=partial(operations.take, actor=actor), open_alarms=current,
                     colours={int(p): rules.style(p).colour for p in Priority},
                     record_lock=partial(operations.record_lock, actor=actor),
                     lock_priority=config.alarms.lock_priority)
    return ingest, desk


def _recording(config, paths, db, cameras, snapshot, *, demo: bool):  # noqa: ANN001,ANN202
    from services.recording import RecorderService
    from services.recording.coordinator import RecordingCoordinator
    from widgets.recording_bridge import RecordingBridge

    bridge = RecordingBridge()
    recorder = RecorderService.from_config(db, config.recording, paths.data_dir, bridge.sink)
    coordinator = RecordingCoordinator(recorder, lambda code, main: cameras.stream_uri(code, main=main),
                                       mode=config.recording.buffer_mode(demo=demo),
                                       main=config.recording.profile == "main",
                                       cameras=[c.code for c in snapshot.cameras])
    return recorder, coordinator, bridge


def _warm(config, cameras):  # noqa: ANN001,ANN202
    from cockpit.warm_cameras import WarmPlanner
    from services.video.warm_pool import WarmPool

    a = config.alarms
    if a.warm_streams == 0 or a.warm_cpu_percent == 0:
        return None, None
    pool = WarmPool(lambda code, main: cameras.stream_uri(code, main=main), max_streams=a.warm_streams,
                    cpu_budget_pct=a.warm_cpu_percent, min_idle_pct=a.warm_min_idle_percent)
    return pool, WarmPlanner(a.warm_half_life_s, tuple(a.warm_cameras))


def _wizard_context(config, paths, cameras, runner, snapshot, actor, demo_discovery):  # noqa: ANN001,ANN202
    """The installer's wizard searches the configured targets plus, in the demo, the simulator's responder."""
    from services.onvif import MULTICAST_TARGET
    from widgets.commissioning.draft import WizardContext

    def targets() -> list[tuple[str, int]]:
        found = config.cameras.unicast_targets() + list(demo_discovery)
        return found + [MULTICAST_TARGET] if config.cameras.multicast else found

    return WizardContext(cameras=cameras, runner=runner, site=snapshot, installer=actor.username,
                         reports_dir=paths.data_dir / "reports", discovery_targets=targets,
                         known_addresses=cameras.known_addresses)


def _dispatch(config, db, snapshot, actor, ingest, alarm_desk):  # noqa: ANN001,ANN202
    """The dispatch service and the incident panel's desk. A real site's responders report on the alarms' broker
    (MQTT 5); the demo's on the simulator's own, which `_demo_simulator` joins once it runs (MQTT 3.1.1)."""
    from services.dispatch import DispatchService, DispatchSettings
    from widgets.dispatch_bridge import DispatchBridge
    from widgets.dispatch_desk import DispatchDesk

    bridge = DispatchBridge()
    settings = DispatchSettings.from_config(config.dispatch, config.workstation)
    service = DispatchService(db, snapshot, bridge.sink, settings,
                              mqtt=config.alarms.broker(None), rules=ingest.rules, alarm_sink=alarm_desk.bridge.sink)
    return service, DispatchDesk(service=service, actor=actor, bridge=bridge)


def _demo_simulator(paths, db, snapshot, runner, window, cameras, demo_discovery, ingest,  # noqa: ANN001,ANN202
                    dispatch=None):  # noqa: ANN001
    """The simulated community's devices, started once the window is up so start-up stays fast; then the
    camera service connects to them like to any real camera, and the alarm ingest subscribes to the
    sensor feed on the simulator's own broker (amqtt: MQTT 3.1.1)."""
    from PySide6.QtCore import QCoreApplication

    from services.sim.process import SimulatorProcess, record_cameras

    url = db.engine.url.render_as_string(hide_password=False)
    simulator = SimulatorProcess(url, snapshot.stats.cameras, log_path=paths.log_dir / "simulator.log")

    def start():  # noqa: ANN202 (worker thread)
        announced = simulator.start()
        with db.session() as session:
            record_cameras(session, announced, cameras.credentials)
        for address in {a.discovery for a in announced if a.discovery}:
            host, _, port = address.rpartition(":")
            demo_discovery.append((host, int(port)))
        cameras.start()
        broker = next((a.mqtt for a in announced if a.mqtt), None)
        if broker:
            host, _, port = broker.rpartition(":")
            try:
                ingest.connect_mqtt(host, int(port), v5=False)
            except Exception as exc:  # noqa: BLE001 - cameras still work; say why sensors do not
                logger.warning("the alarm ingest could not join the simulator's broker %s: %s", broker, exc)
            if dispatch is not None:  # the simulated responders answer dispatch on the same broker
                try:
                    dispatch.connect_mqtt(host, int(port), v5=False)
                except Exception as exc:  # noqa: BLE001
                    logger.warning("dispatch could not join the simulator's broker %s: %s", broker, exc)
        return announced

    def started(announced) -> None:  # noqa: ANN001
        window.statusBar().showMessage(QCoreApplication.translate(
            "Main", "Simulated community running: %1 cameras, sensors and responders").replace(
            "%1", str(len(announced))), 15_000)

    def failed(exc: Exception) -> None:
        window.statusBar().showMessage(QCoreApplication.translate(
            "Main", "The simulated cameras did not start: %1").replace("%1", str(exc)), 30_000)

    window.ready.connect(lambda: runner.submit(start, on_done=started, on_error=failed))
    return simulator


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    paths = AppPaths.default()
    setup_logging(paths, bool(args.verbose))
    if args.command:
        try:
            return run_cli(args, paths)
        except CockpitError as exc:
            logger.error("%s", exc)
            print(f"cockpit: {exc}", file=sys.stderr)
            return exc.exit_code
    return run_gui(args, paths)


if __name__ == "__main__":
    sys.exit(main())
