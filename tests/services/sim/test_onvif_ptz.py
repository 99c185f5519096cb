"""PTZ service of a simulated camera through onvif-zeep: moves reach the PtzState the renderer reads."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from onvif import ONVIFCamera, ONVIFService
from zeep.exceptions import Fault

from services.sim.model import PtzPosition

from .test_onvif_support import (PASSWORD, TER, LoopThread, Running, make_camera, post, soap_envelope,
                                 start_device, username_token)


@pytest.fixture(scope="module")
def running(loop_thread: LoopThread) -> Iterator[Running]:
    run = start_device(loop_thread, make_camera(3, is_ptz=True))
    yield run
    loop_thread.run(run.device.stop())


@pytest.fixture(scope="module")
def ptz(running: Running) -> ONVIFService:
    return ONVIFCamera("127.0.0.1", running.port, "admin", PASSWORD).create_ptz_service()


def subcodes(fault: Fault) -> list[str]:
    return [q.localname for q in fault.subcodes or []]


def position(ptz: ONVIFService) -> tuple[float, float, float]:
    status = ptz.GetStatus({"ProfileToken": "main"})
    return status.Position.PanTilt.x, status.Position.PanTilt.y, status.Position.Zoom.x


def test_nodes_and_configurations(ptz: ONVIFService) -> None:
    node = ptz.GetNodes()[0]
    assert node.token == "ptzn0"
    assert node.SupportedPTZSpaces.ContinuousPanTiltVelocitySpace[0].URI.endswith("VelocityGenericSpace")
    config = ptz.GetConfigurations()[0]
    assert (config.token, config.NodeToken) == ("ptzc0", "ptzn0")


def test_continuous_move_then_stop_changes_the_position(ptz: ONVIFService, running: Running) -> None:
    ptz.AbsoluteMove({"ProfileToken": "main", "Position": {"PanTilt": {"x": 0.0, "y": 0.0}, "Zoom": {"x": 0.0}}})
    started = time.monotonic()
    ptz.ContinuousMove({"ProfileToken": "main", "Velocity": {"PanTilt": {"x": 0.5, "y": -0.25}, "Zoom": {"x": 0.5}}})
    moving = ptz.GetStatus({"ProfileToken": "main"})
    assert moving.MoveStatus.PanTilt == "MOVING"
    assert moving.UtcTime is not None
    time.sleep(0.3)
    ptz.Stop({"ProfileToken": "main", "PanTilt": True, "Zoom": True})
    most = time.monotonic() - started  # the motor ran at least 0.3 s and at most this long
    pan, tilt, zoom = position(ptz)
    assert 0.5 * 0.3 <= pan <= 0.5 * most + 1e-6
    assert tilt == pytest.approx(-pan / 2, abs=1e-5) and zoom == pytest.approx(pan, abs=1e-5)
    assert ptz.GetStatus({"ProfileToken": "main"}).MoveStatus.PanTilt == "IDLE"
    time.sleep(0.1)
    assert position(ptz) == (pan, tilt, zoom)
    assert running.ptz.position() == PtzPosition(pytest.approx(pan, abs=1e-5), pytest.approx(tilt, abs=1e-5),
                                                 pytest.approx(zoom, abs=1e-5))
    heading, _, _ = running.ptz.view()
    assert heading != running.camera.heading_deg  # the renderer's view turned with the motor


def test_continuous_move_stops_by_itself_after_its_timeout(ptz: ONVIFService) -> None:
    ptz.AbsoluteMove({"ProfileToken": "main", "Position": {"PanTilt": {"x": 0.0, "y": 0.0}}})
    ptz.ContinuousMove({"ProfileToken": "main", "Velocity": {"PanTilt": {"x": 1.0, "y": 0.0}}, "Timeout": "PT0.2S"})
    time.sleep(0.4)
    status = ptz.GetStatus({"ProfileToken": "main"})
    assert status.MoveStatus.PanTilt == "IDLE"
    assert status.Position.PanTilt.x == pytest.approx(0.2, abs=0.03)


def test_absolute_and_relative_moves(ptz: ONVIFService) -> None:
    ptz.AbsoluteMove({"ProfileToken": "main", "Position": {"PanTilt": {"x": -0.5, "y": 0.25}, "Zoom": {"x": 0.75}}})
    assert position(ptz) == pytest.approx((-0.5, 0.25, 0.75))
    ptz.RelativeMove({"ProfileToken": "main", "Translation": {"PanTilt": {"x": 0.25, "y": -0.25}}})
    assert position(ptz) == pytest.approx((-0.25, 0.0, 0.75))
    with pytest.raises(Fault) as bad:
        ptz.ws_client.AbsoluteMove(ProfileToken="main", Position={"PanTilt": {"x": 2.0, "y": 0.0}})
    assert subcodes(bad.value) == ["InvalidArgVal", "InvalidPosition"]


def test_presets_set_goto_remove(ptz: ONVIFService) -> None:
    ptz.AbsoluteMove({"ProfileToken": "main", "Position": {"PanTilt": {"x": 0.4, "y": -0.2}, "Zoom": {"x": 0.3}}})
    token = ptz.SetPreset({"ProfileToken": "main", "PresetName": "north gate"})
    assert token
    presets = {p.token: p for p in ptz.GetPresets({"ProfileToken": "main"})}
    assert presets[token].Name == "north gate"
    assert presets[token].PTZPosition.PanTilt.x == pytest.approx(0.4)
    ptz.AbsoluteMove({"ProfileToken": "main", "Position": {"PanTilt": {"x": -0.9, "y": 0.9}, "Zoom": {"x": 1.0}}})
    ptz.GotoPreset({"ProfileToken": "main", "PresetToken": token})
    assert position(ptz) == pytest.approx((0.4, -0.2, 0.3))
    ptz.RemovePreset({"ProfileToken": "main", "PresetToken": token})
    assert token not in {p.token for p in ptz.GetPresets({"ProfileToken": "main"})}


def test_unknown_preset_and_profile_are_faults(ptz: ONVIFService) -> None:
    for call in (lambda: ptz.ws_client.GotoPreset(ProfileToken="main", PresetToken="nope"),
                 lambda: ptz.ws_client.RemovePreset(ProfileToken="main", PresetToken="nope"),
                 lambda: ptz.ws_client.SetPreset(ProfileToken="main", PresetName="x", PresetToken="nope")):
        with pytest.raises(Fault) as unknown:
            call()
        assert subcodes(unknown.value) == ["InvalidArgVal", "NoToken"]
    with pytest.raises(Fault) as no_profile:
        ptz.ws_client.GetStatus(ProfileToken="fisheye")
    assert subcodes(no_profile.value) == ["InvalidArgVal", "NoProfile"]


def test_fixed_camera_answers_ptz_with_action_not_supported(loop_thread: LoopThread) -> None:
    run = start_device(loop_thread, make_camera(4, is_ptz=False))
    try:
        cam = ONVIFCamera("127.0.0.1", run.port, "admin", PASSWORD)
        assert cam.devicemgmt.GetCapabilities({"Category": "All"}).PTZ is None
        assert all(p.PTZConfiguration is None for p in cam.create_media_service().GetProfiles())
        body = ('<ContinuousMove xmlns="http://www.onvif.org/ver20/ptz/wsdl"><ProfileToken>main</ProfileToken>'
                '<Velocity><PanTilt xmlns="http://www.onvif.org/ver10/schema" x="1" y="0"/></Velocity>'
                "</ContinuousMove>")
        response = post(f"http://127.0.0.1:{run.port}/onvif/ptz_service",
                        soap_envelope(body, username_token("admin", PASSWORD)))
        assert response.status_code == 500
        assert f'xmlns:ter="{TER}"' in response.text
        assert "ter:ActionNotSupported" in response.text
        assert run.ptz.position() == PtzPosition()
    finally:
        loop_thread.run(run.device.stop())
