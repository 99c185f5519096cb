"""The recordings table as the recorder uses it: a finished clip becomes a row, evidence is marked.

Each call opens its own session (services/database.py); the audit record of a user's act commits with it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from cockpit import audit
from cockpit.audit import Actor
from cockpit.models import Camera, Device, Recording, RecordingReason
from services.database import DatabaseService

from .errors import RecordingError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewRecording:
    code: str
    started_at: datetime
    ended_at: datetime
    path: str  # relative to the recording directory, "/" separated
    size_bytes: int
    container: str
    codec: str
    width: int | None
    height: int | None
    reason: RecordingReason
    incident_id: int | None = None
    alarm_id: int | None = None
    actor: Actor | None = None


def save_recording(db: DatabaseService, new: NewRecording) -> int:
    """Insert the row (and, for a user's recording, its audit record); returns its id.

    A camera code not in the database is stored without a camera link rather than losing the clip.
    """
    try:
        with db.session() as session:
            camera_id = session.scalar(select(Camera.id).join(Device, Camera.device_id == Device.id)
                                       .where(Device.code == new.code))
            if camera_id is None:
                logger.warning("%s: recording of a camera not in the database", new.code)
            row = Recording(camera_id=camera_id, camera_code=new.code, started_at=new.started_at,
                            ended_at=new.ended_at, path=new.path, size_bytes=new.size_bytes,
                            container=new.container, codec=new.codec, width=new.width, height=new.height,
                            reason=new.reason, incident_id=new.incident_id, alarm_id=new.alarm_id, evidence=False,
                            created_by_id=new.actor.user_id if new.actor else None)
            session.add(row)
            session.flush()
            if new.actor is not None:
                audit.record(session, new.actor, "recording.saved", target_type="recording", target_id=row.id,
                             camera=new.code, reason=new.reason.value, incident_id=new.incident_id)
            session.commit()
            return row.id
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise RecordingError(f"the database refused the recording: {reason}") from exc


def set_evidence(db: DatabaseService, recording_id: int, evidence: bool, actor: Actor | None) -> None:
    """Mark (or unmark) a clip as evidence: retention never deletes evidence. Blocking: call from a worker."""
    with db.session() as session:
        row = session.get(Recording, recording_id)
        if row is None:
            raise RecordingError(f"recording {recording_id} does not exist")
        row.evidence = evidence
        audit.record(session, actor, "recording.evidence" if evidence else "recording.evidence_removed",
                     target_type="recording", target_id=recording_id)
        session.commit()
