"""In Chromium: the monitoring analyst builds a questionnaire — two sections, a single-choice
question, a number question asked only after one of its answers, a matrix — tries the
condition in the preview and publishes it. The pages pass axe-core's WCAG 2.1 AA rules
under the reserved area's CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rete.monitoring.models import QuestionnaireVersion, VersionStatus
from tests.monitoring.questionnaires.browser import serious_violations, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def add_section(page, title: str) -> None:
    form = page.get_by_test_id("section-add")
    form.locator("input[name='new-section-title']").fill(title)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def add_question(page, section: str, **fields) -> None:
    with page.expect_navigation():
        page.locator(f"[data-section='{section}'] [data-testid=question-add]").click()
    page.select_option("#id_type", fields["type"])
    page.fill("#id_label", fields["label"])
    if fields.get("required"):
        page.locator("label[for=id_required]").click()
    if "options" in fields:
        page.fill("#id_options", "\n".join(fields["options"]))
    if "rows" in fields:
        page.fill("#id_rows", "\n".join(fields["rows"]))
    if "show_if" in fields:
        page.select_option("#id_show_if", fields["show_if"])
    with page.expect_navigation():
        page.get_by_test_id("question-save").click()
    expect(page.get_by_test_id("problems")).to_have_count(0)


def test_the_analyst_builds_and_publishes_a_questionnaire(
    browser_page, live_server, people
) -> None:
    page = browser_page
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    signed_in(page, live_server.url, people.analyst)

    page.goto(f"{live_server.url}/area-riservata/questionari/")
    with page.expect_navigation():
        page.get_by_test_id("questionnaire-create").click()
    page.fill("#id_title", "Monitoraggio dei centri 2027")
    page.fill("#id_description", "Rilevazione annuale.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    add_section(page, "Accoglienza")
    add_section(page, "Rete territoriale")
    add_question(
        page,
        "s1",
        type="single",
        label="Il centro ha accolto donne?",
        required=True,
        options=["Sì", "No"],
    )
    add_question(page, "s1", type="number", label="Quante donne?", required=True, show_if=["q1:si"])
    add_question(
        page,
        "s2",
        type="matrix",
        label="Collaborazione con",
        required=True,
        options=["Buona", "Scarsa"],
        rows=["Forze dell'ordine", "Servizi sanitari"],
    )
    expect(page.get_by_test_id("section")).to_have_count(2)
    expect(page.locator("[data-question=q2] [data-testid=condition]")).to_contain_text(
        "Il centro ha accolto donne?"
    )
    expect(page.get_by_test_id("publish-problems")).to_have_count(0)
    assert serious_violations(page) == []

    # The preview: the number question appears only for "Sì".
    with page.expect_navigation():
        page.get_by_test_id("preview-link").click()
    preview = page.get_by_test_id("preview")
    expect(preview.locator("[data-question=q2]")).to_be_hidden()
    preview.locator("label[for=f-q1-si]").click()
    expect(preview.locator("[data-question=q2]")).to_be_visible()
    preview.locator("label[for=f-q1-no]").click()
    expect(preview.locator("[data-question=q2]")).to_be_hidden()
    expect(preview.locator("[data-question=q3] input[type=radio]")).to_have_count(4)
    assert serious_violations(page) == []

    page.go_back()
    with page.expect_navigation():
        page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("version-status")).to_have_count(1)
    expect(page.get_by_test_id("new-version")).to_be_visible()
    expect(page.get_by_test_id("edit-draft")).to_have_count(0)

    version = QuestionnaireVersion.objects.get(questionnaire__title="Monitoraggio dei centri 2027")
    assert version.status == VersionStatus.PUBLISHED
    sections = version.definition["sections"]
    assert [s["title"] for s in sections] == ["Accoglienza", "Rete territoriale"]
    assert sections[0]["questions"][1]["show_if"] == {"question": "q1", "any_of": ["si"]}
    assert [r["key"] for r in sections[1]["questions"][0]["rows"]] == [
        "forze_dell_ordine",
        "servizi_sanitari",
    ]
    assert [text for text in console if "Refused to" in text] == []
