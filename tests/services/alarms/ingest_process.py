"""A bare alarm ingest in its own process, for the kill -9 test: python -m tests.services.alarms.ingest_process
<db url> <host> <port> <client id>. Prints "ready" once subscribed, then runs until killed."""

from __future__ import annotations

import sys
import time

from services.alarms import AlarmIngestService, IngestSettings
from services.database import DatabaseService


def main() -> None:
    url, host, port, client_id = sys.argv[1:5]
    db = DatabaseService(url)
    db.start()
    AlarmIngestService(db, lambda _e: None, IngestSettings(site="DEMO", client_id=client_id, batch_max=50),
                       mqtt=(host, int(port))).start()
    print("ready", flush=True)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
