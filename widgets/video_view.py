"""Shows one StreamDecoder: paints its newest frame on a display-rate timer, with a name/state/staleness overlay."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from services.video import DecoderState, Frame, StreamDecoder

from .theme import COLORS

logger = logging.getLogger(__name__)
WAITER_MAX_S = 60.0  # when_painted() wishes older than this are forgotten

DISPLAY_HZ = 30
STALE_AFTER_S = 2.0
MAX_ZOOM = 8.0
WHEEL_STEP = 1.25  # zoom factor per wheel notch


@dataclass(frozen=True)
class Overlay:
    """What the overlay says, in the UI language; compared between ticks to repaint only on change."""

    name: str
    state: str
    colour: str
    stale: str  # "" or "stale 5 s"
    message: str  # "" or a line for FAILED / RECONNECTING
    message_colour: str = COLORS["text"]
    time: str = ""  # wall-clock time of the picture shown, HH:MM:SS
    zoom: str = ""  # "" or "2.0×" while digitally zoomed
    badge: str = ""  # e.g. "● REC" while the camera records


class VideoView(QWidget):
    """One video tile. Never waits on the decoder: each tick only takes the slot's newest frame.

    The timer runs only while the view is visible; with `pause_when_hidden` the decoder is paused when
    the view is hidden (a hidden tile decodes nothing) and resumed when it is shown.
    `painted_frames` counts paints that showed a frame not shown before (for benchmarks).
    Digital zoom: the wheel zooms around the cursor (up to MAX_ZOOM), dragging pans a zoomed picture;
    `zoom_rect` is the part of the picture shown, in normalized image coordinates (None: all of it).
    """

    zoomChanged = Signal(float)

    def __init__(self, decoder: StreamDecoder | None = None, *, name: str = "", display_hz: int = DISPLAY_HZ,
                 pause_when_hidden: bool = True, smooth: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        self.pause_when_hidden, self.smooth = pause_when_hidden, smooth
        self.painted_frames = 0
        self.paints = 0
        self._name = name
        self._decoder: StreamDecoder | None = None
        self.borrowed = False  # the decoder shown belongs to someone who keeps it running (see set_decoder)
        self._frame: Frame | None = None
        self._shown_seq = 0
        self._overlay: Overlay | None = None
        self.zoom_rect: QRectF | None = None
        self._texts: dict[DecoderState, tuple[str, str]] | None = None
        self._labels: dict[tuple[str, str, int], QImage] = {}  # rendered overlay labels, reused across paints
        self.badge = ""  # set by the owner (the wall marks recording tiles)
        self.problem = ""  # why there is no decoder (e.g. the camera has no stream), set by the owner
        self._pan_from: tuple[QPointF, QRectF] | None = None
        self._paint_waiters: list[tuple[float, Callable[[float], None]]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(1000 / display_hz)))
        self._timer.timeout.connect(self._on_tick)
        self.set_decoder(decoder, name=name or None)

    # -- public ---------------------------------------------------------------------------------

    @property
    def decoder(self) -> StreamDecoder | None:
        return self._decoder

    def set_decoder(self, decoder: StreamDecoder | None, *, name: str | None = None, borrowed: bool = False,
                    keep_zoom: bool = False) -> None:
        """Show another stream (or none). The view does not own decoders: it never starts or closes them.

        A `borrowed` decoder (a warm stream, another tile's) is shown as it is and never paused or resumed
        here: its owner keeps it running for others. `keep_zoom`: the same camera on another stream."""
        self._decoder, self.borrowed = decoder, borrowed and decoder is not None
        if name is not None:
            self._name = name
        elif decoder is not None:
            self._name = decoder.name
        self._frame, self._shown_seq = None, 0
        if not keep_zoom:
            self.zoom_rect = None
        self.problem = ""
        if decoder is not None and self.pause_when_hidden and not self.borrowed:
            if self.isVisible():
                decoder.resume()
            else:
                decoder.pause()
        self._on_tick()
        self.update()

    def when_painted(self, after_wall: float, callback: Callable[[float], None]) -> None:
        """Call `callback(time.time())` once, right after the first paint of a frame decoded at or after
        `after_wall` (time.time()): the video lock's "first frame painted". The caller checks that the view still
        shows the camera it meant; a wish older than WAITER_MAX_S is dropped unanswered."""
        self._paint_waiters.append((after_wall, callback))
        self.update()

    def overlay(self) -> Overlay:
        """The overlay as it would be painted now."""
        return self._compute_overlay(time.monotonic())

    def current_frame(self) -> Frame | None:
        """The picture on screen now (for snapshots: what the operator sees is what is saved)."""
        return self._frame

    @property
    def zoom(self) -> float:
        return 1.0 if self.zoom_rect is None else 1.0 / self.zoom_rect.width()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to `factor` (1 = whole picture) keeping the image point `anchor` (normalized) where it is."""
        factor = max(1.0, min(MAX_ZOOM, factor))
        if factor <= 1.0001:
            self.zoom_rect = None
        else:
            old = self.zoom_rect or QRectF(0, 0, 1, 1)
            anchor = anchor if anchor is not None else old.center()
            fx, fy = (anchor.x() - old.x()) / old.width(), (anchor.y() - old.y()) / old.height()
            size = 1.0 / factor
            self.zoom_rect = self._clamped(QRectF(anchor.x() - fx * size, anchor.y() - fy * size, size, size))
        self._refresh_overlay()
        self.zoomChanged.emit(self.zoom)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def image_point(self, pos: QPointF) -> QPointF | None:
        """Where a widget position falls on the picture, normalized (None off the picture or without one)."""
        frame = self._frame
        if frame is None:
            return None
        shown = self.zoom_rect or QRectF(0, 0, 1, 1)
        w, h = frame.width * shown.width(), frame.height * shown.height()
        scale = min(self.width() / w, self.height() / h)
        left, top = (self.width() - w * scale) / 2, (self.height() - h * scale) / 2
        u, v = (pos.x() - left) / (w * scale), (pos.y() - top) / (h * scale)
        if not (0 <= u <= 1 and 0 <= v <= 1):
            return None
        return QPointF(shown.x() + u * shown.width(), shown.y() + v * shown.height())

    # -- Qt -------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._decoder is not None and self.pause_when_hidden and not self.borrowed:
            self._decoder.resume()
        self._timer.start()
        self._on_tick()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()
        if self._decoder is not None and self.pause_when_hidden and not self.borrowed:
            self._decoder.pause()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        notches = event.angleDelta().y() / 120
        anchor = self.image_point(event.position())
        if not notches or anchor is None:
            event.ignore()
            return
        self.set_zoom(self.zoom * WHEEL_STEP ** notches, anchor)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.zoom_rect is not None:
            self._pan_from = (event.position(), QRectF(self.zoom_rect))
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pan_from is None or self._frame is None:
            super().mouseMoveEvent(event)
            return
        start, rect = self._pan_from
        w, h = self._frame.width * rect.width(), self._frame.height * rect.height()
        scale = min(self.width() / w, self.height() / h)  # screen pixels per image pixel
        delta = event.position() - start
        moved = QRectF(rect)
        moved.translate(-delta.x() / (scale * self._frame.width), -delta.y() / (scale * self._frame.height))
        self.zoom_rect = self._clamped(moved)
        self._refresh_overlay()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pan_from is not None:
            self._pan_from = None
            self.unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        frame = self._frame  # held for the whole paint: the QImage below borrows its buffer
        overlay = self._overlay or self._compute_overlay(time.monotonic())
        painter = QPainter(self)
        try:
            if frame is not None:
                self._fill_bars(painter, frame)
                self._paint_frame(painter, frame, dim=bool(overlay.stale))
            else:
                painter.fillRect(self.rect(), QColor("#000000"))
            self._paint_overlay(painter, overlay)
        finally:
            painter.end()
        self.paints += 1
        if frame is not None and frame.seq != self._shown_seq:
            self._shown_seq = frame.seq
            self.painted_frames += 1
        if self._paint_waiters and frame is not None:
            self._notify_painted(frame)

    # -- internals ------------------------------------------------------------------------------

    def _notify_painted(self, frame: Frame) -> None:
        painted = time.time()
        due = [w for w in self._paint_waiters if frame.decoded_wall >= w[0]]
        if not due:
            return
        self._paint_waiters = [w for w in self._paint_waiters
                               if frame.decoded_wall < w[0] and painted - w[0] < WAITER_MAX_S]
        for _, callback in due:
            try:
                callback(painted)
            except Exception:
                logger.exception("paint callback failed")

    def _fill_bars(self, painter: QPainter, frame: Frame) -> None:
        """Black only where the picture does not cover (the picture itself is opaque)."""
        source = self._source_rect(frame)
        scale = min(self.width() / source.width(), self.height() / source.height())
        w, h = round(source.width() * scale), round(source.height() * scale)
        x, y = (self.width() - w) // 2, (self.height() - h) // 2
        black = QColor("#000000")
        for bar in (QRect(0, 0, self.width(), y + 1), QRect(0, y + h - 1, self.width(), self.height() - y - h + 1),
                    QRect(0, 0, x + 1, self.height()), QRect(x + w - 1, 0, self.width() - x - w + 1, self.height())):
            if bar.width() > 0 and bar.height() > 0:
                painter.fillRect(bar, black)

    @staticmethod
    def _clamped(rect: QRectF) -> QRectF:
        x = min(max(rect.x(), 0.0), 1.0 - rect.width())
        y = min(max(rect.y(), 0.0), 1.0 - rect.height())
        return QRectF(x, y, rect.width(), rect.height())

    def _refresh_overlay(self) -> None:
        self._overlay = self._compute_overlay(time.monotonic())
        self.update()

    def _on_tick(self) -> None:
        decoder = self._decoder
        frame = decoder.latest() if decoder is not None else None
        overlay = self._compute_overlay(time.monotonic(), frame)
        if (frame is not None and frame.seq != self._shown_seq) or overlay != self._overlay \
                or (frame is None) != (self._frame is None):
            self._frame, self._overlay = frame, overlay
            self.update()

    def _state_texts(self) -> dict[DecoderState, tuple[str, str]]:
        """The state words, translated once per view: a wall asks 16 views 30 times a second."""
        if self._texts is None:
            self._texts = {
                DecoderState.IDLE: (self.tr("Connecting…"), COLORS["warn"]),
                DecoderState.CONNECTING: (self.tr("Connecting…"), COLORS["warn"]),
                DecoderState.PLAYING: (self.tr("LIVE"), COLORS["ok"]),
                DecoderState.STALLED: (self.tr("Stalled"), COLORS["warn"]),
                DecoderState.RECONNECTING: (self.tr("Reconnecting…"), COLORS["warn"]),
                DecoderState.FAILED: (self.tr("Offline"), COLORS["alarm"]),
                DecoderState.PAUSED: (self.tr("Paused"), COLORS["muted"]),
                DecoderState.CLOSED: (self.tr("Closed"), COLORS["muted"]),
            }
        return self._texts

    def _compute_overlay(self, now: float, frame: Frame | None = None) -> Overlay:
        return replace(self._state_overlay(now, frame), badge=self.badge)

    def _state_overlay(self, now: float, frame: Frame | None) -> Overlay:
        decoder = self._decoder
        frame = frame if frame is not None else self._frame
        if decoder is None:
            if self.problem:
                return Overlay(self._name, self.tr("Offline"), COLORS["alarm"], "",
                               self.tr("Cannot play: %1").replace("%1", self.problem), COLORS["alarm"])
            return Overlay(self._name, self.tr("No video"), COLORS["muted"], "", "")
        state, message = decoder.state, decoder.message
        age = None if frame is None else now - frame.fresh_at
        stale = age is not None and age > STALE_AFTER_S
        texts = self._state_texts()
        text, colour = texts[state]
        if state == DecoderState.PLAYING and (frame is None or stale):  # never call a stale picture live
            text, colour = texts[DecoderState.STALLED]
        line, line_colour = "", COLORS["text"]
        if state == DecoderState.FAILED:
            line, line_colour = self.tr("Cannot play: %1").replace("%1", message), COLORS["alarm"]
        elif state == DecoderState.RECONNECTING and message:
            line = message
        stale_text = self.tr("stale %1 s").replace("%1", str(int(age))) if stale and age is not None else ""
        shown_at = "" if frame is None else time.strftime("%H:%M:%S", time.localtime(frame.decoded_wall))
        zoom = "" if self.zoom_rect is None else f"{self.zoom:.1f}×"
        return Overlay(self._name, text, colour, stale_text, line, line_colour, shown_at, zoom)

    def _paint_frame(self, painter: QPainter, frame: Frame, dim: bool) -> None:
        """The picture, or the part `zoom_rect` selects, as large as fits with its aspect kept, centred.

        The QImage borrows the frame's buffer (no copy; the caller holds the frame for the whole paint).
        Decoder frames are 32-bit, which the raster engine scales as they are; a 3-byte BGR image is
        converted on every paint (a 16-tile wall: 8.1 vs 4.4 s of UI-thread CPU per 30 s, docs/PERFORMANCE.md
        "Video wall"). Zooming passes a source rectangle: no copy, no crop. Drawn in bands: see below.
        """
        image = self._frame_image(frame)
        source = self._source_rect(frame)
        scale = min(self.width() / source.width(), self.height() / source.height())
        tw, th = source.width() * scale, source.height() * scale
        target = QRectF((self.width() - tw) / 2, (self.height() - th) / 2, tw, th)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.smooth)
        for band in self._serial_bands(target, painter.device().devicePixelRatioF()):
            painter.save()
            painter.setClipRect(band, Qt.ClipOperation.IntersectClip)
            painter.drawImage(target, image, source)
            if dim:  # a frozen picture must not look live
                painter.fillRect(target, QColor(0, 0, 0, 140))
            painter.restore()

    @staticmethod
    def _serial_bands(target: QRectF, device_ratio: float) -> list[QRect]:
        """Whole-pixel clips that cut `target` into horizontal bands of < 96 device rows.

        Qt's raster engine hands every blend of 96 spans (rows) or more to its GUI thread pool and waits for
        it (QT_THREAD_PARALLEL_FILLS in qdrawhelper.cpp). For a tile the hand-off costs more than it saves:
        on a 16-tile wall 1.39 vs 1.22 ms of CPU per painted frame, and a worse p95 latency
        (docs/PERFORMANCE.md "Video wall"). A clip changes which rows are generated, not the transform, so
        the pixels are the same as one call (tests/widgets/test_video_view_paint.py).
        """
        rows = max(1, int(90 / max(device_ratio, 1.0)))
        whole = target.toAlignedRect()
        return [QRect(whole.left(), y, whole.width(), min(rows, whole.bottom() + 1 - y))
                for y in range(whole.top(), whole.bottom() + 1, rows)]

    @staticmethod
    def _frame_image(frame: Frame) -> QImage:
        """A QImage over the frame's pixels: 4 bytes B, G, R, 255 = Format_RGB32 (little-endian); 3 = BGR888."""
        img = frame.image
        fmt = QImage.Format.Format_RGB32 if img.shape[2] == 4 else QImage.Format.Format_BGR888
        return QImage(img.data, img.shape[1], img.shape[0], img.strides[0], fmt)

    def _source_rect(self, frame: Frame) -> QRectF:
        """The part of the picture shown, in image pixels: all of it, or `zoom_rect` (normalized 0..1)."""
        whole = QRectF(0, 0, frame.width, frame.height)
        zoom = getattr(self, "zoom_rect", None)
        if zoom is None or zoom.isEmpty():
            return whole
        part = QRectF(zoom.x() * frame.width, zoom.y() * frame.height,
                      zoom.width() * frame.width, zoom.height() * frame.height).intersected(whole)
        return part if part.width() >= 1 and part.height() >= 1 else whole

    def _paint_overlay(self, painter: QPainter, overlay: Overlay) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(self.font().pointSizeF(), self.height() / 14)))
        painter.setFont(font)
        fm = QFontMetrics(font)
        pad = max(2, fm.height() // 5)
        y = pad
        self._label(painter, fm, overlay.name, COLORS["text"], pad, y, left=True)
        if overlay.badge:
            self._label(painter, fm, overlay.badge, COLORS["alarm"], pad, y + fm.height() + 2 * pad, left=True)
        state = " · ".join(t for t in (overlay.zoom, overlay.state, overlay.stale) if t)
        self._label(painter, fm, state, overlay.colour, self.width() - pad, y, left=False)
        bottom = self.height() - fm.height() - 3 * pad
        self._label(painter, fm, overlay.time, COLORS["text"], self.width() - pad, bottom, left=False)
        if overlay.message:
            room = self.width() - 6 * pad - fm.horizontalAdvance(overlay.time)
            text = fm.elidedText(overlay.message, Qt.TextElideMode.ElideRight, room)
            self._label(painter, fm, text, overlay.message_colour, pad, bottom, left=True)

    def _label(self, painter: QPainter, fm: QFontMetrics, text: str, colour: str, x: int, y: int, *,
               left: bool) -> None:
        """A text on a dark box, rendered once and then blitted (text layout is the costly part of a paint)."""
        if not text:
            return
        key = (text, colour, fm.height())
        image = self._labels.get(key)
        if image is None:
            if len(self._labels) > 64:  # the clock changes every second: keep the cache small
                self._labels.clear()
            w, h = fm.horizontalAdvance(text) + 2 * 4, fm.height() + 4
            image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(QColor(0, 0, 0, 160))
            p = QPainter(image)
            p.setFont(painter.font())
            p.setPen(QColor(colour))
            p.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
            p.end()
            self._labels[key] = image
        painter.drawImage(x if left else x - image.width(), y, image)
