"""What the incident panel needs from the outside: the dispatch service, bound to the signed-in actor."""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.audit import Actor
from cockpit.sla import SlaTargets
from cockpit.sop import SopBook
from services.dispatch import DispatchService

from .dispatch_bridge import DispatchBridge


@dataclass(frozen=True)
class DispatchDesk:
    """The service's calls block (a transaction on its thread): the panel runs them through the TaskRunner."""

    service: DispatchService
    actor: Actor
    bridge: DispatchBridge  # IncidentChanged, ResponderMoved, alerts, auto-dispatch notices

    @property
    def sops(self) -> SopBook:
        return self.service.sops

    @property
    def targets(self) -> SlaTargets:
        return self.service.settings.targets
