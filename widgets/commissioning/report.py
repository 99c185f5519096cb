"""The commissioning report of one camera, as HTML (snapshot embedded) and as PDF."""

from __future__ import annotations

import base64
import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from cockpit.commissioning import CommissioningRecord, Finding, WarningCode

_STYLE = """
body { font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; color: #1b1f24; font-size: 10pt; }
h1 { font-size: 18pt; margin-bottom: 2px; } h2 { font-size: 12pt; margin-top: 16px; border-bottom: 1px solid #888; }
table { border-collapse: collapse; } td, th { border: 1px solid #bbb; padding: 3px 6px; text-align: left; }
th { background: #eef1f4; } .warn { color: #9a3412; } .ok { color: #166534; } .muted { color: #555; }
"""


class CommissioningReport(QObject):
    """Renders a record; `self.tr` keeps every heading translatable."""

    def __init__(self, record: CommissioningRecord, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.record = record

    def _warning_title(self, code: WarningCode) -> str:
        return {
            WarningCode.LONG_GOP: self.tr("Keyframes too far apart"),
            WarningCode.NO_SUB_STREAM: self.tr("No sub stream"),
            WarningCode.CLOCK_DRIFT: self.tr("Clock drift"),
            WarningCode.SLOW_FIRST_FRAME: self.tr("Slow to show the first picture"),
            WarningCode.LOW_FPS: self.tr("Low frame rate"),
            WarningCode.PTZ_WITHOUT_PRESETS: self.tr("PTZ camera without presets"),
            WarningCode.NOT_PLACED: self.tr("Not placed on the site"),
            WarningCode.STREAM_ERROR: self.tr("Stream does not play"),
        }[code]

    def _warning_detail(self, f: Finding) -> str:
        """The finding in the reader's language, numbers filled in."""
        fill = lambda text: (text.replace("%1", f.subject)  # noqa: E731
                             .replace("%2", "" if f.value is None else
                                      f"{f.value:+.1f}" if f.code is WarningCode.CLOCK_DRIFT else f"{f.value:.1f}")
                             .replace("%3", "" if f.limit is None else f"{f.limit:.0f}"))
        return fill({
            WarningCode.LONG_GOP: self.tr("%1: a keyframe every %2 s (at most %3 s)"),
            WarningCode.SLOW_FIRST_FRAME: self.tr("%1: first picture after %2 s (at most %3 s)"),
            WarningCode.LOW_FPS: self.tr("%1: %2 fps (at least %3)"),
            WarningCode.CLOCK_DRIFT: self.tr("device clock %2 s from ours (at most %3 s); set up NTP"),
            WarningCode.NO_SUB_STREAM: self.tr("the wall would have to decode the main stream"),
            WarningCode.PTZ_WITHOUT_PRESETS: self.tr("alarms cannot turn this camera to a place"),
            WarningCode.NOT_PLACED: self.tr("the twin and alarm video lock cannot use this camera"),
            WarningCode.STREAM_ERROR: "%1",  # the decoder's own message
        }[f.code])

    def html(self, snapshot_src: str | None = None) -> str:
        """The report; the snapshot is embedded as a data URL unless another source is given."""
        r, e = self.record, html.escape
        rows = lambda pairs: "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in pairs)  # noqa: E731
        dash = "—"
        identity = rows([
            (self.tr("Camera"), f"{r.code} {r.name}"), (self.tr("Address"), r.address),
            (self.tr("Manufacturer"), r.manufacturer), (self.tr("Model"), r.model),
            (self.tr("Firmware"), r.firmware), (self.tr("Serial number"), r.serial),
            (self.tr("PTZ"), self.tr("yes") if r.is_ptz else self.tr("no")),
            (self.tr("Clock offset"), dash if r.clock_offset_s is None else f"{r.clock_offset_s:+.2f} s"),
        ])
        head = "".join(f"<th>{e(h)}</th>" for h in (
            self.tr("Profile"), self.tr("Use"), self.tr("Encoding"), self.tr("Resolution"), self.tr("Declared"),
            self.tr("First frame"), self.tr("Measured fps"), self.tr("GOP (frames)"), self.tr("kbit/s"),
            self.tr("Stream URI")))
        use = {"main": self.tr("focus view"), "sub": self.tr("wall tiles"), "": self.tr("unused")}
        body = ""
        for p in r.profiles:
            fmt = lambda v, f: dash if v is None else format(v, f)  # noqa: E731
            measured = (e(p.error) if p.error else fmt(p.first_frame_s, ".2f") + " s")
            body += ("<tr>" + "".join(f"<td>{c}</td>" for c in (
                e(p.name), e(use.get(p.role, p.role)), e(p.encoding), f"{p.width}×{p.height}",
                f"{fmt(p.declared_fps, '.0f')} fps / GOP {fmt(p.declared_gop, 'd')}", measured,
                fmt(p.measured_fps, ".1f"), fmt(p.measured_gop, "d"), fmt(p.bitrate_kbps, ".0f"),
                f"<span class='muted'>{e(p.uri)}</span>")) + "</tr>")
        presets = ", ".join(f"{e(name)} ({e(token)})" for token, name in r.presets) or self.tr("none")
        if r.placement is None:
            placement = "<p class='warn'>" + e(self.tr("Not placed")) + "</p>"
        else:
            pl = r.placement
            height = self.tr("height")
            placement = "<table>" + rows([
                (self.tr("Position"), f"x {pl.x:.1f} m, y {pl.y:.1f} m, {height} {pl.height_m:.1f} m"),
                (self.tr("Heading"), f"{pl.heading_deg:.0f}°"), (self.tr("Tilt"), f"{pl.tilt_deg:.0f}°"),
                (self.tr("Field of view"), f"{pl.fov_deg:.0f}°"), (self.tr("Range"), f"{pl.range_m:.0f} m"),
            ]) + "</table>"
        if r.warnings:
            warnings = "<ul>" + "".join(f"<li class='warn'><b>{e(self._warning_title(f.code))}</b>: "
                                        f"{e(self._warning_detail(f))}</li>" for f in r.warnings) + "</ul>"
        else:
            warnings = "<p class='ok'>" + e(self.tr("No known bad settings found.")) + "</p>"
        src = snapshot_src
        if src is None and r.snapshot_jpeg:
            src = "data:image/jpeg;base64," + base64.b64encode(r.snapshot_jpeg).decode()
        no_snapshot = self.tr("No snapshot")
        snapshot = f"<img src='{src}' width='480'>" if src else f"<p class='muted'>{e(no_snapshot)}</p>"
        when = r.commissioned_at.astimezone().strftime("%Y-%m-%d %H:%M") if r.commissioned_at else dash
        titles = {k: e(v) for k, v in (
            ("report", self.tr("Camera commissioning report")),
            ("by", self.tr("by %1 on %2").replace("%1", r.installer or dash).replace("%2", when)),
            ("warnings", self.tr("Warnings")), ("identity", self.tr("Identity")), ("streams", self.tr("Streams")),
            ("presets", self.tr("PTZ presets (tested)")), ("placement", self.tr("Placement")),
            ("snapshot", self.tr("Snapshot")), ("notes", self.tr("Notes")))}
        notes = f"<h2>{titles['notes']}</h2><p>{e(r.notes)}</p>" if r.notes else ""
        return (f"<html><head><meta charset='utf-8'><style>{_STYLE}</style></head><body>"
                f"<h1>{titles['report']}</h1>"
                f"<p class='muted'>{e(r.code)} · {titles['by']}</p>"
                f"<h2>{titles['warnings']}</h2>{warnings}"
                f"<h2>{titles['identity']}</h2><table>{identity}</table>"
                f"<h2>{titles['streams']}</h2><table><tr>{head}</tr>{body}</table>"
                f"<h2>{titles['presets']}</h2><p>{presets}</p>"
                f"<h2>{titles['placement']}</h2>{placement}"
                f"<h2>{titles['snapshot']}</h2>{snapshot}{notes}"
                "</body></html>")

    def write_html(self, path: Path) -> Path:
        path.write_text(self.html(), encoding="utf-8")
        return path

    def write_pdf(self, path: Path) -> Path:
        """A4 PDF through Qt's rich-text engine (the snapshot passed as a document resource)."""
        doc = QTextDocument()
        src = None
        if self.record.snapshot_jpeg:
            image = QImage.fromData(self.record.snapshot_jpeg, "JPEG")
            if not image.isNull():
                src = "snapshot.jpg"
                doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(src), image)
        doc.setHtml(self.html(snapshot_src=src))
        writer = QPdfWriter(str(path))
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
        writer.setResolution(150)
        doc.setPageSize(QSizeF(writer.width(), writer.height()))
        doc.print_(writer)
        return path
