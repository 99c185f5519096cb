"""Device and Media services of a simulated camera, seen through onvif-zeep over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import cv2
import numpy as np
import pytest
import requests
from lxml import etree
from onvif import ONVIFCamera
from requests.auth import HTTPDigestAuth

from .test_onvif_support import (PASSWORD, LoopThread, Running, make_camera, post, soap_envelope,
                                 start_device)

TT = "http://www.onvif.org/ver10/schema"


@pytest.fixture(scope="module")
def running(loop_thread: LoopThread) -> Iterator[Running]:
    run = start_device(loop_thread, make_camera(7, serial="SN-0007"))
    yield run
    loop_thread.run(run.device.stop())


@pytest.fixture(scope="module")
def cam(running: Running) -> ONVIFCamera:
    return ONVIFCamera("127.0.0.1", running.port, "admin", PASSWORD)


def test_device_information(cam: ONVIFCamera, running: Running) -> None:
    info = cam.devicemgmt.GetDeviceInformation()
    assert (info.Manufacturer, info.Model, info.FirmwareVersion) == ("CockpitSim", "SimCam-4MP", "1.0.0")
    assert info.SerialNumber == "SN-0007"
    assert info.HardwareId
    assert running.device.url == f"http://127.0.0.1:{running.port}/onvif/device_service"


def test_capabilities_give_every_service_address(cam: ONVIFCamera, running: Running) -> None:
    caps = cam.devicemgmt.GetCapabilities({"Category": "All"})
    base = f"http://127.0.0.1:{running.port}/onvif"
    assert caps.Device.XAddr == f"{base}/device_service"
    assert caps.Media.XAddr == f"{base}/media_service"
    assert caps.PTZ.XAddr == f"{base}/ptz_service"
    assert caps.Events.XAddr == f"{base}/events_service"
    assert caps.Events.WSPullPointSupport is True
    assert caps.Media.StreamingCapabilities.RTP_RTSP_TCP is True
    assert caps.Imaging is None and caps.Analytics is None
    only_media = cam.devicemgmt.GetCapabilities({"Category": "Media"})
    assert only_media.Media.XAddr == f"{base}/media_service" and only_media.Device is None


def test_services_with_and_without_capabilities(cam: ONVIFCamera) -> None:
    services = {s.Namespace: s for s in cam.devicemgmt.GetServices({"IncludeCapability": True})}
    assert set(services) == {"http://www.onvif.org/ver10/device/wsdl", "http://www.onvif.org/ver10/media/wsdl",
                             "http://www.onvif.org/ver10/events/wsdl", "http://www.onvif.org/ver20/ptz/wsdl"}
    media = services["http://www.onvif.org/ver10/media/wsdl"]
    assert media.XAddr.endswith("/onvif/media_service")
    assert media.Capabilities is not None
    plain = cam.devicemgmt.GetServices({"IncludeCapability": False})
    assert all(s.Capabilities is None for s in plain)


def test_scopes_hostname_and_network(cam: ONVIFCamera) -> None:
    scopes = [s.ScopeItem for s in cam.devicemgmt.GetScopes()]
    assert "onvif://www.onvif.org/name/CAM-007" in scopes
    assert "onvif://www.onvif.org/type/video_encoder" in scopes
    assert "onvif://www.onvif.org/Profile/Streaming" in scopes
    assert any(s.startswith("onvif://www.onvif.org/hardware/") for s in scopes)
    assert any(s.startswith("onvif://www.onvif.org/location/") for s in scopes)
    assert cam.devicemgmt.GetHostname().Name == "cam-007"
    nic = cam.devicemgmt.GetNetworkInterfaces()[0]
    assert nic.IPv4.Config.Manual[0].Address == "127.0.0.1"
    assert nic.Info.HwAddress.count(":") == 5


def test_system_date_and_time_is_the_device_clock_and_needs_no_login(loop_thread: LoopThread) -> None:
    run = start_device(loop_thread, make_camera(8, clock_offset_s=7200.0))
    try:
        body = '<GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/>'
        response = post(run.device.url, soap_envelope(body))  # no WS-Security header at all
        assert response.status_code == 200
        utc = etree.fromstring(response.content).find(f".//{{{TT}}}UTCDateTime")
        value = {e.tag.split("}")[1]: int(e.text) for e in utc.iter() if e.text and e.text.strip().isdigit()}
        reported = datetime(value["Year"], value["Month"], value["Day"], value["Hour"], value["Minute"],
                            value["Second"], tzinfo=UTC)
        assert abs(reported - (datetime.now(UTC) + timedelta(hours=2))) < timedelta(seconds=5)
    finally:
        loop_thread.run(run.device.stop())


def test_profiles_main_and_sub(cam: ONVIFCamera) -> None:
    media = cam.create_media_service()
    profiles = {p.token: p for p in media.GetProfiles()}
    assert list(profiles) == ["main", "sub"]
    main, sub = profiles["main"], profiles["sub"]
    assert (main.VideoEncoderConfiguration.Resolution.Width, main.VideoEncoderConfiguration.Resolution.Height) \
        == (1280, 720)
    assert (sub.VideoEncoderConfiguration.Resolution.Width, sub.VideoEncoderConfiguration.Resolution.Height) \
        == (640, 360)
    for profile in (main, sub):
        encoder = profile.VideoEncoderConfiguration
        assert encoder.Encoding == "H264"
        assert encoder.H264.GovLength == 15
        assert encoder.RateControl.FrameRateLimit == 15
        assert profile.VideoSourceConfiguration.SourceToken == "vs0"
        assert profile.PTZConfiguration.NodeToken == "ptzn0"
    assert main.VideoEncoderConfiguration.RateControl.BitrateLimit == 2048
    assert media.GetProfile({"ProfileToken": "sub"}).Name == "SubStream"
    sources = media.GetVideoSources()
    assert sources[0].token == "vs0" and sources[0].Resolution.Width == 1280


def test_stream_uri_comes_from_the_video_part(cam: ONVIFCamera) -> None:
    media = cam.create_media_service()
    for protocol in ("RTSP", "UDP", "TCP"):
        uri = media.GetStreamUri({"StreamSetup": {"Stream": "RTP-Unicast", "Transport": {"Protocol": protocol}},
                                  "ProfileToken": "sub"})
        assert uri.Uri == "rtsp://127.0.0.1:8554/CAM-007/sub"


def test_snapshot_is_served_with_http_digest_auth(cam: ONVIFCamera) -> None:
    media = cam.create_media_service()
    url = media.GetSnapshotUri({"ProfileToken": "main"}).Uri
    assert url.startswith("http://127.0.0.1:")
    anonymous = requests.get(url, timeout=5)
    assert anonymous.status_code == 401
    assert anonymous.headers["WWW-Authenticate"].startswith("Digest ")
    assert requests.get(url, auth=HTTPDigestAuth("admin", "wrong"), timeout=5).status_code == 401
    assert requests.get(url, auth=("admin", PASSWORD), timeout=5).status_code == 401  # Basic is refused
    good = requests.get(url, auth=HTTPDigestAuth("admin", PASSWORD), timeout=5)
    assert good.status_code == 200
    assert good.headers["Content-Type"] == "image/jpeg"
    picture = cv2.imdecode(np.frombuffer(good.content, np.uint8), cv2.IMREAD_COLOR)
    assert picture.shape == (72, 128, 3)


def test_get_requests_on_soap_addresses_are_refused(running: Running) -> None:
    assert requests.get(running.device.url, timeout=5).status_code == 405
