"""The public statistics pages: the latest published release of a period, nationwide, of a
region and of a territory, with exact numbers, the marker of suppressed values and its note,
the release's history, and nothing unpublished or reserved."""

from __future__ import annotations

import re
from datetime import datetime

from django.test import Client
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext

from rete.statistics.definitions import PUBLIC_TABLES, TABLES_BY_ID, Level
from rete.statistics.models import Release, ReleaseStatus, ReleaseTable
from rete.statistics.presentation import suppression_note
from tests.statistics.factories import release_make
from tests.statistics.public.conftest import (
    PUBLISHED_AT,
    ROME,
    published_on,
    suppress,
    translated,
)


def _cells(html: str, table_id: str, row: str) -> list[str]:
    """The texts of the <td> cells of one row of one table (the row's header excluded)."""
    table = re.search(rf'<table[^>]*data-table="{table_id}".*?</table>', html, re.S)
    assert table, f"no table {table_id}"
    found = re.search(rf'<tr data-row="{row}">(.*?)</tr>', table.group(0), re.S)
    assert found, f"no row {row} in {table_id}"
    return [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)]


def _release_line(instant: datetime, number: int) -> str:
    with translation.override("it"):
        return escape(
            gettext("Release %(number)s, published on %(date)s.")
            % {"number": number, "date": date_format(instant, "j F Y")}
        )


def _key_figures(html: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", item).split())
        for item in re.findall(r'data-testid="key-figure">(.*?)</li>', html, re.S)
    ]


