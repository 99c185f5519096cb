"""The simulated IoT feed over MQTT: sensor events, heartbeats, responders answering dispatch (docs/sim/FEED.md)."""

from .broker import EmbeddedBroker
from .publisher import SensorFeed
from .responders import SimulatedResponders
from .sensors import SimulatedSensors

__all__ = ["EmbeddedBroker", "SensorFeed", "SimulatedResponders", "SimulatedSensors"]
