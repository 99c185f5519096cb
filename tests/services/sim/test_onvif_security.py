"""WS-Security of a simulated camera: digest passwords, the device clock window, nonce replays."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests
from onvif import ONVIFCamera
from onvif.exceptions import ONVIFError
from zeep.exceptions import Fault

from .test_onvif_support import (PASSWORD, LoopThread, Running, fault_codes, make_camera, post, soap_envelope, start_device, username_token)

INFO = '<GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/>'


@pytest.fixture(scope="module")
def running(loop_thread: LoopThread) -> Iterator[Running]:
    run = start_device(loop_thread, make_camera(11))
    yield run
    loop_thread.run(run.device.stop())


@pytest.fixture(scope="module")
def skewed(loop_thread: LoopThread) -> Iterator[Running]:
    """A camera whose clock runs two hours ahead of real UTC."""
    run = start_device(loop_thread, make_camera(12, clock_offset_s=7200.0))
    yield run
    loop_thread.run(run.device.stop())


def assert_not_authorized(response: requests.Response) -> None:
    assert response.status_code == 400
    assert fault_codes(response) == ["env:Sender", "ter:NotAuthorized"]


def test_wrong_password_is_not_authorized(running: Running) -> None:
    with pytest.raises(ONVIFError) as refused:
        ONVIFCamera("127.0.0.1", running.port, "admin", "wrong-password")
    assert "not authorized" in str(refused.value).lower()
    assert ONVIFCamera("127.0.0.1", running.port, "admin", PASSWORD).devicemgmt.GetHostname().Name == "cam-011"
    assert_not_authorized(post(running.device.url, soap_envelope(INFO, username_token("admin", "nope"))))
    assert_not_authorized(post(running.device.url, soap_envelope(INFO, username_token("root", PASSWORD))))


def test_missing_token_is_not_authorized_but_the_clock_is_public(running: Running) -> None:
    assert_not_authorized(post(running.device.url, soap_envelope(INFO)))
    clock = '<GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/>'
    assert post(running.device.url, soap_envelope(clock)).status_code == 200


def test_password_text_is_accepted(running: Running) -> None:
    token = username_token("admin", PASSWORD, text_password=True)
    assert post(running.device.url, soap_envelope(INFO, token)).status_code == 200
    wrong = username_token("admin", "nope", text_password=True)
    assert_not_authorized(post(running.device.url, soap_envelope(INFO, wrong)))


def test_replayed_nonce_is_rejected(running: Running) -> None:
    nonce, created = os.urandom(16), datetime.now(UTC)
    token = username_token("admin", PASSWORD, nonce=nonce, created=created)
    assert post(running.device.url, soap_envelope(INFO, token)).status_code == 200
    assert_not_authorized(post(running.device.url, soap_envelope(INFO, token)))
    fresh = username_token("admin", PASSWORD, nonce=os.urandom(16), created=created)
    assert post(running.device.url, soap_envelope(INFO, fresh)).status_code == 200


def test_created_must_lie_within_five_minutes_of_the_device_clock(running: Running) -> None:
    for offset in (timedelta(minutes=-4), timedelta(minutes=4)):
        token = username_token("admin", PASSWORD, created=datetime.now(UTC) + offset)
        assert post(running.device.url, soap_envelope(INFO, token)).status_code == 200
    for offset in (timedelta(minutes=-6), timedelta(minutes=6)):
        token = username_token("admin", PASSWORD, created=datetime.now(UTC) + offset)
        assert_not_authorized(post(running.device.url, soap_envelope(INFO, token)))


def test_skewed_device_refuses_a_client_on_real_time(skewed: Running) -> None:
    with pytest.raises(ONVIFError) as refused:
        ONVIFCamera("127.0.0.1", skewed.port, "admin", PASSWORD)  # Created = real UTC, 2 h behind the device
    assert "not authorized" in str(refused.value).lower()


def test_skewed_device_accepts_a_client_that_follows_its_clock(skewed: Running) -> None:
    cam = ONVIFCamera("127.0.0.1", skewed.port, "admin", PASSWORD, adjust_time=True)  # GetSystemDateAndTime first
    assert cam.dt_diff is not None and abs(cam.dt_diff.total_seconds() - 7200) < 5
    assert cam.devicemgmt.GetDeviceInformation().Manufacturer == "CockpitSim"
    assert cam.create_media_service().GetProfiles()[0].token == "main"


def test_faults_carry_onvif_subcodes_for_zeep(running: Running) -> None:
    cam = ONVIFCamera("127.0.0.1", running.port, "admin", PASSWORD)
    media = cam.create_media_service()
    with pytest.raises(Fault) as bad:
        media.ws_client.GetStreamUri(StreamSetup={"Stream": "RTP-Unicast", "Transport": {"Protocol": "RTSP"}},
                                     ProfileToken="nope")
    assert bad.value.code.endswith("Sender")
    assert [q.localname for q in bad.value.subcodes] == ["InvalidArgVal", "NoProfile"]
