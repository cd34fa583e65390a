"""The second factor: setting up the authenticator app, recovery codes, slowing down
wrong codes. Nadia is new (no app yet); Olga has her app and her recovery codes."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from rete.accounts.roles import HELPLINE_OPERATOR
from rete.accounts.second_factor import (
    RECOVERY_CODE_COUNT,
    recovery_codes_remaining,
    recovery_codes_renew,
)
from rete.audit.models import AuditEntry
from tests.accounts.test_sign_in import (
    SECOND_FACTOR,
    it,
    it_html,
    post_code,
    post_password,
    sign_in_fully,
    wrong_code,
)
from tests.browser_sign_in import fresh_totp_code
from tests.people import make_person, second_factor_device

pytestmark = pytest.mark.django_db

RECOVERY = "/accesso/codici-di-recupero/"


@pytest.fixture
def nadia(db: None) -> AbstractBaseUser:
    return make_person("nadia", HELPLINE_OPERATOR)


@pytest.fixture
def olga(db: None) -> AbstractBaseUser:
    user = make_person("olga", HELPLINE_OPERATOR)
    second_factor_device(user)
    return user


@pytest.fixture
def olga_codes(olga) -> list[str]:
    return recovery_codes_renew(user=olga, ip_address=None)


def shown_codes(response: Any) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", response.content.decode())


def code_from_page(response: Any) -> str:
    """What the authenticator app shows after the person typed the key of the page."""
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', response.content.decode())
    key = base64.b32decode(secret.group(1).replace(" ", ""))
    return f"{totp(key):06d}"


# --- Setting up the app -------------------------------------------------------------------


def test_a_new_person_is_signed_in_and_asked_to_set_up_the_app(client: Client, nadia) -> None:
    first = post_password(client, "nadia", next_path="/console/")
    assert first["Location"] == f"{SECOND_FACTOR}?next=%2Fconsole%2F"

    page = client.get(first["Location"])

    assert page.status_code == 200
    text = page.content.decode()
    assert it("Set up the second factor") in text
    assert 'src="data:image/svg+xml;base64,' in text
    assert re.search(r'data-testid="totp-secret">([A-Z2-7]{4} ){7}[A-Z2-7]{4}<', text)
    assert page["Cache-Control"].startswith("max-age=0")
    assert "no-store" in page["Cache-Control"]
    # Still refused everywhere reserved.
    assert client.get("/console/")["Location"] == SECOND_FACTOR


def test_the_same_key_is_shown_until_it_is_confirmed(client: Client, nadia) -> None:
    post_password(client, "nadia")

    first, again = client.get(SECOND_FACTOR), client.get(SECOND_FACTOR)

    assert code_from_page(first) == code_from_page(again)
    assert TOTPDevice.objects.filter(user=nadia).count() == 1


def test_it_confirms_the_app_and_shows_the_recovery_codes_once(client: Client, nadia) -> None:
    post_password(client, "nadia", next_path="/console/")
    page = client.get(SECOND_FACTOR)

    response = client.post(SECOND_FACTOR, {"code": code_from_page(page), "next": "/console/"})

    assert response.status_code == 200
    codes = shown_codes(response)
    assert len(codes) == RECOVERY_CODE_COUNT == len(set(codes))
    assert it("These codes are shown only now.") in response.content.decode()
    assert 'href="/console/"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert TOTPDevice.objects.get(user=nadia).confirmed
    assert recovery_codes_remaining(nadia) == RECOVERY_CODE_COUNT
    # Verified now: the reserved screens open, and the page does not show the codes again.
    assert client.get("/console/").status_code == 200
    assert client.get(SECOND_FACTOR)["Location"] == "/area-riservata/"
    entry = AuditEntry.objects.get(action="auth.second_factor_enrolled")
    assert entry.actor == nadia
    assert entry.details == {"method": "totp", "recovery_codes": RECOVERY_CODE_COUNT}


def test_it_refuses_a_wrong_code_when_setting_up(client: Client, nadia) -> None:
    post_password(client, "nadia")
    client.get(SECOND_FACTOR)
    device = TOTPDevice.objects.get(user=nadia)

    response = client.post(SECOND_FACTOR, {"code": wrong_code(device)})

    assert response.status_code == 400
    assert 'src="data:image/svg+xml;base64,' in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/console/")["Location"] == SECOND_FACTOR
    assert not AuditEntry.objects.filter(action="auth.second_factor_enrolled").exists()


def test_after_setting_up_the_next_sign_in_asks_for_the_code(client: Client, nadia) -> None:
    post_password(client, "nadia")
    client.post(SECOND_FACTOR, {"code": code_from_page(client.get(SECOND_FACTOR))})
    client.post("/uscita/")

    response = post_password(Client(), "nadia")

    assert response["Location"] == SECOND_FACTOR


# --- Recovery codes ----------------------------------------------------------------------


def test_a_recovery_code_signs_in_once(client: Client, olga, olga_codes) -> None:
    code = olga_codes[0]
    post_password(client, "olga", next_path="/console/")

    response = post_code(client, f"{code[:4]}-{code[4:]}".upper(), next_path="/console/")

    assert response.status_code == 302
    assert response["Location"] == f"{RECOVERY}?next=%2Fconsole%2F"
    page = client.get(response["Location"])
    text = page.content.decode()
    assert it_html("You signed in with a recovery code.") in text
    assert 'data-testid="recovery-codes-remaining"' in text
    assert str(RECOVERY_CODE_COUNT - 1) in text
    assert client.get("/console/").status_code == 200
    sign_in = AuditEntry.objects.get(action="auth.sign_in")
    assert sign_in.details == {"method": "password+recovery_code"}
    used = AuditEntry.objects.get(action="auth.recovery_code_used")
    assert used.actor == olga
    assert used.details == {"remaining": RECOVERY_CODE_COUNT - 1}

    again = Client()
    post_password(again, "olga")
    refused = post_code(again, code)

    assert refused.status_code == 400
    assert "_auth_user_id" not in again.session


def test_it_renews_the_recovery_codes(client: Client, olga, olga_codes) -> None:
    sign_in_fully(client, olga)

    response = client.post(RECOVERY)

    new_codes = shown_codes(response)
    assert len(new_codes) == RECOVERY_CODE_COUNT
    assert not StaticToken.objects.filter(token__in=olga_codes).exists()
    renewed = AuditEntry.objects.filter(action="auth.recovery_codes_renewed").latest("sequence")
    assert renewed.actor == olga
    assert renewed.details == {"count": RECOVERY_CODE_COUNT}


def test_the_recovery_codes_page_needs_the_second_factor(client: Client, nadia) -> None:
    post_password(client, "nadia")

    assert client.get(RECOVERY)["Location"].startswith(SECOND_FACTOR)
    assert client.post(RECOVERY)["Location"].startswith(SECOND_FACTOR)
    assert not AuditEntry.objects.filter(action="auth.recovery_codes_renewed").exists()


def test_the_recovery_codes_page_sends_an_anonymous_visitor_to_sign_in(client: Client) -> None:
    assert client.get(RECOVERY)["Location"].startswith("/accesso/?next=")


# --- Slowing down wrong codes ------------------------------------------------------------


def test_it_slows_down_after_wrong_codes(client: Client, olga) -> None:
    device = second_factor_device(olga)
    post_password(client, "olga")
    post_code(client, wrong_code(device))
    # More wrong codes in a row (as a guessing script would type): each doubles the wait.
    device.refresh_from_db()
    for _attempt in range(8):
        device.throttle_increment()

    response = post_code(client, fresh_totp_code(device))

    assert response.status_code == 429
    message = it("Too many wrong codes in a row. Wait %(seconds)s seconds, then try again.")
    assert re.search(
        re.escape(message).replace(re.escape("%(seconds)s"), r"\d+"), response.content.decode()
    )
    assert "_auth_user_id" not in client.session
