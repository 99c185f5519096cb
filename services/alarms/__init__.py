"""Alarm ingest (issue 6): sensors over MQTT, camera events, analytics and manual alarms -> classified,
merged, suppressed, committed in batches, then acknowledged and announced as AlarmChanged."""

from .batch import Outcome
from .inputs import AlarmInput, Rejected, camera_input, sensor_input
from .service import AlarmIngestService, IngestSettings

__all__ = ["AlarmIngestService", "AlarmInput", "IngestSettings", "Outcome", "Rejected", "camera_input",
           "sensor_input"]
