"""Hostile and broken servers: each ends in the right CameraState, with a message, within the call timeout."""

from __future__ import annotations

import email.utils
import gc
import time

import psutil
import pytest

from cockpit.cameras import CameraState
from services.onvif import OnvifClient, OnvifError
from services.sim.loop import LoopThread

from . import hostile
from .conftest import PASSWORD, Running, free_port

TIMEOUT_S = 1.0
MARGIN_S = 0.5


def connect_error(address: str, password: str = PASSWORD, timeout_s: float = TIMEOUT_S) -> tuple[OnvifError, float]:
    client = OnvifClient(address, "admin", password, timeout_s=timeout_s)
    started = time.monotonic()
    try:
        with pytest.raises(OnvifError) as info:
            client.connect()
    finally:
        client.close()
    return info.value, time.monotonic() - started


def test_wrong_password_soap_not_authorized(device: Running) -> None:
    error, elapsed = connect_error(f"127.0.0.1:{device.port}", password="wrong")
    assert error.state is CameraState.AUTH_FAILED
    assert str(error).startswith(f"wrong user name or password for 127.0.0.1:{device.port}")
    assert elapsed < TIMEOUT_S


def test_wrong_password_http_401_even_after_digest(loop_thread: LoopThread) -> None:
    challenge = {"WWW-Authenticate": 'Digest realm="cam", qop="auth", nonce="abc", algorithm=MD5'}
    with hostile.serving(loop_thread, GetCapabilities=hostile.respond(401, b"Unauthorized", "text/plain",
                                                                      challenge)) as server:
        error, elapsed = connect_error(server.address)
    assert error.state is CameraState.AUTH_FAILED and "HTTP 401" in str(error)
    digest = [r for r in server.requests if "authorization" in r.headers]
    assert digest and digest[0].headers["authorization"].startswith("Digest ")  # it did try HTTP Digest once
    assert elapsed < TIMEOUT_S


def test_wsse_failed_authentication_fault(loop_thread: LoopThread) -> None:
    wsse = ' xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"'
    reply = hostile.fault("Sender", "wsse:FailedAuthentication", "The security token could not be authenticated",
                          wsse)
    with hostile.serving(loop_thread, GetCapabilities=(400, reply)) as server:
        error, _ = connect_error(server.address)
    assert error.state is CameraState.AUTH_FAILED and "could not be authenticated" in str(error)


def test_everything_behind_401_even_the_clock(loop_thread: LoopThread) -> None:
    now = email.utils.formatdate(usegmt=True)  # the clock comes from the HTTP Date header then
    with hostile.serving(loop_thread, hostile.respond(401, b"", "text/plain", {"Date": now})) as server:
        error, _ = connect_error(server.address)
    assert error.state is CameraState.AUTH_FAILED


def test_malformed_xml_is_not_onvif(loop_thread: LoopThread) -> None:
    with hostile.serving(loop_thread, hostile.respond(200, b"<s:Envelope><s:Body><oops")) as server:
        error, elapsed = connect_error(server.address)
    assert error.state is CameraState.NOT_ONVIF and elapsed < TIMEOUT_S
    with hostile.serving(loop_thread, GetCapabilities=(200, b"<?xml version='1.0'?><a><b></a>")) as server:
        error, _ = connect_error(server.address)
    assert error.state is CameraState.NOT_ONVIF and "malformed XML" in str(error)


def test_xml_without_a_soap_envelope_is_not_onvif(loop_thread: LoopThread) -> None:
    with hostile.serving(loop_thread, GetCapabilities=(200, b"<?xml version='1.0'?><rss><channel/></rss>")) as server:
        error, _ = connect_error(server.address)
    assert error.state is CameraState.NOT_ONVIF and "not a SOAP envelope" in str(error)


def test_an_html_page_is_not_onvif(loop_thread: LoopThread) -> None:
    page = b"<!DOCTYPE html><html><body><h1>Router login</h1></body></html>"
    with hostile.serving(loop_thread, hostile.respond(200, page, "text/html")) as server:
        error, elapsed = connect_error(server.address)
    assert error.state is CameraState.NOT_ONVIF and "web page" in str(error) and elapsed < TIMEOUT_S


def test_404_on_the_service_path_is_not_onvif(loop_thread: LoopThread) -> None:
    with hostile.serving(loop_thread, hostile.respond(404, b"Not Found", "text/plain")) as server:
        error, _ = connect_error(server.address)
    assert error.state is CameraState.NOT_ONVIF and "HTTP 404" in str(error)


