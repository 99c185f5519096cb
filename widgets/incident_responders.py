"""The incident panel's Responders tab: who was dispatched, and who routing proposes next.

Proposals come from the dispatch service (a walkway route per available responder) through the TaskRunner,
again every few seconds while the incident is live, since responders move; a result for an incident the
operator has left is dropped. Assigning and standing down are the panel's business (signals).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from cockpit.incident_views import CandidateView, IncidentView, ResponderView

from .responder_list import DispatchTable, ProposalTable
from .worker import TaskRunner

logger = logging.getLogger(__name__)


class IncidentRespondersWidget(QWidget):
    assignRequested = Signal(int)  # responder id
    standDownRequested = Signal(int)  # dispatch id

    def __init__(self, propose: Callable[[int], list[CandidateView]], runner: TaskRunner,
                 clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._propose, self._runner, self._clock = propose, runner, clock
        self._incident: IncidentView | None = None
        self._proposals_for: int | None = None
        self._proposing = False
        self._generation = 0  # bumped when the incident changes: proposals asked for before are stale
        self._again = False
        self._candidates: list[CandidateView] = []
        self._enabled = True
        self.dispatched = DispatchTable()
        self.dispatched.standDownRequested.connect(self.standDownRequested)
        self.proposals = ProposalTable()
        self.proposals.assignRequested.connect(self.assignRequested)
        sent = QLabel(self.tr("Dispatched"))
        sent.setObjectName("sectionTitle")
        self.proposals_title = QLabel(self.tr("Nearest available, by walking time"))
        self.proposals_title.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(sent)
        layout.addWidget(self.dispatched, 2)
        layout.addWidget(self.proposals_title)
        layout.addWidget(self.proposals, 3)

    def show_incident(self, incident: IncidentView | None, responders: Mapping[int, ResponderView], *,
                      enabled: bool) -> None:
        """The incident as stored now; proposals are asked for again when it changed (a responder was sent)."""
        changed = incident is None or self._incident is None or incident != self._incident
        if enabled != self._enabled and not changed:
            self.proposals.set_candidates(self._candidates, enabled=enabled)  # an action finished (or began)
        self._incident, self._enabled = incident, enabled
        if incident is None:
            self.proposals.set_candidates([])
            self.dispatched.set_dispatches([], responders, self._clock())
            self._proposals_for = None
            return
        self.show_dispatches(responders)
        if changed and self._proposals_for != incident.id:
            self.proposals.set_candidates([])
        if changed:
            self._proposals_for = None
            self._generation += 1
            self.refresh_proposals()

    def show_dispatches(self, responders: Mapping[int, ResponderView]) -> None:
        """Live state and ETA (called every tick: the ETAs count down)."""
        if self._incident is not None:
            self.dispatched.set_dispatches(self._incident.dispatches, responders, self._clock(),
                                           can_stand_down=self._enabled)

    def refresh_proposals(self) -> None:
        incident = self._incident
        if incident is None:
            return
        if self._proposing:
            self._again = True  # once the one in flight is back
            return
        if not incident.live:
            self.proposals.set_candidates([])
            return
        self._proposing = True
        wanted, generation = incident.id, self._generation
        self._runner.submit(lambda: self._propose(wanted),
                            on_done=lambda found: self._on_proposals(generation, wanted, found),
                            on_error=lambda exc: self._on_proposals(generation, wanted, None, exc))

    def _on_proposals(self, generation: int, incident_id: int, found: list[CandidateView] | None,
                      exc: Exception | None = None) -> None:
        self._proposing = False
        if not isValid(self.proposals):
            return  # the panel closed while the service was asked
        again, self._again = self._again, False
        if again or generation != self._generation:
            self.refresh_proposals()
        if exc is not None:
            logger.info("no proposals for incident %s: %s", incident_id, exc)
            return
        if generation != self._generation or self._incident is None or incident_id != self._incident.id:
            return  # asked before the incident changed (someone was sent since), or for another incident
        self._proposals_for = incident_id
        self._candidates = found or []
        self.proposals.set_candidates(self._candidates, enabled=self._enabled)
        self.proposals_title.setText(self.tr("Nearest available, by walking time") if found
                                     else self.tr("Nobody available to propose"))
