"""In Chromium, end to end: Alfa's referent starts the 2025 report (figures pre-filled from
the published statistics), writes it and submits it; the Department assigns the monitoring
company's expert, who comments a section and starts the review; the Department returns it
with a reason; the referent reads the reason and the comment, answers, corrects and submits
again; the Department accepts it and downloads the PDF. Beta's referent gets "not found".
The report's pages pass axe-core's WCAG 2.1 A and AA rules under the reserved area's CSP."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from rete.annual_reports.models import AnnualReport, ReportStatus
from rete.audit.models import AuditAction, AuditEntry
from tests.browser_sign_in import sign_in
from tests.statistics.factories import payload_make, release_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LIST = "/area-riservata/relazioni-annuali/"


def serious_violations(page) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )


def signed_in(browser, base: str, person, next_path: str = LIST):
    context = browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, base, person, next_path=next_path)
    return page


def status(page) -> str:
    return page.get_by_test_id("report-status").get_attribute("data-status")


def test_a_report_is_drafted_commented_returned_resubmitted_accepted_and_downloaded(
    chromium_browser, live_server, people, net, template
) -> None:
    base = live_server.url
    release_make("2025", areas=(("territory", "ATR-AL", "Ambito Alfa"),), fill=7)
    victims = payload_make("victims_relationship", 7)["total"]

    # The referent starts the report from the archive.
    referent = signed_in(chromium_browser, base, people.referent_a)
    referent.get_by_test_id("start-report").get_by_role("link").click()
    referent.get_by_test_id("report-create").click()
    expect(referent.get_by_test_id("report-status")).to_have_attribute("data-status", "draft")
    report = AnnualReport.objects.get(territory=net.a)
    report_path = f"{LIST}{report.pk}/"
    expect(referent.get_by_test_id("prefill-note")).to_contain_text("2025 #1")
    victims_row = referent.locator('[data-testid=figure-row][data-key="victims"]')
    expect(victims_row.get_by_test_id("figure-prefilled")).to_contain_text(str(victims))
    expect(referent.get_by_test_id("missing")).to_contain_text("Women helped by the centres")
    assert serious_violations(referent) == []

    # Writes it: a typo in a number is refused, and what was typed stays.
    referent.get_by_test_id("report-edit").click()
    form = referent.get_by_test_id("report-form")
    form.get_by_label("Network and members").fill("The centre, the social services, the police.")
    form.get_by_label("Activities of the year").fill("Shelter, counselling, training.")
    form.get_by_label("Women helped by the centres").fill("12 donne")
    form.get_by_label("Victims").fill("150")
    referent.get_by_test_id("report-save").click()
    expect(referent.get_by_test_id("form-errors")).to_be_visible()
    expect(form.get_by_label("Network and members")).to_have_value(
        "The centre, the social services, the police."
    )
    assert serious_violations(referent) == []
    form.get_by_label("Women helped by the centres").fill("120")
    referent.get_by_test_id("report-save").click()
    expect(victims_row.get_by_test_id("figure-value")).to_have_text("150")
    expect(victims_row.get_by_test_id("figure-prefilled")).to_contain_text(str(victims))
    referent.get_by_test_id("report-submit").click()
    expect(referent.get_by_test_id("report-status")).to_have_attribute("data-status", "submitted")

    # The Department assigns the expert.
    department = signed_in(chromium_browser, base, people.admin, report_path)
    department.locator("select[name=expert]").select_option(label=people.analyst.get_username())
    department.get_by_test_id("expert-assign").click()
    expect(department.get_by_test_id("report-expert")).to_have_text(people.analyst.get_username())

    # The expert comments the first section and takes the report into review.
    expert = signed_in(chromium_browser, base, people.analyst, report_path)
    section = template.sections.order_by("position").first()
    thread = expert.get_by_test_id(f"thread-{section.pk}")
    thread.get_by_role("textbox").fill("Say which police stations take part.")
    thread.get_by_role("button").click()
    expect(expert.get_by_test_id(f"thread-{section.pk}").get_by_test_id("comment")).to_have_count(1)
    expert.get_by_test_id("report-review").click()
    expect(expert.get_by_test_id("report-status")).to_have_attribute("data-status", "in_review")

    # The Department returns it with a reason.
    department.goto(f"{base}{report_path}")
    department.get_by_test_id("report-return-reason").fill("Complete the network section.")
    department.get_by_test_id("report-return").click()
    expect(department.get_by_test_id("report-status")).to_have_attribute("data-status", "returned")

    # The referent reads the reason and the comment, answers, corrects and submits again.
    referent.goto(f"{base}{report_path}")
    expect(referent.get_by_test_id("return-reason")).to_contain_text(
        "Complete the network section."
    )
    thread = referent.get_by_test_id(f"thread-{section.pk}")
    expect(thread).to_contain_text("Say which police stations take part.")
    assert serious_violations(referent) == []
    thread.get_by_role("textbox").fill("Added: Bari and Altamura.")
    thread.get_by_role("button").click()
    referent.get_by_test_id("report-edit").click()
    referent.get_by_test_id("report-form").get_by_label("Network and members").fill(
        "The centre, the social services, the police stations of Bari and Altamura."
    )
    referent.get_by_test_id("report-save").click()
    referent.get_by_test_id("report-submit").click()
    expect(referent.get_by_test_id("report-status")).to_have_attribute("data-status", "submitted")

    # The Department reviews, accepts and downloads the PDF.
    department.goto(f"{base}{report_path}")
    department.get_by_test_id("report-review").click()
    department.get_by_test_id("report-accept").click()
    expect(department.get_by_test_id("report-status")).to_have_attribute("data-status", "accepted")
    assert serious_violations(department) == []
    with department.expect_download() as info:
        department.get_by_test_id("report-pdf").click()
    download = info.value
    assert download.suggested_filename == "relazione-annuale-ATR-AL-2025.pdf"
    with open(download.path(), "rb") as saved:
        data = saved.read()
    assert data.startswith(b"%PDF-") and b"Network and members" in data

    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.figures.get(figure__key="victims").value == Decimal(150)
    assert [step.to_status for step in report.transitions.all()] == [
        "draft",
        "submitted",
        "in_review",
        "returned",
        "submitted",
        "in_review",
        "accepted",
    ]
    assert AuditEntry.objects.filter(
        action=AuditAction.REPORT_DOWNLOAD, actor=people.admin
    ).exists()

    # Accepted is final: the referent reads it, without writing.
    referent.goto(f"{base}{report_path}")
    expect(referent.get_by_test_id("report-edit")).to_have_count(0)

    # Beta's referent does not learn that the report exists.
    outsider = signed_in(chromium_browser, base, people.referent_b)
    assert outsider.goto(f"{base}{report_path}").status == 404
