"""Which alarms the queue shows: by type, by area (building or place text) and by state.

A filtering-only proxy: the source model already keeps queue order, so the proxy never sorts.
Dynamic filtering is off because Qt re-runs filterAcceptsRow on every row a dataChanged covers,
whatever the roles, and the age column changes on all rows every second (20,000 rows: 50 ms a
second). New rows are still filtered as they are inserted; when an existing alarm's state, kind or
place changes (rare: operator actions) the model says so and the rows are filtered again.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from cockpit.models.enums import AlarmKind, AlarmState

from .alarm_queue_model import FILTER_ROLE, OPEN_STATES, AlarmQueueModel

Index = QModelIndex | QPersistentModelIndex

# State filter choices besides a single AlarmState: the default hides only suppressed alarms.
ACTIVE = "active"  # everything but suppressed
OPEN = "open"  # new, acknowledged, in incident
_ACTIVE_STATES = frozenset(AlarmState) - {AlarmState.SUPPRESSED}


class AlarmFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self.setFilterRole(FILTER_ROLE)
        self._kind: AlarmKind | None = None
        self._area = ""
        self._states: frozenset[AlarmState] = _ACTIVE_STATES

    def set_filter(self, kind: AlarmKind | None = None, area: str = "", state: str = ACTIVE) -> None:
        """state: ACTIVE, OPEN or an AlarmState value."""
        states = {ACTIVE: _ACTIVE_STATES, OPEN: OPEN_STATES}.get(state) or frozenset({AlarmState(state)})
        area = area.strip().casefold()
        if (kind, area, states) == (self._kind, self._area, self._states):
            return
        self.beginFilterChange()
        self._kind, self._area, self._states = kind, area, states
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_default(self) -> bool:
        return self._kind is None and not self._area and self._states == _ACTIVE_STATES

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        a = self.sourceModel().alarm_at(row)  # type: ignore[attr-defined]
        if a.state not in self._states or (self._kind is not None and a.kind != self._kind):
            return False
        if self._area:
            return self._area in a.place.casefold() or self._area in (a.device_code or "").casefold()
        return True

    def setSourceModel(self, model: AlarmQueueModel) -> None:
        old = self.sourceModel()
        if isinstance(old, AlarmQueueModel):
            old.filterFieldsChanged.disconnect(self._on_filter_fields_changed)
        super().setSourceModel(model)
        model.filterFieldsChanged.connect(self._on_filter_fields_changed)

    def _on_filter_fields_changed(self) -> None:
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sourceModel(self) -> AlarmQueueModel:
        return super().sourceModel()  # type: ignore[return-value]
