"""Shows one StreamDecoder: paints its newest frame on a display-rate timer, with a name/state/staleness overlay."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from services.video import DecoderState, Frame, StreamDecoder

from .theme import COLORS

logger = logging.getLogger(__name__)

DISPLAY_HZ = 30
STALE_AFTER_S = 2.0


@dataclass(frozen=True)
class Overlay:
    """What the overlay says, in the UI language; compared between ticks to repaint only on change."""

    name: str
    state: str
    colour: str
    stale: str  # "" or "stale 5 s"
    message: str  # "" or a line for FAILED / RECONNECTING
    message_colour: str = COLORS["text"]


class VideoView(QWidget):
    """One video tile. Never waits on the decoder: each tick only takes the slot's newest frame.

    The timer runs only while the view is visible; with `pause_when_hidden` the decoder is paused when
    the view is hidden (a hidden tile decodes nothing) and resumed when it is shown.
    `painted_frames` counts paints that showed a frame not shown before (for benchmarks).
    """

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
        self._frame: Frame | None = None
        self._shown_seq = 0
        self._overlay: Overlay | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(1000 / display_hz)))
        self._timer.timeout.connect(self._on_tick)
        self.set_decoder(decoder, name=name or None)

    # -- public ---------------------------------------------------------------------------------

    @property
    def decoder(self) -> StreamDecoder | None:
        return self._decoder

    def set_decoder(self, decoder: StreamDecoder | None, *, name: str | None = None) -> None:
        """Show another stream (or none). The view does not own decoders: it never starts or closes them."""
        self._decoder = decoder
        if name is not None:
            self._name = name
        elif decoder is not None:
            self._name = decoder.name
        self._frame, self._shown_seq = None, 0
        if decoder is not None and self.pause_when_hidden:
            if self.isVisible():
                decoder.resume()
            else:
                decoder.pause()
        self._on_tick()
        self.update()

    def overlay(self) -> Overlay:
        """The overlay as it would be painted now."""
        return self._compute_overlay(time.monotonic())

    # -- Qt -------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._decoder is not None and self.pause_when_hidden:
            self._decoder.resume()
        self._timer.start()
        self._on_tick()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()
        if self._decoder is not None and self.pause_when_hidden:
            self._decoder.pause()

    def paintEvent(self, event: QPaintEvent) -> None:
        frame = self._frame  # held for the whole paint: the QImage below borrows its buffer
        overlay = self._overlay or self._compute_overlay(time.monotonic())
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("#000000"))
            if frame is not None:
                self._paint_frame(painter, frame, dim=bool(overlay.stale))
            self._paint_overlay(painter, overlay)
        finally:
            painter.end()
        self.paints += 1
        if frame is not None and frame.seq != self._shown_seq:
            self._shown_seq = frame.seq
            self.painted_frames += 1

    # -- internals ------------------------------------------------------------------------------

    def _on_tick(self) -> None:
        decoder = self._decoder
        frame = decoder.latest() if decoder is not None else None
        overlay = self._compute_overlay(time.monotonic(), frame)
        if (frame is not None and frame.seq != self._shown_seq) or overlay != self._overlay \
                or (frame is None) != (self._frame is None):
            self._frame, self._overlay = frame, overlay
            self.update()

    def _compute_overlay(self, now: float, frame: Frame | None = None) -> Overlay:
        decoder = self._decoder
        frame = frame if frame is not None else self._frame
        if decoder is None:
            return Overlay(self._name, self.tr("No video"), COLORS["muted"], "", "")
        state, message = decoder.state, decoder.message
        age = None if frame is None else now - frame.fresh_at
        stale = age is not None and age > STALE_AFTER_S
        texts = {
            DecoderState.IDLE: (self.tr("Connecting…"), COLORS["warn"]),
            DecoderState.CONNECTING: (self.tr("Connecting…"), COLORS["warn"]),
            DecoderState.PLAYING: (self.tr("LIVE"), COLORS["ok"]),
            DecoderState.STALLED: (self.tr("Stalled"), COLORS["warn"]),
            DecoderState.RECONNECTING: (self.tr("Reconnecting…"), COLORS["warn"]),
            DecoderState.FAILED: (self.tr("Offline"), COLORS["alarm"]),
            DecoderState.PAUSED: (self.tr("Paused"), COLORS["muted"]),
            DecoderState.CLOSED: (self.tr("Closed"), COLORS["muted"]),
        }
        text, colour = texts[state]
        if state == DecoderState.PLAYING and (frame is None or stale):  # never call a stale picture live
            text, colour = self.tr("Stalled"), COLORS["warn"]
        line, line_colour = "", COLORS["text"]
        if state == DecoderState.FAILED:
            line, line_colour = self.tr("Cannot play: %1").replace("%1", message), COLORS["alarm"]
        elif state == DecoderState.RECONNECTING and message:
            line = message
        stale_text = self.tr("stale %1 s").replace("%1", str(int(age))) if stale and age is not None else ""
        return Overlay(self._name, text, colour, stale_text, line, line_colour)

    def _paint_frame(self, painter: QPainter, frame: Frame, dim: bool) -> None:
        h, w = frame.image.shape[:2]
        image = QImage(frame.image.data, w, h, frame.image.strides[0], QImage.Format.Format_BGR888)
        scale = min(self.width() / w, self.height() / h)
        tw, th = w * scale, h * scale
        target = QRectF((self.width() - tw) / 2, (self.height() - th) / 2, tw, th)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.smooth)
        painter.drawImage(target, image)
        if dim:  # a frozen picture must not look live
            painter.fillRect(target, QColor(0, 0, 0, 140))

    def _paint_overlay(self, painter: QPainter, overlay: Overlay) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(self.font().pointSizeF(), self.height() / 14)))
        painter.setFont(font)
        fm = QFontMetrics(font)
        pad = max(2, fm.height() // 5)
        y = pad
        self._label(painter, fm, overlay.name, COLORS["text"], pad, y, left=True)
        state = overlay.state + (f" · {overlay.stale}" if overlay.stale else "")
        self._label(painter, fm, state, overlay.colour, self.width() - pad, y, left=False)
        if overlay.message:
            text = fm.elidedText(overlay.message, Qt.TextElideMode.ElideRight, self.width() - 4 * pad)
            self._label(painter, fm, text, overlay.message_colour, pad, self.height() - fm.height() - 3 * pad,
                        left=True)

    @staticmethod
    def _label(painter: QPainter, fm: QFontMetrics, text: str, colour: str, x: int, y: int, *, left: bool) -> None:
        if not text:
            return
        w, h = fm.horizontalAdvance(text) + 2 * 4, fm.height() + 4
        box = QRect(x if left else x - w, y, w, h)
        painter.fillRect(box, QColor(0, 0, 0, 160))
        painter.setPen(QColor(colour))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
