"""Language switch: from the Italian home page she moves through English, French, Spanish and
Arabic by the links of the header. The language follows in the page (`lang`) and in the URL
prefix, Arabic reads right to left with the layout mirrored, and no choice is kept in a
cookie: the language lives in the URL alone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.portal.site.conftest import page_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = [("en", "/en/"), ("fr", "/fr/"), ("es", "/es/"), ("ar", "/ar/")]


def _switch_to(page: Page, base: str, code: str, prefix: str) -> None:
    page.locator(f"nav.language-switch a[data-language='{code}']").click()
    page.wait_for_url(f"{base}{prefix}")
    page.wait_for_load_state("load")


def _centre_x(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["x"] + box["width"] / 2


def test_it_switches_language_by_the_header_links_without_a_cookie(
    chromium_browser: Any, live_server: Any, site: None
) -> None:
    context = chromium_browser.new_context(
        locale="it-IT", timezone_id="Europe/Rome", viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("load")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "it")
    expect(html).to_have_attribute("dir", "ltr")
    middle = page.viewport_size["width"] / 2
    assert _centre_x(page, "[data-quick-exit]") > middle, "LTR: the quick exit is on the right"

    for code, prefix in LANGUAGES:
        _switch_to(page, live_server.url, code, prefix)
        expect(html).to_have_attribute("lang", code)
        expect(page.locator("nav.language-switch [aria-current]")).to_have_attribute("lang", code)
        if code == "ar":
            expect(html).to_have_attribute("dir", "rtl")
        else:
            expect(html).to_have_attribute("dir", "ltr")
        assert context.cookies() == [], f"switching to {code} set a cookie"

    # Arabic mirrors the layout: the quick exit and the 1522 banner change sides.
    assert _centre_x(page, "[data-quick-exit]") < middle, "RTL: the quick exit is on the left"
    banner_rtl = _centre_x(page, "[data-testid=helpline-banner]")
    _switch_to(page, live_server.url, "it", "/")
    expect(html).to_have_attribute("dir", "ltr")
    banner_ltr = _centre_x(page, "[data-testid=helpline-banner]")
    assert banner_rtl > banner_ltr, "RTL: the 1522 banner starts on the right"
    assert context.cookies() == []
    context.close()


def test_it_keeps_the_page_and_its_query_when_switching_language(
    chromium_browser: Any, live_server: Any, site: None
) -> None:
    """On the finder's results, the switch leads to the same results in the other language."""
    context = chromium_browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}{page_path('finder')}")
    page.wait_for_load_state("load")
    _switch_to(page, live_server.url, "ar", page_path("finder", "ar"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert context.cookies() == []
    context.close()


def _overlaps(one: dict, other: dict) -> bool:
    return not (
        one["x"] + one["width"] <= other["x"]
        or other["x"] + other["width"] <= one["x"]
        or one["y"] + one["height"] <= other["y"]
        or other["y"] + other["height"] <= one["y"]
    )


def test_the_quick_exit_never_covers_a_link_of_the_header(
    chromium_browser: Any, live_server: Any, site: None
) -> None:
    """The button is fixed in a corner: on a phone, a tablet or a wide screen, in both
    directions, it must leave every language link and menu entry reachable."""
    context = chromium_browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    page = context.new_page()
    covered = []
    for width in (375, 800, 1280, 1920):
        page.set_viewport_size({"width": width, "height": 800})
        for prefix in ("/", "/ar/"):
            page.goto(f"{live_server.url}{prefix}")
            page.wait_for_load_state("load")
            button = page.locator("[data-quick-exit]").bounding_box()
            assert button is not None
            for link in page.locator("header a").all():
                box = link.bounding_box()
                if box and _overlaps(button, box):
                    covered.append(f"{width}px {prefix} {link.inner_text()!r}")
    assert covered == []
    context.close()
