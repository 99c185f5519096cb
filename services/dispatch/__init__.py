"""Dispatch (issue 6 part 5): incidents operated by people, responders reporting over MQTT, escalation rules."""

from .actions import DispatchRefused
from .service import DispatchService, DispatchUnavailable
from .settings import DispatchSettings, DispatchStats

__all__ = ["DispatchRefused", "DispatchService", "DispatchSettings", "DispatchStats", "DispatchUnavailable"]
