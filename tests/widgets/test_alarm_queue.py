"""Alarm queue: events from a worker thread through the real bridge, shown in order, filtered, operable by keys."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtTest import QTest

from cockpit.alarm_events import AlarmChanged, AlarmView
from cockpit.models.enums import AlarmKind, AlarmSource, AlarmState
from widgets.alarm_bridge import AlarmBridge
from widgets.alarm_queue import AlarmQueueWidget
from widgets.alarm_queue_model import AlarmQueueModel

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
COLOURS = {1: "#E53935", 2: "#FB8C00", 3: "#FDD835", 4: "#42A5F5"}
KINDS = list(AlarmKind)


def view(alarm_id: int, priority: int, age_s: float = 0.0, **changes) -> AlarmView:
    """An alarm received `age_s` seconds before T0."""
    received = T0 - timedelta(seconds=age_s)
    alarm = AlarmView(
        id=alarm_id, kind=KINDS[alarm_id % len(KINDS)], source=AlarmSource.SENSOR, state=AlarmState.NEW,
        priority=priority, category="other", category_en="Other", category_zh_CN="其他", colour=COLOURS[priority],
        sound=f"alarm_p{priority}", rule_name="default", device_code=f"DEV-{alarm_id}",
        place=f"{alarm_id % 45 + 1}幢", building_id=alarm_id % 45 + 1, x=1.0, y=2.0,
        occurred_at=received, received_at=received,
    )
    return replace(alarm, **changes)


class Queue:
    """Bridge → model → widget, wired as the main window does, with a clock the test moves."""

    def __init__(self, qtbot) -> None:
        self.now = T0.timestamp()
        self.bridge = AlarmBridge()
        self.model = AlarmQueueModel(clock=lambda: self.now)
        self.bridge.alarmChanged.connect(self.model.apply)
        self.widget = AlarmQueueWidget(self.model, COLOURS)
        self.model.setParent(self.widget)  # as the main window parents it: its timers end with the panel
        self.bridge.setParent(self.widget)
        self.qtbot = qtbot
        qtbot.addWidget(self.widget)
        self.widget.resize(900, 500)
        self.widget.show()
        qtbot.waitExposed(self.widget)

    def feed(self, *events: AlarmChanged) -> None:
        """Send from a worker thread, as the ingest service does, and wait until everything is shown."""
        worker = threading.Thread(target=lambda: [self.bridge.sink(e) for e in events])
        worker.start()
        worker.join()
        self.qtbot.waitUntil(lambda: self.bridge.pending() == 0 and self.model.pending() == 0, timeout=5000)

    def shown(self, column: int = 0) -> list[str]:
        proxy = self.widget.proxy
        return [proxy.index(r, column).data() for r in range(proxy.rowCount())]

    def ids(self) -> list[int]:
        return [self.widget._alarm(r).id for r in range(self.widget.proxy.rowCount())]


@pytest.fixture
def queue(qtbot) -> Queue:
    return Queue(qtbot)


def new(alarm: AlarmView) -> AlarmChanged:
    return AlarmChanged(alarm, new=True)


def test_sorted_by_priority_then_oldest_first(queue):
    queue.feed(new(view(1, 2, age_s=300)), new(view(2, 1, age_s=10)), new(view(3, 3, age_s=900)),
               new(view(4, 1, age_s=60)), new(view(5, 2, age_s=30)))
    assert queue.ids() == [4, 2, 1, 5, 3]
    assert queue.shown(0) == ["P1", "P1", "P2", "P2", "P3"]
    queue.feed(new(view(6, 1, age_s=120)))  # an older P1 arriving late goes to the very top
    assert queue.ids()[:3] == [6, 4, 2]


def test_a_merged_duplicate_updates_the_count_without_a_new_row(queue):
    queue.feed(new(view(1, 2)), new(view(2, 3)))
    queue.feed(AlarmChanged(view(1, 2, repeat_count=3)))
    assert queue.ids() == [1, 2]
    repeats = queue.model.COLUMNS.index("count")
    assert queue.shown(repeats) == ["×3", ""]


def test_badges_count_open_alarms_per_priority(queue):
    queue.feed(*(new(view(i, p)) for i, p in enumerate([1, 1, 2, 4, 4, 4], start=1)))
    assert [queue.widget.badges[p].text() for p in range(1, 5)] == ["P1  2", "P2  1", "P3  0", "P4  3"]
    assert queue.widget.badges[1].property("lit") and not queue.widget.badges[3].property("lit")
    queue.feed(AlarmChanged(view(1, 1, state=AlarmState.ACKNOWLEDGED)),  # still open
               AlarmChanged(view(4, 4, state=AlarmState.CLOSED)), new(view(9, 3, state=AlarmState.SUPPRESSED)))
    assert queue.model.open_counts() == {1: 2, 2: 1, 3: 0, 4: 2}
    assert queue.widget.badges[4].text() == "P4  2"


def test_filters_by_type_area_and_state(queue, qtbot):
    w = queue.widget
    queue.feed(new(view(1, 1, kind=AlarmKind.FALL, place="12幢 大堂")),
               new(view(2, 2, kind=AlarmKind.SMOKE, place="3幢 地下车库")),
               new(view(3, 2, kind=AlarmKind.FALL, place="北门")),
               new(view(4, 3, kind=AlarmKind.DOOR, place="12幢 2单元", state=AlarmState.SUPPRESSED)),
               new(view(5, 4, kind=AlarmKind.DOOR, place="5幢", state=AlarmState.CLOSED)))
    assert queue.ids() == [1, 2, 3, 5]  # suppressed hidden by default

    w.kind_filter.setCurrentIndex(w.kind_filter.findData(AlarmKind.FALL.value))
    assert queue.ids() == [1, 3]
    queue.feed(new(view(6, 1, kind=AlarmKind.FALL, place="7幢")), new(view(7, 1, kind=AlarmKind.GAS)))
    assert queue.ids() == [1, 6, 3]  # arrivals are filtered too

    w.kind_filter.setCurrentIndex(0)
    qtbot.keyClicks(w.area_filter, "12")  # 12幢 …
    assert queue.ids() == [1]
    w.state_filter.setCurrentIndex(w.state_filter.findData(AlarmState.SUPPRESSED.value))
    assert queue.ids() == [4]

    w.area_filter.clear()
    w.state_filter.setCurrentIndex(w.state_filter.findData(AlarmState.NEW.value))
    assert 1 in queue.ids()
    queue.feed(AlarmChanged(view(1, 1, kind=AlarmKind.FALL, state=AlarmState.ACKNOWLEDGED)))
    assert 1 not in queue.ids()  # a state change re-filters the row

    w.area_filter.setFocus()
    qtbot.keyClick(w.area_filter, Qt.Key.Key_Escape)
    assert w.proxy.is_default() and w.area_filter.text() == ""
    assert sorted(queue.ids()) == [1, 2, 3, 5, 6, 7]


def test_keyboard_acknowledge_take_and_next(queue, qtbot):
    w = queue.widget
    queue.feed(new(view(1, 1, age_s=50)), new(view(2, 1, age_s=40)), new(view(3, 2, age_s=30)),
               AlarmChanged(view(4, 2, age_s=20, state=AlarmState.ACKNOWLEDGED)), new(view(5, 3, age_s=10)))
    assert queue.ids() == [1, 2, 3, 4, 5]
    table = w.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_N)
    assert w.current_alarm().id == 1

    with qtbot.waitSignal(w.acknowledgeRequested) as ack:
        qtbot.keyClick(table, Qt.Key.Key_Space)
    assert ack.args == [1]
    assert w.current_alarm().id == 2  # moved on to the next unacknowledged
    with qtbot.waitSignal(w.takeRequested) as take:
        qtbot.keyClick(table, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert take.args == [2] and w.current_alarm().id == 2

    queue.feed(AlarmChanged(view(1, 1, age_s=50, state=AlarmState.ACKNOWLEDGED)))
    with qtbot.waitSignal(w.acknowledgeRequested) as ack:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert ack.args == [2] and w.current_alarm().id == 3
    qtbot.keyClick(table, Qt.Key.Key_J)
    assert w.current_alarm().id == 5  # 4 is acknowledged already: skipped
    qtbot.keyClick(table, Qt.Key.Key_K)
    assert w.current_alarm().id == 3


def test_double_click_opens_and_selection_is_announced(queue, qtbot):
    w = queue.widget
    queue.feed(new(view(1, 2)), new(view(2, 3)))
    selected = []
    w.alarmSelected.connect(selected.append)
    rect = w.table.visualRect(w.proxy.index(1, 2))
    with qtbot.waitSignal(w.openRequested) as opened:
        QTest.mouseClick(w.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(w.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [2]
    assert [a.id for a in selected] == [2]


def test_p1_arrived_once_per_new_p1_and_one_sound_per_batch(queue):
    w = queue.widget
    p1s, sounds = [], []
    w.p1Arrived.connect(p1s.append)
    w.soundRequested.connect(sounds.append)
    queue.feed(new(view(1, 1)), new(view(2, 2)), new(view(3, 1)))
    queue.feed(AlarmChanged(view(1, 1, repeat_count=2)), new(view(1, 1, repeat_count=3)),  # merges, re-sent
               AlarmChanged(view(3, 1, state=AlarmState.ACKNOWLEDGED)))
    queue.feed(new(view(4, 1, state=AlarmState.SUPPRESSED)), new(view(5, 4)))
    queue.model.extend([view(6, 1)])  # known at start-up: shown, not announced
    queue.model.flush()
    assert [a.id for a in p1s] == [1, 3]
    assert sounds == ["alarm_p1", "alarm_p4"]  # the most urgent of each batch, nothing for merges


def test_age_column_counts_up_every_second(queue, qtbot):
    model = queue.model
    queue.feed(new(view(1, 2, age_s=125)), new(view(2, 2, age_s=5)))
    age = model.COLUMNS.index("age")
    assert queue.shown(age) == ["2 min 05 s", "5 s"]
    changed = []
    model.dataChanged.connect(lambda tl, br, roles: changed.append((tl.column(), br.column())))
    queue.now += 3600
    with qtbot.waitSignal(model.dataChanged, timeout=1500):  # the model's own 1 s timer
        pass
    assert queue.shown(age) == ["1 h 02 min", "1 h 00 min"]
    assert (age, age) in changed


def test_p1_rows_pulse_until_acknowledged(queue, qtbot):
    model = queue.model
    queue.feed(new(view(1, 1)), new(view(2, 2)))
    place = model.COLUMNS.index("place")

    def background(row: int):
        return model.index(row, place).data(Qt.ItemDataRole.BackgroundRole)

    first = background(0).alpha()
    qtbot.waitUntil(lambda: background(0).alpha() != first, timeout=2000)
    assert background(1) is None
    queue.feed(AlarmChanged(view(1, 1, state=AlarmState.ACKNOWLEDGED)))
    assert background(0) is None


def test_burst_of_5000_from_a_thread_keeps_the_ui_responsive(queue, qtbot):
    # in arrival order, as a burst comes: each batch lands at the end of each priority block
    events = [new(view(i, i % 4 + 1, age_s=(5000 - i) * 0.01)) for i in range(1, 5001)]
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    last = [0]

    def beat() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer(interval=10, timeout=beat)
    heartbeat.start()
    qtbot.wait(50)
    gaps.clear()
    worker = threading.Thread(target=lambda: [queue.bridge.sink(e) for e in events])
    worker.start()
    qtbot.waitUntil(lambda: queue.model.rowCount() == 5000 and queue.model.pending() == 0, timeout=10_000)
    worker.join()
    qtbot.wait(100)
    heartbeat.stop()
    assert max(gaps) < 200, gaps
    assert queue.widget.proxy.rowCount() == 5000
    assert queue.widget.badges[1].text() == "P1  1250"
    assert queue.shown(0)[:1250] == ["P1"] * 1250 and queue.shown(0)[-1] == "P4"

    timer = QElapsedTimer()  # still responsive: a key is handled and a filter applies at once
    timer.start()
    queue.widget.table.setFocus()
    qtbot.keyClick(queue.widget.table, Qt.Key.Key_N)
    queue.widget.area_filter.setText("12幢")  # QTest cannot type CJK
    assert timer.elapsed() < 500
    assert queue.widget.proxy.rowCount() == len([i for i in range(1, 5001) if i % 45 + 1 == 12])
