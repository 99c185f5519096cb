"""Which cameras are likely to be needed next: the ones whose sub streams are worth keeping warm.

A camera is likely when an alarm that is still live lies in its view: a lesser alarm (a P4 motion, a
P3 water leak) is often the first sign of the urgent one that follows at the same place, and an
operator works through the queue, selecting alarms that are already there. Each live alarm adds its
priority's weight to the camera the video lock would choose for it (half to the runner-up), fading
with a half-life so that fresh signs count more than old ones. Pinned cameras (a main gate) get a
small constant score: they are warm when nothing fresher competes.

Plain Python, no Qt and no clock of its own (callers pass `now`), so tests drive it directly.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

PRIORITY_WEIGHT = {1: 8.0, 2: 4.0, 3: 2.0, 4: 1.0}
RUNNER_UP_SHARE = 0.5  # the second camera that sees a place gets this share of the alarm's weight
PINNED_SCORE = 0.25  # below a P4 alarm two half-lives old: fresh signs come first
FORGET_BELOW = 0.05  # contributions that faded under this are dropped


@dataclass(frozen=True)
class _Sign:
    cameras: tuple[str, ...]
    weight: float
    at: float


@dataclass
class WarmPlanner:
    half_life_s: float = 600.0
    pinned: tuple[str, ...] = ()
    _signs: dict[int, _Sign] = field(default_factory=dict)

    def note(self, alarm_id: int, priority: int, cameras: Sequence[str], at: float) -> None:
        """A live alarm whose place `cameras` see (best first); noting it again refreshes it."""
        if cameras:
            self._signs[alarm_id] = _Sign(tuple(cameras[:2]), PRIORITY_WEIGHT.get(priority, 1.0), at)

    def forget(self, alarm_id: int) -> None:
        """The alarm is handled (closed, suppressed, in an incident that has its picture): no longer a sign."""
        self._signs.pop(alarm_id, None)

    def scores(self, now: float) -> dict[str, float]:
        scores = dict.fromkeys(self.pinned, PINNED_SCORE)
        for alarm_id, sign in list(self._signs.items()):
            weight = sign.weight * 0.5 ** (max(0.0, now - sign.at) / self.half_life_s)
            if weight < FORGET_BELOW:
                del self._signs[alarm_id]
                continue
            for rank, code in enumerate(sign.cameras):
                scores[code] = scores.get(code, 0.0) + weight * (RUNNER_UP_SHARE if rank else 1.0)
        return scores

    def ranked(self, now: float, exclude: Collection[str] = ()) -> list[str]:
        """Cameras by likelihood, most likely first (ties by code, so the order is stable)."""
        scores = self.scores(now)
        return sorted((c for c in scores if c not in exclude), key=lambda c: (-scores[c], c))
