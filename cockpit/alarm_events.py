"""What the alarm services tell the rest of the cockpit: immutable snapshots of alarms, safe across threads.

The ingest service (services/alarms) emits these through a sink after the alarm is committed to the
database; a bridge in widgets/ turns them into queued Qt signals for the queue, the plan and the wall.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .models.enums import AlarmKind, AlarmSource, AlarmState


@dataclass(frozen=True)
class AlarmView:
    """One alarm as the queue shows it. Personal data is not in here: the place, not the person."""

    id: int
    kind: AlarmKind
    source: AlarmSource
    state: AlarmState
    priority: int  # 1 (highest) … 4
    category: str  # risk category key from the rules file, e.g. "life_safety"
    category_en: str
    category_zh_CN: str
    colour: str  # the priority's colour, #RRGGBB
    sound: str  # the priority's sound name
    rule_name: str  # the classification rule that decided
    device_code: str | None
    place: str  # where, for people: building/device name or a landmark
    building_id: int | None
    x: float | None
    y: float | None
    occurred_at: datetime  # the source's clock (UTC)
    received_at: datetime  # ours (UTC): SLA clocks start here
    repeat_count: int = 1  # duplicates merged into this alarm
    owner: str | None = None  # user name of the operator who took it
    incident_id: int | None = None
    video_locked_at: datetime | None = None  # first live frame of the place painted (the 10-second lock)
    lock_camera: str | None = None

    def category_title(self, language: str) -> str:
        return self.category_zh_CN if language.startswith("zh") else self.category_en


@dataclass(frozen=True)
class AlarmChanged:
    """An alarm was persisted (`new`), merged a duplicate, or changed state/owner."""

    alarm: AlarmView
    new: bool = False


@dataclass(frozen=True)
class AlarmIngestStats:
    """Ingest health for the status bar and benchmarks."""

    received: int
    persisted: int
    merged: int  # duplicates folded into an existing alarm
    suppressed: int  # by a maintenance window
    rejected: int  # malformed messages (logged with the reason)
    batch_p99_ms: float | None = None  # commit time of a batch
    redelivered: int = 0  # a source key already stored (MQTT redelivery): acknowledged, not stored again
    cleared: int = 0  # "clear" messages noted on an open alarm
    queued: int = 0  # waiting for the writer
    batches: int = 0  # committed so far
    largest_batch: int = 0
