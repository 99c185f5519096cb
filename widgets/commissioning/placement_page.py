"""Wizard page 5: name the camera and place it on the site — drag it on the plan or type the numbers."""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWizardPage,
)

from cockpit.commissioning import Placement
from cockpit.site import CameraPlacement

from ..site_plan import SitePlanWidget
from .draft import Draft, WizardContext

# A new camera starts where installers usually put one: 4 m up a pole, looking slightly down.
NEW_HEIGHT_M, NEW_TILT_DEG, NEW_FOV_DEG, NEW_RANGE_M = 4.0, -15.0, 70.0, 30.0


def placement_of(camera: CameraPlacement) -> Placement:
    return Placement(x=camera.x, y=camera.y, height_m=camera.z, heading_deg=camera.heading_deg,
                     tilt_deg=camera.tilt_deg, fov_deg=camera.fov_deg, range_m=camera.range_m)


def next_code(existing: set[str]) -> str:
    """The first free code in the demo's style (C-001, C-002…)."""
    n = 1
    while f"C-{n:03d}" in existing:
        n += 1
    return f"C-{n:03d}"


class PlacementPage(QWizardPage):
    # (field, label, minimum, maximum, decimals, suffix); x/y ranges come from the site
    _SPINS = (("x", "x", 0, 0, 1, " m"), ("y", "y", 0, 0, 1, " m"), ("height_m", "height", 0, 60, 1, " m"),
              ("heading_deg", "heading", 0, 359.9, 1, "°"), ("tilt_deg", "tilt", -90, 30, 0, "°"),
              ("fov_deg", "fov", 5, 180, 0, "°"), ("range_m", "range", 1, 300, 0, " m"))

    def __init__(self, context: WizardContext, draft: Draft) -> None:
        super().__init__()
        self._context, self._draft = context, draft
        site = context.site
        self._site_cameras = {c.code: c for c in site.cameras}
        self.setTitle(self.tr("Place the camera"))
        self.setSubTitle(self.tr("Drag the square to where the camera hangs and the circle to where it looks; "
                                 "the cone shows what it sees. Fine-tune with the numbers."))
        self.code = QComboBox()
        self.code.setEditable(True)
        self.code.setToolTip(self.tr("Pick a camera of the site to replace it, or type a new code"))
        for cam in sorted(site.cameras, key=lambda c: c.code):
            self.code.addItem(f"{cam.code}", cam.code)
        self.code.currentTextChanged.connect(self._on_code)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 北门 入口"))
        self.name.textChanged.connect(self._on_name)
        self.plan = SitePlanWidget(site)
        self.plan.placementEdited.connect(self._on_dragged)
        labels = {"x": self.tr("East (x)"), "y": self.tr("North (y)"), "height": self.tr("Height"),
                  "heading": self.tr("Heading"), "tilt": self.tr("Tilt"), "fov": self.tr("Field of view"),
                  "range": self.tr("Range")}
        limits = {"x": site.width_m, "y": site.depth_m}
        self.spins: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout()
        form.addRow(self.tr("Camera code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        for field_name, key, low, high, decimals, suffix in self._SPINS:
            spin = QDoubleSpinBox()
            spin.setDecimals(decimals)
            spin.setRange(low, limits.get(key, high))
            spin.setSuffix(suffix)
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self._on_typed)
            if key == "heading":
                spin.setWrapping(True)
                spin.setToolTip(self.tr("Compass heading: 0° north, 90° east"))
            self.spins[field_name] = spin
            form.addRow(labels[key], spin)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.plan, 3)
        layout.addLayout(side, 1)
        self._syncing = False

    def initializePage(self) -> None:  # noqa: N802
        draft = self._draft
        if not draft.code:
            address = draft.report.address if draft.report else draft.address
            known = draft.known.get(address) or draft.known.get(draft.address)
            draft.code = known or next_code(set(self._site_cameras))
        self.code.blockSignals(True)
        self.code.setCurrentText(draft.code)
        self.code.blockSignals(False)
        self._on_code(draft.code, keep_draft=True)

    def cleanupPage(self) -> None:  # noqa: N802
        self.plan.edit_placement(None)

    def _on_code(self, text: str, keep_draft: bool = False) -> None:
        draft = self._draft
        draft.code = text.strip()
        existing = self._site_cameras.get(draft.code)
        if existing is not None and not (keep_draft and draft.placement):
            draft.placement = placement_of(existing)
            if not (keep_draft and draft.name):
                draft.name = existing.name
        if draft.placement is None:
            site = self._context.site
            draft.placement = Placement(x=site.width_m / 2, y=site.depth_m / 2, height_m=NEW_HEIGHT_M,
                                        heading_deg=0.0, tilt_deg=NEW_TILT_DEG, fov_deg=NEW_FOV_DEG,
                                        range_m=NEW_RANGE_M)
        if not draft.name:
            report = draft.report
            draft.name = (report.model if report else "") or draft.code
        self.name.blockSignals(True)
        self.name.setText(draft.name)
        self.name.blockSignals(False)
        self.plan.edit_placement(draft.placement)
        self._show(draft.placement)
        self.completeChanged.emit()

    def _on_name(self, text: str) -> None:
        self._draft.name = text.strip()
        self.completeChanged.emit()

    def _show(self, placement: Placement) -> None:
        self._syncing = True
        for f in fields(Placement):
            self.spins[f.name].setValue(getattr(placement, f.name) % 360 if f.name == "heading_deg"
                                        else getattr(placement, f.name))
        self._syncing = False

    def _on_dragged(self, placement: Placement) -> None:
        self._draft.placement = placement
        self._show(placement)

    def _on_typed(self) -> None:
        if self._syncing or self._draft.placement is None:
            return
        values = {name: spin.value() for name, spin in self.spins.items()}
        self._draft.placement = replace(self._draft.placement, **values)
        self.plan.set_placement(self._draft.placement)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self._draft.code and self._draft.name and self._draft.placement)
