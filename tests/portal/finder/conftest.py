"""Fixtures of the finder's tests: browser contexts without JavaScript and with a position,
launched like tests/conftest.py's `browser_page`, and a recorder of what a page asks of
the network."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

# Via Napoli, Bari: a position in Bari, near the public addresses of the demo's Bari services.
BARI_POSITION = {"latitude": 41.1256, "longitude": 16.8669}
GIRAFFA_ID = "svc-giraffa"
MOLA_ID = "svc-mola-sportello"
SHELTER_KIND_ID = "svc-giraffa-rifugio"


@pytest.fixture
def no_js_page(chromium_browser: Any) -> Iterator[Any]:
    """A Chromium page in Italian with JavaScript turned off."""
    context = chromium_browser.new_context(
        locale="it-IT", timezone_id="Europe/Rome", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def located_page(chromium_browser: Any) -> Iterator[Any]:
    """A Chromium page in Italian whose browser is in Bari and may tell the site so."""
    context = chromium_browser.new_context(
        locale="it-IT",
        timezone_id="Europe/Rome",
        geolocation=BARI_POSITION,
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


def foreign_requests(requests: list[str], origin: str) -> list[str]:
    """The requested URLs that go to another origin than ours."""
    foreign = []
    for url in requests:
        if url.startswith(("data:", "blob:", "about:")):
            continue
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            foreign.append(url)
    return foreign
