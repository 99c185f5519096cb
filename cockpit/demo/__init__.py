"""Demo data: a seeded, plausible Hangzhou "future community" and a fast writer for it."""

from .generator import DEFAULT_SEED, generate
from .records import (
    DemoBuilding,
    DemoCamera,
    DemoCommunity,
    DemoDevice,
    DemoFloor,
    DemoPathEdge,
    DemoPathNode,
    DemoResident,
    DemoResponder,
    DemoSite,
    DemoSize,
    DemoUnit,
    DemoVehicle,
)
from .writer import DEMO_ACCOUNTS, ensure_demo, write_demo

__all__ = [
    "DEFAULT_SEED", "DEMO_ACCOUNTS", "DemoBuilding", "DemoCamera", "DemoCommunity", "DemoDevice",
    "DemoFloor", "DemoPathEdge", "DemoPathNode", "DemoResident", "DemoResponder", "DemoSite",
    "DemoSize", "DemoUnit", "DemoVehicle", "ensure_demo", "generate", "write_demo",
]
