"""Scenario files (YAML or JSON) as validated models: strict keys, and errors that name the file line."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from cockpit.yaml_files import YamlFileError, compose, dotted, yaml_line

logger = logging.getLogger(__name__)

Kind = Literal["fall", "crowd", "smoke", "heart_rate", "intrusion", "emergency_button", "door"]
CAMERA_KINDS = frozenset({"fall", "crowd", "intrusion"})  # seen on video; the rest are sensor-only
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)")


class ScenarioError(ValueError):
    """A scenario that cannot be loaded or run; the message names the place in the file."""


def parse_duration(value: Any) -> float:
    """Seconds from 20, 20.5, "20s", "1m30s", "500ms", "2h"."""
    if isinstance(value, bool):  # pydantic reports ValueError (not TypeError) as a validation error
        raise ValueError("a duration is a number of seconds or text like 20s, 1m30s, 500ms")  # noqa: TRY004
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    pos, total = 0, 0.0
    while pos < len(text):
        m = _PART.match(text, pos)
        if m is None:
            raise ValueError(f"invalid duration {value!r}: use e.g. 20s, 1m30s, 2m, 500ms")
        total += float(m.group(1)) * _UNITS[m.group(2)]
        pos = m.end()
    if not text:
        raise ValueError("empty duration")
    return total


Duration = Annotated[float, BeforeValidator(parse_duration), Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Where(_Strict):
    """One place: a lobby, the square, a gate, a point, or a building (and floor)."""

    lobby: int | None = Field(None, ge=1, description="building number: outside its lobby door")
    entrance: int | None = Field(None, ge=1, description="with lobby: which entrance (单元), 1 = west/south-most")
    square: Literal[True] | None = Field(None, description="the central square")
    gate: str | None = Field(None, min_length=1, description="gate label, e.g. 北门")
    xy: tuple[float, float] | None = Field(None, description="site metres [x east, y north]")
    building: int | None = Field(None, ge=1, description="building number")
    floor: int | None = Field(None, description="with building: the floor (1 = ground)")

    @model_validator(mode="after")
    def _one_place(self) -> Where:
        given = [k for k in ("lobby", "square", "gate", "xy", "building") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of lobby, square, gate, xy, building (got {given or 'none'})")
        if self.entrance is not None and self.lobby is None:
            raise ValueError("entrance goes with lobby")
        if self.floor is not None and self.building is None:
            raise ValueError("floor goes with building")
        return self


class ResidentFilter(_Strict):
    """Which resident (among those with the right device): all given conditions must hold."""

    id: int | None = Field(None, description="resident id in the database")
    min_age: int | None = Field(None, ge=0, le=130)
    max_age: int | None = Field(None, ge=0, le=130)
    lives_alone: bool | None = None


class Incident(_Strict):
    at: Duration = Field(description="time from the start of the timeline, e.g. 20s or 1m30s")
    kind: Kind
    where: Where | None = None
    resident: ResidentFilter | None = None
    device: str | None = Field(None, description="an explicit sensor code, e.g. SMK-0012")
    count: int = Field(12, ge=1, le=200, description="crowd: how many people")
    radius_m: float = Field(6.0, gt=0, le=50, description="crowd: how tightly they stand")
    bpm: int = Field(150, ge=20, le=250, description="heart_rate: the reading")
    night: bool = Field(False, description="it is dark while the incident lasts")
    duration: Duration = Field(60.0, description="until the fallen get up, crowds leave, sensors clear")
    approach: Duration = Field(10.0, description="fall: a passer-by walks up for at most this long; "
                                                 "crowd: people arrive within about this long")
    label: str | None = None

    @model_validator(mode="after")
    def _enough_to_place(self) -> Incident:
        w = self.where
        need = {
            "fall": w is not None,
            "crowd": w is not None,
            "intrusion": w is not None and (w.gate is not None or w.xy is not None),
            "smoke": self.device is not None or (w is not None and w.building is not None),
            "heart_rate": self.device is not None or self.resident is not None,
            "emergency_button": self.device is not None or self.resident is not None
            or (w is not None and w.lobby is not None),
            "door": self.device is not None or self.resident is not None or (w is not None and w.building is not None),
        }
        hint = {
            "fall": "where", "crowd": "where", "intrusion": "where: {gate: …} or {xy: […]}",
            "smoke": "device or where: {building: …, floor: …}", "heart_rate": "resident or device",
            "emergency_button": "where: {lobby: …}, resident or device",
            "door": "resident, device or where: {building: …}",
        }
        if not need[self.kind]:
            raise ValueError(f"a {self.kind} incident needs {hint[self.kind]}")
        return self


class Scenario(_Strict):
    name: str = Field(min_length=1)
    seed: int = Field(0, description="picks among matching residents and devices")
    loop: bool = Field(False, description="repeat the timeline")
    period: Duration | None = Field(None, description="loop length; default: last incident + 30 s")
    incidents: list[Incident] = Field(min_length=1)

    @model_validator(mode="after")
    def _period_after_last(self) -> Scenario:
        if self.period is not None and self.period <= max(i.at for i in self.incidents):
            raise ValueError("period must be longer than the last incident's time")
        return self

    @property
    def cycle_s(self) -> float:
        return self.period if self.period is not None else max(i.at for i in self.incidents) + 30.0


def parse_scenario(text: str, source: str = "<scenario>") -> Scenario:
    """Validate scenario text; ScenarioError lists every problem as source:line: field: message."""
    try:
        root, data = compose(text, source)
    except YamlFileError as exc:
        problem = exc.problems[0]
        at = f"{source}:{problem.line}" if problem.line else source
        raise ScenarioError(f"{at}: not valid YAML/JSON: {problem.message}") from exc
    if not isinstance(data, dict):
        raise ScenarioError(f"{source}: a scenario is a mapping with name and incidents")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = f"{source}:{yaml_line(root, loc)}"
            incident = f" (incident {loc[1] + 1})" if len(loc) > 1 and loc[0] == "incidents" \
                and isinstance(loc[1], int) else ""
            msg = err["msg"].removeprefix("Value error, ")
            lines.append(f"{where}: {dotted(loc)}{incident}: {msg}")
        raise ScenarioError("\n".join(lines)) from None


def load_scenario(path: Path | str) -> Scenario:
    path = Path(path)
    return parse_scenario(path.read_text(encoding="utf-8"), str(path))
