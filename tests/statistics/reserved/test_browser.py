"""In Chromium: Bari's referent signs in, opens the detailed call data, sees only Bari's
area, its charts drawn beside their tables, downloads the PDF; Foggia's address answers
"not found". The page passes axe-core's WCAG 2.1 A and AA rules, under the reserved area's
strict CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rete.audit.models import AuditAction, AuditEntry
from rete.statistics.definitions import TABLES
from tests.browser_sign_in import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LIST = "/area-riservata/dati/"


def serious_violations(page) -> list[str]:
    # From our own origin, as the page's CSP allows (inline injection would be refused).
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )


def test_bari_s_referent_reads_and_downloads_bari_and_not_foggia(
    browser_page, live_server, people, release
) -> None:
    page = browser_page
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    sign_in(page, live_server.url, people.referent_bari)
    page.locator(f'main a[href="{LIST}"]').first.click()
    expect(page).to_have_url(f"{live_server.url}{LIST}")
    links = page.get_by_test_id("area-link")
    expect(links).to_have_count(1)
    expect(links).to_have_text("Provincia di Bari")
    assert serious_violations(page) == []

    links.click()
    expect(page.get_by_test_id("area-title")).to_contain_text("Provincia di Bari")
    expect(page.get_by_test_id("reserved-table")).to_have_count(len(TABLES))
    valid = page.locator("#table-contacts_validity_channel tr[data-row=valid] td")
    expect(valid).to_have_text(["1.234", "56", "1.290"])
    expect(page.locator("#table-transfers tr[data-row=time_to_transfer_median] td")).to_have_text(
        "2 min 5 s"
    )
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas[data-chart-data]'))"
        ".map(canvas => Chart.getChart(canvas) != null)"
    )
    assert drawn == [True] * len(TABLES)
    assert serious_violations(page) == []

    with page.expect_download() as info:
        page.get_by_test_id("download-pdf").click()
    download = info.value
    assert download.suggested_filename == "rete-1522-riservato-2026Q1-ATR-BA.pdf"
    with open(download.path(), "rb") as saved:
        assert saved.read(4) == b"%PDF"
    assert AuditEntry.objects.filter(action=AuditAction.STATISTICS_DOWNLOAD).count() == 1

    response = page.goto(f"{live_server.url}{LIST}{release.pk}/territory/ATR-FG/")
    assert response.status == 404

    assert [text for text in console if "Refused to" in text] == []
