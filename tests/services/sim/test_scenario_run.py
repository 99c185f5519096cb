"""quick.yaml played for real: world + camera events + a real Mosquitto, checked against the ground truth."""

from __future__ import annotations

import math
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from cockpit.geometry import in_view
from services.sim.feed import SensorFeed, topics
from services.sim.model import CameraEvent, EventHub, WorldFrame, drain
from services.sim.scenario import ScenarioRunner, load_scenario, parse_scenario
from services.sim.scenario_truth import read_ground_truth
from services.sim.world import SimulatedWorld

from .conftest import Listener

QUICK = Path(__file__).resolve().parents[3] / "resources" / "scenarios" / "quick.yaml"
HOLD_S = 2.0
FIELDS = {"id", "kind", "scenario", "cycle", "index", "at", "at_iso", "x", "y", "building", "floor", "label",
          "resident_id", "device_codes", "camera_codes", "night", "person_id"}


@dataclass
class Run:
    started: float
    records: list[dict]
    events: dict[str, list[CameraEvent]]
    messages: list[tuple[str, dict, bool]]
    frames: list[WorldFrame]
    site_code: str


@pytest.fixture(scope="module")
def run(mosquitto, sim_site, tmp_path_factory) -> Run:
    snapshot = sim_site.snapshot
    site_code = f"S{uuid.uuid4().hex[:6]}"
    truth = tmp_path_factory.mktemp("truth") / "quick.jsonl"
    hub = EventHub()
    queues = {c.code: hub.subscribe(c.code) for c in snapshot.cameras}
    listener = Listener(*mosquitto, topics.sensors_filter(site_code))
    feed = SensorFeed(*mosquitto, site_code).start()
    world = SimulatedWorld(snapshot, 1, 150, walkways=sim_site.graph)
    scenario = load_scenario(QUICK)
    runner = ScenarioRunner(scenario, world, snapshot, hub, feed, snapshot.cameras, truth,
                            data=sim_site.data, motion_hold_s=HOLD_S)
    frames: list[WorldFrame] = []

    def over(r: dict) -> float:  # when its closing signal (motion off, crowd gone, sensor clear) is due
        return HOLD_S if r["kind"] in ("fall", "intrusion") else scenario.incidents[r["index"]].duration

    world.start(hz=15)
    started = time.time()
    runner.start()
    try:
        deadline = started + 25
        while time.time() < deadline:  # until every incident happened and is over
            frames.append(world.frame())
            time.sleep(0.1)
            records = runner.records()
            if len(records) == 5 and time.time() > max(r["at"] + over(r) for r in records) + 0.3:
                break
        messages = listener.collect(1.0, lambda out: len(out) >= 4)
    finally:
        runner.stop()
        world.stop()
        feed.stop()
        listener.close()
    events = {code: list(drain(q, 1000)) for code, q in queues.items()}
    return Run(started, read_ground_truth(truth), events, messages, frames, site_code)


def seen_by(snapshot, x: float, y: float) -> set[str]:
    return {c.code for c in snapshot.cameras if in_view(c.x, c.y, c.heading_deg, c.fov_deg, c.range_m, x, y)}


def record(run: Run, kind: str) -> dict:
    return next(r for r in run.records if r["kind"] == kind)


def test_one_ground_truth_line_per_incident(run):
    assert sorted(r["kind"] for r in run.records) == sorted(["fall", "crowd", "smoke", "heart_rate", "intrusion"])
    assert len({r["id"] for r in run.records}) == 5
    for r in run.records:
        assert set(r) >= FIELDS and r["scenario"] == "quick" and r["cycle"] == 0
        assert run.started < r["at"] < run.started + 15
        assert datetime.fromisoformat(r["at_iso"]).timestamp() == pytest.approx(r["at"], abs=0.001)


def test_camera_incidents_raise_events_from_exactly_the_cameras_that_see_them(run, sim_site):
    snapshot = sim_site.snapshot
    expected: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in (record(run, k) for k in ("fall", "crowd", "intrusion")):
        assert set(r["camera_codes"]) == seen_by(snapshot, r["x"], r["y"]) != set()
        for code in r["camera_codes"]:
            if r["kind"] == "fall":
                expected[code] |= {("tns1:VideoSource/MotionAlarm", "State=true"),
                                   ("tns1:VideoSource/MotionAlarm", "State=false")}
            elif r["kind"] == "crowd":
                expected[code] |= {("tns1:RuleEngine/FieldDetector/ObjectsInside", "IsInside=true"),
                                   ("tns1:RuleEngine/FieldDetector/ObjectsInside", "IsInside=false")}
            else:
                expected[code] |= {("tns1:RuleEngine/LineDetector/Crossed", f"ObjectId={r['person_id']}"),
                                   ("tns1:VideoSource/MotionAlarm", "State=true"),
                                   ("tns1:VideoSource/MotionAlarm", "State=false")}
    got = {code: {(e.topic, ",".join(f"{k}={v}" for k, v in e.data.items())) for e in events}
           for code, events in run.events.items() if events}
    assert got == expected  # and nothing from cameras that do not see any of it


