"""Ground truth of a scenario run: one JSON line per incident, what benchmarks and analytics tests measure against."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

Record = dict[str, Any]


class GroundTruthLog:
    """Appends records to a JSON Lines file (if given) and keeps them in memory; thread-safe."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._records: list[Record] = []
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)

    def write(self, record: Record) -> None:
        line = json.dumps(record, ensure_ascii=False, sort_keys=True)
        with self._lock:
            self._records.append(record)
            if self.path is not None:
                with self.path.open("a", encoding="utf-8") as f:
                    f.write(line + "\n")
        logger.info("ground truth: %s %s at (%.1f, %.1f)", record["id"], record["kind"], record["x"], record["y"])

    def records(self) -> list[Record]:
        with self._lock:
            return list(self._records)


def read_ground_truth(path: Path) -> list[Record]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
