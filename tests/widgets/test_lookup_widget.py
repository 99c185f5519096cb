"""Search as you type: results arrive from a worker, the newest query wins, masking is visible."""

from __future__ import annotations

import threading
import time
from functools import partial

from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from cockpit.models import Resident
from services.lookup import HitKind, LookupHit, LookupResult
from widgets.lookup import HIT_ROLE, LookupWidget
from widgets.worker import TaskRunner


def _hits(widget: LookupWidget) -> list[LookupHit]:
    out = []
    for row in range(widget.model.rowCount()):
        head = widget.model.item(row, 0)
        out += [head.child(i, 0).data(HIT_ROLE) for i in range(head.rowCount())]
    return out


def _form(widget: LookupWidget) -> dict[str, str]:
    form = widget.detail_form
    return {form.itemAt(i, form.ItemRole.LabelRole).widget().text():
            form.itemAt(i, form.ItemRole.FieldRole).widget().text() for i in range(form.rowCount())}


def test_typing_shows_masked_results_for_the_operator(qtbot, demo):
    with demo.db.session() as s:
        resident = s.scalars(select(Resident).where(Resident.phone.is_not(None)).limit(1)).one()
    actor = demo.actor("operator")
    widget = LookupWidget(partial(demo.lookup.search, actor=actor), partial(demo.lookup.record_view, actor=actor),
                          demo.runner, debounce_ms=10, masked=True)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.mask_note.isVisible()
    with qtbot.waitSignal(widget.resultsShown, timeout=5000):
        qtbot.keyClicks(widget.query, resident.phone)
    hit = next(h for h in _hits(widget) if h.kind is HitKind.RESIDENT and h.id == resident.id)
    with qtbot.waitSignal(widget.locateRequested, timeout=2000) as located:
        widget.tree.setCurrentIndex(next(
            widget.model.item(0, 0).child(i, 0).index() for i in range(widget.model.item(0, 0).rowCount())
            if widget.model.item(0, 0).child(i, 0).data(HIT_ROLE) == hit))
    assert located.args == [hit.x, hit.y, hit.building_id]
    shown = _form(widget)
    assert resident.phone not in shown.values()
    assert shown["Phone"].startswith(resident.phone[:3]) and "*" in shown["Phone"]
    assert "results" in widget.status.text()


def test_newest_query_wins_over_a_slow_older_one(qtbot):
    release = threading.Event()

    def search(text: str) -> LookupResult:
        if text == "slow":
            release.wait(5)
        hit = LookupHit(HitKind.DEVICE, 1, f"hit for {text}", "")
        return LookupResult(text, (hit,), 1.0, False, True)

    runner = TaskRunner()
    widget = LookupWidget(search, lambda hit: None, runner, debounce_ms=0)
    qtbot.addWidget(widget)
    widget.query.setText("slow")
    qtbot.wait(50)
    with qtbot.waitSignal(widget.resultsShown, timeout=3000):
        widget.query.setText("fast")
    release.set()
    runner.wait()
    qtbot.wait(50)
    assert [h.title for h in _hits(widget)] == ["hit for fast"]


def test_ui_stays_responsive_during_a_slow_search(qtbot):
    def search(text: str) -> LookupResult:
        time.sleep(0.8)
        return LookupResult(text, (), 800.0, False, True)

    runner = TaskRunner()
    widget = LookupWidget(search, lambda hit: None, runner, debounce_ms=0)
    qtbot.addWidget(widget)
    widget.show()
    started = time.perf_counter()
    widget.query.setText("12-")
    qtbot.keyClicks(widget.query, "2-1502")  # typing goes on while the search runs
    assert time.perf_counter() - started < 0.3
    assert widget.query.text() == "12-2-1502"
    qtbot.waitUntil(lambda: widget.status.text() == "Searching…", timeout=500)
    qtbot.waitUntil(lambda: "Nothing found" in widget.status.text(), timeout=5000)
    runner.wait()


def test_search_errors_are_shown_not_raised(qtbot):
    def search(text: str) -> LookupResult:
        raise RuntimeError("database went away")

    runner = TaskRunner()
    widget = LookupWidget(search, lambda hit: None, runner, debounce_ms=0)
    qtbot.addWidget(widget)
    widget.query.setText("x")
    qtbot.waitUntil(lambda: "database went away" in widget.status.text(), timeout=3000)
    assert isinstance(widget.status, QLabel)
