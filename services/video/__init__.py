"""The product's video client: camera streams decoded on their own threads, newest frame wins; stream probes."""

from .decoder import DecoderState, DecoderStats, StreamDecoder
from .frames import Frame, FrameSlot
from .probe import StreamProbe, probe_stream

__all__ = ["DecoderState", "DecoderStats", "Frame", "FrameSlot", "StreamDecoder", "StreamProbe", "probe_stream"]
