"""In a real browser, an anonymous reader of every public page gets no cookie, her browser
asks nothing of any other host (fonts, scripts, images, tiles), and the CSP blocks nothing:
a blocked script or style would mean a part of the page silently not working for her."""

from __future__ import annotations

from typing import Any

import pytest

from tests.portal.site.conftest import (
    CORE_PAGES,
    PUBLICATION_PAGES,
    Recorder,
    page_path,
    problems_report,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _visit_all(context: Any, recorder: Recorder, base: str, paths: list[str]) -> dict:
    """Open each page in the context; return the problems found, by page."""
    problems: dict[str, list[str]] = {}
    page = context.new_page()
    page.set_default_timeout(15_000)
    console: list[str] = []
    page.on(
        "console",
        lambda message: console.append(message.text) if message.type == "error" else None,
    )
    for path in paths:
        console.clear()
        recorder.foreign.clear()
        response = page.goto(f"{base}{path}")
        page.wait_for_load_state("load")
        page.wait_for_load_state("networkidle")
        found = []
        if response is None or response.status != 200:
            found.append(f"status {response.status if response else None}")
        found += [f"CSP violation: {v}" for v in page.evaluate("window.__cspViolations")]
        found += [f"console error: {text}" for text in console]
        found += [f"request to another host: {url}" for url in recorder.foreign]
        if cookies := context.cookies():
            found.append(f"cookies: {[cookie['name'] for cookie in cookies]}")
        if found:
            problems[path] = found
    page.close()
    return problems


def test_no_core_page_sets_a_cookie_or_reaches_another_host(
    recording_context: tuple[Any, Recorder], live_server: Any, site: None
) -> None:
    context, recorder = recording_context
    paths = [page_path(name, language) for language in ("it", "ar") for name in CORE_PAGES]
    found = _visit_all(context, recorder, live_server.url, paths)
    assert found == {}, problems_report(found)
    assert context.cookies() == []
    assert recorder.requests, "the pages were recorded"


def test_no_publication_page_sets_a_cookie_or_reaches_another_host(
    recording_context: tuple[Any, Recorder], live_server: Any, publications: None
) -> None:
    context, recorder = recording_context
    paths = [page_path(name, language) for language in ("it", "en") for name in PUBLICATION_PAGES]
    found = _visit_all(context, recorder, live_server.url, paths)
    assert found == {}, problems_report(found)
    assert context.cookies() == []


def test_the_finder_and_the_service_page_work_with_a_map_from_the_configured_tile_server(
    recording_context: tuple[Any, Recorder], live_server: Any, site: None, settings: Any
) -> None:
    """With a tile server configured, the map loads its tiles from that server alone, and the
    CSP lets exactly those through: everything else still stays on our origin."""
    context, recorder = recording_context
    settings.PORTAL_MAP_TILE_URL = f"{live_server.url}/tiles/{{z}}/{{x}}/{{y}}.png"
    paths = [page_path("finder"), page_path("service"), page_path("shelter_service")]
    problems = _visit_all(context, recorder, live_server.url, paths)
    # The tiles answer 404 from our own origin (no tile server runs in the test): the
    # browser logs those, which is not a problem of the page.
    for path in list(problems):
        problems[path] = [
            problem
            for problem in problems[path]
            if not problem.startswith("console error: Failed to load resource")
        ]
        if not problems[path]:
            del problems[path]
    assert problems == {}, problems_report(problems)
    assert context.cookies() == []
