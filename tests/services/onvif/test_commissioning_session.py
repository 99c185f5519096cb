"""A device on the installer's bench: report, PTZ, presets and snapshot before it is saved."""

from __future__ import annotations

import time

import pytest

from cockpit.cameras import CameraState
from services.onvif import OnvifError
from services.onvif.commissioning import CommissioningSession

from .conftest import PASSWORD, Running


def _session(run: Running, password: str = PASSWORD) -> CommissioningSession:
    return CommissioningSession(run.device.url, run.camera.username, password, timeout_s=2.0)


def test_report_ptz_presets_and_snapshot(device: Running):
    session = _session(device)
    try:
        report = session.connect().result(10)
        assert report.model == device.camera.model and report.is_ptz
        assert {p.token for p in report.profiles} == {"main", "sub"}
        assert all(p.stream_uri for p in report.profiles)

        session.ptz_move(0.5, 0.0).result(5)
        time.sleep(0.3)
        session.ptz_stop().result(5)
        assert device.ptz.position().pan > 0.05  # the simulated motor really turned

        token = session.set_preset("大门口").result(5)
        device.ptz.absolute_move(type(device.ptz.position())(0.0, 0.0, 0.0))
        session.goto_preset(token).result(5)
        assert device.ptz.position().pan > 0.05  # back where the preset was stored
        assert [p.name for p in session.presets().result(5)] == ["大门口"]
        session.remove_preset(token).result(5)
        assert session.presets().result(5) == []

        jpeg = session.snapshot("sub").result(5)
        assert jpeg[:2] == b"\xff\xd8"
    finally:
        session.close()


def test_wrong_password_is_a_clear_state(device: Running):
    session = _session(device, password="not-it")
    try:
        with pytest.raises(OnvifError) as info:
            session.connect().result(10)
        assert info.value.state is CameraState.AUTH_FAILED
    finally:
        session.close()
