"""Pre-alarm buffers and clips: demux-only taps, MP4 remuxing without re-encoding, a disk quota (docs/RECORDING.md)."""

from .catalog import set_evidence
from .errors import RecordingError
from .media import StoredPacket, StreamParams
from .mp4_writer import ClipWriter, WrittenClip
from .packet_ring import PacketRing, RingStats
from .recorder import RecorderService
from .retention import Retention
from .tap import PacketTap, TapStats

__all__ = ["ClipWriter", "PacketRing", "PacketTap", "RecorderService", "RecordingError", "Retention", "RingStats",
           "StoredPacket", "StreamParams", "TapStats", "WrittenClip", "set_evidence"]
