"""Two people at once, in two browser contexts: an operator handles a call in the real
console while the shift supervisor watches the live board, which changes within 2 seconds
of each step without being reloaded."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rete.accounts.roles import HELPLINE_OPERATOR, HELPLINE_SUPERVISOR
from tests.browser_sign_in import sign_in
from tests.helpline.conftest import make_user
from tests.helpline.console.conftest import WEDNESDAY_1030
from tests.helpline.console.test_console_browser import (
    choose_comune,
    close_contact,
    new_contact,
    sign_in_to_console,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIVE = 2_000  # milliseconds: the "within 2 seconds"


def test_the_supervisor_sees_the_operators_call_live(
    asgi_live_server, chromium_browser, demo_network, set_clock
):
    set_clock(WEDNESDAY_1030)
    make_user("olga", HELPLINE_OPERATOR)
    make_user("sara", HELPLINE_SUPERVISOR)
    contexts = [
        chromium_browser.new_context(locale="it-IT", timezone_id="Europe/Rome") for _ in "os"
    ]
    operator, supervisor = (context.new_page() for context in contexts)
    for page in (operator, supervisor):
        page.set_default_timeout(15_000)

    sign_in(supervisor, asgi_live_server.url, "sara", next_path="/console/supervisione/")
    expect(supervisor.get_by_test_id("board-no-contacts")).to_be_visible()
    expect(supervisor.get_by_test_id("board-connection")).to_have_attribute(
        "data-board-connection", "live"
    )
    supervisor.evaluate("window.notReloaded = true")

    sign_in_to_console(operator, asgi_live_server.url, "olga")
    contact = new_contact(operator)
    row = supervisor.locator(f'[data-contact="{contact.public_id}"]')
    expect(row).to_be_visible(timeout=LIVE)

    choose_comune(operator, "mola di", "Mola di Bari (BA)")
    expect(row).to_contain_text("Provincia di Bari", timeout=LIVE)
    expect(row).to_contain_text("Mola di Bari", timeout=LIVE)

    operator.keyboard.press("Alt+e")
    expect(operator.get_by_test_id("emergency-panel")).to_be_visible()
    emergency = supervisor.locator(f'[data-emergency="{contact.public_id}"]')
    expect(emergency).to_be_visible(timeout=LIVE)
    expect(row).to_have_class(re.compile(r"\btable-danger\b"), timeout=LIVE)

    close_contact(operator, "Attivate le forze dell'ordine")
    expect(row).to_have_count(0, timeout=LIVE)
    assert supervisor.evaluate("window.notReloaded") is True
