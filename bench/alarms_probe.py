"""The real cockpit (main.py) with a probe inside its process: GUI event-loop lag, the alarm queue, ingest stats.

    python -m bench.alarms_probe [main.py arguments]      # started by bench/alarms_cockpit.py

Like bench/wall_probe.py's PaintProbe, it wraps product classes before the app is built (here the main window
and the alarm ingest, to find them), and measures in the thread it cares about: a precise 10 ms timer on the
GUI thread records how late each tick runs (event-loop lag: what an operator feels as a frozen screen).
It talks over the process's pipes: after the password line, stdin carries commands, and every answer is
one stdout line "probe {json}". An end of stdin closes the windows as a user would.

Commands: `mark` starts a measuring window (lag samples, per-thread CPU); `report` answers on it;
`state` is cheap (queue rows, pending events, ingest stats); `queue` lists the queue's rows;
`profile PATH` runs cProfile on the GUI thread until the next `report`, which writes it to PATH.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from array import array
from pathlib import Path

from .wall_probe import percentile

TICK_MS = 10
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _thread_cpu_s() -> dict[str, float]:
    """CPU seconds of this process's threads, grouped: ui (the main thread), alarm_writer, mqtt, other."""
    names = {t.native_id: t.name for t in threading.enumerate()}
    main_id = threading.main_thread().native_id
    groups = dict.fromkeys(("ui_thread", "alarm_writer", "mqtt", "other"), 0.0)
    for task in Path("/proc/self/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the thread ended meanwhile
            continue
        seconds = (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS  # utime, stime
        tid = int(task.name)
        name = names.get(tid, "")
        group = ("ui_thread" if tid == main_id else "alarm_writer" if name == "alarm-writer"
                 else "mqtt" if name.startswith("paho-mqtt") else "other")
        groups[group] += seconds
    return groups


def _ui_sched() -> dict[str, float]:
    """The GUI thread as the kernel saw it: on a CPU, runnable but waiting for one (other threads and processes
    had the cores), and how often it went to sleep (waiting for events, a lock or the GIL) or was preempted."""
    task = Path(f"/proc/self/task/{threading.main_thread().native_id}")
    run_ns, wait_ns, _ = (int(v) for v in (task / "schedstat").read_text().split())
    status = dict(line.split(":", 1) for line in (task / "status").read_text().splitlines() if ":" in line)
    return {"on_cpu_s": run_ns / 1e9, "runqueue_wait_s": wait_ns / 1e9,
            "sleeps": int(status["voluntary_ctxt_switches"]), "preempted": int(status["nonvoluntary_ctxt_switches"])}


def _stats(values: array) -> dict[str, float | None]:
    def r(v: float | None) -> float | None:
        return None if v is None else round(v, 2)

    return {"p50": r(percentile(values, 50)), "p99": r(percentile(values, 99)), "max": r(max(values, default=None))}


class CockpitProbe:
    """Lives on the GUI thread once the main window exists; commands reach it through a queued signal."""

    def __init__(self, window, services) -> None:
        from PySide6.QtCore import QObject, Qt, QTimer, Signal

        class Inbox(QObject):
            command = Signal(str)

        self.window, self.services = window, services
        self.ingest = None  # set by the AlarmIngestService hook
        self.lags_ms = array("d")
        self._marked_at, self._cpu0, self._sched0 = time.time(), _thread_cpu_s(), _ui_sched()
        self._timer = QTimer(singleShot=True, timerType=Qt.TimerType.PreciseTimer, timeout=self._tick)
        self._due = 0.0
        self._profile = None
        self.inbox = Inbox()
        self.inbox.command.connect(self._on_command, Qt.ConnectionType.QueuedConnection)
        window.ready.connect(self._on_ready)

    # -- the lag timer --------------------------------------------------------------------

    def _arm(self) -> None:
        self._due = time.perf_counter() + TICK_MS / 1000
        self._timer.start(TICK_MS)

    def _tick(self) -> None:
        lag = (time.perf_counter() - self._due) * 1000
        self.lags_ms.append(max(0.0, lag))
        self._arm()

    # -- start-up -------------------------------------------------------------------------

    def _on_ready(self) -> None:
        self._arm()
        threading.Thread(target=self._read_stdin, name="probe-stdin", daemon=True).start()
        self._announce_when_connected()

    def _announce_when_connected(self, waited_s: float = 0.0) -> None:
        """"ready" once the ingest has started and joined its broker (a burst must not be published before
        the subscription exists); after 20 s it says so anyway, with "mqtt_connected": false."""
        from PySide6.QtCore import QTimer

        ingest = self.ingest
        started = ingest is not None and ingest.directory is not None
        if not (started and ingest.mqtt_connected) and waited_s < 20:
            QTimer.singleShot(50, lambda: self._announce_when_connected(waited_s + 0.05))
            return
        self._send({"ready": True, "pid": os.getpid(), **self._state()})

    def _read_stdin(self) -> None:
        for line in sys.stdin:
            if line.strip():
                self.inbox.command.emit(line.strip())
        self.inbox.command.emit("quit")  # the benchmark went away: close as a user would

    # -- commands (GUI thread) ------------------------------------------------------------

    def _on_command(self, command: str) -> None:
        if command == "mark":
            self.lags_ms = array("d")
            self._marked_at, self._cpu0, self._sched0 = time.time(), _thread_cpu_s(), _ui_sched()
            self._send({"marked": self._marked_at})
        elif command.startswith("profile "):  # cProfile the GUI thread until the next report, into PATH
            import cProfile

            self._profile = (cProfile.Profile(), command.split(" ", 1)[1])
            self._profile[0].enable()
            self._send({"profiling": self._profile[1]})
        elif command == "report":
            if self._profile is not None:
                self._profile[0].disable()
                self._profile[0].dump_stats(self._profile[1])
                self._profile = None
            self._send(self._report())
        elif command == "state":
            self._send(self._state())
        elif command == "queue":
            model = self.window.alarm_model
            rows = [model.alarm_at(r) for r in range(model.rowCount())]
            self._send({"queue": [[a.id, a.state.value, a.repeat_count] for a in rows]})
        elif command == "quit":
            from PySide6.QtWidgets import QApplication

            QApplication.instance().closeAllWindows()
        else:
            self._send({"error": f"unknown command {command!r}"})

    def _state(self) -> dict:
        model = getattr(self.window, "alarm_model", None)
        bridge = self.services.alarms.bridge if self.services.alarms is not None else None
        stats = self.ingest.stats() if self.ingest is not None and self.ingest.directory is not None else None
        queue = self.window.alarm_queue
        return {
            "queue_rows": model.rowCount() if model is not None else None,
            "queue_pending": (model.pending() if model else 0) + (bridge.pending() if bridge else 0),
            "queue_visible": bool(queue is not None and queue.isVisible() and not queue.visibleRegion().isEmpty()),
            "ingest": None if stats is None else {
                "received": stats.received, "persisted": stats.persisted, "merged": stats.merged,
                "redelivered": stats.redelivered, "rejected": stats.rejected, "queued": stats.queued,
                "batches": stats.batches, "largest_batch": stats.largest_batch,
                "batch_p99_ms": None if stats.batch_p99_ms is None else round(stats.batch_p99_ms, 2)},
            "mqtt_connected": bool(self.ingest is not None and self.ingest.mqtt_connected),
        }

    def _occurrences(self) -> int | None:
        """Alarm occurrences the queue shows: each row's repeat count, summed."""
        model = getattr(self.window, "alarm_model", None)
        return None if model is None else sum(model.alarm_at(r).repeat_count for r in range(model.rowCount()))

    def _report(self) -> dict:
        cpu1 = _thread_cpu_s()
        lag = _stats(self.lags_ms)
        return {
            "window_s": round(time.time() - self._marked_at, 3),
            "lag_samples": len(self.lags_ms), "lag_p50_ms": lag["p50"], "lag_p99_ms": lag["p99"],
            "lag_max_ms": lag["max"], "lag_tick_ms": TICK_MS,
            "cpu_s": {k: round(cpu1[k] - self._cpu0[k], 3) for k in cpu1},
            "ui_thread_sched": {k: round(v - self._sched0[k], 3) for k, v in _ui_sched().items()},
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            **self._state(),
            "queue_occurrences": self._occurrences(),
        }

    def _send(self, payload: dict) -> None:
        sys.stdout.write("probe " + json.dumps(payload) + "\n")
        sys.stdout.flush()


def install() -> None:
    """Wrap MainWindow and AlarmIngestService so that the probe finds them when main.py builds them."""
    from services.alarms.service import AlarmIngestService
    from widgets.main_window import MainWindow

    probe: list[CockpitProbe] = []
    ingests: list = []
    window_init, ingest_init = MainWindow.__init__, AlarmIngestService.__init__

    def main_window_init(self, services, *args, **kwargs) -> None:
        window_init(self, services, *args, **kwargs)
        probe.append(CockpitProbe(self, services))
        probe[-1].ingest = ingests[-1] if ingests else None

    def alarm_ingest_init(self, *args, **kwargs) -> None:
        ingest_init(self, *args, **kwargs)
        ingests.append(self)
        if probe:
            probe[-1].ingest = self

    MainWindow.__init__ = main_window_init
    AlarmIngestService.__init__ = alarm_ingest_init


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    if os.environ.get("BENCH_SWITCH_INTERVAL_MS"):  # experiment: how often Python hands the GIL to another thread
        sys.setswitchinterval(float(os.environ["BENCH_SWITCH_INTERVAL_MS"]) / 1000)
    install()
    import main as cockpit

    return cockpit.main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
