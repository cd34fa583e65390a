"""Fixtures of the cross-cutting tests of the public portal: the list of public pages (one
URL per public template), a neutral site for the quick exit served by Playwright, and a
browser context that records what a page asks of the network and of the CSP.

The pages come from their URL names, so they follow the owners of each part of the site.
The publications' pages need the demo content: without `demo_publications_load` they are
skipped with the reason.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from tests.portal.conftest import BARI, SECRET_SHELTER_ID, WEDNESDAY_1030

NEUTRAL_SITE = "https://neutral.example/"
PREVIOUS_SITE = "https://previous.example/"
GIRAFFA_ID = "svc-giraffa"
BARI_TERRITORY = "ATR-BA"
SEARCH_WORDS = "violenza"

# Pages every visitor may need, in the five languages.
CORE_PAGES = [
    "home",
    "safety",
    "finder",
    "service",
    "shelter_service",
    "territories",
    "territory",
]
# The Department's publications (content in Italian and English).
PUBLICATION_PAGES = [
    "news_list",
    "news_detail",
    "events",
    "event_detail",
    "documents",
    "document_detail",
    "campaigns",
    "campaign_detail",
    "search",
]


def page_path(name: str, language: str = "it") -> str:
    """The path of one public page (by the key of CORE_PAGES/PUBLICATION_PAGES)."""
    with translation.override(language):
        if name == "home":
            return reverse("portal:home")
        if name == "safety":
            return reverse("portal:safety")
        if name == "finder":
            return f"{reverse('portal:finder')}?{urlencode({'comune': 'Bari', 'code': BARI})}"
        if name == "service":
            return reverse("portal:service", args=[GIRAFFA_ID])
        if name == "shelter_service":
            return reverse("portal:service", args=[SECRET_SHELTER_ID])
        if name == "territories":
            return reverse("portal:territories")
        if name == "territory":
            return reverse("portal:territory", args=[BARI_TERRITORY])
        if name == "news_list":
            return reverse("portal:news_list")
        if name == "events":
            return reverse("portal:events")
        if name == "documents":
            return reverse("portal:documents")
        if name == "campaigns":
            return reverse("portal:campaigns")
        if name in DETAIL_PAGES:
            url_name, model_name = DETAIL_PAGES[name]
            return reverse(url_name, args=[_first_public_slug(model_name)])
        if name == "search":
            return f"{reverse('portal:search')}?{urlencode({'q': SEARCH_WORDS})}"
    raise KeyError(name)


# The page of one published item of each kind: its URL name and its model.
DETAIL_PAGES = {
    "news_detail": ("portal:news_detail", "NewsItem"),
    "event_detail": ("portal:event", "Event"),
    "document_detail": ("portal:document", "Document"),
    "campaign_detail": ("portal:campaign", "Campaign"),
}


def _first_public_slug(model_name: str) -> str:
    from rete.publications import models

    queryset = getattr(models, model_name).objects.published()
    item = queryset.order_by("pk").first()
    assert item is not None, f"the demo content has no published {model_name}"
    return item.slug


def demo_publications_loader() -> Any | None:
    try:
        module = importlib.import_module("rete.publications.demo")
    except ImportError:
        return None
    return getattr(module, "demo_publications_load", None)


@pytest.fixture
def site(portal_network: None, set_clock: Any) -> None:
    """The demo network with its planted shelter, on the demo's Wednesday morning."""
    set_clock(WEDNESDAY_1030)


@pytest.fixture
def publications(site: None) -> None:
    """The demo publications; their pages are skipped while the loader does not exist."""
    load = demo_publications_loader()
    if load is None:
        pytest.skip(
            "rete.publications.demo.demo_publications_load() does not exist yet: "
            "the publications' pages have no demo content to show"
        )
    load()


@pytest.fixture
def neutral_exit(settings: Any) -> str:
    """The quick exit leaves for a fake host that Playwright serves (see serve_fake_sites)."""
    settings.PORTAL_QUICK_EXIT_URL = NEUTRAL_SITE
    return NEUTRAL_SITE


def serve_fake_sites(context: Any) -> None:
    """The neutral site and the site she came from, answered by Playwright itself."""

    def fulfil(route: Any) -> None:
        host = urlsplit(route.request.url).netloc
        route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            body=f"<!doctype html><html lang='en'><title>{host}</title><h1>{host}</h1></html>",
        )

    context.route("https://neutral.example/**", fulfil)
    context.route("https://previous.example/**", fulfil)


# Recorded in the page before any of its scripts run (init scripts are not subject to the
# page's CSP): a violation of the CSP is then seen even when it reaches no console.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  window.__cspViolations.push(event.violatedDirective + ' blocked ' + event.blockedURI);
});
"""


@dataclass
class Recorder:
    """What the pages of one browser context asked for."""

    origin: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_request(self, request: Any) -> None:
        url = request.url
        self.requests.append(url)
        if url.startswith(("data:", "blob:", "about:")):
            return
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(url)


@pytest.fixture
def recording_context(chromium_browser: Any, live_server: Any) -> Iterator[tuple[Any, Recorder]]:
    """An Italian browser context that records every request and console error and the CSP
    violations of its pages; any request to another host is refused (and recorded)."""
    context = chromium_browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    recorder = Recorder(origin=live_server.url)
    context.on("request", recorder.on_request)
    context.add_init_script(CSP_LISTENER)

    def refuse_foreign(route: Any) -> None:
        route.abort()

    context.route(lambda url: not url.startswith(live_server.url), refuse_foreign)
    try:
        yield context, recorder
    finally:
        context.close()


def problems_report(problems: dict[str, list[str]]) -> str:
    """Problems by page, one a line: an assertion message pytest does not truncate."""
    return "\n".join(f"{page}: {problem}" for page, found in problems.items() for problem in found)
