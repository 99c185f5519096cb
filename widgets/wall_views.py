"""Saved wall views: a layout and which camera is on which tile, stored by name per user (ui.ini).

Operators switch between prepared views ("Gates at night", "Square market day") in one step, like the
views of Milestone's Smart Client. A view that names a camera since removed simply leaves that tile empty.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WallView:
    layout: str
    tiles: dict[int, str] = field(default_factory=dict)  # tile index -> camera code

    def to_json(self) -> str:
        return json.dumps({"layout": self.layout, "tiles": {str(k): v for k, v in self.tiles.items()}},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> WallView:
        data = json.loads(text)
        tiles = {int(k): str(v) for k, v in dict(data.get("tiles", {})).items()}
        return cls(str(data["layout"]), tiles)


class SavedViews:
    """Named views in QSettings under `wall/<user>/views/<name>`; a damaged entry is skipped and logged."""

    def __init__(self, settings: QSettings, user: str) -> None:
        self._settings = settings
        self._group = f"wall/{user}/views"

    def names(self) -> list[str]:
        self._settings.beginGroup(self._group)
        try:
            return sorted(self._settings.childKeys(), key=str.casefold)
        finally:
            self._settings.endGroup()

    def load(self, name: str) -> WallView | None:
        raw = self._settings.value(f"{self._group}/{name}")
        if not isinstance(raw, str):
            return None
        try:
            return WallView.from_json(raw)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            logger.warning("saved wall view %r is damaged and was skipped: %s", name, exc)
            return None

    def save(self, name: str, view: WallView) -> None:
        self._settings.setValue(f"{self._group}/{name}", view.to_json())
        self._settings.sync()

    def remove(self, name: str) -> None:
        self._settings.remove(f"{self._group}/{name}")
        self._settings.sync()
