"""Community overview: the figures a control room glances at, and who is vulnerable."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from cockpit.models import DeviceStatus
from cockpit.site import AGE_BIN_YEARS, ELDERLY_AGE, SiteStats

from .theme import COLORS


class KpiCard(QFrame):
    def __init__(self, caption: str, value: str, accent: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(0)
        self.value = QLabel(value)
        self.value.setObjectName("kpiValue")
        if accent:
            self.value.setProperty("accent", accent)
        self.caption = QLabel(caption)
        self.caption.setObjectName("kpiLabel")
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class OverviewWidget(QWidget):
    def __init__(self, stats: SiteStats, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: dict[str, KpiCard] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        online = stats.devices_by_status.get(DeviceStatus.ONLINE, 0)
        entries = [
            ("buildings", self.tr("Buildings"), f"{stats.buildings:,}", ""),
            ("households", self.tr("Households"), f"{stats.households:,}", ""),
            ("residents", self.tr("Residents"), f"{stats.residents:,}", ""),
            ("elderly", self.tr("Aged 65+"),
             f"{stats.aged_65_plus:,} ({stats.elderly_share * 100:.0f}%)", "warn"),
            ("alone", self.tr("65+ living alone"), f"{stats.elderly_living_alone:,}", "warn"),
            ("vehicles", self.tr("Vehicles"), f"{stats.vehicles:,}", ""),
            ("cameras", self.tr("Cameras online"), f"{online}/{stats.cameras}", ""),
            ("sensors", self.tr("Sensors"), f"{stats.sensors:,}", ""),
            ("responders", self.tr("Responders available"),
             f"{stats.responders_available}/{stats.responders_total}", "ok"),
        ]
        for i, (key, caption, value, accent) in enumerate(entries):
            card = KpiCard(caption, value, accent)
            self.cards[key] = card
            grid.addWidget(card, i // 3, i % 3)

        title = QLabel(self.tr("Residents by age"))
        title.setObjectName("sectionTitle")
        self.chart = self._age_chart(stats)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(grid)
        self._cameras_total = stats.cameras
        layout.addWidget(title)
        layout.addWidget(self.chart, 1)

    def set_cameras_online(self, online: int, total: int) -> None:
        """Live camera health replaces the stored device status once the camera service reports."""
        card = self.cards["cameras"]
        card.value.setText(f"{online}/{max(total, self._cameras_total)}")
        accent = "ok" if online and online >= total else "warn" if online else ""
        if card.value.property("accent") != accent:
            card.value.setProperty("accent", accent)
            card.value.style().unpolish(card.value)
            card.value.style().polish(card.value)

    def _age_chart(self, stats: SiteStats) -> pg.PlotWidget:
        chart = pg.PlotWidget()
        chart.setMenuEnabled(False)
        chart.setMouseEnabled(False, False)
        chart.getPlotItem().hideButtons()
        chart.setMinimumHeight(90)
        bins = len(stats.age_histogram)
        first_elderly = ELDERLY_AGE // AGE_BIN_YEARS
        brushes = [pg.mkBrush(COLORS["warn"] if i >= first_elderly else COLORS["accent"]) for i in range(bins)]
        chart.addItem(pg.BarGraphItem(x=list(range(bins)), height=list(stats.age_histogram),
                                      width=0.8, brushes=brushes, pen=None))
        ticks = [(i, f"{i * AGE_BIN_YEARS}+" if i == bins - 1 else f"{i * AGE_BIN_YEARS}")
                 for i in range(bins)]
        chart.getAxis("bottom").setTicks([ticks])
        chart.getAxis("left").setStyle(tickTextOffset=4)
        chart.getPlotItem().getViewBox().setDefaultPadding(0.02)
        chart.setToolTip(self.tr("Orange bars: residents aged 65 and over"))
        chart.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        return chart
