"""Remuxing real camera packets: the file plays, holds the camera's own bytes, and odd cases are handled."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from services.recording import ClipWriter, PacketTap, RecordingError, StoredPacket
from services.recording.mp4_writer import choose_format, nal_types
from tests.services.recording.conftest import gst_codec_server
from tests.services.recording.media_checks import (
    annexb_units,
    avcc_units,
    ffprobe,
    read_packets,
)
from tests.services.video.conftest import wait_for
from tests.services.video.hosts import SimCameraHost


def capture(uri: str, seconds: float) -> list[StoredPacket]:
    """`seconds` of a real stream, from the first packet of its RTSP session, through a tap's ring."""
    tap = PacketTap("CAM-T", uri, ring_s=60.0, ring_bytes=64 * 2**20).start()
    try:
        assert wait_for(lambda: tap.ring.stats().seconds >= seconds, seconds + 5) is not None, tap.message
        return tap.ring.snapshot()
    finally:
        tap.close()


@pytest.fixture(scope="module")
def packets(camera: SimCameraHost) -> Iterator[list[StoredPacket]]:
    yield capture(camera.uri, 2.5)


def write(stem: Path, packets: list[StoredPacket]):
    writer = ClipWriter(stem, packets[0].params)
    for p in packets:
        writer.write(p)
    return writer.close()


def test_h264_remuxed_into_mp4_without_reencoding(tmp_path: Path, packets: list[StoredPacket]):
    assert packets[0].keyframe and packets[0].pts is None  # RTSP's first packet: no timestamp yet
    clip = write(tmp_path / "clip", packets)
    assert clip.path == tmp_path / "clip.mp4" and clip.path.exists() and not list(tmp_path.glob("*.part"))
    probe = ffprobe(clip.path)
    assert "mp4" in probe.format and (probe.codec, probe.width, probe.height) == ("h264", 640, 360)
    assert probe.frames == len(packets) == clip.packets
    span = len(packets) / 15
    assert abs(probe.duration_s - span) < 0.1 and abs(clip.duration_s - span) < 0.1
    payloads, pictures = read_packets(clip.path)
    assert pictures == len(packets)  # every access unit decodes
    # The same NAL units, byte for byte: only the framing changed (start codes → lengths), no re-encoding.
    assert [avcc_units(p) for p in payloads] == [annexb_units(p.data) for p in packets]
    assert clip.size_bytes == clip.path.stat().st_size
    with clip.path.open("rb") as f:
        head = f.read(64 * 1024)
    assert head.find(b"moov") < head.find(b"mdat")  # +faststart: the index comes first


def strip_parameter_sets(p: StoredPacket) -> StoredPacket:
    units = [u for u in annexb_units(p.data) if u[0] & 0x1F not in (7, 8)]
    return replace(p, data=b"".join(b"\x00\x00\x00\x01" + u for u in units))


def test_keyframes_without_in_band_sps_get_the_sdp_copy(tmp_path: Path, packets: list[StoredPacket]):
    """Many cameras send SPS/PPS only in the SDP: the first keyframe is given them, nothing else changes."""
    bare = [strip_parameter_sets(p) for p in packets]
    assert not {7, 8} & nal_types("h264", bare[0].data)
    clip = write(tmp_path / "bare", bare)
    payloads, pictures = read_packets(clip.path)
    assert pictures == len(bare)
    assert {7, 8} <= {u[0] & 0x1F for u in avcc_units(payloads[0])}
    assert [avcc_units(p) for p in payloads[1:]] == [annexb_units(p.data) for p in bare[1:]]


@pytest.mark.parametrize(("codec", "fmt", "suffix"), [("h265", "mp4", ".mp4"), ("vp8", "matroska", ".mkv")])
def test_other_codecs(tmp_path: Path, codec: str, fmt: str, suffix: str):
    """H.265 goes into MP4 as it is; VP8 cannot, so it goes into Matroska rather than being lost."""
    with gst_codec_server(codec) as uri:
        got = capture(uri, 1.5)
    clip = write(tmp_path / "clip", got)
    assert clip.format == fmt and clip.path.suffix == suffix
    probe = ffprobe(clip.path)
    assert probe.codec == {"h265": "hevc"}.get(codec, codec) and (probe.width, probe.height) == (320, 180)
    assert probe.frames == len(got)
    assert read_packets(clip.path)[1] == len(got)


def test_a_codec_no_container_takes_is_refused_clearly():
    with pytest.raises(RecordingError, match="codec h261 cannot be stored without re-encoding"):
        choose_format("h261")


def test_unwritable_directory_is_a_clear_error(tmp_path: Path, packets: list[StoredPacket]):
    with pytest.raises(RecordingError, match=r"cannot write .*missing/clip\.mp4\.part: No such file or directory"):
        ClipWriter(tmp_path / "missing" / "clip", packets[0].params)


def test_no_packets_means_no_file(tmp_path: Path, packets: list[StoredPacket]):
    writer = ClipWriter(tmp_path / "empty", packets[0].params)
    with pytest.raises(RecordingError, match="no video was received"):
        writer.close()
    assert list(tmp_path.iterdir()) == []


def test_writing_is_fast(tmp_path: Path, packets: list[StoredPacket]):
    t0 = time.perf_counter()
    write(tmp_path / "fast", packets)
    assert time.perf_counter() - t0 < 0.5
