"""The procedure in Chromium, end to end, as its people live it: Anna asks for access on
the portal, opens the link of the e-mail, Rita (the referent of Bari) approves her request,
Anna receives her personal identification code and the link to choose her password, sets
it, signs in with her code, enrols her authenticator app, and finds the reserved documents
of Bari — and not those of Palermo."""

from __future__ import annotations

import base64

import pytest
from django.core import mail
from django.utils import translation
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from rete.accounts.models import AccessRequest, AccessRequestStatus, Account
from tests.accounts.access_requests.procedure import (
    PASSWORD_LINK,
    PERSONAL_CODE,
    path_of,
    verify_link,
)
from tests.browser_sign_in import sign_in
from tests.reserved.documents.conftest import PDF, make_document

ANNA_PASSWORD = "Lungomare-Nazario-Sauro-1522"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def code_from_the_key_shown(secret: str) -> str:
    """What Anna's authenticator app shows after she typed the key of the page."""
    key = secret.replace(" ", "").upper()
    key += "=" * (-len(key) % 8)
    totp = TOTP(base64.b32decode(key))
    return f"{totp.token():06d}"


def test_anna_asks_for_access_is_approved_and_reads_her_territory_s_documents(
    browser_page: Page, live_server, bari, palermo, giraffa, rita
):
    make_document("Piano operativo di Bari", bari)
    palermo_plan = make_document("Piano operativo di Palermo", palermo)
    page = browser_page
    base = live_server.url

    page.goto(f"{base}/accesso/richiesta/")
    page.fill("#id_full_name", "Anna Esposito")
    page.fill("#id_email", "anna.esposito@giraffa.example")
    page.select_option("#id_organization", value=str(giraffa.pk))
    page.select_option("#id_role", value="network_operator")
    page.select_option("#id_territory", value=str(bari.pk))
    page.fill("#id_reason", "I keep the centre's sheet and answer the questionnaires.")
    page.locator("[data-testid=access-request-form] button[type=submit]").click()
    expect(page.get_by_test_id("request-sent")).to_be_visible()

    assert [message.to for message in mail.outbox] == [["anna.esposito@giraffa.example"]]
    page.goto(base + path_of(verify_link(mail.outbox[0])))
    expect(page.get_by_test_id("request-verified")).to_contain_text("Provincia di Bari")
    request = AccessRequest.objects.get()
    assert request.status == AccessRequestStatus.PENDING
    # Rita is told by e-mail, with the link to the request.
    to_rita = [message for message in mail.outbox if message.to == ["rita@example.org"]]
    assert len(to_rita) == 1
    review_path = f"/area-riservata/richieste/{request.pk}/"
    assert review_path in to_rita[0].body

    sign_in(page, base, rita, next_path=review_path)
    expect(page.get_by_test_id("request-data")).to_contain_text("Anna Esposito")
    # The form holds what Anna asked for: Rita only confirms.
    expect(page.locator("#id_role")).to_have_value("network_operator")
    expect(page.locator("#id_territory")).to_have_value(str(bari.pk))
    mail.outbox.clear()
    page.locator("[data-testid=approve-form] button[type=submit]").click()
    with translation.override("it"):  # the browser speaks Italian
        approved = str(AccessRequestStatus.APPROVED.label)
    expect(page.get_by_test_id("request-status")).to_have_text(approved)

    request.refresh_from_db()
    account = Account.objects.get(user=request.account)
    assert len(mail.outbox) == 1
    approval = mail.outbox[0]
    assert approval.to == ["anna.esposito@giraffa.example"]
    assert PERSONAL_CODE.search(approval.body).group(0) == account.personal_code
    assert PASSWORD_LINK.search(approval.body)

    # Anna, on her own computer, chooses her password through the link.
    anna = page.context.browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    page = anna.new_page()
    page.goto(base + path_of(PASSWORD_LINK.search(approval.body).group(0)))
    page.fill("#id_new_password1", ANNA_PASSWORD)
    page.fill("#id_new_password2", ANNA_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    # She signs in with her personal code; the platform asks her to enrol her app first.
    page.goto(f"{base}/accesso/?next=/area-riservata/documenti/")
    page.fill("#id_username", account.personal_code)
    page.fill("#id_password", ANNA_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("totp-qr")).to_be_visible()
    page.fill("#id_code", code_from_the_key_shown(page.get_by_test_id("totp-secret").inner_text()))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    page.locator("main a.btn-primary").click()

    # The reserved documents: Bari's, not Palermo's.
    page.wait_for_url(f"{base}/area-riservata/documenti/")
    table = page.get_by_test_id("documents")
    expect(table).to_contain_text("Piano operativo di Bari")
    expect(table).not_to_contain_text("Piano operativo di Palermo")
    with page.expect_download() as info:
        table.locator("tr", has_text="Piano operativo di Bari").get_by_role("link").click()
    with open(info.value.path(), "rb") as saved:
        assert saved.read() == PDF
    refused = page.goto(f"{base}/area-riservata/documenti/{palermo_plan.pk}/file/")
    assert refused.status == 404
    anna.close()