def test_a_fault_on_get_profiles_is_unsupported_with_the_fault_text(loop_thread: LoopThread) -> None:
    reply = hostile.fault("Receiver", "ter:Action", "Media subsystem not ready")
    with hostile.serving(loop_thread, GetProfiles=(500, reply)) as server:
        error, _ = connect_error(server.address)
    assert error.state is CameraState.UNSUPPORTED
    assert "GetProfiles" in str(error) and "Media subsystem not ready" in str(error)


def test_a_silent_server_is_unreachable_within_the_call_timeout(loop_thread: LoopThread) -> None:
    with hostile.serving(loop_thread, hostile.silent) as server:
        error, elapsed = connect_error(server.address)
    assert error.state is CameraState.UNREACHABLE and "did not answer" in str(error)
    assert TIMEOUT_S - 0.1 <= elapsed < TIMEOUT_S + MARGIN_S, elapsed


def test_a_trickling_server_is_cut_at_the_deadline(loop_thread: LoopThread) -> None:
    with hostile.serving(loop_thread, hostile.trickle) as server:
        error, elapsed = connect_error(server.address)
    assert error.state is CameraState.UNREACHABLE
    assert elapsed < TIMEOUT_S + MARGIN_S, elapsed


@pytest.mark.parametrize("declared", [False, True], ids=["chunked", "content-length"])
def test_a_huge_reply_is_cut_without_eating_memory(loop_thread: LoopThread, declared: bool) -> None:
    gc.collect()
    rss_before = psutil.Process().memory_info().rss
    with hostile.serving(loop_thread, hostile.stream(50 * 1024 * 1024, declare_length=declared)) as server:
        error, elapsed = connect_error(server.address, timeout_s=3.0)
    growth = psutil.Process().memory_info().rss - rss_before
    assert error.state is CameraState.NOT_ONVIF and "MiB" in str(error)
    assert elapsed < 3.0
    assert growth < 20 * 1024 * 1024, f"RSS grew {growth / 1e6:.1f} MB"


def test_a_refused_port_is_unreachable_at_once() -> None:
    port = free_port()
    error, elapsed = connect_error(f"127.0.0.1:{port}")
    assert error.state is CameraState.UNREACHABLE and "refused" in str(error) and elapsed < 0.5


def test_an_unknown_host_name_is_unreachable() -> None:
    error, _ = connect_error("camera.invalid:80")  # .invalid never resolves (RFC 2606)
    assert error.state is CameraState.UNREACHABLE and "resolve" in str(error)


def test_a_device_without_get_capabilities_is_read_through_get_services(loop_thread: LoopThread) -> None:
    unsupported = (500, hostile.fault("Receiver", "ter:ActionNotSupported", "GetCapabilities is deprecated"))
    with hostile.serving(loop_thread, GetCapabilities=unsupported) as server:
        base = f"http://127.0.0.1:{server.port}/onvif"
        services = hostile.envelope(
            "<tds:GetServicesResponse><tds:Service><tds:Namespace>http://www.onvif.org/ver10/media/wsdl"
            f"</tds:Namespace><tds:XAddr>{base}/media_service</tds:XAddr><tds:Version><tt:Major>2</tt:Major>"
            "<tt:Minor>60</tt:Minor></tds:Version></tds:Service></tds:GetServicesResponse>")
        profiles = hostile.envelope(
            '<trt:GetProfilesResponse><trt:Profiles token="p1" fixed="true"><tt:Name>Main</tt:Name>'
            '<tt:VideoEncoderConfiguration token="e1"><tt:Name>e</tt:Name><tt:UseCount>1</tt:UseCount>'
            "<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height>"
            "</tt:Resolution><tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit>"
            "<tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl>"
            "<tt:H264><tt:GovLength>50</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>"
            "</tt:VideoEncoderConfiguration></trt:Profiles></trt:GetProfilesResponse>")
        server.behaviour.overrides.update(GetServices=(200, services), GetProfiles=(200, profiles))
        client = OnvifClient(server.address, "admin", PASSWORD, timeout_s=TIMEOUT_S)
        client.connect()
    assert set(client.services) == {"device", "media"}
    [profile] = client.last_profiles
    assert (profile.token, profile.width, profile.fps, profile.gop, profile.bitrate_kbps, profile.has_ptz) == (
        "p1", 1920, 25.0, 50, 4096, False)
