"""In Chromium: an operator of the asked service opens her questionnaire from the landing
page, sees the conditional question appear when she chooses the answer that asks it, the
page saves the draft by itself, she saves it, reloads (the answers are there), completes it
and submits. The form passes axe-core's WCAG 2.1 AA rules under the reserved area's CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rete.monitoring.models import Response, ResponseStatus
from tests.monitoring.questionnaires.browser import serious_violations, signed_in
from tests.monitoring.samples import SAMPLE_ANSWERS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_operator_answers_saves_comes_back_and_submits(
    browser_page, live_server, people, target_a, target_b
) -> None:
    page = browser_page
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    signed_in(page, live_server.url, people.operator_a)

    page.goto(f"{live_server.url}/area-riservata/questionari/")
    links = page.get_by_test_id("response-link")
    expect(links).to_have_count(1)  # CAV Aurora's, not CAV Betulla's
    with page.expect_navigation():
        links.click()
    response_url = page.url

    conditional = page.locator("[data-question=q2]")
    expect(conditional).to_be_hidden()
    page.locator("label[for=f-q1-yes]").click()
    expect(conditional).to_be_visible()
    page.locator("label[for=f-q2-phone]").click()
    page.locator("label[for=f-q2-online]").click()
    page.fill("#f-q3", "12")
    # The page saves by itself after a pause (HTMX), and says so.
    expect(page.get_by_test_id("autosave-saved")).to_be_visible()
    assert serious_violations(page) == []

    page.fill("#f-q4", "Nessuna criticità.")
    with page.expect_navigation():
        page.get_by_test_id("save-draft").click()
    assert Response.objects.get(target=target_a).answers == {
        "q1": "yes",
        "q2": ["phone", "online"],
        "q3": 12,
        "q4": "Nessuna criticità.",
    }

    page.goto(response_url)
    expect(page.locator("#f-q1-yes")).to_be_checked()
    expect(conditional).to_be_visible()
    expect(page.locator("#f-q2-online")).to_be_checked()
    expect(page.locator("#f-q3")).to_have_value("12")

    page.fill("#f-q5", "2026-03-02")
    page.check("#f-q6-police-good")
    page.check("#f-q6-health-fair")
    with page.expect_navigation():
        page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("response-status")).to_have_attribute("data-status", "submitted")
    expect(page.locator("[data-answer=q2]")).to_have_text("Telefono; Online")
    expect(page.locator("#f-q1-yes")).to_have_count(0)

    saved = Response.objects.get(target=target_a)
    assert (saved.status, saved.answers) == (ResponseStatus.SUBMITTED, SAMPLE_ANSWERS)
    assert [text for text in console if "Refused to" in text] == []
