"""Alarm classification: the shipped rules classify the demo's alarms; a bad rule file names its line and reason."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.alarm_rules import (
    AlarmFacts,
    Priority,
    TimeRange,
    classify,
    load_rules,
    local_time_of,
    parse_rules,
)
from cockpit.models import AlarmKind, AlarmSource, BuildingKind
from cockpit.yaml_files import YamlFileError

K = AlarmKind
NOON, NIGHT = time(12, 0), time(2, 30)


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.mark.parametrize(("facts", "priority", "category", "rule"), [
    (AlarmFacts(K.FALL, NOON, resident_age=82, lives_alone=True), Priority.P1, "life_safety", "fall_elderly_alone"),
    (AlarmFacts(K.FALL, NOON, resident_age=82, lives_alone=False), Priority.P2, "life_safety", "fall"),
    (AlarmFacts(K.FALL, NOON), Priority.P2, "life_safety", "fall"),  # a passer-by seen on camera
    (AlarmFacts(K.HEART_RATE, NOON, resident_age=75), Priority.P1, "life_safety", "heart_rate_elderly"),
    (AlarmFacts(K.HEART_RATE, NOON, resident_age=40), Priority.P2, "health", "heart_rate"),
    (AlarmFacts(K.SMOKE, NIGHT, building_kind=BuildingKind.RESIDENTIAL), Priority.P1, "fire", "smoke"),
    (AlarmFacts(K.EMERGENCY_BUTTON, NOON), Priority.P1, "life_safety", "emergency_button"),
    (AlarmFacts(K.INTRUSION, time(23, 15), zones=frozenset({"北门"})), Priority.P2, "security", "intrusion_night"),
    (AlarmFacts(K.INTRUSION, time(5, 59, 59)), Priority.P2, "security", "intrusion_night"),
    (AlarmFacts(K.INTRUSION, time(6, 0)), Priority.P3, "security", "intrusion_day"),
    (AlarmFacts(K.CROWD, NOON, source=AlarmSource.ANALYTICS), Priority.P2, "public_order", "crowd"),
    (AlarmFacts(K.DOOR, NIGHT, building_kind=BuildingKind.RESIDENTIAL), Priority.P3, "security",
     "door_night_residential"),
    (AlarmFacts(K.DOOR, NIGHT, building_kind=BuildingKind.COMMERCIAL), Priority.P4, "security", "door"),
    (AlarmFacts(K.MOTION, time(23, 59)), Priority.P3, "security", "motion_night"),
    (AlarmFacts(K.MOTION, NOON), Priority.P4, "security", "motion"),
    (AlarmFacts(K.DEVICE_OFFLINE, NOON), Priority.P4, "device_fault", "device_offline"),
])
def test_the_shipped_rules_classify_the_examples(rules, facts, priority, category, rule):
    c = classify(facts, rules)
    assert (c.priority, c.category, c.rule_name) == (priority, category, rule)
    assert c.colour == rules.priorities[priority.name].colour and c.sound.startswith("alarm_p")
    assert c.category_title.pick("zh_CN") and c.category_title.pick("en")


def test_every_kind_is_classified_and_priorities_have_distinct_colours_and_sounds(rules):
    for kind in AlarmKind:
        assert classify(AlarmFacts(kind, NOON), rules).priority in Priority
    styles = [rules.style(p) for p in Priority]
    assert len({s.colour for s in styles}) == len({s.sound for s in styles}) == 4
    assert classify(AlarmFacts(K.FALL, NOON), rules).priority == 2  # stored as Alarm.priority


def test_building_names_numbers_and_zones():
    text = BASE.replace(RULE, """  - name: gate
    when: {zone: [北门, 南门], kind: intrusion}
    priority: P1
    category: other
  - name: block
    when: {building: [12, "7幢"]}
    priority: P2
    category: other
""" + RULE)
    r = parse_rules(text)
    assert classify(AlarmFacts(K.INTRUSION, NOON, zones=frozenset({"南门", "square"})), r).rule_name == "gate"
    assert classify(AlarmFacts(K.INTRUSION, NOON, zones=frozenset({"square"})), r).rule_name == "default"
    assert classify(AlarmFacts(K.DOOR, NOON, building_number=12), r).rule_name == "block"
    assert classify(AlarmFacts(K.DOOR, NOON, building_number=7, building_name="7幢"), r).rule_name == "block"
    assert classify(AlarmFacts(K.DOOR, NOON, building_number=7, building_name="7号楼"), r).rule_name == "default"


def test_local_time_is_the_sites():
    assert local_time_of(datetime(2026, 11, 24, 15, 30, tzinfo=UTC), "Asia/Shanghai") == time(23, 30)


def _minute(m: int) -> time:
    return time(m // 60, m % 60)


@given(st.integers(0, 1439), st.integers(1, 1440), st.integers(0, 1439))
def test_time_ranges_cross_midnight(start: int, end: int, probe: int):
    if start == end % 1440:
        return
    text = f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
    span = TimeRange.parse(text)
    inside = start <= probe < end if start < end else (probe >= start or probe < end)
    assert span.contains(_minute(probe)) == inside


# --- bad files: the line and the reason ----------------------------------------------------

RULE = """  - name: default
    priority: P4
    category: other
