"""Downloads of an area's reserved tables: CSV, XLSX and PDF with the release's numbers,
as attachments never kept by a cache, each one audited; outside the scope, 404 and no
entry."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from rete.audit.models import AuditAction, AuditEntry
from rete.statistics.definitions import TABLES

pytestmark = pytest.mark.django_db

LIST = "/area-riservata/dati/"


def download(client, release, fmt: str, code: str = "ATR-BA", level: str = "territory"):
    return client.get(f"{LIST}{release.pk}/{level}/{code}/tabelle.{fmt}")


def test_the_csv_holds_bari_s_numbers(as_person, release) -> None:
    response = download(as_person("referent_bari"), release, "csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="rete-1522-riservato-2026Q1-ATR-BA.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Valido", "1234", "56", "1290"] in rows
    assert ["Non valido: molestia", "40", "3", "43"] in rows
    assert any(row[1:] == ["1274", "59", "1333"] for row in rows)


def test_the_xlsx_has_a_sheet_per_table_with_bari_s_numbers(as_person, release) -> None:
    response = download(as_person("netop_bari"), release, "xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('rete-1522-riservato-2026Q1-ATR-BA.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == len(TABLES)
    validity = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    assert ["Valido", 1234, 56, 1290] in validity
    transfers = workbook.worksheets[[spec.id for spec in TABLES].index("transfers")]
    values = {row[0]: row[1] for row in transfers.iter_rows(values_only=True) if row and row[0]}
    assert 37.5 in values.values()
    assert 160 in values.values()


def test_the_pdf_is_a_pdf(as_person, release) -> None:
    response = download(as_person("committee"), release, "pdf", code="16", level="region")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="rete-1522-riservato-2026Q1-16.pdf"'
    )
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_every_download_is_audited_and_never_cached(as_person, release, people, fmt) -> None:
    response = download(as_person("referent_bari"), release, fmt)

    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action=AuditAction.STATISTICS_DOWNLOAD)
    assert entry.actor == people.referent_bari
    assert entry.target_type == "statistics.release"
    assert entry.target_id == str(release.pk)
    assert entry.details == {
        "level": "territory",
        "area": "ATR-BA",
        "period": "2026Q1",
        "format": fmt,
    }


def test_a_refused_download_is_not_audited(as_person, client, release) -> None:
    assert download(as_person("referent_bari"), release, "pdf", code="ATR-FG").status_code == 404
    assert download(as_person("referent_bari"), release, "csv", "IT", "national").status_code == 404
    assert download(as_person("operator"), release, "xlsx").status_code == 403
    client.logout()
    assert download(client, release, "csv").status_code == 302

    assert not AuditEntry.objects.filter(action=AuditAction.STATISTICS_DOWNLOAD).exists()


def test_the_area_page_links_the_three_formats(as_person, release) -> None:
    page = as_person("referent_bari").get(f"{LIST}{release.pk}/territory/ATR-BA/").content
    for fmt in ("csv", "xlsx", "pdf"):
        assert f'href="{LIST}{release.pk}/territory/ATR-BA/tabelle.{fmt}"'.encode() in page
