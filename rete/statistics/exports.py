"""Downloads of statistics tables: CSV, XLSX and PDF, from the tables as people read them
(`presentation.TableView`: labels in the reader's language, suppressed values marked).

Every format has the same grid per table: a heading row (the rows' heading, the columns'
labels and, when the table has more than one column, "Total"), one row per category with its
row total, and a closing "Total" row with the column totals. Suppressed values are the
marker text ("n.p."), never an empty cell, so that nobody reads a blank as a zero; the note
that explains the marker heads every file.

CSV: UTF-8 with a byte-order mark and `;` between fields, which is what Excel set to Italian
(where the comma is the decimal separator) opens as columns without an import dialog and
what every CSV reader accepts when told the separator. Numbers are written without
thousands separators; decimals (reserved measures only) with the reader's decimal separator.
One block per table, blocks separated by an empty line.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab import rl_config
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from rete.statistics.presentation import SUPPRESSED_MARKER, Cell, TableView


@dataclass(frozen=True)
class Grid:
    """A table as rows of values: `header` then `body`; a value None is suppressed."""

    title: str
    header: list[str]
    body: list[tuple[str, list[int | float | None]]]
    note: str  # "" or what the reader must know to read the totals


def table_grid(view: TableView) -> Grid:
    with_total_column = not view.is_measures and len(view.columns) > 1
    header = [view.row_heading or _("Item")] + [label for _code, label in view.columns]
    if with_total_column:
        header.append(_("Total"))
    body: list[tuple[str, list[int | float | None]]] = []
    for row in view.rows:
        values = [cell.value for cell in row.cells]
        if with_total_column and row.total is not None:
            values.append(row.total.value)
        body.append((row.label, values))
    if view.column_totals is not None:
        totals = [cell.value for cell in view.column_totals]
        if with_total_column and view.total is not None:
            totals.append(view.total.value)
        body.append((_("Total"), totals))
    return Grid(
        title=table_heading(view),
        header=header,
        body=body,
        note=multiple_note() if view.multiple else "",
    )


def table_heading(view: TableView) -> str:
    return f"{view.title} — {view.area_name}" if view.area_name else view.title


def multiple_note() -> str:
    return _(
        "Several answers per victim: the rows do not add up to the total, which counts victims."
    )


def _text(value: int | float | None) -> str:
    if value is None:
        return SUPPRESSED_MARKER
    if isinstance(value, float):
        # No thousands separator: a spreadsheet would read "1.234,5" as text.
        return numberformat.format(value, get_format("DECIMAL_SEPARATOR"), decimal_pos=1)
    return str(value)


# --- CSV -----------------------------------------------------------------------------------


def tables_csv(views: Sequence[TableView], *, title: str, note: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([title])
    if note:
        writer.writerow([note])
    for view in views:
        grid = table_grid(view)
        writer.writerow([])
        writer.writerow([grid.title])
        writer.writerow(grid.header)
        for label, values in grid.body:
            writer.writerow([label, *(_text(value) for value in values)])
        if grid.note:
            writer.writerow([grid.note])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- XLSX ----------------------------------------------------------------------------------

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31  # Excel's limit


def sheet_name(index: int, title: str) -> str:
    """Unique by its number, within Excel's 31 characters and allowed characters."""
    name = f"{index} {_SHEET_FORBIDDEN.sub(' ', title)}"
    return name if len(name) <= SHEET_NAME_MAX else name[: SHEET_NAME_MAX - 1] + "…"