"""
BASE = """priorities:
  P1: {colour: "#E53935", sound: a1, title: {en: Critical, zh_CN: 紧急}}
  P2: {colour: "#FB8C00", sound: a2, title: {en: High, zh_CN: 高}}
  P3: {colour: "#FDD835", sound: a3, title: {en: Medium, zh_CN: 中}}
  P4: {colour: "#42A5F5", sound: a4, title: {en: Low, zh_CN: 低}}
categories:
  other: {en: Other, zh_CN: 其他}
  fire: {en: Fire, zh_CN: 火灾}
rules:
  - name: smoke
    when:
      kind: smoke
      time: "22:00-06:00"
    priority: P1
    category: fire
""" + RULE


def problem(text: str) -> str:
    with pytest.raises(YamlFileError) as caught:
        parse_rules(text, "r.yaml")
    return str(caught.value)


def test_the_base_file_is_valid():
    assert [r.name for r in parse_rules(BASE).rules] == ["smoke", "default"]


@pytest.mark.parametrize(("change", "expected"), [
    (("      kind: smoke\n", "      kind: smoke\n      colour: red\n"),
     "r.yaml:13: rules[0].when.colour: Extra inputs are not permitted"),
    (("    priority: P1\n", "    priority: P0\n"), "r.yaml:14: rules[0].priority: a priority is one of P1, P2, P3, P4"),
    (('"22:00-06:00"', '"22:00-25:00"'), "r.yaml:13: rules[0].when.time: '25:00' is not a time of day"),
    (('"22:00-06:00"', '"22:00-22:00"'), "r.yaml:13: rules[0].when.time: '22:00-22:00' is empty"),
    (('"22:00-06:00"', "22:00"), 'r.yaml:13: rules[0].when.time: a time range is quoted text like "22:00-06:00"'),
    (("      kind: smoke\n", "      kind: smoky\n"), "r.yaml:12: rules[0].when.kind[0]: Input should be 'fall'"),
    (("    category: fire\n", "    category: flood\n"),
     "r.yaml:15: rules[0].category: unknown category 'flood'; define it under categories"),
    (("  - name: smoke\n", "  - name: default\n"), "r.yaml:16: rules[1].name: rule name 'default' is used twice"),
    (('  P4: {colour: "#42A5F5"', '  P4: {colour: "blue"'), "r.yaml:5: priorities.P4.colour: String should match"),
    (("  P4: {", "  P5: {"), "r.yaml:5: priorities.P5: Input should be 'P1', 'P2', 'P3' or 'P4'"),
    (("    when:\n      kind: smoke\n", "    when:\n      kind: smoke\n      min_age: 80\n      max_age: 70\n"),
     "r.yaml:11: rules[0].when: min_age is above max_age"),
    (("      kind: smoke\n", "      kind: [smoke\n"), "r.yaml:13: YAML syntax: while parsing a flow sequence"),
])
def test_a_bad_rule_file_names_the_line_and_the_reason(change, expected):
    old, new = change
    assert old in BASE
    assert expected in problem(BASE.replace(old, new, 1))


def test_the_rules_must_end_with_one_catch_all():
    no_default = BASE.removesuffix(RULE)
    assert "r.yaml:10: rules[0]: the last rule must have no `when`" in problem(no_default)
    early = BASE.replace("rules:\n", "rules:\n" + RULE.replace("default", "everything"))
    assert "r.yaml:10: rules[0]: rule 'everything' matches every alarm, so the rules after it never apply" \
        in problem(early)
    missing = BASE.replace('  P3: {colour: "#FDD835", sound: a3, title: {en: Medium, zh_CN: 中}}\n', "")
    assert "r.yaml:1: priorities: P3 needs a colour and a sound" in problem(missing)


def test_several_problems_are_all_listed_and_files_are_named(tmp_path: Path):
    path = tmp_path / "rules.yaml"
    path.write_text(BASE.replace("priority: P1", "priority: high").replace("category: fire", "category: 1"),
                    encoding="utf-8")
    with pytest.raises(YamlFileError) as caught:
        load_rules(path)
    assert [p.line for p in caught.value.problems] == [14, 15]
    assert str(caught.value).startswith(f"{path}:14: rules[0].priority")
    with pytest.raises(YamlFileError, match="cannot be read"):
        load_rules(tmp_path / "missing.yaml")
    assert "expected a mapping" in problem("- just\n- a list\n")
