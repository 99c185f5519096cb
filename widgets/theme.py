"""Apply the control-room theme: Fusion style, dark palette, QSS, CJK-capable fonts."""

from __future__ import annotations

import re

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

import resources

BASE_POINT_SIZE = 11.0  # ≈15 px at 96 dpi: readable from 2 m on a 55" wall monitor
FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei",
                 "PingFang SC", "Noto Sans", "DejaVu Sans"]

_EM = re.compile(r"\{\{em:([0-9.]+)\}\}")

# Colours shared by painted views (plan, charts) so they match the QSS.
COLORS = {
    "background": "#0d1218",
    "panel": "#131b24",
    "text": "#dce3ea",
    "muted": "#8b9bb0",
    "accent": "#2f81f7",
    "ok": "#3fb950",
    "warn": "#d29922",
    "alarm": "#f85149",
    "building": "#2a3a4e",
    "building_edge": "#5b7391",
    "road": "#3a4656",
    "path": "#27313d",
    "camera": "#58a6ff",
    "ptz": "#bc8cff",
    "sensor": "#56d4bc",
    "responder": "#f0b429",
}


def render_qss(template: str, base_pt: float) -> str:
    return _EM.sub(lambda m: f"{base_pt * float(m.group(1)):.1f}", template)


def apply_theme(app: QApplication, font_scale: float = 1.0) -> None:
    app.setStyle("Fusion")
    base_pt = BASE_POINT_SIZE * font_scale
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(base_pt)
    app.setFont(font)

    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#10151c"),
        (QPalette.ColorRole.WindowText, "#dce3ea"),
        (QPalette.ColorRole.Base, "#0d1218"),
        (QPalette.ColorRole.AlternateBase, "#121922"),
        (QPalette.ColorRole.Text, "#dce3ea"),
        (QPalette.ColorRole.Button, "#1c2733"),
        (QPalette.ColorRole.ButtonText, "#dce3ea"),
        (QPalette.ColorRole.Highlight, "#1f6feb"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#1c2733"),
        (QPalette.ColorRole.ToolTipText, "#e6edf3"),
        (QPalette.ColorRole.PlaceholderText, "#6e7f93"),
        (QPalette.ColorRole.Link, "#58a6ff"),
    ):
        palette.setColor(role, QColor(color))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#5c6b7d"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#5c6b7d"))
    app.setPalette(palette)

    template = resources.path("themes", "dark.qss").read_text(encoding="utf-8")
    app.setStyleSheet(render_qss(template, base_pt))
    pg.setConfigOptions(background=COLORS["background"], foreground=COLORS["muted"], antialias=True)
