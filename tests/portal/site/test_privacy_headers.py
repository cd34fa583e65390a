"""Every public page answers without a cookie, with the privacy headers, cacheable, and with
HTML the strict CSP can run as it is (no inline code, no inline style, nothing from another
host). Checked through Django's test client, page by page, in Italian and in Arabic."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import resolve

from tests.portal.conftest import (
    SECRET_ADDRESS,
    SECRET_LATITUDE,
    SECRET_LONGITUDE,
    SECRET_SHELTER_NAME,
)
from tests.portal.site.conftest import CORE_PAGES, PUBLICATION_PAGES, page_path, problems_report

# What may load a resource or run code, and the attributes it loads from.
LOADING_ATTRIBUTES = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}


class _PageScan(HTMLParser):
    """What in a page's HTML the CSP would block, or would send her browser elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False
        self._script_is_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, _value in attrs:
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name.startswith("on"):
                self.problems.append(f"{name} handler on <{tag}>")
        if tag == "script":
            self._in_script = not values.get("src")
            self._script_is_data = values.get("type") == "application/json"
        if tag == "style":
            self.problems.append("<style> element")
        loaded = values.get(LOADING_ATTRIBUTES.get(tag, ""))
        if tag == "link" and values.get("rel") in ("alternate", "canonical"):
            loaded = None  # a link to our own page in another language, not a load
        if loaded and urlsplit(loaded).netloc:
            self.problems.append(f"<{tag}> loads from another host: {loaded}")
        for name in ("href", "src", "action"):
            if (values.get(name) or "").startswith("javascript:"):
                self.problems.append(f"javascript: URL on <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and not self._script_is_data and data.strip():
            self.problems.append(f"inline script: {data.strip()[:60]}")


def _get(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def _check_page(client: Client, path: str) -> list[str]:
    problems: list[str] = []
    response = _get(client, path)
    if response.cookies:
        problems.append(f"sets cookies: {sorted(response.cookies)}")
    if "Cookie" in response.headers.get("Vary", ""):
        problems.append("varies on Cookie: the page touched the session")
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in filter(None, (part.strip() for part in csp.split(";"))):
        name, _space, value = part.partition(" ")
        directives[name] = value
    for name, expected in {
        "default-src": "'none'",
        "script-src": "'self'",
        "style-src": "'self'",
        "connect-src": "'self'",
        "font-src": "'self' data:",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
        "base-uri": "'none'",
    }.items():
        if directives.get(name) != expected:
            problems.append(f"CSP {name} is {directives.get(name)!r}, not {expected}")
    if "unsafe" in csp:
        problems.append(f"CSP allows unsafe code: {csp}")
    if response.headers.get("Referrer-Policy") != "no-referrer":
        problems.append(f"Referrer-Policy {response.headers.get('Referrer-Policy')}")
    if response.headers.get("X-Frame-Options") != "DENY":
        problems.append(f"X-Frame-Options {response.headers.get('X-Frame-Options')}")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    cache_control = response.headers.get("Cache-Control", "")
    if "public" not in cache_control or not re.search(r"max-age=[1-9]", cache_control):
        problems.append(f"not cacheable: Cache-Control {cache_control!r}")
    if not resolve(urlsplit(path).path).func.__dict__.get("public_page"):
        problems.append("its view is not decorated with @public_page()")
    scan = _PageScan()
    scan.feed(response.content.decode())
    problems.extend(scan.problems)
    again = _get(client, path)
    if again.cookies:
        problems.append("the cached answer sets cookies")
    if again.content != response.content:
        problems.append("a second read within the minute is not the same page")
    return problems


def _check_pages(names: list[str], language: str) -> dict[str, list[str]]:
    client = Client()
    found = {}
    for name in names:
        path = page_path(name, language)
        try:
            problems = _check_page(client, path)
        except Exception as error:  # one broken page must not hide the others' problems
            problems = [f"{type(error).__name__}: {error}"]
        if problems:
            found[f"{name} ({path})"] = problems
    return found


@pytest.mark.parametrize("language", ["it", "ar"])
def test_it_serves_every_core_page_without_cookies_and_with_the_privacy_headers(
    site: None, language: str
) -> None:
    found = _check_pages(CORE_PAGES, language)
    assert found == {}, problems_report(found)


@pytest.mark.parametrize("language", ["it", "en"])
def test_it_serves_every_publication_page_without_cookies_and_with_the_privacy_headers(
    publications: None, language: str
) -> None:
    found = _check_pages(PUBLICATION_PAGES, language)
    assert found == {}, problems_report(found)


def test_it_sets_no_cookie_even_when_the_visitor_sends_one(site: None) -> None:
    """A browser that kept a cookie of the reserved area gets nothing back from the portal."""
    client = Client()
    client.cookies["sessionid"] = "not-a-session"
    client.cookies["csrftoken"] = "x" * 32
    response = _get(client, page_path("finder"))
    assert not response.cookies


def test_it_sends_no_html_that_the_csp_would_block_on_the_safety_page_in_every_language(
    site: None,
) -> None:
    client = Client()
    for language in ("it", "en", "fr", "es", "ar"):
        scan = _PageScan()
        scan.feed(_get(client, page_path("safety", language)).content.decode())
        assert scan.problems == [], language


# The template each page of the list must reach: a page still pointing at a placeholder
# (the home page) or answering something else would make the other checks vacuous.
EXPECTED_TEMPLATES = {
    "home": "portal/home.html",
    "safety": "portal/safety.html",
    "finder": "portal/finder/finder.html",
    "service": "portal/service_page/service.html",
    "shelter_service": "portal/service_page/service.html",
    "territories": "portal/territories/list.html",
    "territory": "portal/territories/detail.html",
    "news_list": "publications/news_list.html",
    "news_detail": "publications/news_detail.html",
    "events": "publications/events.html",
    "event_detail": "publications/event_detail.html",
    "documents": "publications/documents.html",
    "document_detail": "publications/document_detail.html",
    "campaigns": "publications/campaigns.html",
    "campaign_detail": "publications/campaign_detail.html",
    "search": "publications/search.html",
}


def test_the_page_list_reaches_every_public_template(publications: None) -> None:
    client = Client()
    reached = {}
    for name in CORE_PAGES + PUBLICATION_PAGES:
        response = _get(client, page_path(name))
        names = {template.name for template in response.templates}
        reached[name] = EXPECTED_TEMPLATES[name] if EXPECTED_TEMPLATES[name] in names else names
    assert reached == {name: EXPECTED_TEMPLATES[name] for name in reached}


def test_the_finder_page_of_the_list_shows_the_services_of_bari(site: None) -> None:
    page = _get(Client(), page_path("finder")).content.decode()
    assert "GIRAFFA" in page
    assert SECRET_SHELTER_NAME in page


def test_no_page_of_the_list_shows_where_the_shelter_is(publications: None) -> None:
    """The planted shelter's address and coordinates appear on no public page, in Italian
    and in Arabic. (Its rounded coordinates are Bari's centre, where the demo's public
    services are placed: they cannot be told apart, and are not looked for.)"""
    client = Client()
    secrets = [
        SECRET_ADDRESS,
        str(SECRET_LATITUDE),
        str(SECRET_LONGITUDE),
        str(SECRET_LATITUDE).replace(".", ","),
        str(SECRET_LONGITUDE).replace(".", ","),
    ]
    leaks = {}
    for language in ("it", "ar"):
        for name in CORE_PAGES:
            page = _get(client, page_path(name, language)).content.decode()
            if found := [secret for secret in secrets if secret in page]:
                leaks[page_path(name, language)] = found
    for name in PUBLICATION_PAGES:
        page = _get(client, page_path(name)).content.decode()
        if found := [secret for secret in secrets if secret in page]:
            leaks[page_path(name)] = found
    assert leaks == {}
