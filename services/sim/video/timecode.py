"""A machine-readable capture-time strip burned into frames, so benchmarks read latency from pixels.

Layout (see docs/sim/VIDEO.md): a band across the bottom of the frame, 2 rows × 34 cells.
Cells in reading order (row 0 left→right, then row 1): white, black (sync), 48 bits of the
capture time in ms since the epoch (MSB first), 16 bits CRC-16/CCITT (binascii.crc_hqx, init
0xFFFF) over those 6 bytes big-endian, black, white (sync). White = 255, black = 0 in all channels.
Cells are ≥ 18 × 12 px at 640×360, large enough to survive H.264 at sub-stream bitrates.
"""

from __future__ import annotations

import binascii
import logging
from functools import lru_cache

import numpy as np

logger = logging.getLogger(__name__)

ROWS = 2
COLS = 34
DATA_BITS = 48
CRC_BITS = 16
_SYNC_HEAD = (1, 0)
_SYNC_TAIL = (0, 1)
_CELLS = ROWS * COLS
assert len(_SYNC_HEAD) + DATA_BITS + CRC_BITS + len(_SYNC_TAIL) == _CELLS


def strip_height(height: int) -> int:
    """Pixel height of the whole strip for a frame of this height (2 rows of cells)."""
    return ROWS * max(6, round(height / 30))


@lru_cache(maxsize=16)
def _layout(width: int, height: int) -> tuple[np.ndarray, tuple[int, ...], np.ndarray]:
    """Column→cell index map, row boundaries (y), and cell boundaries (x)."""
    edges_x = np.round(np.linspace(0, width, COLS + 1)).astype(int)
    col_cell = np.searchsorted(edges_x, np.arange(width), side="right") - 1
    row_h = strip_height(height) // ROWS
    top = height - ROWS * row_h
    rows = tuple(top + r * row_h for r in range(ROWS + 1))
    return col_cell, rows, edges_x


def _bits(t_ms: int) -> np.ndarray:
    t_ms &= (1 << DATA_BITS) - 1
    payload = t_ms.to_bytes(DATA_BITS // 8, "big")
    crc = binascii.crc_hqx(payload, 0xFFFF)
    word = (t_ms << CRC_BITS) | crc
    data = [(word >> (DATA_BITS + CRC_BITS - 1 - i)) & 1 for i in range(DATA_BITS + CRC_BITS)]
    return np.array([*_SYNC_HEAD, *data, *_SYNC_TAIL], dtype=bool)


def encode_timecode(img: np.ndarray, t_ms: int) -> None:
    """Burn `t_ms` (ms since epoch, < 2**48) into the bottom strip of `img` in place."""
    h, w = img.shape[:2]
    col_cell, rows, _ = _layout(w, h)
    bits = _bits(int(t_ms)).reshape(ROWS, COLS)
    for r in range(ROWS):
        line = np.where(bits[r][col_cell], 255, 0).astype(np.uint8)
        if img.ndim == 3:
            img[rows[r]:rows[r + 1]] = line[None, :, None]
        else:
            img[rows[r]:rows[r + 1]] = line[None, :]


def decode_timecode(img: np.ndarray) -> int | None:
    """The capture time in ms read back from a (decoded) frame; None if absent or damaged."""
    h, w = img.shape[:2]
    if h < 2 * strip_height(h) or w < 2 * COLS:
        return None
    _, rows, edges_x = _layout(w, h)
    grey = img[..., 1] if img.ndim == 3 else img  # green carries most of the luma
    levels = np.empty(_CELLS)
    for r in range(ROWS):
        y0, y1 = rows[r], rows[r + 1]
        qy = (y1 - y0) // 4
        band = grey[y0 + qy:y1 - qy].astype(np.float32).mean(axis=0)
        for c in range(COLS):
            x0, x1 = edges_x[c], edges_x[c + 1]
            qx = (x1 - x0) // 4
            levels[r * COLS + c] = band[x0 + qx:x1 - qx].mean()
    white = (levels[0] + levels[-1]) / 2
    black = (levels[1] + levels[-2]) / 2
    if white - black < 64:
        return None
    bits = levels > (white + black) / 2
    if tuple(bits[:2]) != _SYNC_HEAD or tuple(bits[-2:]) != _SYNC_TAIL:
        return None
    word = 0
    for b in bits[2:-2]:
        word = (word << 1) | int(b)
    t_ms, crc = word >> CRC_BITS, word & 0xFFFF
    if binascii.crc_hqx(t_ms.to_bytes(DATA_BITS // 8, "big"), 0xFFFF) != crc:
        return None
    return t_ms
