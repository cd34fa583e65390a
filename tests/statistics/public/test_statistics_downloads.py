"""The public downloads: every public table of the area and period, as CSV and as XLSX, with
the header (period, area, release, the marker's note) and the numbers of the page."""

from __future__ import annotations

import csv
import io

from django.test import Client
from openpyxl import load_workbook

from rete.statistics.definitions import PUBLIC_TABLES
from rete.statistics.models import Release
from rete.statistics.presentation import suppression_note
from tests.statistics.public.conftest import suppress, translated


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_of_a_territory_holds_its_tables(client: Client, release: Release) -> None:
    suppress(release, "victims_citizenship", "ATR-BA", ((0, 0),))

    response = client.get("/dati/2026Q1/territorio/ATR-BA/tabelle.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == ('attachment; filename="rete-1522-2026Q1-ATR-BA.csv"')
    assert "public" in response["Cache-Control"]
    rows = _csv(response)
    assert rows[0] == [
        translated("1522 data: %(period)s · %(area)s")
        % {
            "period": translated("Q1 %(year)s (January–March)") % {"year": 2026},
            "area": "Provincia di Bari",
        }
    ]
    assert suppression_note(5) in rows[1][0]
    titles = [row[0] for row in rows if len(row) == 1 and row[0].endswith("— Provincia di Bari")]
    assert len(titles) == len(PUBLIC_TABLES)
    assert ["Valido", "7", "7", "14"] in rows
    block = rows.index([t for t in titles if t.startswith(translated("Victims by citizenship"))])
    assert rows[block + 2] == ["Italiana", "n.p."]


def test_the_xlsx_of_the_nation_has_a_sheet_per_table(client: Client, release: Release) -> None:
    response = client.get("/dati/2026Q1/italia/IT/tabelle.xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="rete-1522-2026Q1-IT.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == len(PUBLIC_TABLES)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[5][:4] == ("Valido", 7, 7, 14)


def test_the_english_download_has_english_labels(client: Client, release: Release) -> None:
    response = client.get("/en/dati/2026Q1/regione/16/tabelle.csv")

    assert response.status_code == 200
    assert ["Valid", "7", "7", "14"] in _csv(response)


def test_unknown_downloads_are_not_found(client: Client, release: Release) -> None:
    for path in (
        "/dati/2026Q1/regione/16/tabelle.pdf",
        "/dati/2026Q1/regione/99/tabelle.csv",
        "/dati/2025Q1/italia/IT/tabelle.csv",
        "/dati/2026q1/italia/IT/tabelle.csv",
        "/dati/2026Q1/provincia/BA/tabelle.xlsx",
    ):
        assert client.get(path).status_code == 404, path
