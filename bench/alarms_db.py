"""The database's own limit for a burst's writes: the statements the alarm writer ends up issuing, without it.

Same message shape as the benchmark's load (sensor i % n, type i // n % 7; the first n × 7 messages are new
alarms, later ones repeat them), same batches (500 per transaction) and the cockpit's engine settings
(cockpit.db: SQLite in WAL mode): per batch the writer's two look-ups of the source keys, INSERT of the new
alarms, UPDATE of each repeated alarm's count and details, INSERT of the repeats' source keys. No ORM, no
classification, no events: what is left is SQLite's (and SQLAlchemy Core's) cost.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update

from cockpit.db import create_db_engine
from cockpit.models import (
    Alarm,
    AlarmKind,
    AlarmSource,
    AlarmSourceRef,
    AlarmState,
    Device,
    Site,
)

from .alarms_feed import TYPES

KINDS = {"smoke": AlarmKind.SMOKE, "heart_rate": AlarmKind.HEART_RATE, "button": AlarmKind.EMERGENCY_BUTTON,
         "door": AlarmKind.DOOR, "gas": AlarmKind.GAS, "water_leak": AlarmKind.WATER_LEAK, "fall": AlarmKind.FALL}


def insert_ceiling(db_file: Path, codes: list[str], count: int, batch: int = 500) -> dict:
    """Messages per second SQLite takes in this shape, on a copy of `db_file` (the original is not touched)."""
    alarms, refs = Alarm.__table__, AlarmSourceRef.__table__
    with tempfile.TemporaryDirectory(prefix="cockpit-dbceiling-") as tmp:
        copy = Path(tmp) / "ceiling.db"
        shutil.copyfile(db_file, copy)
        engine = create_db_engine(f"sqlite:///{copy}")
        try:
            with engine.connect() as conn:
                site_id = conn.execute(select(Site.id)).scalar_one()
                device_ids = dict(conn.execute(select(Device.code, Device.id).where(Device.code.in_(codes))).all())
            open_ids: dict[tuple[str, str], int] = {}
            repeats: dict[int, int] = {}
            t0 = time.perf_counter()
            for start in range(0, count, batch):
                now = datetime.now(UTC)
                keys = [f"mqtt:{uuid.uuid4().hex}" for _ in range(start, min(count, start + batch))]
                shapes = [(codes[i % len(codes)], TYPES[(i // len(codes)) % len(TYPES)][0])
                          for i in range(start, start + len(keys))]
                with engine.begin() as conn:
                    conn.execute(select(alarms.c.source_ref).where(alarms.c.source_ref.in_(keys))).all()
                    conn.execute(select(refs.c.ref).where(refs.c.ref.in_(keys))).all()
                    new = [(k, s) for k, s in zip(keys, shapes, strict=True) if s not in open_ids]
                    new_keys = {k for k, _ in new}
                    if new:
                        ids = conn.execute(insert(alarms).returning(alarms.c.id, sort_by_parameter_order=True), [
                            {"site_id": site_id, "kind": KINDS[t], "source": AlarmSource.SENSOR, "state": AlarmState.NEW,
                             "priority": 2, "device_id": device_ids.get(code), "occurred_at": now, "received_at": now,
                             "repeat_count": 1, "source_ref": k, "details": {"last_at": now.isoformat()},
                             "category": "other", "rule_name": "default"} for k, (code, t) in new]).scalars().all()
                        open_ids.update({s: i for (_, s), i in zip(new, ids, strict=True)})
                    merged = [(k, open_ids[s]) for k, s in zip(keys, shapes, strict=True) if k not in new_keys]
                    if merged:
                        for _, alarm_id in merged:
                            repeats[alarm_id] = repeats.get(alarm_id, 1) + 1
                        changed = {a for _, a in merged}
                        conn.execute(update(alarms).where(alarms.c.id == bindparam("aid"))
                                     .values(repeat_count=bindparam("n"), details=bindparam("d")),
                                     [{"aid": a, "n": repeats[a], "d": {"last_at": now.isoformat()}} for a in changed])
                        conn.execute(insert(refs), [{"ref": k, "alarm_id": a, "received_at": now} for k, a in merged])
            seconds = time.perf_counter() - t0
        finally:
            engine.dispose()
    return {"messages": count, "batch": batch, "seconds": round(seconds, 3), "rate": round(count / seconds)}