def tables_xlsx(views: Sequence[TableView], *, title: str, note: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for index, view in enumerate(views, start=1):
        grid = table_grid(view)
        sheet = workbook.create_sheet(sheet_name(index, view.title))
        sheet.append([title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([note] if note else [])
        sheet.append([grid.title])
        sheet["A3"].font = bold
        sheet.append([])
        sheet.append(grid.header)
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for label, values in grid.body:
            sheet.append([label, *(SUPPRESSED_MARKER if v is None else v for v in values)])
            for cell in sheet[sheet.max_row][1:]:
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.0"
                elif isinstance(cell.value, int):
                    cell.number_format = "#,##0"
                else:
                    cell.alignment = Alignment(horizontal="right")
        if view.column_totals is not None:
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        if grid.note:
            sheet.append([])
            sheet.append([grid.note])
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
        sheet.column_dimensions["A"].width = 48
        for column in range(2, len(grid.header) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 16
    if not views:
        workbook.create_sheet(_("Tables")).append([title])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF -----------------------------------------------------------------------------------

_FONT = "ReteVera"
_FONT_BOLD = "ReteVera-Bold"
# Bar colours: Bootstrap Italia's blues and contrasting hues, told apart by the legend.
_BAR_COLOURS = ("#0066cc", "#f08c00", "#004d99", "#5c6f82", "#00a3a3", "#a6215c", "#6aa84f")
_GRID_COLOUR = colors.HexColor("#a0aab4")
_HEAD_COLOUR = colors.HexColor("#e6ecf2")
_TOTAL_COLOUR = colors.HexColor("#f2f5f8")


def _fonts() -> tuple[str, str]:
    """Bitstream Vera, shipped with reportlab: it prints Italian accents, dashes, quotes and
    "≤" (the standard PDF fonts stop at WinAnsi)."""
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


class _Heading(Paragraph):
    """A table's heading that is also an entry of the PDF's outline (the bookmarks pane)."""

    def __init__(self, text: str, style: ParagraphStyle, *, key: str) -> None:
        super().__init__(_escape(text), style)
        self._outline_text = text
        self._outline_key = key

    def draw(self) -> None:
        super().draw()
        self.canv.bookmarkPage(self._outline_key)
        self.canv.addOutlineEntry(self._outline_text, self._outline_key, level=0)


def tables_pdf(views: Sequence[TableView], *, title: str, subtitle: str, note: str) -> bytes:
    """A4 portrait: the title, the subtitle and the note, then per table its heading (a
    bookmark of the document), a bar chart (one bar per category and column; a suppressed
    value has no bar and shows the marker) and the table."""
    regular, bold = _fonts()
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", fontName=regular, fontSize=11, leading=14),
        "note": ParagraphStyle("note", fontName=regular, fontSize=8, leading=10, spaceAfter=6),
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4
        ),
        "label": ParagraphStyle("label", fontName=regular, fontSize=7.5, leading=9),
        "number": ParagraphStyle(
            "number", fontName=regular, fontSize=7.5, leading=9, alignment=TA_RIGHT
        ),
        "head": ParagraphStyle("head", fontName=bold, fontSize=7.5, leading=9),
    }
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
        subject=subtitle,
        creator="Rete Antiviolenza",
        invariant=True,
    )
    story: list[Flowable] = [
        Paragraph(_escape(title), styles["title"]),
        Paragraph(_escape(subtitle), styles["subtitle"]),
        Spacer(1, 3 * mm),
    ]
    if note:
        story.append(Paragraph(_escape(note), styles["note"]))
    for index, view in enumerate(views):
        grid = table_grid(view)
        heading = _Heading(grid.title, styles["heading"], key=f"table-{index}")
        story.append(KeepTogether([heading, _bar_chart(view, document.width, regular)]))
        story.append(Spacer(1, 2 * mm))
        story.append(_pdf_table(grid, view, document.width, styles))
        if grid.note:
            story.append(Paragraph(_escape(grid.note), styles["note"]))
        story.append(Spacer(1, 4 * mm))
    document.build(story)
    return buffer.getvalue()


def _pdf_table(
    grid: Grid, view: TableView, width: float, styles: dict[str, ParagraphStyle]
) -> Table:
    data = [[Paragraph(_escape(text), styles["head"]) for text in grid.header]]
    for label, values in grid.body:
        data.append(
            [Paragraph(_escape(label), styles["label"])]
            + [Paragraph(_escape(_cell_text(value)), styles["number"]) for value in values]
        )
    numbers = len(grid.header) - 1
    first = max(width * 0.3, min(width * 0.45, width - 20 * mm * numbers))
    table = Table(
        data, colWidths=[first] + [(width - first) / max(1, numbers)] * numbers, repeatRows=1
    )
    style = [
        ("GRID", (0, 0), (-1, -1), 0.25, _GRID_COLOUR),
        ("BACKGROUND", (0, 0), (-1, 0), _HEAD_COLOUR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if view.column_totals is not None:
        style.append(("BACKGROUND", (0, -1), (-1, -1), _TOTAL_COLOUR))
    table.setStyle(TableStyle(style))
    return table


def _cell_text(value: int | float | None) -> str:
    return Cell(value).text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _bar_chart(view: TableView, width: float, font: str) -> Drawing:
    """Horizontal bars of the table's cells (not its totals): one group per row, one bar
    per column, in the table's order from the top."""
    rows = list(reversed(view.rows))  # reportlab draws the first category at the bottom
    series = len(view.columns)
    label_width = min(width * 0.38, 200)
    legend_rows = (series + 2) // 3 if series > 1 else 0
    legend_height = 11 * legend_rows
    bar = 7 if series > 1 else 10
    plot_height = max(40, len(rows) * (series * bar + 6))
    drawing = Drawing(width, plot_height + legend_height + 22)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 14 + legend_height
    chart.width = width - label_width - 24
    chart.height = plot_height
    # …and a group's first series at the bottom: the columns reversed read in table order.
    columns = list(reversed(range(series)))
    chart.data = [[row.cells[c].value or 0 for row in rows] for c in columns]
    chart.categoryAxis.categoryNames = [_shorten(row.label, 48) for row in rows]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.valueMin = 0
    top = max((value for serie in chart.data for value in serie), default=0)
    chart.valueAxis.valueMax = max(1, top * 1.1)
    chart.valueAxis.labelTextFormat = _axis_label
    chart.barSpacing = 0.5
    chart.groupSpacing = 4
    for index, column in enumerate(columns):
        chart.bars[index].fillColor = _bar_colour(column)
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    group = chart.height / max(1, len(rows))
    slot = (group - chart.groupSpacing) / max(1, series)
    for row_index, row in enumerate(rows):
        for column, cell in enumerate(row.cells):
            if cell.suppressed:
                stacked = columns.index(column)
                y = chart.y + group * row_index + chart.groupSpacing / 2 + slot * stacked
                drawing.add(
                    String(chart.x + 3, y + 1, SUPPRESSED_MARKER, fontName=font, fontSize=6)
                )
    if series > 1:
        legend = Legend()
        legend.x = label_width
        legend.y = legend_height + 2
        legend.boxAnchor = "nw"
        legend.fontName = font
        legend.fontSize = 7
        legend.dx = legend.dy = 6
        legend.deltax = (width - label_width) / 3
        legend.columnMaximum = legend_rows
        legend.alignment = "right"
        legend.colorNamePairs = [
            (_bar_colour(i), _shorten(label, 30)) for i, (_code, label) in enumerate(view.columns)
        ]
        drawing.add(legend)
    return drawing


def _bar_colour(column: int) -> colors.Color:
    return colors.HexColor(_BAR_COLOURS[column % len(_BAR_COLOURS)])


def _axis_label(value: float) -> str:
    return _cell_text(int(value) if float(value).is_integer() else float(value))


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
