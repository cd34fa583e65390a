"""The downloads of statistics tables: what a spreadsheet or a PDF reader shows, value by value.

The tables come from a release made in the database: every cell of row i is 7 + i. The
validity table has six rows (valid, four kinds of not valid, not classified yet) and two
columns (phone, chat): rows 14, 16, … 24 in total, columns 57 each, 114 in all.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.utils import translation
from openpyxl import load_workbook

from rete.statistics.exports import sheet_name, tables_csv, tables_pdf, tables_xlsx
from rete.statistics.presentation import TableView, table_view
from tests.statistics.factories import payload_make

TITLE = "Dati del 1522: 1° trimestre 2026 · Puglia"
NOTE = "Rilascio n. 1 del 2 aprile 2026. n.p. = non pubblicato."


def _view(table_id: str, *, suppress: tuple[tuple[int, int], ...] = ()) -> TableView:
    return table_view(table_id, "Puglia", payload_make(table_id, 7, suppress=suppress))


@pytest.fixture
def views(db: None) -> list[TableView]:
    with translation.override("it"):
        return [
            _view("contacts_validity_channel", suppress=((1, 1),)),
            _view("victims_violence_type"),
            _view("victims_citizenship", suppress=((0, 0),)),
        ]


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_has_a_header_and_one_block_per_table(views: list[TableView]) -> None:
    with translation.override("it"):
        rows = _csv_rows(tables_csv(views, title=TITLE, note=NOTE))
        unclassified = views[0].rows[5].label

    assert rows[0] == [TITLE]
    assert rows[1] == [NOTE]
    assert rows[2] == []
    assert rows[3] == [f"{views[0].title} — Puglia"]
    assert rows[4] == ["Validità del contatto", "Telefono", "Chat", "Totale"]
    assert rows[5] == ["Valido", "7", "7", "14"]
    # The suppressed cell shows the marker; this release left its totals published.
    assert rows[6] == ["Non valido: molestia", "8", "n.p.", "16"]
    assert rows[10] == [unclassified, "12", "12", "24"]
    assert rows[11] == ["Totale", "57", "57", "114"]
    assert rows[12] == []


def test_the_csv_writes_single_column_tables_without_a_repeated_total(
    views: list[TableView],
) -> None:
    with translation.override("it"):
        rows = _csv_rows(tables_csv(views, title=TITLE, note=NOTE))
    start = rows.index([f"{views[2].title} — Puglia"])
    header, first = rows[start + 1], rows[start + 2]

    assert len(header) == 2  # the category and the count: no "Total" column repeating it
    assert first[1] == "n.p."
    totals = next(row for row in rows[start:] if row and row[0] == "Totale")
    assert totals[1] == "n.p."  # one column: the total would give the hidden cell away


def test_a_table_with_several_answers_says_its_rows_do_not_add_up(
    views: list[TableView],
) -> None:
    with translation.override("en"):
        rows = _csv_rows(tables_csv(views, title=TITLE, note=NOTE))
    start = rows.index([f"{views[1].title} — Puglia"])
    following = [row for row in rows[start:] if row][1:]
    note = next(row for row in following if len(row) == 1)

    assert "do not add up" in note[0]


def test_the_xlsx_has_one_sheet_per_table_with_numbers_as_numbers(
    views: list[TableView],
) -> None:
    with translation.override("it"):
        data = tables_xlsx(views, title=TITLE, note=NOTE)
    workbook = load_workbook(io.BytesIO(data))

    assert len(workbook.sheetnames) == 3
    assert workbook.sheetnames[0].startswith("1 ")
    sheet = workbook.worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == TITLE
    assert values[1][0] == NOTE
    assert values[2][0] == f"{views[0].title} — Puglia"
    assert values[4][:4] == ["Validità del contatto", "Telefono", "Chat", "Totale"]
    assert values[5][:4] == ["Valido", 7, 7, 14]
    assert values[6][:4] == ["Non valido: molestia", 8, "n.p.", 16]
    assert values[11][0] == "Totale"
    assert values[11][1] == 57
    assert values[11][3] == 114
    assert isinstance(values[5][1], int)


def test_sheet_names_are_unique_and_within_excels_limit() -> None:
    long = "Victims by kind of service they were referred to (several per victim)"

    assert sheet_name(12, long) == "12 Victims by kind of service …"
    assert len(sheet_name(12, long)) == 31
    assert sheet_name(3, "a/b [c]") == "3 a b  c "


def test_the_pdf_has_a_bookmark_per_table_and_embeds_its_font(db: None) -> None:
    with translation.override("en"):
        views = [_view("contacts_validity_channel"), _view("victims_age_sex")]
        data = tables_pdf(views, title="1522 data: città", subtitle="Puglia", note=NOTE)

    assert data.startswith(b"%PDF-")
    # Each table's heading is an entry of the outline, a plain PDF string ("—" is \204).
    assert b"/Title (Contacts by validity and channel \\204 Puglia)" in data
    assert b"/Title (Victims by age class and sex \\204 Puglia)" in data
    assert len(re.findall(rb"/Type /Page\b", data)) == 2
    # Vera, embedded: accents and dashes print (the standard fonts stop at WinAnsi).
    assert b"/BaseFont /AAAAAA+BitstreamVeraSans-Roman" in data
    assert b"/FontFile2" in data


def test_the_pdf_of_no_table_is_a_title_page(db: None) -> None:
    data = tables_pdf([], title="1522", subtitle="Italia", note="")

    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b", data)) == 1
