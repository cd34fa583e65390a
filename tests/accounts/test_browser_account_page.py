"""In Chromium: a person signed in on two browsers ends the other session from "Il mio
account"; the other browser is sent to sign in at its next page. The pages pass axe-core's
WCAG 2.1 A and AA rules."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, expect

from rete.accounts.roles import NETWORK_OPERATOR
from tests.people import make_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ACCOUNT_PAGE = "/accesso/il-mio-account/"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page) -> list[str]:
    # From our own origin, as the page's CSP allows (inline injection would be refused).
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.help + ' — ' +"
        " v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )
    return list(found)


def browser_signed_in(
    browser: Browser, base_url: str, user, *, bypass_csp: bool = False
) -> BrowserContext:
    """A browser context holding a session of `user` that has passed the second factor
    (signed in by the test client, its cookie handed to the browser: the sign-in pages
    are tested on their own). `bypass_csp` lets the test inject axe-core."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="it-IT", timezone_id="Europe/Rome", bypass_csp=bypass_csp)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    return context


def test_ending_the_other_session_signs_that_browser_out(chromium_browser, live_server):
    nadia = make_person("nadia", NETWORK_OPERATOR, first_name="Nadia", last_name="Lopez")
    laptop = browser_signed_in(chromium_browser, live_server.url, nadia, bypass_csp=True).new_page()
    phone = browser_signed_in(chromium_browser, live_server.url, nadia).new_page()
    phone.goto(f"{live_server.url}/area-riservata/")
    expect(phone.get_by_test_id("signed-in-user")).to_have_text("Nadia Lopez")

    laptop.goto(f"{live_server.url}{ACCOUNT_PAGE}")
    rows = laptop.get_by_test_id("session-row")
    expect(rows).to_have_count(2)
    this_one = rows.filter(has=laptop.get_by_test_id("this-session"))
    expect(this_one).to_have_count(1)
    expect(this_one.get_by_test_id("end-session")).to_have_count(0)
    assert violations(laptop) == []

    rows.filter(has=laptop.get_by_test_id("end-session")).get_by_test_id("end-session").click()

    expect(laptop.get_by_test_id("session-row")).to_have_count(1)
    expect(laptop.get_by_role("status").first).to_be_visible()
    phone.goto(f"{live_server.url}/area-riservata/")
    expect(phone).to_have_url(f"{live_server.url}/accesso/?next=/area-riservata/")
    expect(phone.get_by_test_id("signed-in-user")).to_have_count(0)
    # The laptop is still signed in.
    laptop.goto(f"{live_server.url}/area-riservata/")
    expect(laptop.get_by_test_id("signed-in-user")).to_have_text("Nadia Lopez")


def test_ending_all_the_other_sessions(chromium_browser, live_server):
    nadia = make_person("nadia", NETWORK_OPERATOR)
    laptop = browser_signed_in(chromium_browser, live_server.url, nadia).new_page()
    others = [browser_signed_in(chromium_browser, live_server.url, nadia).new_page() for _ in "ab"]

    laptop.goto(f"{live_server.url}{ACCOUNT_PAGE}")
    expect(laptop.get_by_test_id("session-row")).to_have_count(3)
    laptop.get_by_test_id("end-other-sessions").click()

    expect(laptop.get_by_test_id("session-row")).to_have_count(1)
    expect(laptop.get_by_test_id("end-other-sessions")).to_have_count(0)
    for page in others:
        page.goto(f"{live_server.url}/area-riservata/")
        expect(page).to_have_url(f"{live_server.url}/accesso/?next=/area-riservata/")
