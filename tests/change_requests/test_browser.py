"""In Chromium, end to end: Alfa's referent proposes Saturday-morning hours for the first
service of her territory's referral chain; until the Department accepts, a call from Bari
on Saturday at 10:00 is out of hours; the Department reads the difference side by side and
accepts; the same call is then transferred to that service. The pages pass axe-core's
WCAG 2.1 A and AA rules under the reserved area's strict CSP."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from rete.change_requests.models import ChangeRequest, ChangeStatus
from tests.browser_sign_in import sign_in
from tests.reserved.conftest import BARI

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SATURDAY_MORNING = "2026-11-28T10:00:00+01:00"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LIST = "/area-riservata/segnalazioni/"


def decide() -> dict:
    response = Client().post(
        "/api/v1/routing/decide",
        {"comune": BARI, "at": SATURDAY_MORNING},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def serious_violations(page) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )


def test_an_accepted_change_of_hours_moves_the_routing_decision(
    browser_page, live_server, people
) -> None:
    page = browser_page
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    # The referent proposes: Aurora open Monday to Saturday, 9 to 13.
    sign_in(page, live_server.url, people.referent_a, next_path=LIST)
    page.get_by_test_id("propose-link").click()
    page.get_by_test_id("choose-hours").locator("select").select_option("svc-aurora")
    page.get_by_test_id("choose-hours").get_by_role("button").click()
    expect(page.get_by_test_id("target-name")).to_have_text("CAV Aurora")
    expect(page.locator("#id_rule_0_days_0")).to_be_checked()  # prefilled: Monday
    expect(page.locator("#id_rule_0_days_5")).not_to_be_checked()  # not on Saturday
    assert serious_violations(page) == []
    for weekday in (1, 3, 5):  # Tuesday, Thursday, Saturday: their labels, as a person does
        page.locator(f"label[for=id_rule_0_days_{weekday}]").click()
        expect(page.locator(f"#id_rule_0_days_{weekday}")).to_be_checked()
    page.locator("#id_note").fill("Apertura anche il sabato mattina.")
    page.get_by_test_id("propose").click()
    expect(page.get_by_test_id("change-status")).to_have_attribute("data-status", "pending")
    change = ChangeRequest.objects.get()
    assert page.url == f"{live_server.url}{LIST}{change.pk}/"

    before = decide()
    assert before["mode"] == "out_of_hours"
    assert before["target"]["service_id"] == "svc-aurora"

    # The Department compares and accepts, in a browser of its own.
    department = page.context.browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    admin_page = department.new_page()
    admin_page.on("console", lambda message: console.append(message.text))
    sign_in(admin_page, live_server.url, people.admin, next_path=f"{LIST}{change.pk}/")
    row = admin_page.locator("[data-testid=diff-row][data-field=schedules]")
    expect(row).to_have_attribute("data-changed", "true")
    expect(row.locator("td[data-column=proposed] [data-changed=true]")).to_have_count(1)
    expect(admin_page.get_by_test_id("note")).to_contain_text("sabato mattina")
    assert serious_violations(admin_page) == []
    admin_page.get_by_test_id("accept").click()
    expect(admin_page.get_by_test_id("change-status")).to_have_attribute("data-status", "accepted")
    expect(admin_page.get_by_test_id("decision")).to_be_visible()

    change.refresh_from_db()
    assert change.status == ChangeStatus.ACCEPTED
    after = decide()
    assert after["mode"] == "transfer"
    assert after["target"]["service_id"] == "svc-aurora"

    # The referent sees the decision in her list.
    page.goto(f"{live_server.url}{LIST}")
    expect(
        page.locator(f"[data-testid=change-request-row][data-pk='{change.pk}']")
    ).to_have_attribute("data-status", "accepted")
    assert [text for text in console if re.search("Refused to", text)] == []
    department.close()
