"""Scenario files: the shipped ones are valid; mistakes are reported with the line, the field and the incident."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.sim.scenario_schema import (
    ScenarioError,
    load_scenario,
    parse_duration,
    parse_scenario,
)

SCENARIOS = Path(__file__).resolve().parents[3] / "resources" / "scenarios"

GOOD = """\
name: t
incidents:
  - at: 20s
    kind: fall
    where: {lobby: 12}
  - at: 1m
    kind: crowd
    where: {square: true}
    count: 25
  - at: 140s
    kind: heart_rate
    resident: {min_age: 75, lives_alone: true}
"""


def problem(text: str) -> str:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "t.yaml")
    return str(caught.value)


def test_the_shipped_scenarios_are_valid():
    demo = load_scenario(SCENARIOS / "demo.yaml")
    assert demo.loop and demo.incidents[0].at <= 20
    assert 200 <= demo.cycle_s <= 300
    quick = load_scenario(SCENARIOS / "quick.yaml")
    assert max(i.at for i in quick.incidents) <= 15
    kinds = ["fall", "crowd", "smoke", "heart_rate", "intrusion"]
    assert [i.kind for i in demo.incidents] == [i.kind for i in quick.incidents] == kinds
    assert demo.incidents[-1].night and demo.incidents[-1].where.gate == "北门"


def test_a_valid_scenario_reads_times_and_places():
    s = parse_scenario(GOOD)
    assert [i.at for i in s.incidents] == [20, 60, 140]
    assert s.incidents[0].where.lobby == 12 and s.incidents[1].count == 25
    assert s.incidents[2].resident.min_age == 75 and not s.loop
    assert s.cycle_s == 170


def test_json_works_too(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"name": "j", "incidents": [{"at": 5, "kind": "smoke", "device": "SMK-0001"}]}))
    assert load_scenario(path).incidents[0].device == "SMK-0001"


def test_a_bad_kind_names_the_line_the_field_and_the_incident():
    msg = problem(GOOD.replace("kind: crowd", "kind: riot"))
    assert msg.startswith("t.yaml:7: incidents[1].kind (incident 2): Input should be 'fall'")


def test_an_unknown_key_is_refused_where_it_stands():
    msg = problem(GOOD.replace("    count: 25\n", "    count: 25\n    colour: red\n"))
    assert "t.yaml:10: incidents[1].colour (incident 2): Extra inputs are not permitted" in msg
    msg = problem(GOOD.replace("{lobby: 12}", "{lobby: 12, wing: east}"))
    assert "t.yaml:5: incidents[0].where.wing (incident 1)" in msg
    assert "Extra inputs" in problem("name: t\nspeed: 2\n" + GOOD.split("\n", 1)[1])


def test_a_bad_time_is_explained():
    msg = problem(GOOD.replace("at: 140s", "at: 20 parsecs"))
    assert "t.yaml:10: incidents[2].at (incident 3): invalid duration '20 parsecs'" in msg
    assert "incidents[0].at" in problem(GOOD.replace("at: 20s", "at: -3"))


def test_several_problems_are_all_listed():
    msg = problem(GOOD.replace("kind: crowd", "kind: riot").replace("at: 140s", "at: soon"))
    assert len(msg.splitlines()) == 2


@pytest.mark.parametrize(("change", "expected"), [
    (("{lobby: 12}", "{lobby: 12, square: true}"), "exactly one of lobby, square, gate, xy, building"),
    (("{lobby: 12}", "{floor: 3, xy: [1, 2]}"), "floor goes with building"),
    (("    resident: {min_age: 75, lives_alone: true}\n", ""), "a heart_rate incident needs resident or device"),
    (("kind: fall\n    where: {lobby: 12}", "kind: intrusion\n    where: {square: true}"), "needs where: {gate"),
    (("count: 25", "count: 0"), "incidents[1].count"),
])
def test_incidents_must_make_sense(change, expected):
    assert expected in problem(GOOD.replace(*change))


def test_not_a_scenario_at_all():
    assert "not valid YAML" in problem("name: [unclosed")
    assert "a mapping" in problem("- just\n- a list\n")
    assert "incidents" in problem("name: empty\nincidents: []\n")


@given(h=st.integers(0, 3), m=st.integers(0, 59), s=st.integers(0, 59), ms=st.integers(0, 999))
def test_durations_in_any_combination(h, m, s, ms):
    text = "".join(f"{v}{u}" for v, u in ((h, "h"), (m, "m"), (s, "s"), (ms, "ms")) if v) or "0s"
    assert parse_duration(text) == pytest.approx(h * 3600 + m * 60 + s + ms / 1000)
