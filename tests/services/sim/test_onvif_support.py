"""Shared helpers of the ONVIF tests (no tests here): a loop thread that hosts devices, raw SOAP."""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import cv2
import numpy as np
import requests
from lxml import etree

from services.sim.loop import LoopThread
from services.sim.model import EventHub, PtzState, SimCamera
from services.sim.onvif import OnvifDevice

T = TypeVar("T")
SOAP_ENV = "http://www.w3.org/2003/05/soap-envelope"
TER = "http://www.onvif.org/ver10/error"
PASSWORD = "s3cret-Pass"


def make_camera(index: int = 1, *, is_ptz: bool = True, **changes: Any) -> SimCamera:
    fields: dict[str, Any] = dict(index=index, code=f"CAM-{index:03d}", name=f"北门入口{index}", x=10.0 * index,
                                  y=5.0, z=3.0, heading_deg=90.0, tilt_deg=-15.0, fov_deg=60.0, range_m=40.0,
                                  is_ptz=is_ptz, password=PASSWORD)
    fields.update(changes)
    return SimCamera(**fields)


def stream_uri_of(camera: SimCamera) -> Any:
    def stream_uri(token: str) -> str:
        return f"rtsp://127.0.0.1:8554/{camera.code}/{token}"
    return stream_uri


def sample_jpeg(token: str = "main") -> bytes:
    """A real JPEG: a gradient picture, encoded by OpenCV."""
    height, width = (72, 128) if token == "main" else (36, 64)
    picture = np.zeros((height, width, 3), np.uint8)
    picture[..., 1] = np.linspace(0, 255, width, dtype=np.uint8)[None, :]
    ok, encoded = cv2.imencode(".jpg", picture)
    assert ok
    return encoded.tobytes()


@dataclass
class Running:
    device: OnvifDevice
    camera: SimCamera
    ptz: PtzState
    hub: EventHub

    @property
    def port(self) -> int:
        return self.device.port


def start_device(lt: LoopThread, camera: SimCamera, hub: EventHub | None = None) -> Running:
    hub = hub or EventHub()
    ptz = PtzState(camera)
    device = OnvifDevice(camera, ptz, hub, stream_uri=stream_uri_of(camera), snapshot_jpeg=sample_jpeg)
    lt.run(device.start())
    return Running(device, camera, ptz, hub)


# -- raw SOAP, for what a library would not send ----------------------------------------------------

def username_token(user: str, password: str, *, created: datetime | None = None, nonce: bytes | None = None,
                   text_password: bool = False) -> str:
    created_s = (created or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    nonce = nonce or os.urandom(16)
    profile = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"
    if text_password:
        secret, kind = password, f"{profile}#PasswordText"
    else:
        secret = base64.b64encode(hashlib.sha1(nonce + created_s.encode() + password.encode()).digest()).decode()
        kind = f"{profile}#PasswordDigest"
    return ('<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"'
            ' xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">'
            f'<wsse:UsernameToken><wsse:Username>{user}</wsse:Username>'
            f'<wsse:Password Type="{kind}">{secret}</wsse:Password>'
            f'<wsse:Nonce>{base64.b64encode(nonce).decode()}</wsse:Nonce>'
            f'<wsu:Created>{created_s}</wsu:Created></wsse:UsernameToken></wsse:Security>')


def soap_envelope(body: str, header: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="{SOAP_ENV}">'
            f"<s:Header>{header}</s:Header><s:Body>{body}</s:Body></s:Envelope>").encode()


def post(url: str, data: bytes, timeout_s: float = 5.0) -> requests.Response:
    return requests.post(url, data=data, timeout=timeout_s,
                         headers={"Content-Type": "application/soap+xml; charset=utf-8"})


def fault_codes(response: requests.Response) -> list[str]:
    """['env:Sender', 'ter:InvalidArgVal', …] of a SOAP fault response, as written."""
    root = etree.fromstring(response.content)
    return [v.text.strip() for v in root.iter(f"{{{SOAP_ENV}}}Value")]
