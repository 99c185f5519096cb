"""The video wall: tiles in layouts of 1 to 16, cameras dropped onto tiles, one tile full size on double-click.

The wall owns the decoders it opens (one per tile) and closes them without waiting. Which stream a
tile plays follows its size, like adaptive streaming in mature VMSs: small tiles the sub stream,
a tile at least MAIN_MIN_HEIGHT pixels high the main stream. A hidden tile's decoder is paused
(VideoView does that), so a full-size tile costs only its own decoding.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QInputDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from services.video import StreamDecoder
from services.video.snapshot import save_snapshot
from services.video.warm_pool import is_fresh

from .stream_opener import URI_TIMEOUT_S, Bridge, StreamOpener, StreamUri
from .wall_bar import WallBar
from .wall_tile import CAMERA_MIME, WallTile, camera_mime
from .wall_tour import WallTour
from .wall_views import SavedViews, WallView
from .worker import TaskRunner

logger = logging.getLogger(__name__)

MAIN_MIN_HEIGHT = 540  # px: from here on a tile shows the main stream

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

Audit = Callable[[str, dict], None]  # (action, detail): writes an audit record; called in a worker

__all__ = ["CAMERA_MIME", "LAYOUTS", "MAIN_MIN_HEIGHT", "StreamUri", "VideoWall", "WallTile", "camera_mime"]


class VideoWall(QWidget):
    """Tiles, the cameras on them, saved views and the tour. Cross-panel intent (focus view, recording)
    leaves as signals; the main window wires them to whoever handles them."""

    layoutChanged = Signal(str)
    focusRequested = Signal(str)  # camera code
    recordRequested = Signal(str, bool)  # camera code, start (True) or stop (False)
    notice = Signal(str)  # a short message for the status bar
    camerasChanged = Signal(list)  # the camera codes on the wall's visible layout, after any change

    def __init__(self, stream_uri: StreamUri, runner: TaskRunner, names: dict[str, str], *,
                 settings: QSettings | None = None, user: str = "", snapshot_dir: Path | None = None,
                 audit: Audit | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stream_uri, self._runner, self._names = stream_uri, runner, names
        self._snapshot_dir, self._audit = snapshot_dir, audit
        self.saved_views = SavedViews(settings, user) if settings is not None else None
        self.tour_source: Callable[[], list[str]] = lambda: list(self._names)
        self.layout_name = "2x2"
        self.tiles: list[WallTile] = []
        self._openers: list[StreamOpener] = []  # one per tile: its stream, asked for and opened off the UI thread
        self.assignments: dict[int, str] = {}  # tile index -> camera code
        self.maximized: int | None = None
        self._alarmed: set[str] = set()
        self._recording: set[str] = set()
        self._last_shown: list[str] = []
        self.bridge: Bridge | None = None  # a camera's stream playing elsewhere, shown while a tile's own opens

        self.bar = WallBar(LAYOUTS)
        self.bar.layoutChosen.connect(self._on_layout_chosen)
        self.bar.viewChosen.connect(self.apply_view)
        self.bar.saveViewRequested.connect(self._on_save_view)
        self.bar.deleteViewRequested.connect(self._on_delete_view)
        self.bar.tourToggled.connect(self._on_tour_toggled)
        self.bar.save_view.setEnabled(self.saved_views is not None)
        self.tour = WallTour(self)
        self.tour.pageChanged.connect(self._on_tour_page)
        self.tour.runningChanged.connect(self.bar.set_touring)
        self.grid = QGridLayout()
        self.grid.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.bar)
        layout.addLayout(self.grid, 1)
        self._adapt = QTimer(self)  # resizing settles before streams switch
        self._adapt.setSingleShot(True)
        self._adapt.setInterval(300)
        self._adapt.timeout.connect(self._adapt_streams)
        self._refresh_views()
        self.set_layout(self.layout_name)

    # -- layout --------------------------------------------------------------------------

    @property
    def tile_count(self) -> int:
        return len(LAYOUTS[self.layout_name][1])

    def set_layout(self, name: str) -> None:
        cells = LAYOUTS[name][1]
        self.layout_name = name
        self.maximized = None
        while len(self.tiles) < len(cells):
            tile = self._new_tile(len(self.tiles))
            self.tiles.append(tile)
        self._place()
        for index in range(len(cells), len(self.tiles)):  # tiles beyond the layout stop
            self._stop(index)
        self.bar.set_layout(name)
        for index in range(len(cells)):
            if index in self.assignments and self._openers[index].code is None:
                self._play(index, self.assignments[index])
        if self.tour.running and self.tour.per_page != len(cells):  # the tour follows the new tile count
            self.tour.start(self.tour.cameras, len(cells), self.bar.interval.value())
        self.layoutChanged.emit(name)

    def _new_tile(self, index: int) -> WallTile:
        tile = WallTile(index, self)
        self._openers.append(StreamOpener(tile.view, self._stream_uri, self._runner, uri_timeout_s=URI_TIMEOUT_S,
                                          bridge=lambda code: self.bridge(code) if self.bridge is not None else None))
        tile.cameraDropped.connect(lambda code: self._on_dropped(index, code))
        tile.doubleClicked.connect(lambda: self.toggle_maximized(index))
        tile.snapshotRequested.connect(lambda: self.snapshot(index))
        tile.focusRequested.connect(lambda: self._on_focus(index))
        tile.recordRequested.connect(lambda: self._on_record(index))
        tile.clearRequested.connect(lambda: self.clear(index))
        return tile

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
        return [t for t in self.tiles[:self.tile_count] if not t.isHidden()]

    def toggle_maximized(self, index: int) -> None:
        """Double-click: this tile alone (the others pause), again: back to the layout."""
        self.maximized = index if self.maximized is None else None
        self._place()

    def _on_layout_chosen(self, name: str) -> None:
        self.set_layout(name)

    # -- cameras on tiles ----------------------------------------------------------------

    def assign(self, index: int, code: str) -> None:
        self.assignments[index] = code
        self._stop(index)
        self._play(index, code)

    def show_camera(self, code: str) -> int:
        """Into the tile already showing it, else the first empty tile (else the first); returns its index."""
        count = self.tile_count
        shown = next((i for i, c in self.assignments.items() if c == code and i < count), None)
        if shown is not None:
            return shown
        index = next((i for i in range(count) if i not in self.assignments), 0)
        self.assign(index, code)
        return index

    def show_alarm_cameras(self, codes: list[str]) -> list[int]:
        """Put an alarm's cameras on the wall: tiles already showing them stay, then empty tiles, then the
        last tiles whose camera has no alarm (the operator's own picks sit top-left). Returns their indices."""
        count = self.tile_count
        keep = {code: i for i, code in self.assignments.items() if i < count}
        free = [i for i in range(count) if i not in self.assignments]
        spare = [i for i in reversed(range(count))
                 if i in self.assignments and self.assignments[i] not in self._alarmed and self.assignments[i] not in codes]
        placed = []
        for code in codes:
            if code in keep:
                placed.append(keep[code])
                continue
            pool = free or spare
            if not pool:
                break
            index = pool.pop(0)
            self.tour.stop()  # an alarm's pictures must not rotate away
            self.assign(index, code)
            placed.append(index)
        return placed

    def clear(self, index: int) -> None:
        self.assignments.pop(index, None)
        self._stop(index)

    def _on_dropped(self, index: int, code: str) -> None:
        self.tour.stop()  # the operator took over
        self.assign(index, code)

    def _wants_main(self, index: int) -> bool:
        return self.tiles[index].height() >= MAIN_MIN_HEIGHT

    def cameras_shown(self) -> list[str]:
        return sorted({o.code for o in self._openers if o.code is not None})

    def _changed(self) -> None:
        shown = self.cameras_shown()
        if shown != self._last_shown:
            self._last_shown = shown
            self.camerasChanged.emit(shown)

    def _play(self, index: int, code: str) -> None:
        tile = self.tiles[index]
        tile.code = code
        tile.set_alarm(code in self._alarmed)
        tile.set_recording(code in self._recording)
        self._openers[index].play(code, main=self._wants_main(index), label=self._label(code))
        self._changed()

    def _label(self, code: str) -> str:
        return f"{code} {self._names.get(code, '')}".strip()

    def _stop(self, index: int) -> None:
        tile = self.tiles[index]
        tile.code = None
        tile.set_alarm(False)
        tile.set_recording(False)
        self._openers[index].stop()  # never waits on the UI thread
        self._changed()

    def _adapt_streams(self) -> None:
        """Switch tiles between sub and main stream when their size crossed the line."""
        for index, opener in enumerate(self._openers):
            if opener.code is not None and not self.tiles[index].isHidden() and self._wants_main(index) != opener.main:
                self._play(index, opener.code)

    def stream_of(self, index: int) -> tuple[str, bool] | None:
        """(camera code, main stream?) of a tile, or None."""
        opener = self._openers[index] if index < len(self._openers) else None
        return (opener.code, opener.main) if opener is not None and opener.code is not None else None

    def decoder_of(self, index: int) -> StreamDecoder | None:
        return self._openers[index].decoder if index < len(self._openers) else None

    def live_decoder(self, code: str) -> StreamDecoder | None:
        """A tile's own decoder of `code` that is playing a fresh picture (a bridge for the focus view), or None."""
        return next((o.decoder for o in self._openers if o.code == code and is_fresh(o.decoder)), None)

    def tiles_showing(self, code: str) -> list[int]:
        return [i for i, o in enumerate(self._openers) if o.code == code]

    # -- alarms and recording marks ------------------------------------------------------------

    def set_alarm(self, code: str, on: bool) -> None:
        """A red border on every tile showing `code` while an alarm concerns it (kept across reassignments)."""
        (self._alarmed.add if on else self._alarmed.discard)(code)
        for index in self.tiles_showing(code):
            self.tiles[index].set_alarm(on)

    def set_recording(self, code: str, on: bool) -> None:
        (self._recording.add if on else self._recording.discard)(code)
        for index in self.tiles_showing(code):
            self.tiles[index].set_recording(on)

    def _on_record(self, index: int) -> None:
        code = self.assignments.get(index)
        if code is not None:
            self.recordRequested.emit(code, code not in self._recording)

    def _on_focus(self, index: int) -> None:
        code = self.assignments.get(index)
        if code is not None:
            self.focusRequested.emit(code)

    # -- snapshot --------------------------------------------------------------------------

    def snapshot(self, index: int) -> bool:
        """Save the picture the tile shows now, in a worker; False if there is none or nowhere to save it."""
        frame, code = self.tiles[index].view.current_frame(), self.assignments.get(index)
        if frame is None or code is None or self._snapshot_dir is None:
            return False
        directory, audit = self._snapshot_dir, self._audit

        def save() -> Path:
            path = save_snapshot(frame, directory, code)
            if audit is not None:
                audit("camera.snapshot", {"camera": code, "path": str(path)})
            return path

        self._runner.submit(save, on_done=lambda path: self.notice.emit(
            self.tr("Snapshot of %1 saved: %2").replace("%1", code).replace("%2", str(path))),
            on_error=lambda exc: self.notice.emit(
                self.tr("The snapshot of %1 was not saved: %2").replace("%1", code).replace("%2", str(exc))))
        return True

    # -- saved views -----------------------------------------------------------------------

    def current_view(self) -> WallView:
        count = self.tile_count
        return WallView(self.layout_name, {i: c for i, c in self.assignments.items() if i < count})

    def apply_view(self, name_or_view: str | WallView) -> bool:
        view = name_or_view if isinstance(name_or_view, WallView) else (
            self.saved_views.load(name_or_view) if self.saved_views else None)
        if view is None or view.layout not in LAYOUTS:
            self.notice.emit(self.tr("The saved view cannot be used."))
            return False
        self.tour.stop()
        for index in list(self.assignments):
            self.clear(index)
        self.set_layout(view.layout)
        for index, code in view.tiles.items():
            if index < self.tile_count:
                self.assign(index, code)
        return True

    def save_view(self, name: str) -> None:
        if self.saved_views is not None and name.strip():
            self.saved_views.save(name.strip(), self.current_view())
            self._refresh_views(name.strip())

    def _on_save_view(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save view"), self.tr("Name of this view:"))
        if ok and name.strip():
            self.save_view(name)
            self.notice.emit(self.tr("View “%1” saved.").replace("%1", name.strip()))

    def _on_delete_view(self, name: str) -> None:
        if not name or self.saved_views is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete view"),
                                      self.tr("Delete the saved view “%1”?").replace("%1", name))
        if answer == QMessageBox.StandardButton.Yes:
            self.saved_views.remove(name)
            self._refresh_views()

    def _refresh_views(self, current: str | None = None) -> None:
        self.bar.set_views(self.saved_views.names() if self.saved_views else [], current)

    # -- tour ------------------------------------------------------------------------------

    def start_tour(self, cameras: list[str] | None = None, interval_s: float | None = None) -> bool:
        cameras = self.tour_source() if cameras is None else cameras
        if interval_s is not None:
            self.bar.interval.setValue(round(interval_s))
        if not self.tour.start(cameras, self.tile_count, self.bar.interval.value()):
            self.notice.emit(self.tr("No cameras to tour: the camera list is empty."))
            self.bar.set_touring(False)
            return False
        return True

    def _on_tour_toggled(self, on: bool) -> None:
        if on:
            self.start_tour()
        else:
            self.tour.stop()

    def _on_tour_page(self, cameras: list[str]) -> None:
        if self.maximized is not None:
            self.toggle_maximized(self.maximized)
        for index in range(self.tile_count):
            if index < len(cameras):
                if self.assignments.get(index) != cameras[index]:
                    self.assign(index, cameras[index])
            else:
                self.clear(index)

    # -- lifecycle -------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self._adapt.start()

    def close_streams(self) -> None:
        self.tour.stop()
        for index in range(len(self.tiles)):
            self._stop(index)
