"""Downloads of a campaign's results: XLSX (a sheet of aggregates, a sheet of the raw
submitted answers) and CSV (the raw answers).

Raw answers carry the service's network-file id and the code of the territory it is counted
under, never who answered: no names of people. CSV as rete.statistics.exports writes it:
UTF-8 with a byte-order mark and `;` between fields, which Excel set to Italian opens as
columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from rete.monitoring.definition import DATE, MATRIX, NUMBER, TEXT
from rete.monitoring.models import Response
from rete.monitoring.results import QuestionResult, Results, raw_cell, raw_columns

SHEET_NAME_MAX = 31  # Excel's limit
# A spreadsheet runs a cell that starts with one of these as a formula: answers are typed
# by people, so such a text is written with a leading quote (as rete.reserved.mapping.export).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _safe_row(row: Sequence[Any]) -> list[Any]:
    return [_safe(value) for value in row]


def _raw_header(definition: Mapping[str, Any]) -> list[str]:
    fixed = [_("Service (id)"), _("Territory (code)"), _("Submitted")]
    return fixed + [f"{key} {label}".strip() for key, label, _q, _row in raw_columns(definition)]


def _raw_rows(definition: Mapping[str, Any], responses: Sequence[Response]) -> list[list[Any]]:
    columns = raw_columns(definition)
    rows = []
    for response in responses:
        submitted = localtime(response.submitted_at).date() if response.submitted_at else None
        rows.append(
            [
                response.target.service.ext_id,
                response.target.territory.code,
                submitted,
                *(raw_cell(column, response.answers or {}) for column in columns),
            ]
        )
    return rows


def _question_block(question: QuestionResult, *, with_texts: bool) -> list[list[Any]]:
    """A question's aggregates as rows of cells: its heading, then its figures."""
    heading = f"{question.key} {question.label}"
    rows: list[list[Any]] = [
        [heading],
        [_("Shown to"), question.shown],
        [_("Answered"), question.answered],
    ]
    if question.is_choice:
        rows.append([_("Option"), _("Responses"), _("Share of those shown the question (%)")])
        rows += [[option.label, option.count, option.percent] for option in question.options]
        rows.append([_("No answer"), question.unanswered, None])
    elif question.type == NUMBER and question.numbers:
        figures = question.numbers
        rows += [
            [_("Sum"), figures.total],
            [_("Mean"), round(figures.mean, 2)],
            [_("Median"), figures.median],
            [_("Minimum"), figures.minimum],
            [_("Maximum"), figures.maximum],
        ]
    elif question.type == DATE and question.dates:
        rows += [[_("Earliest"), question.dates.earliest], [_("Latest"), question.dates.latest]]
    elif question.type == MATRIX:
        rows.append([_("Row"), *(label for _key, label in question.matrix_options)])
        rows += [[row.label, *row.counts] for row in question.matrix_rows]
    elif question.type == TEXT and with_texts:
        rows += [[text] for text in question.texts]
    return rows


def results_xlsx(
    *,
    title: str,
    scope_note: str,
    definition: Mapping[str, Any],
    results: Results,
    responses: Sequence[Response],
    warning: str = "",
) -> bytes:
    workbook = Workbook()
    bold = Font(bold=True)
    sheet = workbook.active
    sheet.title = _("Results")[:SHEET_NAME_MAX]
    sheet.append(_safe_row([title]))
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(_safe_row([scope_note]))
    sheet.append([_("Submitted responses"), results.responses])
    if warning:
        sheet.append(_safe_row([warning]))
    for question in results.questions:
        sheet.append([])
        for index, row in enumerate(_question_block(question, with_texts=True)):
            sheet.append(_safe_row(row))
            if index == 0:
                sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.column_dimensions["A"].width = 60
    for column in "BCDEFG":
        sheet.column_dimensions[column].width = 16

    raw = workbook.create_sheet(_("Answers")[:SHEET_NAME_MAX])
    raw.append(_safe_row(_raw_header(definition)))
    for cell in raw[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in _raw_rows(definition, responses):
        raw.append(_safe_row(row))
    raw.freeze_panes = "B2"
    for row in raw.iter_rows(min_row=2, min_col=3, max_col=3):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        # No thousands separator, the decimal point as Python writes it; a negative
        # number stays a number.
        return repr(value)
    return _safe(str(value))


def results_csv(*, definition: Mapping[str, Any], responses: Sequence[Response]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_safe_row(_raw_header(definition)))
    for row in _raw_rows(definition, responses):
        writer.writerow([_csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
