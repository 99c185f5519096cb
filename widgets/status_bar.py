"""Status bar: who is signed in, the clock, database health, camera health."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from cockpit.audit import Actor

from .labels import label
from .worker import TaskRunner

DB_CHECK_MS = 10_000


def _set_health(widget: QLabel, state: str) -> None:
    widget.setProperty("health", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class CockpitStatusBar(QStatusBar):
    def __init__(
        self,
        actor: Actor,
        db_health: Callable[[], object],
        db_name: str,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db_health = db_health
        self._db_name = db_name
        self._runner = runner
        self._checking = False

        self.user = QLabel(f"{actor.display_name} · {label(actor.role)}")
        self.cameras = QLabel()
        self.database = QLabel(self.tr("Database: checking…"))
        _set_health(self.database, "idle")
        self.clock = QLabel()
        self.clock.setObjectName("statusClock")
        self.addWidget(self.user)
        for w in (self.cameras, self.database, self.clock):
            self.addPermanentWidget(w)

        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._tick)
        self._clock_timer.start(1000)
        self._db_timer = QTimer(self)
        self._db_timer.timeout.connect(self.check_database)
        self._db_timer.start(DB_CHECK_MS)
        self._tick()
        self.check_database()

    def _tick(self) -> None:
        self.clock.setText(QDateTime.currentDateTime().toString("yyyy-MM-dd  HH:mm:ss"))

    def check_database(self) -> None:
        if self._checking:
            return  # a slow server must not pile up probes
        self._checking = True
        self._runner.submit(self._db_health, on_done=self._on_db_health, on_error=self._on_db_error)

    def _on_db_health(self, health) -> None:  # noqa: ANN001 (DatabaseHealth)
        self._checking = False
        if health.ok:
            self.database.setText(self.tr("Database: %1 OK (%2 ms)").replace("%1", self._db_name)
                                  .replace("%2", f"{health.latency_ms:.0f}"))
            _set_health(self.database, "ok")
        else:
            self.database.setText(self.tr("Database: unreachable"))
            self.database.setToolTip(health.message)
            _set_health(self.database, "bad")

    def _on_db_error(self, exc: Exception) -> None:
        self._checking = False
        self.database.setText(self.tr("Database: unreachable"))
        self.database.setToolTip(str(exc))
        _set_health(self.database, "bad")

    def set_camera_counts(self, online: int, total: int) -> None:
        self.cameras.setText(self.tr("Cameras: %1/%2 online").replace("%1", str(online))
                             .replace("%2", str(total)))
        _set_health(self.cameras, "ok" if total and online == total else ("idle" if online == 0 else "warn"))
