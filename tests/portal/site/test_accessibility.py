"""Every public page template passes axe-core's WCAG 2.1 A and AA rules, in Italian, and
the pages a woman looking for help needs most (the finder, a service page) in Arabic too,
where the layout runs right to left.

axe is injected as an inline script, which the pages' CSP rightly forbids: these contexts
bypass the CSP, for this test alone (the CSP itself is tested in test_browser_privacy).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.portal.site.conftest import CORE_PAGES, PUBLICATION_PAGES, page_path, problems_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).resolve().parents[3] / "rete/static/vendor/axe-core/axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.help + ' — ' +"
        " v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_AA,
    )
    return list(found)


def _audit(chromium_browser: Any, base: str, paths: list[str]) -> dict[str, list[str]]:
    context = chromium_browser.new_context(
        locale="it-IT", timezone_id="Europe/Rome", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    found = {}
    try:
        for path in paths:
            page.goto(f"{base}{path}")
            page.wait_for_load_state("load")
            if problems := violations(page):
                found[path] = problems
    finally:
        context.close()
    return found


def test_the_core_pages_have_no_wcag_violation(
    chromium_browser: Any, live_server: Any, site: None
) -> None:
    paths = [page_path(name) for name in CORE_PAGES]
    paths += [page_path(name, "ar") for name in ("finder", "service", "shelter_service")]
    found = _audit(chromium_browser, live_server.url, paths)
    assert found == {}, problems_report(found)


def test_the_publication_pages_have_no_wcag_violation(
    chromium_browser: Any, live_server: Any, publications: None
) -> None:
    paths = [page_path(name) for name in PUBLICATION_PAGES]
    found = _audit(chromium_browser, live_server.url, paths)
    assert found == {}, problems_report(found)


def test_the_pages_have_no_wcag_violation_on_a_phone(
    chromium_browser: Any, live_server: Any, site: None
) -> None:
    """On a narrow screen the quick exit sits over the page's bottom corner: the home page,
    the finder and a service page stay readable and operable there, in both directions."""
    context = chromium_browser.new_context(
        locale="it-IT",
        timezone_id="Europe/Rome",
        bypass_csp=True,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
    )
    page = context.new_page()
    found = {}
    for language in ("it", "ar"):
        for name in ("home", "finder", "service"):
            path = page_path(name, language)
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("load")
            if problems := violations(page):
                found[path] = problems
    context.close()
    assert found == {}, problems_report(found)
