"""How long to wait before the next reconnect: exponential, capped, with jitter so streams do not retry in step."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backoff:
    first_s: float = 0.5
    factor: float = 2.0
    max_s: float = 10.0
    jitter: float = 0.2  # ± this share of the delay

    def delay(self, failures: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after the `failures`-th failure in a row (1, 2, …)."""
        base = min(self.max_s, self.first_s * self.factor ** max(0, failures - 1))
        return base * (rng or random).uniform(1 - self.jitter, 1 + self.jitter)
