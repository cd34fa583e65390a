"""The annual report as a PDF (reportlab, A4), and the year's blank format.

The report: a title page (the year, the territory, the template, the status and its
dates), the figures' table (the territory's value, its unit and, where the statistics
pre-filled it, the published value), then each section's title (a bookmark of the document)
and text. The expert's comments are not printed: they are a working conversation between
the territory, the expert and the Department, read in the reserved area, not part of the
report the territory hands in.

The format: the same layout with the Department's guidance under each section and the
figures to give, for a territory that prepares its report offline.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from rete.annual_reports.models import AnnualReport, ReportFigureValue, ReportTemplate
from rete.annual_reports.selectors import SectionView

_FONT = "ReteVera"
_FONT_BOLD = "ReteVera-Bold"
_GRID_COLOUR = colors.HexColor("#a0aab4")
_HEAD_COLOUR = colors.HexColor("#e6ecf2")


def _fonts() -> tuple[str, str]:
    """Bitstream Vera, shipped with reportlab (as rete.statistics.exports registers it): it
    prints Italian accents, dashes and quotes, beyond the standard fonts' WinAnsi."""
    if _FONT not in pdfmetrics.getRegisteredFontNames():
        folder = next(
            (path for path in rl_config.TTFSearchPath if os.path.exists(f"{path}/Vera.ttf")),
            None,
        )
        if folder is None:  # reportlab ships Vera: only a broken install gets here
            return "Helvetica", "Helvetica-Bold"
        pdfmetrics.registerFont(TTFont(_FONT, f"{folder}/Vera.ttf"))
        pdfmetrics.registerFont(TTFont(_FONT_BOLD, f"{folder}/VeraBd.ttf"))
    return _FONT, _FONT_BOLD


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    return {
        "cover": ParagraphStyle("cover", fontName=bold, fontSize=22, leading=28, spaceAfter=10),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=regular, fontSize=13, leading=17, spaceAfter=4
        ),
        "meta": ParagraphStyle("meta", fontName=regular, fontSize=10, leading=14),
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=13, leading=16, spaceBefore=10, spaceAfter=4
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, spaceAfter=4),
        "guidance": ParagraphStyle(
            "guidance",
            fontName=regular,
            fontSize=9,
            leading=12,
            textColor=colors.HexColor("#5c6f82"),
            spaceAfter=4,
        ),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11),
        "number": ParagraphStyle(
            "number", fontName=regular, fontSize=9, leading=11, alignment=TA_RIGHT
        ),
        "head": ParagraphStyle("head", fontName=bold, fontSize=9, leading=11),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    """A person's text: blank lines part paragraphs, single newlines are kept."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(_escape(block).replace("\n", "<br/>"), style) for block in blocks if block]


class _Heading(Paragraph):
    """A section's title that is also an entry of the PDF's outline (the bookmarks pane)."""

    def __init__(self, text: str, style: ParagraphStyle, *, key: str) -> None:
        super().__init__(_escape(text), style)
        self._outline_text = text
        self._outline_key = key

    def draw(self) -> None:
        super().draw()
        self.canv.bookmarkPage(self._outline_key)
        self.canv.addOutlineEntry(self._outline_text, self._outline_key, level=0)


def figure_text(value: Decimal | None) -> str:
    if value is None:
        return "—"
    # 1234.00 -> "1.234", 12.50 -> "12,5" in Italian.
    normalized = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return formats.number_format(normalized, use_l10n=True, force_grouping=True)


def _document(buffer: io.BytesIO, *, title: str, subject: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        subject=subject,
        creator="Rete Antiviolenza",
        invariant=True,
    )


def _figures_table(
    rows: Sequence[tuple[str, str, str, str]],
    header: Sequence[str],
    width: float,
    styles: dict[str, ParagraphStyle],
) -> Table:
    data = [[Paragraph(_escape(text), styles["head"]) for text in header]]
    for label, value, unit, prefilled in rows:
        data.append(
            [
                Paragraph(_escape(label), styles["cell"]),
                Paragraph(_escape(value), styles["number"]),
                Paragraph(_escape(unit), styles["cell"]),
                Paragraph(_escape(prefilled), styles["number"]),
            ]
        )
    table = Table(
        data, colWidths=[width * 0.5, width * 0.17, width * 0.15, width * 0.18], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, _GRID_COLOUR),
                ("BACKGROUND", (0, 0), (-1, 0), _HEAD_COLOUR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _date(instant) -> str:
    return formats.date_format(timezone.localtime(instant), "SHORT_DATE_FORMAT")


def report_pdf(
    report: AnnualReport,
    figures: Sequence[ReportFigureValue],
    sections: Sequence[SectionView],
) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    title = _("Annual report %(year)s") % {"year": report.year}
    document = _document(buffer, title=f"{title} — {report.territory.name}", subject=title)
    story: list[Flowable] = [
        Spacer(1, 40 * mm),
        Paragraph(_escape(title), styles["cover"]),
        Paragraph(_escape(report.territory.name), styles["subtitle"]),
        Paragraph(_escape(report.template.title), styles["meta"]),
        Spacer(1, 8 * mm),
        Paragraph(
            _escape(_("Status: %(status)s") % {"status": report.get_status_display()}),
            styles["meta"],
        ),
    ]
    if report.submitted_at:
        story.append(
            Paragraph(
                _escape(_("Submitted on %(date)s") % {"date": _date(report.submitted_at)}),
                styles["meta"],
            )
        )
    if report.accepted_at:
        story.append(
            Paragraph(
                _escape(_("Accepted on %(date)s") % {"date": _date(report.accepted_at)}),
                styles["meta"],
            )
        )
    story.append(PageBreak())

    story.append(_Heading(_("Figures of the year"), styles["heading"], key="figures"))
    if figures:
        rows = [
            (
                value.figure.label,
                figure_text(value.value),
                value.figure.unit,
                figure_text(value.prefilled_value) if value.prefilled_value is not None else "",
            )
            for value in figures
        ]
        header = (_("Figure"), _("Value"), _("Unit"), _("From the statistics"))
        story.append(_figures_table(rows, header, document.width, styles))
        if report.prefill_releases:
            story.append(Spacer(1, 2 * mm))
            story.append(
                Paragraph(
                    _escape(
                        _("Statistics releases read: %(releases)s.")
                        % {"releases": ", ".join(report.prefill_releases)}
                    ),
                    styles["guidance"],
                )
            )
    for index, view in enumerate(sections):
        story.append(_Heading(view.section.title, styles["heading"], key=f"section-{index}"))
        paragraphs = _paragraphs(view.text, styles["body"])
        story.extend(paragraphs or [Paragraph(_escape(_("(not written)")), styles["guidance"])])
    document.build(story)
    return buffer.getvalue()


def template_pdf(template: ReportTemplate) -> bytes:
    """The year's format: what to write, section by section, and the figures to give."""
    styles = _styles()
    buffer = io.BytesIO()
    title = _("Annual report %(year)s") % {"year": template.year}
    document = _document(buffer, title=f"{title} — {template.title}", subject=title)
    story: list[Flowable] = [
        Paragraph(_escape(title), styles["cover"]),
        Paragraph(_escape(template.title), styles["subtitle"]),
        Spacer(1, 4 * mm),
        *_paragraphs(template.introduction, styles["body"]),
    ]
    figures = list(template.figures.order_by("position", "pk"))
    story.append(_Heading(_("Figures of the year"), styles["heading"], key="figures"))
    if figures:
        rows = [
            (
                figure.label + ("" if figure.required else f" ({_('optional')})"),
                "",
                figure.unit,
                figure.get_source_display() if figure.source else "",
            )
            for figure in figures
        ]
        header = (_("Figure"), _("Value"), _("Unit"), _("Pre-filled from"))
        story.append(_figures_table(rows, header, document.width, styles))
    for index, section in enumerate(template.sections.order_by("position", "pk")):
        heading = section.title + ("" if section.required else f" ({_('optional')})")
        story.append(_Heading(heading, styles["heading"], key=f"section-{index}"))
        story.extend(_paragraphs(section.guidance, styles["guidance"]))
    document.build(story)
    return buffer.getvalue()
