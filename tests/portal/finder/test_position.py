"""POST /trova/posizione/: "use my position". The position is checked, rounded, used to
order the services and forgotten: it is in no log, no URL and no cookie."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.test import Client

from tests.portal.conftest import SECRET_SHELTER_ID, WEDNESDAY_1030
from tests.portal.finder.conftest import BARI_POSITION, GIRAFFA_ID, MOLA_ID

pytestmark = pytest.mark.django_db

URL = "/en/trova/posizione/"
SERVICE_ID = re.compile(r'data-testid="finder-result" data-service-id="([^"]+)"')


@pytest.fixture
def wednesday(portal_network: None, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)


def test_it_lists_the_nearest_services_with_their_distance(client: Client, wednesday: None) -> None:
    response = client.post(URL, BARI_POSITION)
    assert response.status_code == 200
    html = response.content.decode()
    ids = SERVICE_ID.findall(html)
    assert ids.index(GIRAFFA_ID) < ids.index(MOLA_ID)
    assert "km away" in html
    assert "<html" not in html  # a fragment for the page to swap in
    assert 'href="tel:1522"' in html


def test_it_needs_no_cookie_and_no_csrf_token(wednesday: None) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, BARI_POSITION)
    assert response.status_code == 200
    assert not response.cookies
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_it_applies_the_filters(client: Client, wednesday: None) -> None:
    html = client.post(URL, {**BARI_POSITION, "kind": "shelter"}).content.decode()
    ids = SERVICE_ID.findall(html)
    assert SECRET_SHELTER_ID in ids and GIRAFFA_ID not in ids
    html = client.post(URL, {**BARI_POSITION, "open_now": "1"}).content.decode()
    assert MOLA_ID not in SERVICE_ID.findall(html)


@pytest.mark.parametrize(
    "data",
    [
        {"latitude": "91", "longitude": "16.8"},
        {"latitude": "41.1", "longitude": "-181"},
        {"latitude": "nan", "longitude": "16.8"},
        {"latitude": "inf", "longitude": "16.8"},
        {"latitude": "north", "longitude": "16.8"},
        {"longitude": "16.8"},
        {},
        {**BARI_POSITION, "kind": "spaceship"},
    ],
)
def test_it_refuses_a_bad_position_with_a_clear_message(
    client: Client, wednesday: None, data: dict
) -> None:
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="finder-error"' in html
    assert 'data-testid="finder-result"' not in html


def test_it_explains_the_range(client: Client, wednesday: None) -> None:
    html = client.post(URL, {"latitude": "91", "longitude": "16.8"}).content.decode()
    assert "between -90 and 90" in html


def test_it_answers_post_only(client: Client, wednesday: None) -> None:
    assert client.get(URL, BARI_POSITION).status_code == 405


def test_it_logs_nothing_of_the_position(
    client: Client, wednesday: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        client.post(URL, {"latitude": "41.12345", "longitude": "16.86789"})
        client.post(URL, {"latitude": "141.12345", "longitude": "16.86789"})
    logged = "\n".join(
        f"{record.getMessage()} {record.args} {getattr(record, 'request', '')}"
        for record in caplog.records
    )
    for fragment in ("41.12", "16.86", "141.1"):
        assert fragment not in logged
