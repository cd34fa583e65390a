"""The console passes axe-core's WCAG 2.1 A and AA rules: operators include people who
use a screen reader or only the keyboard, all shift long."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from rete.accounts.roles import HELPLINE_OPERATOR
from tests.helpline.conftest import make_user
from tests.helpline.console.conftest import WEDNESDAY_1030
from tests.helpline.console.test_console_browser import (
    choose_comune,
    new_contact,
    sign_in_to_console,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page: Page) -> list[str]:
    # From our own origin, as the page's CSP allows (inline injection would be refused).
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.help + ' — ' +"
        " v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )
    return list(found)


def test_the_console_screens_have_no_wcag_violation(
    browser_page: Page, live_server, demo_network, set_clock
):
    set_clock(WEDNESDAY_1030)
    make_user("olga", HELPLINE_OPERATOR)
    page = browser_page
    sign_in_to_console(page, live_server.url, "olga")
    assert violations(page) == []
    new_contact(page, caller_number="080 5551234")
    choose_comune(page, "mola di", "Mola di Bari (BA)")
    assert violations(page) == []
    page.keyboard.press("Alt+e")
    expect(page.get_by_test_id("emergency-panel")).to_be_visible()
    assert violations(page) == []
