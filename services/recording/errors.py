"""Errors of the recorder, with messages an operator or installer can act on (English; the UI translates)."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


class RecordingError(Exception):
    """A clip could not be recorded or stored; str() says why."""
