"""A shelter's address and coordinates are on no public page and in no public API answer.

The crawl starts from the home page in each of the five languages and follows every
same-origin link (and every same-origin path a page hands its scripts in a data-* attribute),
so that pages added to the portal are checked without touching this test. Every service page,
every territory page and the finder for Bari are fetched as well, in each language, whether
linked or not. The JSON API is read from its own OpenAPI description: every public GET
endpoint (an answer of 401/403 is not public), with every service id and territory code for
their path parameters, and the routing decision for Bari.

The planted shelter (tests/portal/conftest.py) is in Bari, open now, with an address and
coordinates that must appear 0 times, in any of the usual ways of writing a number. The demo's
own shelters (confidential, addresses "Via dell'Esempio 99, ...") are checked too.
"""

from __future__ import annotations

import json
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from rete.directory.models import Location, Service
from rete.network.models import Territory
from tests.portal.conftest import (
    BARI,
    SECRET_ADDRESS,
    SECRET_LATITUDE,
    SECRET_LONGITUDE,
    SECRET_SHELTER_ID,
    SECRET_SHELTER_PHONE,
    THURSDAY_1030,
    WEDNESDAY_1030,
)

pytestmark = pytest.mark.usefixtures("portal_network")

ORIGIN = "http://testserver"
LANGUAGE_PREFIXES = ["", "/en", "/fr", "/es", "/ar"]
# Pages reached by following links: enough for the whole portal many times over. A path is
# fetched with at most a few query strings (filters, pages): their combinations are endless.
MAX_CRAWLED_PAGES = 1500
MAX_QUERIES_PER_PATH = 12
NOT_PAGES = ("/static/", "/media/")
DOWNLOAD_SUFFIXES = (
    ".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".csv", ".zip",
    ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ics", ".mp3", ".mp4",
)  # fmt: skip
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/rss", "application/atom")


def _number_forms(value: Any) -> list[str]:
    """41.117143 as it might be written: 6 and 5 decimals (4 would be Bari's centre, which
    public services share), with a point or a comma, and in millionths."""
    text = f"{value:.6f}"
    whole, decimals = text.split(".")
    forms = []
    for digits in (decimals, decimals[:5]):
        forms += [f"{whole}.{digits}", f"{whole},{digits}"]
    forms.append(f"{whole}{decimals}")
    return forms


def secret_strings() -> list[str]:
    """Everything of the confidential locations that must never be published."""
    secrets = [SECRET_ADDRESS, "Rondini", *_number_forms(SECRET_LATITUDE)]
    secrets += _number_forms(SECRET_LONGITUDE)
    public_addresses = set(
        Location.objects.filter(confidential=False).values_list("address", flat=True)
    )
    for address, latitude, longitude in Location.objects.filter(confidential=True).values_list(
        "address", "latitude", "longitude"
    ):
        if address and address not in public_addresses:
            secrets.append(address)
        for coordinate in (latitude, longitude):
            if coordinate is not None:
                secrets += _number_forms(coordinate)
    return sorted(set(secrets))


