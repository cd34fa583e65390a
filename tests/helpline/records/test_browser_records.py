"""In Chromium: a supervisor filters the records and opens one; an operator makes a call-back.

Selectors avoid the words on the page, which the Italian catalogue translates."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rete.audit.models import AuditEntry
from rete.helpline.contacts.models import Callback
from rete.helpline.contacts.services import (
    callback_create,
    contact_emergency_mark,
    contact_record_transfer_attempt,
)
from tests.browser_sign_in import sign_in
from tests.helpline.records.conftest import BARI, BOLOGNA, VALID, WEDNESDAY

# serialized_rollback: the live server needs a transactional database, whose flush would
# otherwise leave the next tests without the comuni and classification lists of migrate.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_supervisor_reviews_a_record_and_an_operator_makes_the_callback(
    live_server, browser_page, make_contact, olga, ornella, sara
) -> None:
    bari = make_contact(olga, comune=BARI, answers=VALID)
    make_contact(ornella, comune=BOLOGNA, answers=VALID)
    contact_record_transfer_attempt(
        contact=bari,
        actor=olga,
        service_id="svc-giraffa",
        outcome="no_answer",
        at=WEDNESDAY + timedelta(seconds=12),
    )
    contact_record_transfer_attempt(
        contact=bari,
        actor=olga,
        service_id="svc-giraffa",
        outcome="answered",
        at=WEDNESDAY + timedelta(minutes=1, seconds=2),
    )
    contact_emergency_mark(contact=bari, actor=olga, step="started", at=WEDNESDAY)
    contact_emergency_mark(
        contact=bari, actor=olga, step="police_activated", at=WEDNESDAY + timedelta(seconds=59)
    )
    callback = callback_create(
        contact=bari,
        actor=olga,
        number="+39 333 1234567",
        consent=True,
        due_at=timezone.now() + timedelta(hours=1),
    )
    page = browser_page

    # Sara filters the list down to the territory of Bari and opens the one contact.
    sign_in(page, live_server.url, sara, next_path="/console/registro/")
    rows = page.locator("[data-testid=contact-row]")
    expect(rows).to_have_count(2)
    page.select_option("#id_territory", "ATR-BA")
    with page.expect_navigation():
        page.locator("form[method=get] button[type=submit]").click()
    assert "territory=ATR-BA" in page.url
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link").click()
    page.wait_for_url(f"**/console/registro/{bari.public_id}/")

    attempts = page.locator("[data-testid=transfer-attempts] tbody tr")
    expect(attempts).to_have_count(2)
    expect(attempts.nth(0)).to_contain_text("25/11/2026 10:30:12")
    expect(attempts.nth(0)).to_contain_text("080 574 1461")
    expect(attempts.nth(1)).to_contain_text("25/11/2026 10:31:02")
    emergency = page.locator("[data-testid=emergency]")
    expect(emergency).to_contain_text("25/11/2026 10:30:00")
    expect(emergency).to_contain_text("25/11/2026 10:30:59")
    assert AuditEntry.objects.filter(action="contact.read", actor=sara).count() == 1

    # Olga, at the next call-back, asks for the number, calls, and marks it done.
    page.context.clear_cookies()
    sign_in(page, live_server.url, olga, next_path="/console/registro/richiamate/")
    row = page.locator(f"[data-callback='{callback.pk}']")
    row.locator("form[action$='/numero/'] button").click()
    expect(row.locator("[data-testid=callback-number]")).to_have_text("333 123 4567")
    page.once("dialog", lambda dialog: dialog.accept())
    row.locator("form[action$='/fatta/'] button").click()
    expect(page.locator("[data-callback]")).to_have_count(0)
    expect(page.locator("#callbacks-status .alert")).to_be_visible()

    stored = Callback.objects.get(pk=callback.pk)
    assert stored.number is None and stored.done_at is not None
    assert AuditEntry.objects.filter(action="callback.read", actor=olga).count() == 1
