"""On-screen display burned into frames: the camera's (Chinese) name and a millisecond clock."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import cv2
import numpy as np

logger = logging.getLogger(__name__)

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
_SC_FACE = "SC"  # the .ttc holds JP, KR, SC, TC, HK faces; prefer Simplified Chinese


def _cjk_font(size: int):
    from PIL import ImageFont

    for index in (2, 0, 1, 3, 4):
        try:
            font = ImageFont.truetype(str(CJK_FONT), size, index=index)
        except OSError:
            return None
        if _SC_FACE in font.getname()[0]:
            return font
    return ImageFont.truetype(str(CJK_FONT), size)


class TextLabel:
    """A caption rendered once (Pillow, white on a black outline) and alpha-blended per frame."""

    def __init__(self, text: str, fallback: str, height_px: int) -> None:
        self.bgr, self.alpha = self._render(text, fallback, height_px)

    @staticmethod
    def _render(text: str, fallback: str, size: int) -> tuple[np.ndarray, np.ndarray]:
        font = _cjk_font(size) if CJK_FONT.exists() else None
        if font is None:
            logger.info("no CJK font at %s; labelling with %r", CJK_FONT, fallback)
            return _hershey_label(fallback, size)
        from PIL import Image, ImageDraw

        stroke = max(1, size // 12)
        left, top, right, bottom = font.getbbox(text, stroke_width=stroke)
        image = Image.new("RGBA", (right - left + 2, bottom - top + 2), (0, 0, 0, 0))
        ImageDraw.Draw(image).text((1 - left, 1 - top), text, font=font, fill=(255, 255, 255, 255),
                                   stroke_width=stroke, stroke_fill=(0, 0, 0, 255))
        rgba = np.asarray(image)
        return np.ascontiguousarray(rgba[..., 2::-1]), rgba[..., 3]

    def draw(self, img: np.ndarray, x: int, y: int) -> None:
        """Blend the label with its top-left corner at (x, y), cut to the image."""
        h, w = self.alpha.shape
        y1, x1 = min(img.shape[0], y + h), min(img.shape[1], x + w)
        if y1 <= y or x1 <= x:
            return
        roi = img[y:y1, x:x1]
        a = self.alpha[:y1 - y, :x1 - x, None].astype(np.uint16)
        roi[:] = ((self.bgr[:y1 - y, :x1 - x] * a + roi * (255 - a)) // 255).astype(np.uint8)


def _hershey_label(text: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    scale = size / 30
    (w, h), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, 2)
    alpha = np.zeros((h + base + 4, w + 4), np.uint8)
    cv2.putText(alpha, text, (2, h + 2), cv2.FONT_HERSHEY_SIMPLEX, scale, 255, 3, cv2.LINE_AA)
    bgr = np.zeros((*alpha.shape, 3), np.uint8)
    cv2.putText(bgr, text, (2, h + 2), cv2.FONT_HERSHEY_SIMPLEX, scale, (255, 255, 255), 1, cv2.LINE_AA)
    return bgr, alpha


def clock_text(t: float) -> str:
    """Local wall-clock time with milliseconds: yyyy-mm-dd HH:MM:SS.mmm."""
    ms = round(t * 1000)
    secs, millis = divmod(ms, 1000)
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(secs)) + f".{millis:03d}"


def draw_clock(img: np.ndarray, t: float, x: int, y: int, scale: float) -> None:
    """Put the clock text with its baseline at (x, y): white on a black outline.

    The outline is the text mask dilated, not a second, thicker putText: OpenCV advances each glyph
    by the stroke thickness, so a thicker pass drifts away from the thin one along the line.
    """
    text = clock_text(t)
    thick = max(1, round(scale * 2))
    (w, h), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, thick)
    pad = 2
    x0, y0 = max(0, x - pad), max(0, y - h - pad)
    x1, y1 = min(img.shape[1], x + w + pad), min(img.shape[0], y + base + pad)
    if x1 <= x0 or y1 <= y0:
        return
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.putText(mask, text, (x - x0, y - y0), cv2.FONT_HERSHEY_SIMPLEX, scale, 255, thick, cv2.LINE_8)
    roi = img[y0:y1, x0:x1]
    roi[cv2.dilate(mask, _OUTLINE) > 0] = 0
    roi[mask > 0] = 255


_OUTLINE = np.ones((3, 3), np.uint8)
