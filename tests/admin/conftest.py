"""Fixtures of the admin tests: one named user per role, and a Chromium page for the
browser tests (to move to the suite's shared conftest when other folders need it)."""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser

from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR
from rete.accounts.services import user_create_with_role

PASSWORD = "Sirena-di-Bari-2026"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def dora(db: None) -> AbstractBaseUser:
    """Dora works at the Department and keeps the mapping."""
    return user_create_with_role(
        username="dora", email="dora@example.org", password=PASSWORD, role=DEPARTMENT_ADMIN
    )


@pytest.fixture
def oscar(db: None) -> AbstractBaseUser:
    """Oscar answers 1522: staff, but the mapping is not his to edit."""
    return user_create_with_role(
        username="oscar", email="oscar@example.org", password=PASSWORD, role=HELPLINE_OPERATOR
    )


@pytest.fixture
def browser_page() -> Iterator[Any]:
    """A Chromium page in Italian, driven by Playwright's sync API.

    Playwright's sync API runs an event loop in the test's thread, which makes Django
    refuse database access from it as "async unsafe": the test code is synchronous,
    so the check is lifted for the browser tests only.
    """
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            context = browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
            page = context.new_page()
            page.set_default_timeout(15_000)
            try:
                yield page
            finally:
                context.close()
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
