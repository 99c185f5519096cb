"""VideoView._paint_frame: 32-bit and BGR frames, aspect kept, and `zoom_rect` (digital zoom) honoured."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF

from services.video import Frame
from widgets.video_view import VideoView


def _frame(channels: int) -> Frame:
    """640×360: left half red, right half blue (B, G, R order)."""
    image = np.zeros((360, 640, channels), np.uint8)
    image[:, :320, 2] = 255
    image[:, 320:, 0] = 255
    if channels == 4:
        image[..., 3] = 255
    image.flags.writeable = False
    return Frame(image, 1, 0.0, 0.0)


def _colour(view: VideoView, x: int, y: int) -> tuple[int, int, int]:
    c = view.grab().toImage().pixelColor(x, y)
    return c.red(), c.green(), c.blue()


@pytest.fixture
def view(qtbot):
    v = VideoView(None, pause_when_hidden=False)
    qtbot.addWidget(v)
    v.resize(320, 360)
    v.show()
    qtbot.waitExposed(v)
    v._timer.stop()  # the frame is set by hand below
    return v


@pytest.mark.parametrize("channels", [4, 3])
def test_whole_picture_aspect_kept(view: VideoView, channels: int):
    view._frame = _frame(channels)
    # 640×360 into 320×360: 320×180, centred vertically (90 px black above and below)
    assert _colour(view, 80, 180) == (255, 0, 0)
    assert _colour(view, 240, 180) == (0, 0, 255)
    assert _colour(view, 160, 40) == (0, 0, 0)


@pytest.mark.parametrize("channels", [4, 3])
def test_zoom_rect_shows_only_that_part(view: VideoView, channels: int):
    view._frame = _frame(channels)
    view.zoom_rect = QRectF(0.5, 0.0, 0.5, 1.0)  # the right half: 320×360 image px, fills the view
    assert _colour(view, 20, 180) == (0, 0, 255) and _colour(view, 300, 180) == (0, 0, 255)
    view.zoom_rect = QRectF(0.25, 0.25, 0.5, 0.5)  # the centre: 320×180 px, red | blue at the middle
    assert _colour(view, 150, 180) == (255, 0, 0) and _colour(view, 170, 180) == (0, 0, 255)
    assert _colour(view, 160, 40) == (0, 0, 0)  # aspect kept: letterboxed


@pytest.mark.parametrize("size", [(473, 251), (320, 360), (960, 540), (200, 90)])
def test_banded_painting_gives_the_same_pixels_as_one_draw(view: VideoView, size: tuple[int, int]):
    """Bands (< 96 rows, to keep Qt's raster engine off its thread pool) must not leave seams."""
    from PySide6.QtGui import QImage, QPainter

    rng = np.random.default_rng(1)
    image = rng.integers(0, 255, (360, 640, 4), dtype=np.uint8)
    image[..., 3] = 255
    frame = Frame(image, 1, 0.0, 0.0)
    view.resize(*size)
    bands = view._serial_bands(QRectF(0, 0, *size), 1.0)
    assert all(b.height() < 96 for b in bands) and sum(b.height() for b in bands) == size[1]
    painted, reference = (QImage(*size, QImage.Format.Format_RGB32) for _ in range(2))
    for target in (painted, reference):
        target.fill(0)
    p = QPainter(painted)
    view._paint_frame(p, frame, dim=False)
    p.end()
    p = QPainter(reference)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    scale = min(size[0] / 640, size[1] / 360)
    p.drawImage(QRectF((size[0] - 640 * scale) / 2, (size[1] - 360 * scale) / 2, 640 * scale, 360 * scale),
                view._frame_image(frame), QRectF(0, 0, 640, 360))
    p.end()
    assert painted == reference
