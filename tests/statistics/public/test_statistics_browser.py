"""In Chromium: she opens "Dati del 1522", sees the charts drawn and the tables beside them
with the published numbers, switches to a region and then to a territory with the choosers,
and each page passes axe-core's WCAG 2.1 A and AA rules (no serious or critical issue).

The pages run under their real CSP: Chart.js and the page's script come from our origin, the
chart data from json_script, and axe-core is added from our origin too.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from rete.statistics.definitions import PUBLIC_TABLES, Level
from tests.statistics.factories import release_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AREAS = (
    (Level.NATIONAL, "IT", "Italia"),
    (Level.REGION, "16", "Puglia"),
    (Level.REGION, "08", "Emilia-Romagna"),
    (Level.TERRITORY, "ATR-BA", "Provincia di Bari"),
)


def heading(area: str) -> str:
    # The page's name as the Italian catalogue has it ("Dati del 1522" once translated).
    with translation.override("it"):
        return f"{gettext('1522 data')}: {area}"


def serious_violations(page: Page) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )
    return list(found)


def charts_drawn(page: Page) -> int:
    """How many canvases hold a Chart.js chart with data."""
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas[data-chart-data]'))"
        ".filter(c => { const chart = Chart.getChart(c);"
        " return chart && chart.data.labels.length > 0 && c.width > 0; }).length"
    )


def _row_cells(page: Page, table_id: str, row: str) -> list[str]:
    return page.locator(f"table[data-table='{table_id}'] tr[data-row='{row}'] td").all_inner_texts()


def test_the_statistics_page_shows_charts_and_tables_and_switches_area(
    live_server: Any, browser_page: Page
) -> None:
    release_make("2026Q1", areas=AREAS, fill=7)
    page = browser_page
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(f"{live_server.url}/dati/")
    page.wait_for_load_state("load")

    expect(page.get_by_role("heading", level=1)).to_have_text(heading("Italia"))
    page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas').length")
    assert charts_drawn(page) == len(PUBLIC_TABLES)
    # Contacts by validity and channel: row i holds 7 + i in both channels.
    assert _row_cells(page, "contacts_validity_channel", "valid") == ["7", "7", "14"]
    assert _row_cells(page, "contacts_validity_channel", "total") == ["57", "57", "114"]
    expect(page.get_by_test_id("key-figure").first).to_contain_text("114")
    assert serious_violations(page) == []

    page.locator("#statistics-area").select_option(label="Puglia")
    page.get_by_test_id("statistics-show").click()
    page.wait_for_url(f"{live_server.url}/dati/2026Q1/regione/16/")
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading("Puglia"))
    page.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('canvas'))")
    assert charts_drawn(page) == len(PUBLIC_TABLES)
    assert _row_cells(page, "victims_citizenship", "total") == ["24"]
    assert serious_violations(page) == []

    page.locator("#statistics-area").select_option(label="Provincia di Bari")
    page.get_by_test_id("statistics-show").click()
    page.wait_for_url(f"{live_server.url}/dati/2026Q1/territorio/ATR-BA/")
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading("Provincia di Bari"))
    page.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('canvas'))")
    assert charts_drawn(page) == len(PUBLIC_TABLES)
    assert _row_cells(page, "contacts_validity_channel", "nuisance") == ["8", "8", "16"]
    assert serious_violations(page) == []
    assert errors == []
