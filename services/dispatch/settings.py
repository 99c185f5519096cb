"""How a site dispatches: walking speeds, SLA targets, escalation timings ([dispatch] in the config)."""

from __future__ import annotations

import socket
from collections.abc import Mapping
from dataclasses import dataclass, field

from cockpit.config import DispatchConfig
from cockpit.escalation import EscalationPolicy
from cockpit.models import ResponderRole
from cockpit.routing import DEFAULT_SPEEDS_MPS
from cockpit.sla import SlaTargets


@dataclass(frozen=True)
class DispatchSettings:
    speeds: Mapping[ResponderRole, float] = field(default_factory=lambda: dict(DEFAULT_SPEEDS_MPS))
    accept_within_s: float = 60.0
    arrival_target_s: float = 600.0
    lock_target_s: float = 10.0
    auto_assign: bool = True
    escalate_every_s: float = 1.0
    position_write_s: float = 5.0
    workstation: str = field(default_factory=socket.gethostname)

    @classmethod
    def from_config(cls, config: DispatchConfig, workstation: str | None = None) -> DispatchSettings:
        return cls(speeds={ResponderRole(k): v for k, v in config.speeds_mps.model_dump().items()},
                   accept_within_s=config.accept_within_s, arrival_target_s=config.arrival_target_s,
                   lock_target_s=config.lock_target_s, auto_assign=config.auto_assign,
                   escalate_every_s=config.escalate_every_s, position_write_s=config.position_write_s,
                   workstation=workstation or socket.gethostname())

    @property
    def policy(self) -> EscalationPolicy:
        return EscalationPolicy(self.accept_within_s, self.arrival_target_s)

    @property
    def targets(self) -> SlaTargets:
        return SlaTargets(self.lock_target_s, self.arrival_target_s)


@dataclass(frozen=True)
class DispatchStats:
    received: int = 0  # responder messages that parsed
    applied: int = 0
    rejected: int = 0  # malformed (logged)
    unknown: int = 0  # a responder this site does not have (logged)
    duplicates: int = 0
    stale: int = 0
    commands: int = 0  # dispatch commands published
    escalations: int = 0  # escalation keys acted on by this service
