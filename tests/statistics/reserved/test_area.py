"""An area's reserved tables: every table with its chart figures and its table, the exact
numbers, the measures formatted, and each read audited."""

from __future__ import annotations

import html
import json
import re

import pytest

from rete.audit.models import AuditAction, AuditEntry
from rete.statistics.definitions import TABLES

pytestmark = pytest.mark.django_db

LIST = "/area-riservata/dati/"


def bari(release) -> str:
    return f"{LIST}{release.pk}/territory/ATR-BA/"


def row_text(page: str, table_id: str, row: str) -> list[str]:
    section = page.split(f'data-section="{table_id}"', 1)[1].split("</section>", 1)[0]
    tr = section.split(f'data-row="{row}"', 1)[1].split("</tr>", 1)[0]
    return [html.unescape(cell) for cell in re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", tr)]


def test_every_reserved_table_is_shown_with_its_chart(as_person, release) -> None:
    response = as_person("referent_bari").get(bari(release))

    page = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r'data-testid="reserved-table" data-section="([^"]+)"', page) == [
        spec.id for spec in TABLES
    ]
    for spec in TABLES:
        assert f'<canvas id="chart-{spec.id}" data-chart-data="chart-{spec.id}-data"' in page
        assert f'<script id="chart-{spec.id}-data" type="application/json">' in page
        assert f'<table class="table table-sm statistics-table" id="table-{spec.id}"' in page


def test_the_numbers_are_the_release_s(as_person, release) -> None:
    page = as_person("referent_bari").get(bari(release)).content.decode()

    assert row_text(page, "contacts_validity_channel", "valid") == [
        "Valido",
        "1.234",
        "56",
        "1.290",
    ]
    assert row_text(page, "contacts_validity_channel", "nuisance")[1:] == ["40", "3", "43"]
    assert row_text(page, "contacts_validity_channel", "total")[1:] == ["1.274", "59", "1.333"]
    chart = json.loads(
        page.split('<script id="chart-contacts_validity_channel-data" type="application/json">')[
            1
        ].split("</script>")[0]
    )
    assert chart["datasets"][0]["data"][:2] == [1234, 40]
    assert chart["datasets"][1]["data"][:2] == [56, 3]


def test_measures_show_shares_in_percent_and_durations_in_minutes(as_person, release) -> None:
    page = as_person("referent_bari").get(bari(release)).content.decode()

    assert row_text(page, "transfers", "routed_transfer")[1] == "150"
    assert row_text(page, "transfers", "out_of_hours_share")[1] == "37,5%"
    assert row_text(page, "transfers", "transfer_success_share")[1] == "78,7%"
    assert row_text(page, "transfers", "time_to_transfer_median")[1] == "2 min 5 s"
    assert row_text(page, "transfers", "time_to_transfer_p90")[1] == "42 s"
    # The chart draws the counts only: shares and durations are not on a count's scale.
    chart = json.loads(
        page.split('<script id="chart-transfers-data" type="application/json">')[1].split(
            "</script>"
        )[0]
    )
    assert chart["datasets"][0]["data"] == [150, 90, 160, 120, 118]


def test_each_read_is_audited(as_person, release, people) -> None:
    client = as_person("referent_bari")

    client.get(bari(release))
    client.get(bari(release))

    entries = AuditEntry.objects.filter(action=AuditAction.STATISTICS_READ)
    assert entries.count() == 2
    entry = entries.first()
    assert entry.actor == people.referent_bari
    assert entry.target_type == "statistics.release"
    assert entry.target_id == str(release.pk)
    assert entry.details == {"level": "territory", "area": "ATR-BA", "period": "2026Q1"}


def test_a_refused_read_is_not_audited(as_person, client, release) -> None:
    as_person("referent_bari").get(f"{LIST}{release.pk}/territory/ATR-FG/")
    as_person("operator").get(bari(release))
    client.logout()
    client.get(bari(release))

    assert not AuditEntry.objects.filter(action=AuditAction.STATISTICS_READ).exists()


def test_the_lists_are_not_audited_reads_of_tables(as_person, release) -> None:
    client = as_person("committee")

    client.get(LIST)
    client.get(f"{LIST}{release.pk}/")

    assert not AuditEntry.objects.filter(action=AuditAction.STATISTICS_READ).exists()


def test_nothing_reserved_is_cached(as_person, release) -> None:
    response = as_person("referent_bari").get(bari(release))

    assert "no-store" in response["Cache-Control"]


def test_the_page_carries_no_inline_script_or_style(as_person, release) -> None:
    page = as_person("referent_bari").get(bari(release)).content.decode()

    scripts = re.findall(r"<script([^>]*)>", page)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)
    assert "<style" not in page
    assert " style=" not in page
