"""The site's cameras as a filterable list to drag onto the video wall (or double-click into the next tile)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .video_wall import camera_mime


class _DraggableList(QListWidget):
    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:  # noqa: N802
        return camera_mime(items[0].data(Qt.ItemDataRole.UserRole)) if items else QMimeData()


class CameraList(QWidget):
    activated = Signal(str)  # camera code, on double-click or Enter

    def __init__(self, cameras: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter cameras…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        self.list = _DraggableList()
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        for code, name in cameras:
            item = QListWidgetItem(f"{code}  {name}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)
        self.list.itemActivated.connect(lambda item: self.activated.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)

    def listed_codes(self) -> list[str]:
        """The cameras the filter leaves in the list, in order (what a tour walks through)."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if not item.isHidden()]

    def _on_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().lower())
