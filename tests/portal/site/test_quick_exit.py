"""Quick exit: whichever way she leaves (the red button, Esc twice), after reading several
pages of the site, she lands on the neutral site and Back never brings a page of ours back.

She comes from another site (previous.example), reads the home page, the safety page and
the finder by following the site's own links, then leaves. Her history must then hold the
site she came from and the neutral site, nothing of ours. The time from her gesture to the
request for the neutral site is printed (run with -s), not asserted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.portal.site.conftest import NEUTRAL_SITE, PREVIOUS_SITE, serve_fake_sites

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _read_several_pages(page: Page, base: str) -> int:
    """previous.example → home → safety → finder, through the site's own links; return the
    length of her history before she reached us."""
    page.goto(PREVIOUS_SITE)
    before = page.evaluate("history.length")
    page.goto(f"{base}/")
    page.wait_for_load_state("load")
    page.locator("header nav a[href$='/sicurezza/']").click()
    page.wait_for_url(f"{base}/sicurezza/")
    page.wait_for_load_state("load")
    page.locator("header nav a[href$='/trova/']").click()
    page.wait_for_url(f"{base}/trova/")
    page.wait_for_load_state("load")
    return before


# The instant (epoch milliseconds) the browser dispatched her last click or Esc, reported
# by a listener that runs before the site's own (window, capture phase).
GESTURE_CLOCK = """
window.addEventListener('keydown', function (event) {
  if (event.key === 'Escape') { window.reportGesture(performance.timeOrigin + event.timeStamp); }
}, true);
window.addEventListener('click', function (event) {
  window.reportGesture(performance.timeOrigin + event.timeStamp);
}, true);
"""


def _leave(page: Page, gesture: Callable[[Page], None], gestures: list[float]) -> float:
    """Make the gesture; return the milliseconds from the browser's event to the request
    for the neutral site."""
    requested: list[float] = []
    page.on(
        "request",
        lambda request: (
            requested.append(time.time() * 1000) if request.url == NEUTRAL_SITE else None
        ),
    )
    with page.expect_request(lambda request: request.url == NEUTRAL_SITE) as request_info:
        gesture(page)
    assert request_info.value.is_navigation_request()
    page.wait_for_url(NEUTRAL_SITE)
    return requested[0] - gestures[-1]


def _press_escape_twice(page: Page) -> None:
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")


def _click_quick_exit(page: Page) -> None:
    page.locator("[data-quick-exit]").click()


def _history_holds_nothing_of_ours(page: Page, base: str, before: int) -> None:
    """Walk her whole history back: not one entry is a page of ours."""
    assert page.evaluate("history.length") == before + 1, "our pages made one entry, replaced"
    page.go_back()
    assert page.url == PREVIOUS_SITE
    visited = [page.url]
    for _entry in range(before):  # one more Back than she has entries: nowhere to go
        page.go_back(wait_until="commit")
        # Our pages send Cross-Origin-Opener-Policy: a move between origins may swap the
        # page's browsing context, and a Back asked before it settles finds no page attached.
        page.wait_for_load_state("load")
        visited.append(page.url)
    assert not [url for url in visited if url.startswith(base)], visited


@pytest.mark.parametrize(
    "gesture",
    [_click_quick_exit, _press_escape_twice],
    ids=["button", "escape-twice"],
)
def test_it_leaves_for_the_neutral_site_and_leaves_no_page_of_ours_in_the_history(
    chromium_browser: Any,
    live_server: Any,
    site: None,
    neutral_exit: str,
    gesture: Callable[[Page], None],
) -> None:
    context = chromium_browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    serve_fake_sites(context)
    gestures: list[float] = []
    context.expose_function("reportGesture", lambda instant: gestures.append(instant))
    context.add_init_script(GESTURE_CLOCK)
    page = context.new_page()
    page.set_default_timeout(15_000)
    before = _read_several_pages(page, live_server.url)
    assert page.evaluate("history.length") == before + 1, "each move replaced the entry"

    elapsed = _leave(page, gesture, gestures)
    print(
        f"\nquick exit by {gesture.__name__}: neutral site requested {elapsed:.1f} ms after the event"
    )

    expect(page.locator("h1")).to_have_text("neutral.example")
    _history_holds_nothing_of_ours(page, live_server.url, before)
    assert context.cookies() == []


def test_a_single_escape_does_not_leave(
    chromium_browser: Any, live_server: Any, site: None, neutral_exit: str
) -> None:
    """Esc closes a dialog or a suggestion list: once alone it must not throw her out."""
    context = chromium_browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    serve_fake_sites(context)
    page = context.new_page()
    page.goto(f"{live_server.url}/sicurezza/")
    page.wait_for_load_state("load")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == f"{live_server.url}/sicurezza/"


def test_the_button_links_to_the_neutral_site_without_javascript(
    chromium_browser: Any, live_server: Any, site: None, neutral_exit: str
) -> None:
    """With scripts off the button is still a plain link to the neutral site."""
    context = chromium_browser.new_context(
        locale="it-IT", timezone_id="Europe/Rome", java_script_enabled=False
    )
    serve_fake_sites(context)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.locator("[data-quick-exit]").click()
    page.wait_for_url(NEUTRAL_SITE)
    expect(page.locator("h1")).to_have_text("neutral.example")
