"""In Chromium: signing in with the password and the authenticator's code, and the
lockout page after repeated wrong passwords."""

from __future__ import annotations

import base64

import pytest
from django.conf import settings
from django_otp.oath import totp
from playwright.sync_api import expect

from rete.accounts.roles import HELPLINE_OPERATOR
from tests.accounts.test_sign_in import it
from tests.browser_sign_in import SUBMIT, fresh_totp_code, sign_in
from tests.people import make_person, second_factor_device

# serialized_rollback: the live server needs a transactional database, whose flush would
# otherwise leave the next tests without the data the migrations load.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_olga_signs_in_with_her_password_and_her_app(live_server, browser_page) -> None:
    olga = make_person("olga", HELPLINE_OPERATOR)
    device = second_factor_device(olga)
    page = browser_page

    page.goto(f"{live_server.url}/console/")
    assert "/accesso/" in page.url
    page.get_by_label(it("Personal ID code, username or e-mail")).fill(olga.account.personal_code)
    page.get_by_label("Password").fill("Sirena-di-Bari-2026")
    with page.expect_navigation():
        page.locator(SUBMIT).click()
    expect(page.get_by_role("heading", name=it("Verification code"))).to_be_visible()
    page.get_by_label(it("Code"), exact=True).fill(fresh_totp_code(device))
    with page.expect_navigation():
        page.locator(SUBMIT).click()

    assert page.url == f"{live_server.url}/console/"
    expect(page.get_by_test_id("signed-in-user")).to_have_text("olga")


def test_the_shared_helper_signs_in(live_server, browser_page) -> None:
    olga = make_person("olga", HELPLINE_OPERATOR)

    sign_in(browser_page, live_server.url, olga, next_path="/console/")

    expect(browser_page.get_by_test_id("signed-in-user")).to_have_text("olga")


def test_the_page_says_when_signing_in_is_locked_out(live_server, browser_page) -> None:
    make_person("olga", HELPLINE_OPERATOR)
    page = browser_page
    page.goto(f"{live_server.url}/accesso/")

    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        page.fill("#id_username", "olga")
        page.fill("#id_password", "wrong-password-2026")
        with page.expect_navigation() as answered:
            page.locator(SUBMIT).click()

    assert answered.value.status == 429
    alert = page.get_by_test_id("sign-in-locked-out")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(str(settings.AXES_COOLOFF_MINUTES))
    expect(alert.get_by_role("link", name=it("I forgot my password"))).to_have_attribute(
        "href", "/accesso/password/"
    )
    # The name stays typed; the password does not.
    expect(page.locator("#id_username")).to_have_value("olga")
    expect(page.locator("#id_password")).to_have_value("")


def test_nadia_sets_up_her_app_and_keeps_her_recovery_codes(live_server, browser_page) -> None:
    make_person("nadia", HELPLINE_OPERATOR)
    page = browser_page
    page.goto(f"{live_server.url}/accesso/?next=/console/")
    page.fill("#id_username", "nadia")
    page.fill("#id_password", "Sirena-di-Bari-2026")
    with page.expect_navigation():
        page.locator(SUBMIT).click()

    expect(page.get_by_role("heading", name=it("Set up the second factor"))).to_be_visible()
    qr = page.get_by_test_id("totp-qr")
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
    # She types the key by hand into her app, which then shows the code.
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    code = f"{totp(base64.b32decode(secret)):06d}"
    page.get_by_label(it("Code shown by the app")).fill(code)
    with page.expect_navigation():
        page.locator(SUBMIT).click()

    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    page.get_by_role("link", name=it("I have saved them, continue")).click()
    page.wait_for_url(f"{live_server.url}/console/")
