"""The SDP a DESCRIBE returns for one H.264 mount (RFC 8866, RFC 6184 §8)."""

from __future__ import annotations

import logging

from services.sim.model import StreamSpec

from .encoder import SdpParameters
from .rtp import PAYLOAD_TYPE

logger = logging.getLogger(__name__)

TRACK = "trackID=0"


def describe_sdp(spec: StreamSpec, params: SdpParameters, host: str, session_id: int, title: str) -> str:
    """Session description with one video track; `a=control` is relative to the Content-Base."""
    lines = [
        "v=0",
        f"o=- {session_id} 1 IN IP4 {host}",
        f"s={title}",
        "c=IN IP4 0.0.0.0",
        "t=0 0",
        "a=control:*",
        "a=range:npt=0-",
        f"m=video 0 RTP/AVP {PAYLOAD_TYPE}",
        f"a=rtpmap:{PAYLOAD_TYPE} H264/90000",
        f"a=fmtp:{PAYLOAD_TYPE} packetization-mode=1;profile-level-id={params.profile_level_id};"
        f"sprop-parameter-sets={params.sprop_parameter_sets}",
        f"a=framerate:{spec.fps}",
        f"a=x-dimensions:{spec.width},{spec.height}",
        f"a=control:{TRACK}",
    ]
    return "\r\n".join(lines) + "\r\n"
