"""In Chromium: the monitoring company creates a campaign for a published questionnaire,
previews and launches it and sees its dashboard at 0%; once one service has submitted and
another has only a draft, it reminds the services that have not submitted (the non-responder
gets a notice and an e-mail), reads the aggregated results with a chart, and downloads the
XLSX. The pages pass axe-core's WCAG 2.1 A and AA rules under the reserved area's CSP."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from rete.monitoring.models import Campaign, Response, ResponseStatus
from rete.notices.models import Notice
from tests.browser_sign_in import sign_in
from tests.monitoring.samples import SAMPLE_ANSWERS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LIST = "/area-riservata/questionari/campagne/"


def serious_violations(page) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )


def test_the_analyst_runs_a_campaign_from_launch_to_results(
    browser_page, live_server, people, published_version
) -> None:
    page = browser_page
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    today = timezone.localdate()

    sign_in(page, live_server.url, people.analyst, next_path=LIST)
    page.get_by_test_id("campaign-create").click()
    page.fill("#id_title", "Rilevazione autunno")
    page.select_option("#id_version", str(published_version.pk))
    # Bootstrap Italia draws the checkbox on its label: click it as a person does.
    kind = page.locator("input[name=service_kinds][value=anti_violence_centre]")
    page.locator(f"label[for={kind.get_attribute('id')}]").click()
    expect(kind).to_be_checked()
    page.fill("#id_opens_on", today.isoformat())
    page.fill("#id_closes_on", (today + timedelta(days=21)).isoformat())
    page.fill("#id_reminder_days", "7, 2")
    page.get_by_test_id("campaign-preview").click()
    expect(page.get_by_test_id("preview-total")).to_have_attribute("data-count", "2")
    assert serious_violations(page) == []

    page.get_by_test_id("campaign-save").click()
    campaign = Campaign.objects.get()
    expect(page).to_have_url(f"{live_server.url}{LIST}{campaign.pk}/")
    page.get_by_test_id("campaign-launch").click()
    expect(page.get_by_test_id("campaign-phase")).to_have_attribute("data-phase", "open")
    expect(page.get_by_test_id("rate-total")).to_have_attribute("data-percent", "0.0")
    expect(page.locator("[data-testid=targets] tbody tr")).to_have_count(2)
    assert serious_violations(page) == []

    # CAV Aurora submits; CAV Betulla has saved a draft only.
    targets = {t.service.ext_id: t for t in campaign.targets.select_related("service")}
    Response.objects.create(
        target=targets["svc-aurora"],
        status=ResponseStatus.SUBMITTED,
        answers=SAMPLE_ANSWERS,
        updated_by=people.operator_a,
        submitted_at=timezone.now(),
    )
    Response.objects.create(
        target=targets["svc-betulla"], answers={"q1": "no"}, updated_by=people.operator_b
    )
    mail.outbox.clear()

    page.reload()
    expect(page.get_by_test_id("rate-total")).to_have_attribute("data-percent", "50.0")
    page.get_by_test_id("campaign-remind").click()
    expect(page.locator("tr[data-service=svc-betulla] [data-cell=reminded]")).to_have_attribute(
        "data-count", "1"
    )
    expect(page.locator("tr[data-service=svc-aurora] [data-cell=reminded]")).to_have_attribute(
        "data-count", "0"
    )
    reminded = Notice.objects.filter(key__startswith=f"campaign.{campaign.pk}.manual.")
    assert [notice.recipient.username for notice in reminded] == ["m-operator-b"]
    assert [message.to for message in mail.outbox] == [["m-operator-b@example.org"]]
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas[data-chart-data]'))"
        ".map(canvas => Chart.getChart(canvas) != null)"
    )
    assert drawn == [True]

    page.get_by_test_id("campaign-results-link").click()
    expect(page.get_by_test_id("results-count")).to_have_attribute("data-count", "1")
    expect(page.get_by_test_id("small-cell-warning")).to_be_visible()
    q1 = page.locator("[data-question=q1]")
    expect(q1.locator("tr[data-option=yes] [data-cell=count]")).to_have_text("1")
    expect(q1.locator("tr[data-option=no] [data-cell=count]")).to_have_text("0")
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas[data-chart-data]'))"
        ".map(canvas => Chart.getChart(canvas) != null)"
    )
    assert drawn == [True, True]  # q1 and q2, the choice questions
    assert serious_violations(page) == []

    with page.expect_download() as info:
        page.get_by_test_id("download-xlsx").click()
    download = info.value
    assert download.suggested_filename == f"campagna-{campaign.pk}-risultati.xlsx"
    with open(download.path(), "rb") as saved:
        workbook = load_workbook(io.BytesIO(saved.read()))
    raw = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert [row[0] for row in raw[1:]] == ["svc-aurora"]
    assert [text for text in console if "Refused to" in text] == []
