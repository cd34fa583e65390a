"""A shelter's address and coordinates never reach the finder: not in the list, not in the
map's data, whatever the search. Its comune and phone are public."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from tests.portal.conftest import (
    SECRET_ADDRESS,
    SECRET_LATITUDE,
    SECRET_LONGITUDE,
    SECRET_SHELTER_ID,
    SECRET_SHELTER_NAME,
    WEDNESDAY_1030,
)
from tests.portal.finder.conftest import BARI_POSITION

pytestmark = pytest.mark.django_db

TILES = "/static/rete/img/blank-tile.png?z={z}&x={x}&y={y}"
MARKERS = re.compile(r'<script id="finder-markers" type="application/json">(.*?)</script>', re.S)


@pytest.fixture
def with_map(portal_network: None, set_clock: Any, settings: Any) -> None:
    set_clock(WEDNESDAY_1030)
    settings.PORTAL_MAP_TILE_URL = TILES


def _assert_no_secret(html: str) -> None:
    assert SECRET_ADDRESS not in html
    for value in (SECRET_LATITUDE, SECRET_LONGITUDE):
        assert str(value) not in html
        assert str(value)[:-1] not in html  # nor a rounding of it


def _markers(html: str) -> list[dict]:
    found = MARKERS.search(html)
    assert found is not None
    return json.loads(found.group(1))


def test_a_shelter_shows_its_comune_and_phone_only_in_the_list(
    client: Client, with_map: None
) -> None:
    html = client.get("/trova/", {"comune": "bari", "kind": "shelter"}).content.decode()
    assert SECRET_SHELTER_NAME in html
    assert 'href="tel:+390805550199"' in html
    _assert_no_secret(html)


def test_a_shelter_is_never_a_marker_of_the_map(client: Client, with_map: None) -> None:
    html = client.get("/trova/", {"comune": "bari"}).content.decode()
    markers = _markers(html)
    assert markers  # the located services of Bari
    assert SECRET_SHELTER_NAME not in json.dumps(markers, ensure_ascii=False)
    assert all(SECRET_SHELTER_ID not in marker["url"] for marker in markers)
    _assert_no_secret(html)


def test_a_shelter_near_the_position_shows_no_address_nor_distance(
    client: Client, with_map: None
) -> None:
    position = {"latitude": str(SECRET_LATITUDE), "longitude": str(SECRET_LONGITUDE)}
    for data in (position, BARI_POSITION):
        html = client.post("/trova/posizione/", data).content.decode()
        assert SECRET_SHELTER_NAME in html
        card = html[html.index(f'data-service-id="{SECRET_SHELTER_ID}"') :]
        card = card[: card.index("</li>")]
        assert 'data-testid="finder-distance"' not in card
        assert SECRET_SHELTER_NAME not in json.dumps(_markers(html), ensure_ascii=False)
        _assert_no_secret(html)


def test_the_map_is_on_the_page_only_with_a_tile_server(
    client: Client, with_map: None, settings: Any
) -> None:
    html = client.get("/trova/", {"comune": "bari"}).content.decode()
    assert 'id="finder-map"' in html and 'aria-hidden="true"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/leaflet/leaflet.css" in html
    assert "/static/vendor/leaflet/images/" in html

    settings.PORTAL_MAP_TILE_URL = ""
    html = client.get("/trova/", {"comune": "mola"}).content.decode()
    assert 'id="finder-map"' not in html and "leaflet" not in html
