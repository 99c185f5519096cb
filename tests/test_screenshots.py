"""End to end on a real X server: the demo starts, the sign-in dialog is used, views are captured."""

from __future__ import annotations

from PySide6.QtGui import QImage

from tools.screenshots import SIZE, capture_all

VIEWS = ("login", "cockpit", "lookup", "coverage", "shortcuts", "cameras", "wall", "wall_tools", "focus", "alarms",
         "incident",  # operator
         "wizard_find", "wizard_login", "wizard_streams", "wizard_ptz", "wizard_place", "wizard_summary")  # installer


def test_screenshots_of_a_populated_cockpit(tmp_path):
    written = capture_all(tmp_path, ["zh_CN"], timeout_s=300)
    assert {p.name for p in written} == {f"{v}_zh_CN.png" for v in VIEWS}
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == SIZE
        colours = {image.pixel(x, y) for x in range(0, SIZE[0], 37) for y in range(0, SIZE[1], 29)}
        # the sign-in dialog sits alone on an empty screen; the cockpit views are full of detail
        assert len(colours) > (5 if path.name.startswith("login") else 20), f"{path.name} looks blank"
