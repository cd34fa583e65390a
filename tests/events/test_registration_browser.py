"""In Chromium: a territory's referent signs in, opens the events, registers to the seminar
(online, with an accessibility need), sees the confirmation and the notice; the Department
then finds her in the participants list. The event page passes axe-core's WCAG 2.1 A and AA
rules under the reserved area's strict CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_sign_in import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def serious_violations(page) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )


def test_a_referent_registers_and_the_department_sees_her(
    browser_page, live_server, people, seminar
) -> None:
    page = browser_page
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    sign_in(page, live_server.url, people.referent_a, next_path="/area-riservata/eventi/")
    page.get_by_test_id("upcoming-events").get_by_role("link", name=seminar.title).click()
    expect(page.get_by_test_id("event-title")).to_have_text(seminar.title)
    expect(page.get_by_test_id("places-left")).to_contain_text("2")
    assert serious_violations(page) == []

    form = page.get_by_test_id("registration-form")
    # Bootstrap Italia draws the radio on its label: click the label, as a person does.
    online = form.locator("input[name=mode][value=online]")
    form.locator(f"label[for={online.get_attribute('id')}]").click()
    expect(online).to_be_checked()
    form.locator("textarea[name=accessibility_needs]").fill("Sottotitoli in diretta")
    form.get_by_test_id("register").click()

    expect(page.get_by_test_id("registered")).to_be_visible()
    expect(page.get_by_test_id("registered")).to_contain_text("Sottotitoli in diretta")
    expect(page.get_by_test_id("notices-unread")).to_contain_text("1")
    assert serious_violations(page) == []
    page.get_by_test_id("notices-link").click()
    expect(page.get_by_test_id("notice")).to_contain_text(seminar.title)

    department = page.context.browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    try:
        admin_page = department.new_page()
        participants = f"/area-riservata/eventi/{seminar.pk}/partecipanti/"
        sign_in(admin_page, live_server.url, people.admin, next_path=participants)
        row = admin_page.get_by_test_id("participant")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Anna Alfieri")
        expect(row).to_contain_text("Sottotitoli in diretta")
        expect(row).to_contain_text("ATR-AL")
    finally:
        department.close()

    assert [text for text in console if "Refused to" in text] == []