def test_the_national_page_shows_every_public_table_with_its_numbers(
    client: Client, release: Release
) -> None:
    response = client.get("/dati/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{translated('1522 data')}: Italia</h1>" in html
    assert html.count('data-testid="statistics-section"') == len(PUBLIC_TABLES)
    assert _cells(html, "contacts_validity_channel", "valid") == ["7", "7", "14"]
    assert _cells(html, "contacts_validity_channel", "silent") == ["11", "11", "22"]
    assert _cells(html, "contacts_validity_channel", "total") == ["57", "57", "114"]
    # A one-column table has no total column repeating its only column.
    assert _cells(html, "victims_citizenship", "total") == ["24"]
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    # Contacts, valid contacts, victims.
    assert _key_figures(html) == [
        f"114 {translated('Contacts')}",
        f"14 {translated('Valid contacts')}",
        f"84 {translated('Victims')}",
    ]
    # The release's number and date.
    assert _release_line(PUBLISHED_AT, 1) in html


def test_a_chart_goes_with_each_table_and_hides_from_assistive_technology(
    client: Client, release: Release
) -> None:
    html = client.get("/dati/").content.decode()

    assert html.count('<div class="statistics-chart" aria-hidden="true"') == len(PUBLIC_TABLES)
    assert 'id="chart-contacts_validity_channel-data" type="application/json"' in html
    assert "/static/vendor/chartjs/chart.umd.min.js" in html
    assert "/static/statistics/charts.js" in html
    assert "<script>" not in html  # the CSP allows no inline script


def test_the_page_is_a_public_page_cached_like_the_others(client: Client, release: Release) -> None:
    response = client.get("/dati/2026Q1/")

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not response.cookies
    assert "data-quick-exit" in response.content.decode()


def test_a_region_and_a_territory_have_their_own_pages(client: Client, db: None) -> None:
    release_make("2026Q1", fill=7)
    region = client.get("/dati/2026Q1/regione/16/")
    territory = client.get("/dati/2026Q1/territorio/ATR-BA/")

    assert region.status_code == 200
    assert f"{translated('1522 data')}: Puglia</h1>" in region.content.decode()
    assert territory.status_code == 200
    html = territory.content.decode()
    assert f"{translated('1522 data')}: Provincia di Bari</h1>" in html
    assert _cells(html, "victims_age_sex", "total")[-1] == "252"


def test_suppressed_values_show_the_marker_and_the_note_once(
    client: Client, release: Release
) -> None:
    suppress(release, "victims_citizenship", "IT", ((0, 0),))
    suppress(release, "valid_reason_caller", "IT", ((2, 1),))

    html = client.get("/dati/").content.decode()

    assert _cells(html, "victims_citizenship", "italian") == ["n.p."]
    assert _cells(html, "victims_citizenship", "total") == ["n.p."]
    assert _cells(html, "valid_reason_caller", "info_1522")[1] == "n.p."
    assert html.count(escape(suppression_note(5))) == 1
    assert html.count('data-testid="suppression-note"') == 1


def test_without_a_suppressed_value_there_is_no_note(client: Client, release: Release) -> None:
    html = client.get("/dati/").content.decode()

    assert 'data-testid="suppression-note"' not in html


def test_a_suppressed_key_figure_is_left_out(client: Client, release: Release) -> None:
    # The validity table with its total suppressed: "contacts" is not a key figure.
    table = ReleaseTable.objects.get(
        release=release, audience="public", area_code="IT", table_id="contacts_validity_channel"
    )
    payload = {**table.payload, "total": None}
    ReleaseTable.objects.filter(pk=table.pk).update(payload=payload)

    html = client.get("/dati/").content.decode()

    assert _key_figures(html) == [
        f"14 {translated('Valid contacts')}",
        f"84 {translated('Victims')}",
    ]


def test_only_published_releases_are_shown(client: Client, release: Release) -> None:
    release_make("2026Q2", status=ReleaseStatus.READY, fill=50)
    release_make("2026Q1", status=ReleaseStatus.READY, number=2, fill=50)

    latest = client.get("/dati/").content.decode()
    unpublished = client.get("/dati/2026Q2/")

    assert _cells(latest, "contacts_validity_channel", "valid") == ["7", "7", "14"]
    assert 'data-period="2026Q1"' in latest
    assert unpublished.status_code == 404
    assert '<option value="2026Q2"' not in latest


def test_a_correction_replaces_the_tables_and_says_so(client: Client, release: Release) -> None:
    correction = release_make("2026Q1", number=2, fill=20)
    Release.objects.filter(pk=correction.pk).update(
        corrects=release, notes="Corrected the contacts of March."
    )
    published_on(correction, datetime(2026, 5, 4, 9, 0, tzinfo=ROME))

    html = client.get("/dati/2026Q1/").content.decode()

    assert _cells(html, "contacts_validity_channel", "valid") == ["20", "20", "40"]
    assert 'data-testid="correction"' in html
    assert "Corrected the contacts of March." in html
    assert 'href="#release-history"' in html
    history = re.search(r'data-testid="release-history">(.*?)</section>', html, re.S).group(1)
    assert re.findall(r'data-testid="history-release" data-number="(\d+)"', history) == ["2", "1"]
    assert _release_line(datetime(2026, 5, 4, 9, 0, tzinfo=ROME), 2) in history
    assert _release_line(PUBLISHED_AT, 1) in history


def test_the_first_release_of_a_period_has_no_correction_nor_history(
    client: Client, release: Release
) -> None:
    html = client.get("/dati/").content.decode()

    assert 'data-testid="correction"' not in html
    assert 'data-testid="release-history"' not in html


def test_the_period_chooser_lists_the_published_periods_newest_first(
    client: Client, release: Release
) -> None:
    release_make("2025Q4", fill=7)
    release_make("2025", fill=7)

    html = client.get("/dati/2025Q4/").content.decode()

    assert re.findall(r'<option value="(\d{4}(?:Q\d)?)"', html) == ["2026Q1", "2025Q4", "2025"]
    assert '<option value="2025Q4" selected>' in html


def test_the_area_chooser_lists_the_areas_with_public_tables(
    client: Client, release: Release
) -> None:
    html = client.get("/dati/").content.decode()

    assert re.findall(r'<option value="(\w+:[\w-]+)"', html) == [
        "italia:IT",
        "regione:16",
        "territorio:ATR-BA",
    ]


def test_the_choosers_lead_to_the_chosen_page(client: Client, release: Release) -> None:
    assert client.get("/dati/?periodo=2026Q1&area=regione:16")["Location"] == (
        "/dati/2026Q1/regione/16/"
    )
    assert client.get("/dati/?periodo=2026Q1&area=territorio:ATR-BA")["Location"] == (
        "/dati/2026Q1/territorio/ATR-BA/"
    )
    assert client.get("/dati/?periodo=2026Q1&area=italia:IT")["Location"] == "/dati/2026Q1/"
    # An area without tables in the period: the period's national page.
    assert client.get("/dati/?periodo=2026Q1&area=regione:99")["Location"] == "/dati/2026Q1/"
    assert client.get("/dati/?periodo=nonsense&area=regione:16")["Location"] == "/dati/"
    assert client.get("/en/dati/?periodo=2026Q1&area=regione:16")["Location"] == (
        "/en/dati/2026Q1/regione/16/"
    )


def test_unknown_periods_and_areas_are_not_found(client: Client, release: Release) -> None:
    for path in (
        "/dati/2025Q3/",
        "/dati/nonsense/",
        "/dati/2026Q1/regione/99/",
        "/dati/2026Q1/territorio/ATR-XX/",
        "/dati/2026Q1/provincia/BA/",
        "/dati/2026Q1/italia/IT/",  # the national page is /dati/2026Q1/
        "/dati/2025Q3/regione/16/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert 'data-testid="not-found"' in response.content.decode(), path


def test_a_period_written_in_lower_case_leads_to_its_address(
    client: Client, release: Release
) -> None:
    assert client.get("/dati/2026q1/")["Location"] == "/dati/2026Q1/"
    assert client.get("/dati/2026q1/regione/16/")["Location"] == "/dati/2026Q1/regione/16/"


def test_reserved_tables_and_areas_never_show(client: Client, db: None) -> None:
    release_make(
        "2026Q1",
        reserved_areas=(
            (Level.NATIONAL, "IT", "Italia"),
            (Level.TERRITORY, "ATR-LE", "Provincia di Lecce"),
        ),
    )

    html = client.get("/dati/").content.decode()

    for spec in TABLES_BY_ID.values():
        assert (f'data-table="{spec.id}"' in html) is spec.public
    assert "ATR-LE" not in html
    assert client.get("/dati/2026Q1/territorio/ATR-LE/").status_code == 404


def test_without_a_published_release_the_page_says_so(client: Client, db: None) -> None:
    release_make("2026Q1", status=ReleaseStatus.READY)

    response = client.get("/dati/")

    assert response.status_code == 200
    assert 'data-testid="statistics-empty"' in response.content.decode()
    assert client.get("/dati/2026Q1/").status_code == 404


def test_the_english_page_reads_in_english(client: Client, release: Release) -> None:
    response = client.get("/en/dati/2026Q1/regione/16/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert '<th scope="row">Valid</th>' in html
    assert 'href="/en/dati/2026Q1/regione/16/tabelle.csv"' in html
