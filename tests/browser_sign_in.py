"""Signing in from a browser test the way a person does: the name and the password on
/accesso/, then the code of their authenticator app.

    from tests.browser_sign_in import sign_in

    sign_in(page, live_server.url, olga, next_path="/console/")

The person gets a confirmed authenticator if they have none (tests.people). A code is
accepted once: when the same person signs in twice within one 30-second step (two
browsers), the next step's code is typed, as the app would show a moment later.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django_otp.oath import TOTP, hotp

from tests.people import PASSWORD, second_factor_device

SIGN_IN_PATH = "/accesso/"
SECOND_FACTOR_PATH = "/accesso/secondo-fattore/"
SUBMIT = "main form button[type=submit]"


def fresh_totp_code(device: Any) -> str:
    """A code the device accepts now: the current one, or the next one when the current
    one was already used (the device refuses a code twice)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    target = max(totp.t(), device.last_t + 1)
    # Beyond the tolerance, wait for the clock (only when signing in a third time within
    # one step): the server would refuse a code that far ahead.
    while target > totp.t() + device.tolerance:
        time.sleep(0.5)
    return f"{hotp(device.bin_key, target, digits=device.digits):0{device.digits}d}"


def sign_in(
    page: Any,
    base_url: str,
    user: AbstractBaseUser | str,
    *,
    next_path: str = "/area-riservata/",
    password: str = PASSWORD,
) -> None:
    """Sign `user` (or the username) in and land on `next_path`."""
    if isinstance(user, str):
        user = get_user_model().objects.get(username=user)
    device = second_factor_device(user)
    page.goto(f"{base_url}{SIGN_IN_PATH}?next={quote(next_path)}")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator(SUBMIT).click()
    assert page.url.startswith(f"{base_url}{SECOND_FACTOR_PATH}"), page.locator(
        "main"
    ).inner_text()[:300]
    page.fill("#id_code", fresh_totp_code(device))
    with page.expect_navigation():
        page.locator(SUBMIT).click()
    assert page.url.startswith(f"{base_url}{next_path}"), page.locator("main").inner_text()[:300]
