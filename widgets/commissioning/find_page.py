"""Wizard page 1: find the camera by WS-Discovery, or type its address."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from services.onvif import DiscoveredDevice, discover

from .draft import Draft, WizardContext

SEARCH_S = 3.0


class _Found(QObject):
    """Devices found on the discovery thread, delivered on the UI thread as they answer."""

    device = Signal(object)


class FindPage(QWizardPage):
    def __init__(self, context: WizardContext, draft: Draft) -> None:
        super().__init__()
        self._context, self._draft = context, draft
        self.setTitle(self.tr("Find the camera"))
        self.setSubTitle(self.tr("Search the network for ONVIF cameras, or type the address of one."))
        self.search_button = QPushButton(self.tr("Search the network"))
        self.search_button.clicked.connect(self.search)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.found = QTreeWidget()
        self.found.setHeaderLabels([self.tr("Name"), self.tr("Model"), self.tr("Address"), self.tr("In the site")])
        self.found.setRootIsDecorated(False)
        header = self.found.header()
        header.setStretchLastSection(False)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.found.itemSelectionChanged.connect(self._on_pick)
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("http://192.168.1.64/onvif/device_service or 192.168.1.64:80"))
        self.address.textChanged.connect(self._on_address)
        top = QHBoxLayout()
        top.addWidget(self.search_button)
        top.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.found, 1)
        layout.addWidget(QLabel(self.tr("Device address")))
        layout.addWidget(self.address)
        self._relay = _Found()
        self._relay.device.connect(self._add)
        self._seen: set[str] = set()

    def initializePage(self) -> None:  # noqa: N802
        if not self._seen:
            self.search()

    def search(self) -> None:
        targets = list(self._context.discovery_targets())
        self.found.clear()
        self._seen.clear()
        if not targets:
            self.status.setText(self.tr("No discovery targets are configured; type the camera's address below."))
            return
        self.search_button.setEnabled(False)
        self.progress.setVisible(True)
        self.status.setText(self.tr("Searching…"))
        self._context.runner.submit(lambda: self._search(targets), on_done=self._on_done, on_error=self._on_error)

    def _search(self, targets: list[tuple[str, int]]) -> list[DiscoveredDevice]:
        """Worker: which devices the site has (read first, so rows say "already added" as they come), then probe."""
        self._draft.known = self._context.known_addresses()
        return discover(targets, SEARCH_S, on_found=self._relay.device.emit)

    def _add(self, device: DiscoveredDevice) -> None:
        if device.endpoint in self._seen or not device.address:
            return
        self._seen.add(device.endpoint)
        added = self._draft.known.get(device.address, "")
        item = QTreeWidgetItem([device.name or device.endpoint, device.hardware or "", device.address,
                                self.tr("yes (%1)").replace("%1", added) if added else self.tr("no")])
        item.setData(0, Qt.ItemDataRole.UserRole, device.address)
        self.found.addTopLevelItem(item)
        self.status.setText(self.tr("%1 found so far…").replace("%1", str(len(self._seen))))

    def _on_done(self, devices: list[DiscoveredDevice]) -> None:
        for d in devices:
            self._add(d)
        self.progress.setVisible(False)
        self.search_button.setEnabled(True)
        self.status.setText(self.tr("%1 ONVIF devices answered.").replace("%1", str(len(self._seen))))

    def _on_error(self, exc: Exception) -> None:
        self.progress.setVisible(False)
        self.search_button.setEnabled(True)
        self.status.setText(self.tr("Search failed: %1").replace("%1", str(exc)))

    def _on_pick(self) -> None:
        items = self.found.selectedItems()
        if items:
            self.address.setText(items[0].data(0, Qt.ItemDataRole.UserRole))

    def _on_address(self, text: str) -> None:
        self._draft.address = text.strip()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self._draft.address)
