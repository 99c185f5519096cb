"""One tile of the video wall: a VideoView that takes dropped cameras and offers the tile's actions."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QMenu, QVBoxLayout, QWidget

from .video_view import VideoView

CAMERA_MIME = "application/x-cockpit-camera"  # payload: the camera code, UTF-8


def camera_mime(code: str) -> QMimeData:
    data = QMimeData()
    data.setData(CAMERA_MIME, code.encode())
    data.setText(code)
    return data


class WallTile(QFrame):
    """Drop a camera on it; double-click toggles full size; right-click for snapshot, record, focus, clear.

    The tile only forwards intent: the wall decides what each action does.
    """

    cameraDropped = Signal(str)
    doubleClicked = Signal()
    snapshotRequested = Signal()
    recordRequested = Signal()
    focusRequested = Signal()
    clearRequested = Signal()

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.code: str | None = None  # the camera shown, set by the wall
        self.recording = False  # set by the wall: the record action then says "stop"
        self.setObjectName("wallTile")
        self.setAcceptDrops(True)
        self.view = VideoView(name="")
        self.view.setMinimumSize(96, 54)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.view)

    def set_alarm(self, on: bool) -> None:
        """A red border while an alarm concerns the tile's camera."""
        self._set_flag("alarm", on)

    def set_recording(self, on: bool) -> None:
        self.recording = on
        self.view.badge = self.tr("● REC") if on else ""
        self.view.update()
        self._set_flag("recording", on)

    def _set_flag(self, name: str, on: bool) -> None:
        if bool(self.property(name)) != on:
            self.setProperty(name, on)
            self.style().unpolish(self)
            self.style().polish(self)

    def menu(self) -> QMenu:
        """The tile's context menu (also used by tests): actions only for what makes sense now."""
        menu = QMenu(self)
        has_camera = self.code is not None
        for text, signal, enabled in (
            (self.tr("Open in focus view"), self.focusRequested, has_camera),
            (self.tr("Save snapshot"), self.snapshotRequested, self.view.current_frame() is not None),
            (self.tr("Stop recording") if self.recording else self.tr("Record"), self.recordRequested, has_camera),
            (self.tr("Reset zoom"), self.view.reset_zoom, self.view.zoom_rect is not None),
            (self.tr("Full size / back"), self.doubleClicked, True),
            (self.tr("Remove camera from tile"), self.clearRequested, has_camera),
        ):
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(signal)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.menu().exec(event.globalPos())

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
