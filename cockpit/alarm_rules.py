"""Alarm classification: hand-edited rules (resources/alarm_rules.yaml) give each alarm a priority and a risk category.

Rules live in a file, not in code, because each community weighs risks differently (a gate at night,
a block of elderly residents living alone); the first matching rule wins so the order reads as policy.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, Field, model_validator

import resources

from .models import AlarmKind, AlarmSource, BuildingKind
from .yaml_files import Loc, LocalText, Strict, load_model, parse_model

logger = logging.getLogger(__name__)

DEFAULT_RULES_PATH = resources.path("alarm_rules.yaml")
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")


class Priority(enum.IntEnum):
    """P1 (act now) … P4; the int is what Alarm.priority and Incident.priority store."""

    P1 = 1
    P2 = 2
    P3 = 3
    P4 = 4


def _priority(value: Any) -> Priority:
    if isinstance(value, Priority):
        return value
    if isinstance(value, str) and value in Priority.__members__:
        return Priority[value]
    raise ValueError(f"a priority is one of P1, P2, P3, P4, not {value!r}")


def _minutes(text: str, *, end: bool) -> int:
    m = _HHMM.match(text.strip())
    if m is None:
        raise ValueError(f"{text!r} is not a time of day HH:MM")
    hours, minutes = int(m.group(1)), int(m.group(2))
    if hours == 24 and minutes == 0 and end:
        return 24 * 60
    if hours > 23 or minutes > 59:
        raise ValueError(f"{text!r} is not a time of day (00:00 to 23:59, or 24:00 to end a range)")
    return hours * 60 + minutes


@dataclass(frozen=True)
class TimeRange:
    """Local time of day from `start_min` (included) to `end_min` (excluded), minutes after midnight;
    a range whose end is before its start crosses midnight."""

    start_min: int
    end_min: int

    @classmethod
    def parse(cls, text: Any) -> TimeRange:
        if not isinstance(text, str) or text.count("-") != 1:  # YAML reads a bare 22:00 as the number 1320
            raise ValueError(f"a time range is quoted text like \"22:00-06:00\", not {text!r}")
        start, end = text.split("-")
        span = cls(_minutes(start, end=False), _minutes(end, end=True))
        if span.start_min == span.end_min % (24 * 60):
            raise ValueError(f"{text!r} is empty or the whole day; use 00:00-24:00 for the whole day")
        return span

    def contains(self, t: time) -> bool:
        minute = t.hour * 60 + t.minute + (t.second + t.microsecond / 1e6) / 60
        if self.start_min < self.end_min:
            return self.start_min <= minute < self.end_min
        return minute >= self.start_min or minute < self.end_min


def _one_or_many(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


def _time_ranges(value: Any) -> tuple[TimeRange, ...]:
    return tuple(TimeRange.parse(v) for v in _one_or_many(value))


PriorityField = Annotated[Priority, BeforeValidator(_priority)]
Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


@dataclass(frozen=True)
class AlarmFacts:
    """What classification may look at, gathered by the caller from the alarm, its place and its person."""

    kind: AlarmKind
    local_time: time  # site-local time of day the alarm was received (see `local_time_of`)
    source: AlarmSource | None = None
    building_kind: BuildingKind | None = None
    building_number: int | None = None
    building_name: str | None = None
    zones: frozenset[str] = frozenset()  # named areas the alarm lies in
    resident_age: int | None = None  # the person concerned, if known
    lives_alone: bool | None = None


def local_time_of(instant: datetime, timezone: str) -> time:
    """Site-local time of day of an aware instant (Site.timezone, e.g. Asia/Shanghai)."""
    return instant.astimezone(ZoneInfo(timezone)).time()


class Conditions(Strict):
    """All given conditions must hold; a list matches any of its values."""

    kind: Annotated[list[AlarmKind], BeforeValidator(_one_or_many)] | None = None
    source: Annotated[list[AlarmSource], BeforeValidator(_one_or_many)] | None = None
    building_kind: Annotated[list[BuildingKind], BeforeValidator(_one_or_many)] | None = None
    building: Annotated[list[int | str], BeforeValidator(_one_or_many)] | None = None
    zone: Annotated[list[str], BeforeValidator(_one_or_many)] | None = None
    time: Annotated[tuple[TimeRange, ...], BeforeValidator(_time_ranges)] | None = None
    min_age: int | None = Field(default=None, ge=0, le=130)
    max_age: int | None = Field(default=None, ge=0, le=130)
    lives_alone: bool | None = None

    @model_validator(mode="after")
    def _ages_in_order(self) -> Conditions:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValueError("min_age is above max_age: no one can match")
        return self

    @property
    def always(self) -> bool:
        return all(getattr(self, name) is None for name in type(self).model_fields)

    def matches(self, f: AlarmFacts) -> bool:
        age = f.resident_age
        return (
            (self.kind is None or f.kind in self.kind)
            and (self.source is None or f.source in self.source)
            and (self.building_kind is None or f.building_kind in self.building_kind)
            and (self.building is None or f.building_number in self.building or f.building_name in self.building)
            and (self.zone is None or not f.zones.isdisjoint(self.zone))
            and (self.time is None or any(r.contains(f.local_time) for r in self.time))
            and (self.min_age is None or (age is not None and age >= self.min_age))
            and (self.max_age is None or (age is not None and age <= self.max_age))
            and (self.lives_alone is None or (f.lives_alone is not None and f.lives_alone == self.lives_alone))
        )


class Rule(Strict):
    name: Name
    when: Conditions = Field(default_factory=Conditions)
    priority: PriorityField
    category: Name


class PriorityStyle(Strict):
    colour: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$", description="badge colour, #RRGGBB")
    sound: Name = Field(description="name of the sound the UI plays")
    title: LocalText


class AlarmRules(Strict):
    """A validated rule file."""

    priorities: dict[Literal["P1", "P2", "P3", "P4"], PriorityStyle]
    categories: dict[Name, LocalText]
    rules: list[Rule] = Field(min_length=1)

    def style(self, priority: Priority) -> PriorityStyle:
        return self.priorities[priority.name]  # type: ignore[index]


@dataclass(frozen=True)
class Classification:
    priority: Priority
    category: str
    category_title: LocalText
    colour: str
    sound: str
    rule_name: str  # which rule decided: shown to operators, kept in the audit trail


def classify(facts: AlarmFacts, rules: AlarmRules) -> Classification:
    """The first rule that matches decides (a valid file ends with a rule that always matches)."""
    rule = next(r for r in rules.rules if r.when.matches(facts))
    style = rules.style(rule.priority)
    return Classification(rule.priority, rule.category, rules.categories[rule.category],
                          style.colour, style.sound, rule.name)


def _cross_checks(rules: AlarmRules) -> Iterator[tuple[Loc, str]]:
    for p in Priority:
        if p.name not in rules.priorities:
            yield ("priorities",), f"{p.name} needs a colour and a sound"
    seen: set[str] = set()
    last = len(rules.rules) - 1
    for i, rule in enumerate(rules.rules):
        if rule.name in seen:
            yield ("rules", i, "name"), f"rule name {rule.name!r} is used twice"
        seen.add(rule.name)
        if rule.category not in rules.categories:
            yield ("rules", i, "category"), f"unknown category {rule.category!r}; define it under categories"
        if rule.when.always and i < last:
            yield ("rules", i), f"rule {rule.name!r} matches every alarm, so the rules after it never apply"
    if not rules.rules[last].when.always:
        yield ("rules", last), "the last rule must have no `when`, so that every alarm is classified"


def parse_rules(text: str, source: str = "<alarm rules>") -> AlarmRules:
    """Validate rule text; YamlFileError lists every problem as source:line: where: reason."""
    return parse_model(text, AlarmRules, source, _cross_checks)


def load_rules(path: Path | str = DEFAULT_RULES_PATH) -> AlarmRules:
    rules = load_model(path, AlarmRules, _cross_checks)
    logger.info("%d alarm rules", len(rules.rules))
    return rules
