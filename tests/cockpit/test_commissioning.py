"""Commissioning warnings: each known-bad setting is caught, a good camera has none."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cockpit.commissioning import CommissioningRecord, Placement, ProfileRecord, WarningCode, check


def _profile(token: str, role: str, **kw) -> ProfileRecord:
    base = dict(token=token, name=token, role=role, encoding="H264", width=1280 if role == "main" else 640,
                height=720 if role == "main" else 360, declared_fps=15, declared_gop=15,
                uri=f"rtsp://x/{token}", first_frame_s=0.3, measured_fps=15.0, measured_gop=15,
                bitrate_kbps=800)
    base.update(kw)
    return ProfileRecord(**base)


GOOD = CommissioningRecord(
    code="CAM-001", name="北门", address="http://127.0.0.1:8000/onvif/device_service", manufacturer="M",
    model="X", firmware="1.0", serial="S", clock_offset_s=0.4,
    profiles=(_profile("main", "main"), _profile("sub", "sub")), is_ptz=True, presets=(("p1", "门口"),),
    placement=Placement(10, 20, 4, 90, -15, 70, 40))


def test_a_well_set_up_camera_has_no_warnings():
    assert check(GOOD) == []


@pytest.mark.parametrize(("change", "code"), [
    (dict(profiles=(_profile("main", "main", measured_gop=60), _profile("sub", "sub"))), WarningCode.LONG_GOP),
    (dict(profiles=(_profile("main", "main"),)), WarningCode.NO_SUB_STREAM),
    (dict(profiles=(_profile("main", "main"), _profile("sub", ""))), WarningCode.NO_SUB_STREAM),
    (dict(clock_offset_s=-7200.0), WarningCode.CLOCK_DRIFT),
    (dict(profiles=(_profile("main", "main", first_frame_s=3.5), _profile("sub", "sub"))),
     WarningCode.SLOW_FIRST_FRAME),
    (dict(profiles=(_profile("main", "main", measured_fps=6.0, measured_gop=6), _profile("sub", "sub"))), WarningCode.LOW_FPS),
    (dict(presets=()), WarningCode.PTZ_WITHOUT_PRESETS),
    (dict(placement=None), WarningCode.NOT_PLACED),
    (dict(profiles=(_profile("main", "main", error="connection refused"), _profile("sub", "sub"))),
     WarningCode.STREAM_ERROR),
])
def test_each_bad_setting_is_named(change, code):
    warnings = check(replace(GOOD, **change))
    assert [f.code for f in warnings] == [code]
    assert warnings[0].detail  # with words for the log


def test_gop_in_seconds_uses_measurements_first():
    p = _profile("main", "main", measured_gop=30, measured_fps=10.0, declared_gop=15, declared_fps=15)
    assert p.gop_seconds == 3.0
    assert _profile("s", "sub", measured_gop=None, measured_fps=None).gop_seconds == 1.0
