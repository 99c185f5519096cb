"""Dispatch service events (from its thread and paho's) become Qt signals on the UI thread.

Emitting a signal of this object (which lives in the UI thread) from another thread is queued by Qt, so
slots always run on the UI thread. Responder positions arrive about once a second per walking responder:
few enough for plain queued signals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from cockpit.incident_views import (
    AutoDispatched,
    DispatchFeedChanged,
    IncidentChanged,
    ResponderMoved,
    SupervisorAlerted,
)


class DispatchBridge(QObject):
    incidentChanged = Signal(object)  # IncidentView
    responderMoved = Signal(object)  # ResponderView
    alerted = Signal(object)  # SupervisorAlerted
    autoDispatched = Signal(object)  # AutoDispatched
    feedChanged = Signal(object)  # DispatchFeedChanged

    def sink(self, event: object) -> None:
        """Any thread. Unknown events are ignored (the service may grow new ones)."""
        if isinstance(event, IncidentChanged):
            self.incidentChanged.emit(event.incident)
        elif isinstance(event, ResponderMoved):
            self.responderMoved.emit(event.responder)
        elif isinstance(event, SupervisorAlerted):
            self.alerted.emit(event)
        elif isinstance(event, AutoDispatched):
            self.autoDispatched.emit(event)
        elif isinstance(event, DispatchFeedChanged):
            self.feedChanged.emit(event)
