"""Bad input gets a proper SOAP fault or HTTP status, never a crash or a hung connection."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator

import pytest
import requests

from .test_onvif_support import (PASSWORD, LoopThread, Running, fault_codes, make_camera, post, soap_envelope, start_device, username_token)

INFO = '<GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/>'


@pytest.fixture(scope="module")
def running(loop_thread: LoopThread) -> Iterator[Running]:
    run = start_device(loop_thread, make_camera(21))
    yield run
    loop_thread.run(run.device.stop())


@pytest.fixture(autouse=True)
def still_answers(running: Running, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """After every test the device answers a good request and has logged no error."""
    caplog.set_level(logging.INFO, logger="services.sim.onvif")
    yield
    good = post(running.device.url, soap_envelope(INFO, username_token("admin", PASSWORD)))
    assert good.status_code == 200 and b"SimCam-4MP" in good.content
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR and r.name.startswith("services.sim.onvif")]


def authed(body: str) -> bytes:
    return soap_envelope(body, username_token("admin", PASSWORD))


@pytest.mark.parametrize("payload", [
    b"<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'><s:Body><unclosed></s:Body>",
    b"",
    b"\x00\xff\xfe binary garbage",
    b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;'>]>"
    b"<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'><s:Body><x>&lol2;</x></s:Body></s:Envelope>",
])
def test_malformed_xml_is_a_well_formed_fault(running: Running, payload: bytes) -> None:
    response = post(running.device.url, payload)
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/soap+xml")
    assert fault_codes(response) == ["env:Sender", "ter:WellFormed"]


def test_unknown_operation_is_action_not_supported(running: Running) -> None:
    for body in ('<SystemReboot xmlns="http://www.onvif.org/ver10/device/wsdl"/>',
                 '<Frobnicate xmlns="urn:example:nothing"/>'):
        response = post(running.device.url, authed(body))
        assert response.status_code == 500
        assert fault_codes(response) == ["env:Receiver", "ter:ActionNotSupported"]


def test_unknown_profile_token_is_no_profile(running: Running) -> None:
    body = ('<GetStreamUri xmlns="http://www.onvif.org/ver10/media/wsdl"><StreamSetup>'
            '<Stream xmlns="http://www.onvif.org/ver10/schema">RTP-Unicast</Stream>'
            '<Transport xmlns="http://www.onvif.org/ver10/schema"><Protocol>RTSP</Protocol></Transport>'
            "</StreamSetup><ProfileToken>nope</ProfileToken></GetStreamUri>")
    response = post(f"http://127.0.0.1:{running.port}/onvif/media_service", authed(body))
    assert response.status_code == 400
    assert fault_codes(response) == ["env:Sender", "ter:InvalidArgVal", "ter:NoProfile"]


def test_bad_arguments_are_invalid_arg_faults(running: Running) -> None:
    media = f"http://127.0.0.1:{running.port}/onvif/media_service"
    missing = post(media, authed('<GetProfile xmlns="http://www.onvif.org/ver10/media/wsdl"/>'))
    assert fault_codes(missing) == ["env:Sender", "ter:InvalidArgs"]
    multicast = ('<GetStreamUri xmlns="http://www.onvif.org/ver10/media/wsdl"><StreamSetup>'
                 '<Stream xmlns="http://www.onvif.org/ver10/schema">RTP-Multicast</Stream></StreamSetup>'
                 "<ProfileToken>main</ProfileToken></GetStreamUri>")
    assert fault_codes(post(media, authed(multicast)))[1:] == ["ter:InvalidArgVal", "ter:InvalidStreamSetup"]
    ptz = f"http://127.0.0.1:{running.port}/onvif/ptz_service"
    nan = ('<AbsoluteMove xmlns="http://www.onvif.org/ver20/ptz/wsdl"><ProfileToken>main</ProfileToken>'
           '<Position><PanTilt xmlns="http://www.onvif.org/ver10/schema" x="nan" y="zero"/></Position></AbsoluteMove>')
    assert fault_codes(post(ptz, authed(nan)))[:2] == ["env:Sender", "ter:InvalidArgVal"]
    caps = '<GetCapabilities xmlns="http://www.onvif.org/ver10/device/wsdl"><Category>Imaging</Category></GetCapabilities>'
    assert fault_codes(post(running.device.url, authed(caps)))[1:] == ["ter:ActionNotSupported", "ter:NoSuchService"]


def test_soap_11_is_a_version_mismatch(running: Running) -> None:
    body = (b"<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body>"
            b"<GetDeviceInformation xmlns='http://www.onvif.org/ver10/device/wsdl'/></soap:Body></soap:Envelope>")
    response = post(running.device.url, body)
    assert response.status_code == 400
    assert fault_codes(response) == ["env:VersionMismatch"]


def test_a_5_mb_body_is_refused_with_413(running: Running) -> None:
    big = authed(f'<GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl">{"x" * 5_000_000}'
                 "</GetDeviceInformation>")
    assert post(running.device.url, big).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count as it reads
        for start in range(0, len(big), 65536):
            yield big[start:start + 65536]
    assert requests.post(running.device.url, data=chunks(), timeout=10).status_code == 413


def test_a_client_that_hangs_up_mid_request_does_no_harm(running: Running) -> None:
    with socket.create_connection(("127.0.0.1", running.port), timeout=5) as sock:
        sock.sendall(b"POST /onvif/device_service HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n<s:Env")
    with socket.create_connection(("127.0.0.1", running.port), timeout=5) as sock:
        sock.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.")  # a 400, not silence


def test_unknown_paths_are_404(running: Running) -> None:
    assert requests.post(f"http://127.0.0.1:{running.port}/cgi-bin/x", data=b"", timeout=5).status_code == 404
    assert requests.get(f"http://127.0.0.1:{running.port}/onvif/snapshot/fisheye",
                        timeout=5).status_code in (401, 404)
