"""Fixtures shared by the whole suite. Each capability's folder adds its own conftest."""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _chromium_missing() -> bool:
    return not (os.path.exists(CHROMIUM) and shutil.which("chromium"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests need Debian's Chromium. A developer without it gets them skipped
    with a message; CI (CI=true) installs it and must never skip them."""
    if not _chromium_missing() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


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


@pytest.fixture(autouse=True)
def _fresh_routing_snapshot() -> Iterator[None]:
    """Each test routes on a snapshot of its own database: revision numbers repeat across
    rolled-back tests, so a snapshot kept from another test could look current."""
    from rete.routing.snapshot import routing_snapshot_reset

    routing_snapshot_reset()
    yield
    routing_snapshot_reset()
