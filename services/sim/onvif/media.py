"""ONVIF Media service (ver10/media): one profile per StreamSpec, stream and snapshot URIs."""

from __future__ import annotations

import logging
from collections.abc import Callable

from lxml import etree

from ..model import SimCamera, StreamSpec
from .addresses import DeviceAddresses
from .ptz import ptz_configuration
from .soap import Handler, SoapCall, SoapFault, el, invalid_arg, qn, required_text, text

logger = logging.getLogger(__name__)

VIDEO_SOURCE = "vs0"
VIDEO_SOURCE_CONFIG = "vsc0"
H264_PROFILE = "Baseline"  # what x264 at speed-preset=ultrafast produces (no CABAC, no B-frames)
UNICAST_TRANSPORTS = {"UDP", "TCP", "RTSP"}  # RTP over UDP, RTP over RTSP (TCP): one rtsp:// URI serves all


def encoder_token(spec: StreamSpec) -> str:
    return f"vec_{spec.token}"


class MediaService:
    def __init__(self, camera: SimCamera, addresses: DeviceAddresses, stream_uri: Callable[[str], str]) -> None:
        self._camera = camera
        self._addresses = addresses
        self._stream_uri = stream_uri

    def operations(self) -> dict[str, Handler]:
        ops: dict[str, Handler] = {
            "GetServiceCapabilities": self.get_service_capabilities,
            "GetProfiles": self.get_profiles,
            "GetProfile": self.get_profile,
            "GetStreamUri": self.get_stream_uri,
            "GetSnapshotUri": self.get_snapshot_uri,
            "GetVideoSources": self.get_video_sources,
            "GetVideoSourceConfigurations": self.get_video_source_configurations,
            "GetVideoEncoderConfigurations": self.get_video_encoder_configurations,
        }
        return {qn(f"trt:{name}"): handler for name, handler in ops.items()}

    def capabilities(self) -> etree._Element:
        return el("trt:Capabilities",
                  el("trt:ProfileCapabilities", MaximumNumberOfProfiles=len(self._camera.streams)),
                  el("trt:StreamingCapabilities", RTPMulticast=False, RTP_TCP=True, RTP_RTSP_TCP=True),
                  SnapshotUri=True, Rotation=False, VideoSourceMode=False, OSD=False)

    # -- building blocks ------------------------------------------------------------------

    def _source_size(self) -> tuple[int, int]:
        biggest = max(self._camera.streams, key=lambda s: s.width * s.height)
        return biggest.width, biggest.height

    def _video_source_configuration(self) -> etree._Element:
        width, height = self._source_size()
        return el("tt:VideoSourceConfiguration",
                  el("tt:Name", "VideoSourceConfig"), el("tt:UseCount", len(self._camera.streams)),
                  el("tt:SourceToken", VIDEO_SOURCE), el("tt:Bounds", x=0, y=0, width=width, height=height),
                  token=VIDEO_SOURCE_CONFIG)

    @staticmethod
    def _video_encoder_configuration(spec: StreamSpec) -> etree._Element:
        return el("tt:VideoEncoderConfiguration",
                  el("tt:Name", f"{spec.name}Encoder"), el("tt:UseCount", 1), el("tt:Encoding", "H264"),
                  el("tt:Resolution", el("tt:Width", spec.width), el("tt:Height", spec.height)),
                  el("tt:Quality", 5.0),
                  el("tt:RateControl", el("tt:FrameRateLimit", spec.fps), el("tt:EncodingInterval", 1),
                     el("tt:BitrateLimit", spec.bitrate_kbps)),
                  el("tt:H264", el("tt:GovLength", spec.gop), el("tt:H264Profile", H264_PROFILE)),
                  el("tt:Multicast",
                     el("tt:Address", el("tt:Type", "IPv4"), el("tt:IPv4Address", "0.0.0.0")),
                     el("tt:Port", 0), el("tt:TTL", 1), el("tt:AutoStart", False)),
                  el("tt:SessionTimeout", "PT60S"),
                  token=encoder_token(spec))

    def _profile(self, spec: StreamSpec, tag: str) -> etree._Element:
        return el(tag,
                  el("tt:Name", spec.name),
                  self._video_source_configuration(),
                  self._video_encoder_configuration(spec),
                  ptz_configuration(len(self._camera.streams)) if self._camera.is_ptz else None,
                  token=spec.token, fixed=True)

    def spec(self, token: str | None) -> StreamSpec:
        """The stream of a profile token, or the ONVIF NoProfile fault."""
        for spec in self._camera.streams:
            if spec.token == token:
                return spec
        raise invalid_arg("ter:NoProfile", f"The requested profile token {token!r} does not exist")

    # -- operations -------------------------------------------------------------------------

    async def get_service_capabilities(self, call: SoapCall) -> etree._Element:
        return el("trt:GetServiceCapabilitiesResponse", self.capabilities())

    async def get_profiles(self, call: SoapCall) -> etree._Element:
        return el("trt:GetProfilesResponse", *(self._profile(s, "trt:Profiles") for s in self._camera.streams))

    async def get_profile(self, call: SoapCall) -> etree._Element:
        spec = self.spec(required_text(call.op, "ProfileToken"))
        return el("trt:GetProfileResponse", self._profile(spec, "trt:Profile"))

    @staticmethod
    def _media_uri(uri: str) -> etree._Element:
        return el("trt:MediaUri", el("tt:Uri", uri), el("tt:InvalidAfterConnect", False),
                  el("tt:InvalidAfterReboot", False), el("tt:Timeout", "PT0S"))

    async def get_stream_uri(self, call: SoapCall) -> etree._Element:
        spec = self.spec(required_text(call.op, "ProfileToken"))
        stream = text(call.op, "StreamSetup", "Stream") or "RTP-Unicast"
        protocol = text(call.op, "StreamSetup", "Transport", "Protocol") or "RTSP"
        if stream != "RTP-Unicast" or protocol not in UNICAST_TRANSPORTS:
            raise SoapFault("Sender", ["ter:InvalidArgVal", "ter:InvalidStreamSetup"],
                            f"Stream setup {stream}/{protocol} is not supported (RTP-Unicast over UDP/RTSP/TCP)")
        return el("trt:GetStreamUriResponse", self._media_uri(self._stream_uri(spec.token)))

    async def get_snapshot_uri(self, call: SoapCall) -> etree._Element:
        spec = self.spec(required_text(call.op, "ProfileToken"))
        return el("trt:GetSnapshotUriResponse", self._media_uri(self._addresses.snapshot(spec.token)))

    async def get_video_sources(self, call: SoapCall) -> etree._Element:
        width, height = self._source_size()
        fps = max(s.fps for s in self._camera.streams)
        return el("trt:GetVideoSourcesResponse",
                  el("trt:VideoSources", el("tt:Framerate", float(fps)),
                     el("tt:Resolution", el("tt:Width", width), el("tt:Height", height)), token=VIDEO_SOURCE))

    async def get_video_source_configurations(self, call: SoapCall) -> etree._Element:
        node = self._video_source_configuration()
        node.tag = qn("trt:Configurations")
        return el("trt:GetVideoSourceConfigurationsResponse", node)

    async def get_video_encoder_configurations(self, call: SoapCall) -> etree._Element:
        nodes = [self._video_encoder_configuration(s) for s in self._camera.streams]
        for node in nodes:
            node.tag = qn("trt:Configurations")
        return el("trt:GetVideoEncoderConfigurationsResponse", *nodes)