def test_camera_event_details(run):
    fall, crowd = record(run, "fall"), record(run, "crowd")
    (code,) = fall["camera_codes"]
    on, off = run.events[code][:2]
    assert on.source == {"Source": "vs0"} and on.operation == "Changed"
    assert on.utc_time.timestamp() == pytest.approx(fall["at"], abs=0.01)
    assert off.utc_time.timestamp() - on.utc_time.timestamp() == pytest.approx(HOLD_S, abs=0.3)
    inside = next(e for e in run.events[crowd["camera_codes"][0]] if e.data == {"IsInside": "true"})
    assert inside.source == {"VideoSourceConfigurationToken": "vsc0", "VideoAnalyticsConfigurationToken": "vac0",
                             "Rule": "CrowdField"}
    assert inside.key == {"ObjectId": str(crowd["gathering_id"])}


def test_sensor_messages_on_the_right_topics(run, sim_site):
    smoke, heart = record(run, "smoke"), record(run, "heart_rate")
    by_topic: dict[str, list[dict]] = defaultdict(list)
    for topic, payload, _ in run.messages:
        by_topic[topic].append(payload)
    smoke_topic = f"cockpit/{run.site_code}/sensors/{smoke['device_codes'][0]}/event"
    heart_topic = f"cockpit/{run.site_code}/sensors/{heart['device_codes'][0]}/event"
    assert set(by_topic) == {smoke_topic, heart_topic}
    assert [(p["type"], p["state"]) for p in by_topic[smoke_topic]] == [("smoke", "alarm"), ("smoke", "clear")]
    assert [(p["state"], p["value"], p["unit"]) for p in by_topic[heart_topic]] == \
        [("alarm", 150, "bpm"), ("clear", 76, "bpm")]
    assert datetime.fromisoformat(by_topic[smoke_topic][0]["at"]).timestamp() == pytest.approx(smoke["at"], abs=0.01)
    assert (smoke["building"], smoke["floor"]) == (5, 7)
    wearer = sim_site.data.get(heart["device_codes"][0])
    assert heart["resident_id"] == wearer.resident_id and wearer.age >= 75 and wearer.lives_alone
    assert smoke["camera_codes"] == heart["camera_codes"] == []


def test_the_world_shows_what_the_ground_truth_says(run):
    fall, crowd, intrusion = (record(run, k) for k in ("fall", "crowd", "intrusion"))
    after = [f for f in run.frames if fall["at"] <= f.t <= fall["at"] + 5]
    assert after and all(any(p.id == fall["person_id"] and p.posture == "fallen"
                             and math.dist((p.x, p.y), (fall["x"], fall["y"])) < 0.01 for p in f.people)
                         for f in after)
    formed = [f for f in run.frames if crowd["at"] + 0.2 <= f.t <= crowd["at"] + 3]
    assert formed and all(sum(math.hypot(p.x - crowd["x"], p.y - crowd["y"]) <= 5 for p in f.people) >= 6
                          for f in formed)
    dark = [f.night for f in run.frames if intrusion["at"] - 1 <= f.t <= intrusion["at"] + 1]
    assert dark and all(dark) and intrusion["night"]
    assert not run.frames[0].night


def test_a_looping_scenario_repeats_and_sensor_only_kinds_work(mosquitto, sim_site, tmp_path):
    scenario = parse_scenario("""\
name: loop
loop: true
period: 1s
incidents:
  - {at: 0.1s, kind: emergency_button, where: {lobby: 2}, duration: 0.3s}
  - {at: 0.2s, kind: door, resident: {lives_alone: true}, duration: 0.3s}
""")
    site_code = f"L{uuid.uuid4().hex[:6]}"
    listener = Listener(*mosquitto, topics.sensors_filter(site_code))
    feed = SensorFeed(*mosquitto, site_code).start()
    world = SimulatedWorld(sim_site.snapshot, 1, 10, walkways=sim_site.graph)
    runner = ScenarioRunner(scenario, world, sim_site.snapshot, EventHub(), feed, sim_site.snapshot.cameras,
                            tmp_path / "gt.jsonl", data=sim_site.data)
    runner.start()
    try:
        messages = listener.collect(5, lambda out: len(out) >= 12)
    finally:
        runner.stop()
        feed.stop()
        listener.close()
    records = read_ground_truth(tmp_path / "gt.jsonl")
    assert [(r["cycle"], r["kind"]) for r in records[:6]] == [
        (c, k) for c in range(3) for k in ("emergency_button", "door")]
    button, door = records[0]["device_codes"][0], records[1]["device_codes"][0]
    assert button.startswith("BTN-") and door.startswith("DOR-")
    states = [(t.split("/")[3], p["type"], p["state"], p["value"]) for t, p, _ in messages[:4]]
    assert states == [(button, "button", "alarm", "pressed"), (door, "door", "alarm", "open"),
                      (button, "button", "clear", "reset"), (door, "door", "clear", "closed")]
