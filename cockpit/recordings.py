"""Recording events and the retention rule: plain data, so services, widgets and tests share one vocabulary.

The recorder (services/recording) emits these through its sink from its own threads; a bridge in
widgets/ turns them into queued Qt signals.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .models.enums import IncidentState, RecordingReason


class BufferState(enum.StrEnum):
    """The pre-alarm buffer of one camera (its packet tap)."""

    CONNECTING = "connecting"
    BUFFERING = "buffering"  # packets arrive; the buffer holds footage
    RECONNECTING = "reconnecting"  # lost after buffering; retrying with backoff (the buffer is kept)
    FAILED = "failed"  # no packets, not a short hiccup; still retrying
    STOPPED = "stopped"


@dataclass(frozen=True)
class BufferStateChanged:
    code: str
    state: BufferState
    message: str = ""


@dataclass(frozen=True)
class RecordingStarted:
    code: str
    reason: RecordingReason
    pre_s: float  # footage before the trigger actually available (0 if the camera kept no buffer)
    until: datetime  # planned end (UTC); a later trigger extends it
    incident_id: int | None = None
    alarm_id: int | None = None


@dataclass(frozen=True)
class RecordingExtended:
    code: str
    until: datetime


@dataclass(frozen=True)
class RecordingSaved:
    code: str
    recording_id: int
    path: Path
    started_at: datetime
    ended_at: datetime
    size_bytes: int
    reason: RecordingReason
    incident_id: int | None = None
    gaps: int = 0  # reconnections inside the clip (the picture freezes there)


@dataclass(frozen=True)
class RecordingFailed:
    code: str
    message: str


@dataclass(frozen=True)
class RetentionReport:
    """What one retention run did. `over_quota` with nothing left to delete means protected footage
    alone fills the quota: someone must close incidents, unmark evidence, or raise the quota."""

    quota_bytes: int
    used_bytes: int  # after the run
    protected_bytes: int
    deleted: int = 0
    freed_bytes: int = 0
    missing_files: int = 0  # rows whose file was gone (unprotected rows removed, protected ones marked)
    errors: tuple[str, ...] = ()

    @property
    def over_quota(self) -> bool:
        return self.used_bytes > self.quota_bytes


# An incident still being handled keeps its footage; only a closed one releases it. Retention checks
# this in SQL (services/recording/retention.py), together with the evidence flag.
RELEASED_INCIDENT_STATES = frozenset({IncidentState.CLOSED})


@dataclass(frozen=True)
class StoredClip:
    """What retention needs to know about one clip on disk."""

    recording_id: int
    started_at: datetime
    size_bytes: int
    protected: bool


def plan_retention(clips: Sequence[StoredClip], quota_bytes: int) -> list[StoredClip]:
    """The clips to delete, oldest first, until the total fits the quota; protected clips are never chosen."""
    used = sum(c.size_bytes for c in clips)
    chosen: list[StoredClip] = []
    for clip in sorted(clips, key=lambda c: (c.started_at, c.recording_id)):
        if used <= quota_bytes:
            break
        if clip.protected:
            continue
        chosen.append(clip)
        used -= clip.size_bytes
    return chosen
