"""The installer's commissioning wizard: find → log in → streams → PTZ presets → placement → save.

Every device call runs on the draft's commissioning session (its own thread) or the task runner;
the pages only render results. Closing the wizard, however it closes, frees the session and
every preview decoder without waiting on a device that hangs.
"""

from __future__ import annotations

import enum

from PySide6.QtWidgets import QWidget, QWizard

from .draft import Draft, WizardContext
from .find_page import FindPage
from .login_page import LoginPage
from .placement_page import PlacementPage
from .ptz_page import PtzPage
from .streams_page import StreamsPage
from .summary_page import SummaryPage


class Page(enum.IntEnum):
    FIND = 0
    LOGIN = 1
    STREAMS = 2
    PTZ = 3
    PLACEMENT = 4
    SUMMARY = 5


class CommissioningWizard(QWizard):
    def __init__(self, context: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commissioningWizard")
        self.setWindowTitle(self.tr("Add or commission a camera"))
        self.context = context
        self.draft = Draft()
        self.pages = {
            Page.FIND: FindPage(context, self.draft), Page.LOGIN: LoginPage(context, self.draft),
            Page.STREAMS: StreamsPage(context, self.draft), Page.PTZ: PtzPage(context, self.draft),
            Page.PLACEMENT: PlacementPage(context, self.draft), Page.SUMMARY: SummaryPage(context, self.draft),
        }
        for page_id, page in self.pages.items():
            self.setPage(page_id, page)
        self.setStartId(Page.FIND)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.resize(1280, 820)
        self.finished.connect(self._release)

    def nextId(self) -> int:  # noqa: N802
        current = self.currentId()
        if current == Page.STREAMS:
            report = self.draft.report
            return Page.PTZ if report is not None and report.is_ptz else Page.PLACEMENT
        return super().nextId()

    def _release(self) -> None:
        for page in self.pages.values():
            page.cleanupPage()  # previews stop, placement handles go
        self.draft.close_session()
