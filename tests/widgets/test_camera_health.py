"""Camera health panel: states shown, problems first, filters, history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from cockpit.cameras import CameraHealth, CameraState
from widgets.camera_health import CameraHealthModel, CameraHealthWidget

CAMS = [(f"CAM-{i:03d}", f"摄像机{i}") for i in range(1, 6)]


def _widget(qtbot) -> CameraHealthWidget:
    w = CameraHealthWidget(CameraHealthModel(CAMS))
    qtbot.addWidget(w)
    w.show()
    return w


def _shown_codes(w: CameraHealthWidget) -> list[str]:
    return [w.proxy.index(r, 0).data() for r in range(w.proxy.rowCount())]


def test_states_and_figures_are_shown(qtbot):
    w = _widget(qtbot)
    now = datetime.now(UTC)
    w.model.update(CameraHealth("CAM-002").moved_to(CameraState.ONLINE))
    h = CameraHealth("CAM-003", fps=14.9, bitrate_kbps=512, first_frame_s=0.24, clock_offset_s=7200.4,
                     last_frame_at=now - timedelta(seconds=3))
    w.model.update(h.moved_to(CameraState.CLOCK_SKEW, "device clock 2 h ahead"))
    row = _shown_codes(w).index("CAM-003")
    texts = [w.proxy.index(row, c).data() for c in range(w.proxy.columnCount())]
    assert "clock skew" in texts and "14.9" in texts and "512" in texts and "+7200.4 s" in texts
    assert "device clock 2 h ahead" in texts
    assert "1 of 5 cameras online · 1 with problems" in w.summary.text()


def test_problems_sort_first_and_filters_narrow(qtbot):
    w = _widget(qtbot)
    for code in ("CAM-001", "CAM-002", "CAM-004"):
        w.model.update(CameraHealth(code).moved_to(CameraState.ONLINE))
    w.model.update(CameraHealth("CAM-005").moved_to(CameraState.AUTH_FAILED, "wrong password"))
    w.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert _shown_codes(w)[0] == "CAM-005"
    w.state.setCurrentIndex(w.state.findData("problems"))
    assert _shown_codes(w) == ["CAM-005"]
    w.state.setCurrentIndex(w.state.findData("all"))
    w.search.setText("摄像机4")
    assert _shown_codes(w) == ["CAM-004"]
    w.search.setText("password")
    assert _shown_codes(w) == ["CAM-005"]


def test_history_lists_recent_problems_newest_first(qtbot):
    w = _widget(qtbot)
    h = CameraHealth("CAM-001")
    for message in ("refused", "timed out"):
        h = h.moved_to(CameraState.UNREACHABLE, message)
        w.model.update(h)
    w.table.selectRow(_shown_codes(w).index("CAM-001"))
    items = [w.history.item(i).text() for i in range(w.history.count())]
    assert len(items) == 2 and "timed out" in items[0] and "refused" in items[1]


def test_unknown_cameras_are_added(qtbot):
    w = _widget(qtbot)
    w.model.update(CameraHealth("CAM-099").moved_to(CameraState.ONLINE))
    assert "CAM-099" in _shown_codes(w)
    assert w.model.counts() == (1, 6)
