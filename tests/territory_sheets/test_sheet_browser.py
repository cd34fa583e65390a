"""In Chromium: the referent of A goes from the territory's page to its sheet, adds a member
from the directory, saves, and sees version 2 beside version 1 with the change highlighted.
The sheet, the form and the comparison pass axe-core's WCAG 2.1 A and AA rules under the
reserved area's strict CSP."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.territory_sheets.conftest import save

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page) -> list[str]:
    # From our own origin, as the page's CSP allows (inline injection would be refused).
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.help + ' — ' +"
        " v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )


def test_the_referent_adds_a_member_and_sees_the_change_against_version_one(
    browser_page, live_server, net, people
) -> None:
    save(people.referent_a, net.a, base=0)
    client = Client()
    client.force_login(people.referent_a)
    page = browser_page
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    page.goto(f"{live_server.url}/area-riservata/territori/ATR-AL/")
    page.get_by_test_id("territory-sheet-link").click()
    expect(page.get_by_test_id("sheet-version")).to_contain_text("1")
    assert violations(page) == []

    page.get_by_test_id("sheet-edit").click()
    rows = page.get_by_test_id("member-row")
    expect(rows).to_have_count(1 + 3)
    new_row = rows.nth(1)
    new_row.locator("select").select_option(label="Rete Sportelli Sud")
    new_row.locator("input[name$='-role']").fill("Sportello di ascolto a Cefalù")
    page.locator("#id_note").fill("Nuovo sportello")
    assert violations(page) == []
    page.get_by_test_id("sheet-save").click()

    expect(page).to_have_url(f"{live_server.url}/area-riservata/territori/ATR-AL/scheda/")
    expect(page.get_by_test_id("sheet-version")).to_contain_text("2")
    expect(page.locator("[data-field=members]")).to_contain_text("Rete Sportelli Sud")

    page.get_by_test_id("sheet-history").click()
    page.locator("tr[data-version='2'] a").click()
    members = page.locator("tr[data-field=members]")
    expect(members).to_have_attribute("data-changed", "true")
    added = members.locator("td[data-side=after] [data-differs=true]")
    expect(added).to_have_count(1)
    expect(added).to_contain_text("Rete Sportelli Sud")
    expect(members.locator("td[data-side=before]")).not_to_contain_text("Rete Sportelli Sud")
    expect(page.locator("tr[data-changed=true]")).to_have_count(1)
    assert violations(page) == []

    assert [text for text in console if "Refused to" in text] == []
