"""In Chromium: the supervisor's board changes by itself, within 2 seconds and without a
reload, when an operator starts a contact and when an emergency starts."""

import re

import pytest
from playwright.sync_api import expect

from rete.helpline.contacts.services import contact_emergency_mark, contact_route, contact_start
from tests.api.network import MOLA
from tests.browser_sign_in import sign_in

# serialized_rollback: the live server needs a transactional database, whose flush would
# otherwise leave the next tests without the data the migrations load.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIVE = 2_000  # milliseconds: the "within 2 seconds"


def test_the_board_changes_by_itself_when_a_contact_and_an_emergency_start(
    asgi_live_server, chromium_browser, sara, olga, network
) -> None:
    context = chromium_browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, asgi_live_server.url, sara, next_path="/console/supervisione/")
    expect(page.get_by_test_id("board-no-contacts")).to_be_visible()
    expect(page.get_by_test_id("board-connection")).to_have_attribute(
        "data-board-connection", "live"
    )
    page.evaluate("window.boardMarker = 'the same page'")

    contact = contact_start(operator=olga, channel="phone", language="it").contact
    contact_route(contact=contact, actor=olga, comune_code=MOLA)

    row = page.locator(f'[data-contact="{contact.public_id}"]')
    expect(row).to_be_visible(timeout=LIVE)
    expect(row).to_contain_text("Olga Russo")
    expect(row).to_contain_text("Provincia di Bari")
    expect(row).to_contain_text("Mola di Bari")
    expect(page.get_by_test_id("board-emergencies")).to_have_count(0)

    contact_emergency_mark(contact=contact, actor=olga, step="started")

    emergency = page.locator(f'[data-emergency="{contact.public_id}"]')
    expect(emergency).to_be_visible(timeout=LIVE)
    expect(emergency).to_contain_text("Olga Russo")
    expect(row).to_have_class(re.compile(r"\btable-danger\b"))
    # The emergency is read out in the polite live region.
    expect(page.locator("[data-board-announcer]")).to_contain_text("Olga Russo", timeout=LIVE)
    # Its clock runs in the browser: it leaves 0:00 without any new message.
    clock = emergency.locator("time[data-since]")
    expect(clock).to_have_text(re.compile(r"^(?!0:00$)\d+:\d{2}$"), timeout=5_000)

    assert page.evaluate("window.boardMarker") == "the same page"
    context.close()
