"""What a written clip holds, as ffprobe and PyAV see it (independent readers of the file)."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import av


@dataclass(frozen=True)
class Probe:
    format: str
    codec: str
    width: int
    height: int
    duration_s: float
    frames: int


def ffprobe(path: Path) -> Probe:
    out = subprocess.run(["ffprobe", "-v", "error", "-count_packets", "-show_entries",
                          "stream=codec_name,width,height,nb_read_packets:format=format_name,duration",
                          "-of", "json", str(path)], capture_output=True, text=True, timeout=20, check=True)
    info = json.loads(out.stdout)
    stream = info["streams"][0]
    return Probe(info["format"]["format_name"], stream["codec_name"], stream["width"], stream["height"],
                 float(info["format"]["duration"]), int(stream["nb_read_packets"]))


def read_packets(path: Path) -> tuple[list[bytes], int]:
    """(packet payloads, pictures decoded) read back with PyAV."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        payloads, pictures = [], 0
        for packet in container.demux(stream):  # the last one is empty: it flushes the decoder
            if packet.size:
                payloads.append(bytes(packet))
            pictures += len(stream.codec_context.decode(packet))
    return payloads, pictures


def annexb_units(data: bytes) -> list[bytes]:
    """NAL units of an Annex B access unit (start codes removed, trailing zeros trimmed)."""
    starts = [m.end() for m in re.finditer(b"\x00\x00\x01", data)]
    ends = [*(s - 3 for s in starts[1:]), len(data)]
    return [data[a:b].rstrip(b"\x00") for a, b in zip(starts, ends, strict=True)]


def avcc_units(data: bytes) -> list[bytes]:
    """NAL units of a length-prefixed (MP4) access unit."""
    units, i = [], 0
    while i + 4 <= len(data):
        n = int.from_bytes(data[i:i + 4], "big")
        units.append(data[i + 4:i + 4 + n].rstrip(b"\x00"))
        i += 4 + n
    return units
