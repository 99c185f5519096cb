"""A camera tour: the wall shows a list of cameras a page at a time, turning the page every N seconds.

Guards patrol this way: the perimeter's 20 cameras on a 2×2 wall, 10 s a page. The tour only says
which cameras come next; the wall puts them on its tiles.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal


class WallTour(QObject):
    pageChanged = Signal(list)  # the camera codes of the new page, in tile order
    runningChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cameras: list[str] = []
        self.per_page = 1
        self.page = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.next_page)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.cameras) // self.per_page))

    def start(self, cameras: Sequence[str], per_page: int, interval_s: float) -> bool:
        """Begin at the first page; False (and nothing happens) without cameras."""
        if not cameras or per_page < 1:
            return False
        self.cameras, self.per_page, self.page = list(cameras), per_page, -1
        self._timer.start(max(1000, round(interval_s * 1000)))
        self.next_page()
        self.runningChanged.emit(True)
        return True

    def stop(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.runningChanged.emit(False)

    def next_page(self) -> None:
        self.page = (self.page + 1) % self.pages
        self.pageChanged.emit(self.cameras[self.page * self.per_page:(self.page + 1) * self.per_page])
