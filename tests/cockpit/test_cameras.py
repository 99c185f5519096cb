"""Camera health bookkeeping and ONVIF topic classification."""

from datetime import UTC, datetime, timedelta

from cockpit.cameras import ERROR_HISTORY, CameraEventKind, CameraHealth, CameraState, topic_kind


def test_problems_are_kept_in_a_bounded_history():
    h = CameraHealth("CAM-001")
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(ERROR_HISTORY + 5):
        h = h.moved_to(CameraState.UNREACHABLE if i % 2 else CameraState.AUTH_FAILED, f"try {i}",
                       at=t0 + timedelta(seconds=i))
    assert len(h.problems) == ERROR_HISTORY
    assert h.problems[-1].message == f"try {ERROR_HISTORY + 4}"
    online = h.moved_to(CameraState.ONLINE, at=t0 + timedelta(minutes=5))
    assert online.state is CameraState.ONLINE and online.problems == h.problems  # good news is not a problem
    assert online.since == t0 + timedelta(minutes=5)


def test_same_state_and_message_is_not_a_new_entry():
    h = CameraHealth("CAM-001").moved_to(CameraState.UNREACHABLE, "refused")
    assert h.moved_to(CameraState.UNREACHABLE, "refused") is h


def test_topics_map_to_kinds_whatever_the_prefix():
    assert topic_kind("tns1:VideoSource/MotionAlarm") is CameraEventKind.MOTION
    assert topic_kind("ns2:RuleEngine/LineDetector/Crossed") is CameraEventKind.LINE_CROSSING
    assert topic_kind("RuleEngine/FieldDetector/ObjectsInside") is CameraEventKind.INTRUSION
    assert topic_kind("tns1:VideoSource/GlobalSceneChange/ImagingService") is CameraEventKind.TAMPER
    assert topic_kind("tns1:Device/Trigger/DigitalInput") is CameraEventKind.OTHER
    assert not CameraState.ONLINE.is_problem and CameraState.CLOCK_SKEW.is_problem
