"""Alarm rows -> AlarmView snapshots (cockpit.alarm_events), the only form alarms leave the services in.

The view carries the priority's colour and sound and the category's titles from the rule file, so
the queue, the plan and the wall never need the rules or the database to draw an alarm.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cockpit.alarm_events import AlarmView
from cockpit.alarm_rules import AlarmRules, Priority
from cockpit.models import Alarm, AlarmState, Building, Device, User


def alarm_view(alarm: Alarm, rules: AlarmRules, *, device_code: str | None, place: str,
               owner: str | None = None) -> AlarmView:
    priority = Priority(min(max(alarm.priority, 1), 4))
    style = rules.style(priority)
    category = alarm.category or "other"
    title = rules.categories.get(category)
    return AlarmView(
        id=alarm.id, kind=alarm.kind, source=alarm.source, state=alarm.state, priority=int(priority),
        category=category, category_en=title.en if title else category,
        category_zh_CN=title.zh_CN if title else category, colour=style.colour, sound=style.sound,
        rule_name=alarm.rule_name or "", device_code=device_code, place=place, building_id=alarm.building_id,
        x=alarm.x, y=alarm.y, occurred_at=alarm.occurred_at, received_at=alarm.received_at,
        repeat_count=alarm.repeat_count, owner=owner, incident_id=alarm.incident_id,
        video_locked_at=alarm.video_locked_at, lock_camera=alarm.lock_camera)


class ViewStyles:
    """AlarmViews for the writer, from plain column values (a dict or a result row's mapping): the
    priority's style and the category's titles are looked up once per (priority, category), not per view."""

    def __init__(self, rules: AlarmRules) -> None:
        self._rules = rules
        self._styles: dict[tuple[int, str | None], tuple[int, str, str, str, str, str]] = {}

    def _style(self, priority: int, category: str | None) -> tuple[int, str, str, str, str, str]:
        hit = self._styles.get((priority, category))
        if hit is None:
            p = Priority(min(max(priority, 1), 4))
            style = self._rules.style(p)
            name = category or "other"
            title = self._rules.categories.get(name)
            hit = self._styles[(priority, category)] = (
                int(p), name, title.en if title else name, title.zh_CN if title else name, style.colour, style.sound)
        return hit

    def view(self, alarm_id: int, fixed: Mapping[str, Any], state: AlarmState, repeat_count: int,
             incident_id: int | None, video_locked_at: datetime | None, lock_camera: str | None, *,
             device_code: str | None, place: str, owner: str | None = None) -> AlarmView:
        """The same AlarmView as alarm_view() for an Alarm with these values (`fixed`: its kind, source,
        priority, category, rule_name, building_id, x, y, occurred_at and received_at)."""
        priority, category, en, zh, colour, sound = self._style(fixed["priority"], fixed["category"])
        return AlarmView(
            id=alarm_id, kind=fixed["kind"], source=fixed["source"], state=state, priority=priority,
            category=category, category_en=en, category_zh_CN=zh, colour=colour, sound=sound,
            rule_name=fixed["rule_name"] or "", device_code=device_code, place=place,
            building_id=fixed["building_id"], x=fixed["x"], y=fixed["y"], occurred_at=fixed["occurred_at"],
            received_at=fixed["received_at"], repeat_count=repeat_count, owner=owner, incident_id=incident_id,
            video_locked_at=video_locked_at, lock_camera=lock_camera)


def place_of(device_name: str | None, building_name: str | None, x: float | None, y: float | None) -> str:
    """Where, for people: the device's name (it names its place), else the building, else the point."""
    if device_name:
        return device_name
    if building_name:
        return building_name
    if x is not None and y is not None:
        return f"({x:.0f}, {y:.0f})"
    return ""


def load_view(session: Session, alarm: Alarm, rules: AlarmRules) -> AlarmView:
    """A view of any alarm row, reading its device, building and owner (operations, not the hot path)."""
    device = session.get(Device, alarm.device_id) if alarm.device_id is not None else None
    building_name = None
    if device is None and alarm.building_id is not None:
        building_name = session.scalar(select(Building.name).where(Building.id == alarm.building_id))
    owner = session.scalar(select(User.username).where(User.id == alarm.owner_id)) if alarm.owner_id else None
    return alarm_view(alarm, rules, device_code=device.code if device else None,
                      place=place_of(device.name if device else None, building_name, alarm.x, alarm.y), owner=owner)


LIVE_ALARM_STATES = (AlarmState.NEW, AlarmState.ACKNOWLEDGED, AlarmState.IN_INCIDENT)


def open_alarms(session: Session, rules: AlarmRules, limit: int = 5000) -> list[AlarmView]:
    """Alarms still being handled, newest first, for the queue at start-up (it survives a restart)."""
    rows = session.scalars(select(Alarm).where(Alarm.state.in_(LIVE_ALARM_STATES))
                           .order_by(Alarm.received_at.desc()).limit(limit)).all()
    return [load_view(session, row, rules) for row in rows]
