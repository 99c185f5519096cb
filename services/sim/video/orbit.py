"""A tiny WorldView: people walking in a circle in front of one camera — for tests and benchmarks of video alone."""

from __future__ import annotations

import logging
import math
import time

from services.sim.model import Person, SimCamera, WorldFrame

logger = logging.getLogger(__name__)

COLOURS = ((40, 60, 200), (200, 90, 40), (60, 170, 60), (170, 60, 170), (30, 200, 220), (220, 220, 220))


class OrbitWorld:
    """`people` walkers on a circle of `radius` m centred `distance` m in front of `camera`; one may lie fallen."""

    def __init__(self, camera: SimCamera, people: int = 6, radius: float = 5.0, distance: float = 15.0,
                 speed_mps: float = 1.3, fallen: bool = False, night: bool = False) -> None:
        heading = math.radians(camera.heading_deg)
        self.cx = camera.x + math.sin(heading) * distance
        self.cy = camera.y + math.cos(heading) * distance
        self.people, self.radius, self.speed, self.fallen, self.night = people, radius, speed_mps, fallen, night

    def frame(self) -> WorldFrame:
        t = time.time()
        omega = self.speed / self.radius
        walkers = []
        for i in range(self.people):
            a = omega * t + 2 * math.pi * i / self.people
            x, y = self.cx + self.radius * math.cos(a), self.cy + self.radius * math.sin(a)
            # moving counter-clockwise in x/y: direction of travel is a + 90° (math) → compass
            heading = math.degrees(math.atan2(-math.sin(a), math.cos(a))) % 360.0
            posture = "fallen" if self.fallen and i == 0 else "walking"
            walkers.append(Person(i, x, y, heading, posture, colour=COLOURS[i % len(COLOURS)]))
        return WorldFrame(t, tuple(walkers), self.night)