class _Links(HTMLParser):
    """Same-origin targets of a page: links, GET form actions, and paths in data-* attributes
    (what the page's scripts fetch)."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("a", "link", "area") and values.get("href") and "download" not in values:
            self.targets.append(values["href"] or "")
        if tag == "form" and (values.get("method") or "get").lower() == "get":
            self.targets.append(values.get("action") or "")
        for name, value in attrs:
            if name.startswith("data-") and value and value.startswith("/"):
                self.targets.append(value)


@dataclass
class Crawl:
    client: Client
    secrets: list[str]
    seen: set[str] = field(default_factory=set)
    fetched: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    queries_per_path: Counter[str] = field(default_factory=Counter)

    def check(self, url: str, body: str) -> None:
        for text in {body, unescape(body)}:
            self.leaks += [f"{secret!r} in {url}" for secret in self.secrets if secret in text]

    def visit(self, url: str) -> list[str]:
        """GET one page and check it; return the targets it leads to."""
        response = self.client.get(url)
        self.fetched.append(url)
        location = response.get("Location")
        if 300 <= response.status_code < 400 and location:
            return [urljoin(ORIGIN + url, location)]
        content_type = response.get("Content-Type", "")
        if response.streaming or not content_type.startswith(TEXT_TYPES):
            return []
        body = response.content.decode(response.charset or "utf-8", errors="replace")
        self.check(url, body)
        if not content_type.startswith("text/html"):
            return []
        parser = _Links()
        parser.feed(body)
        return [urljoin(ORIGIN + url, target) for target in parser.targets]

    def run(self, starts: list[str]) -> None:
        """Breadth first from `starts`, up to MAX_CRAWLED_PAGES pages."""
        queue: deque[str] = deque()
        for start in starts:
            self._add(queue, start)
        while queue and len(self.fetched) < MAX_CRAWLED_PAGES:
            for target in self.visit(queue.popleft()):
                self._add(queue, target)

    def _add(self, queue: deque[str], absolute_or_path: str) -> None:
        url, _fragment = urldefrag(urljoin(ORIGIN + "/", absolute_or_path))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
            return  # tel:, mailto:, other hosts
        path = parts.path or "/"
        if path.startswith(NOT_PAGES) or path.lower().endswith(DOWNLOAD_SUFFIXES):
            return
        local = f"{path}?{parts.query}" if parts.query else path
        if local in self.seen:
            return
        if parts.query:
            if self.queries_per_path[path] >= MAX_QUERIES_PER_PATH:
                return
            self.queries_per_path[path] += 1
        self.seen.add(local)
        queue.append(local)


def _explicit_pages() -> Iterator[str]:
    service_ids = list(Service.objects.order_by("ext_id").values_list("ext_id", flat=True))
    codes = list(Territory.objects.order_by("code").values_list("code", flat=True))
    for prefix in LANGUAGE_PREFIXES:
        yield f"{prefix}/trova/?comune={BARI}"
        yield f"{prefix}/territori/"
        for service_id in service_ids:
            yield f"{prefix}/servizi/{service_id}/"
        for code in codes:
            yield f"{prefix}/territori/{code}/"


def _api_requests(client: Client) -> Iterator[str]:
    """Every public GET of the API, as listed by its OpenAPI description."""
    schema = client.get("/api/v1/openapi.json").json()
    service_ids = list(Service.objects.order_by("ext_id").values_list("ext_id", flat=True))
    codes = list(Territory.objects.order_by("code").values_list("code", flat=True))
    values = {"service_id": service_ids, "code": codes}
    for path, operations in schema["paths"].items():
        if "get" not in operations or path.endswith(("openapi.json", "/docs")):
            continue
        if "{" not in path:
            yield path
            continue
        name = path[path.index("{") + 1 : path.index("}")]
        for value in values.get(name, []):
            yield path.replace(f"{{{name}}}", value)
    yield "/api/v1/services?limit=200"
    yield f"/api/v1/services?comune={BARI}&limit=200"
    yield "/api/v1/services?province=BA&kind=shelter"
    yield "/api/v1/services?open_at=2026-11-25T10:30:00%2B01:00&limit=200"
    yield "/api/v1/comuni?q=bari"


def test_no_public_page_or_api_answer_shows_a_shelter_location(
    client: Client, set_clock: Any
) -> None:
    set_clock(WEDNESDAY_1030)
    secrets = secret_strings()
    assert "41.117143" in secrets and "16,87187" in secrets and "Vicolo delle Rondini 17" in secrets

    crawl = Crawl(client=client, secrets=secrets)
    crawl.run([f"{prefix}/" for prefix in LANGUAGE_PREFIXES])
    linked = set(crawl.fetched)
    for url in _explicit_pages():
        if url not in crawl.seen:
            crawl.visit(url)

    api_answers = 0
    for url in _api_requests(client):
        response = client.get(url)
        if response.status_code in (401, 403):
            continue  # not public
        api_answers += 1
        crawl.check(url, response.content.decode())
    for at in (WEDNESDAY_1030, THURSDAY_1030):
        for emergency in (False, True):
            response = client.post(
                "/api/v1/routing/decide",
                json.dumps({"comune": BARI, "at": at.isoformat(), "emergency": emergency}),
                content_type="application/json",
            )
            assert response.status_code == 200
            api_answers += 1
            crawl.check("POST /api/v1/routing/decide", response.content.decode())

    print(
        f"{len(linked)} pages reached by links, {len(crawl.fetched)} in all, {api_answers} API answers"
    )
    assert crawl.leaks == []
    # The crawl did reach the portal by its links, in every language.
    for prefix in LANGUAGE_PREFIXES:
        assert f"{prefix}/" in linked
        assert f"{prefix}/territori/" in linked
    assert "/servizi/svc-giraffa/" in linked
    assert api_answers > Service.objects.count() + Territory.objects.count()


def test_the_shelter_page_shows_its_phone_and_comune(client: Client, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    for prefix in LANGUAGE_PREFIXES:
        response = client.get(f"{prefix}/servizi/{SECRET_SHELTER_ID}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert f'href="tel:{SECRET_SHELTER_PHONE}"' in html
        assert "Bari (BA)" in html
