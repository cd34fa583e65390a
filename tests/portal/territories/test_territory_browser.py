"""In a browser: from the Bari territory's page she opens GIRAFFA's page and finds the number
to call, as a phone link, and that it is open now."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.portal.conftest import WEDNESDAY_1030

# serialized_rollback: the live server needs a transactional database, whose flush would
# otherwise drop the data the migrations load (comuni, languages) on PostgreSQL.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_it_opens_a_service_page_from_a_territory_page(
    portal_network: None, live_server: Any, browser_page: Any, set_clock: Any
) -> None:
    set_clock(WEDNESDAY_1030)
    page = browser_page
    page.goto(f"{live_server.url}/en/territori/ATR-BA/")
    page.wait_for_load_state("load")
    chain = page.get_by_test_id("chain")
    chain.get_by_role("link", name="Centro antiviolenza GIRAFFA", exact=True).click()
    page.wait_for_url(f"{live_server.url}/en/servizi/svc-giraffa/")
    page.wait_for_load_state("load")

    expect(page.get_by_role("heading", level=1)).to_have_text("Centro antiviolenza GIRAFFA")
    phone = page.get_by_test_id("phones").get_by_role("link")
    expect(phone).to_have_text("080 574 1461")
    expect(phone).to_have_attribute("href", "tel:+390805741461")
    expect(page.get_by_test_id("opening")).to_have_text("open now")
