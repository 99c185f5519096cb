"""The video wall: tiles in layouts of 1 to 16, cameras dropped onto tiles, one tile full size on double-click.

The wall owns the decoders it opens (one per tile) and closes them without waiting. Which stream a
tile plays follows its size, like adaptive streaming in mature VMSs: small tiles the sub stream,
a tile at least MAIN_MIN_HEIGHT pixels high the main stream. A hidden tile's decoder is paused
(VideoView does that), so a full-size tile costs only its own decoding.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from services.video import StreamDecoder

from .video_view import VideoView
from .worker import TaskRunner

logger = logging.getLogger(__name__)

CAMERA_MIME = "application/x-cockpit-camera"  # payload: the camera code, UTF-8
MAIN_MIN_HEIGHT = 540  # px: from here on a tile shows the main stream
URI_TIMEOUT_S = 10.0

# name -> (grid size, cells as (row, column, row span, column span))
LAYOUTS: dict[str, tuple[int, tuple[tuple[int, int, int, int], ...]]] = {
    "1": (1, ((0, 0, 1, 1),)),
    "2x2": (2, tuple((r, c, 1, 1) for r in range(2) for c in range(2))),
    "3x3": (3, tuple((r, c, 1, 1) for r in range(3) for c in range(3))),
    "4x4": (4, tuple((r, c, 1, 1) for r in range(4) for c in range(4))),
    "1+5": (3, ((0, 0, 2, 2), (0, 2, 1, 1), (1, 2, 1, 1), (2, 0, 1, 1), (2, 1, 1, 1), (2, 2, 1, 1))),
    "1+7": (4, ((0, 0, 3, 3), (0, 3, 1, 1), (1, 3, 1, 1), (2, 3, 1, 1), (3, 0, 1, 1), (3, 1, 1, 1),
                (3, 2, 1, 1), (3, 3, 1, 1))),
}

StreamUri = Callable[[str, bool], "Future[str | None]"]  # (camera code, main?) -> its RTSP URI


def camera_mime(code: str) -> QMimeData:
    data = QMimeData()
    data.setData(CAMERA_MIME, code.encode())
    data.setText(code)
    return data


@dataclass
class _Playing:
    code: str
    main: bool
    decoder: StreamDecoder | None = None  # None while its URI is being asked for


class WallTile(QFrame):
    """One tile: a VideoView that takes a camera dropped on it; double-click toggles full size."""

    cameraDropped = Signal(str)
    doubleClicked = Signal()

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName("wallTile")
        self.setAcceptDrops(True)
        self.view = VideoView(name="")
        self.view.setMinimumSize(96, 54)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.view)

    def set_alarm(self, on: bool) -> None:
        """A red border while an alarm concerns the tile's camera."""
        if self.property("alarm") != on:
            self.setProperty("alarm", on)
            self.style().unpolish(self)
            self.style().polish(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(CAMERA_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        code = bytes(event.mimeData().data(CAMERA_MIME)).decode()
        if code:
            event.acceptProposedAction()
            self.cameraDropped.emit(code)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.doubleClicked.emit()
        super().mouseDoubleClickEvent(event)


class VideoWall(QWidget):
    layoutChanged = Signal(str)

    def __init__(self, stream_uri: StreamUri, runner: TaskRunner, names: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stream_uri, self._runner, self._names = stream_uri, runner, names
        self.layout_name = "2x2"
        self.tiles: list[WallTile] = []
        self._playing: dict[int, _Playing] = {}
        self.assignments: dict[int, str] = {}  # tile index -> camera code
        self.maximized: int | None = None

        self.layout_box = QComboBox()
        for name in LAYOUTS:
            self.layout_box.addItem(name.replace("x", "×"), name)
        self.layout_box.currentIndexChanged.connect(lambda: self.set_layout(self.layout_box.currentData()))
        hint = QLabel(self.tr("Drag a camera onto a tile · double-click a tile for full size"))
        hint.setObjectName("hint")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Layout")))
        bar.addWidget(self.layout_box)
        bar.addWidget(hint, 1)
        self.grid = QGridLayout()
        self.grid.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addLayout(self.grid, 1)
        self._adapt = QTimer(self)  # resizing settles before streams switch
        self._adapt.setSingleShot(True)
        self._adapt.setInterval(300)
        self._adapt.timeout.connect(self._adapt_streams)
        self.set_layout(self.layout_name)

    # -- layout --------------------------------------------------------------------------

    def set_layout(self, name: str) -> None:
        cells = LAYOUTS[name][1]
        self.layout_name = name
        self.maximized = None
        while len(self.tiles) < len(cells):
            tile = WallTile(len(self.tiles), self)
            tile.cameraDropped.connect(lambda code, t=tile: self.assign(t.index, code))
            tile.doubleClicked.connect(lambda t=tile: self.toggle_maximized(t.index))
            self.tiles.append(tile)
        self._place()
        for index in [i for i in self._playing if i >= len(cells)]:  # tiles beyond the layout stop
            self._stop(index)
        if self.layout_box.currentData() != name:
            self.layout_box.blockSignals(True)
            self.layout_box.setCurrentIndex(self.layout_box.findData(name))
            self.layout_box.blockSignals(False)
        for index in range(len(cells)):
            if index in self.assignments and index not in self._playing:
                self._play(index, self.assignments[index])
        self.layoutChanged.emit(name)

    def _place(self) -> None:
        """Tiles into the grid: the layout's cells, or the maximized tile over the whole grid."""
        size, cells = LAYOUTS[self.layout_name]
        for tile in self.tiles:
            self.grid.removeWidget(tile)
            tile.hide()
        for i in range(max(self.grid.rowCount(), self.grid.columnCount(), size)):
            self.grid.setRowStretch(i, 1 if i < size else 0)
            self.grid.setColumnStretch(i, 1 if i < size else 0)
        if self.maximized is not None:
            self.grid.addWidget(self.tiles[self.maximized], 0, 0, size, size)
            self.tiles[self.maximized].show()
        else:
            for index, (row, col, rows, cols) in enumerate(cells):
                self.grid.addWidget(self.tiles[index], row, col, rows, cols)
                self.tiles[index].show()
        self._adapt.start()

    @property
    def visible_tiles(self) -> list[WallTile]:
        return [t for t in self.tiles[:len(LAYOUTS[self.layout_name][1])] if not t.isHidden()]

    def toggle_maximized(self, index: int) -> None:
        """Double-click: this tile alone (the others pause), again: back to the layout."""
        self.maximized = index if self.maximized is None else None
        self._place()

    # -- cameras on tiles ----------------------------------------------------------------

    def assign(self, index: int, code: str) -> None:
        self.assignments[index] = code
        self._stop(index)
        self._play(index, code)

    def show_camera(self, code: str) -> int:
        """Into the first empty tile of the layout (else the first tile); returns the tile's index."""
        count = len(LAYOUTS[self.layout_name][1])
        index = next((i for i in range(count) if i not in self.assignments), 0)
        self.assign(index, code)
        return index

    def clear(self, index: int) -> None:
        self.assignments.pop(index, None)
        self._stop(index)

    def _wants_main(self, index: int) -> bool:
        return self.tiles[index].height() >= MAIN_MIN_HEIGHT

    def _play(self, index: int, code: str) -> None:
        main = self._wants_main(index)
        playing = _Playing(code, main)
        self._playing[index] = playing
        tile = self.tiles[index]
        tile.view.set_decoder(None, name=self._names.get(code, code))
        future = self._stream_uri(code, main)
        self._runner.submit(lambda: future.result(URI_TIMEOUT_S),
                            on_done=lambda uri: self._open(index, playing, uri),
                            on_error=lambda exc: self._failed(index, playing, exc))

    def _open(self, index: int, playing: _Playing, uri: str | None) -> None:
        if self._playing.get(index) is not playing:
            return  # the tile moved on meanwhile
        if not uri:
            self._failed(index, playing, RuntimeError(self.tr("the camera has no stream")))
            return
        name = self._names.get(playing.code, playing.code)
        playing.decoder = StreamDecoder(uri, name=name).start()
        self.tiles[index].view.set_decoder(playing.decoder, name=f"{playing.code} {name}")

    def _failed(self, index: int, playing: _Playing, exc: Exception) -> None:
        if self._playing.get(index) is playing:
            logger.warning("tile %d: %s has no stream: %s", index, playing.code, exc)
            self.tiles[index].view.setToolTip(str(exc))

    def _stop(self, index: int) -> None:
        playing = self._playing.pop(index, None)
        self.tiles[index].view.set_decoder(None)
        if playing is not None and playing.decoder is not None:
            playing.decoder.close(timeout_s=0)  # never wait on the UI thread

    def _adapt_streams(self) -> None:
        """Switch tiles between sub and main stream when their size crossed the line."""
        for index, playing in list(self._playing.items()):
            if not self.tiles[index].isHidden() and self._wants_main(index) != playing.main:
                self._stop(index)
                self._play(index, playing.code)

    def stream_of(self, index: int) -> tuple[str, bool] | None:
        """(camera code, main stream?) of a tile, or None."""
        playing = self._playing.get(index)
        return (playing.code, playing.main) if playing else None

    def decoder_of(self, index: int) -> StreamDecoder | None:
        playing = self._playing.get(index)
        return playing.decoder if playing else None

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self._adapt.start()

    def close_streams(self) -> None:
        for index in list(self._playing):
            self._stop(index)
