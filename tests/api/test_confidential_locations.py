"""A shelter's address and coordinates never leave the reserved area (DESIGN.md, Privacy)."""

from __future__ import annotations

from tests.api.conftest import decide
from tests.api.network import BARI, SATURDAY_MORNING, SHELTER_ADDRESS, SHELTER_LAT, SHELTER_LON

ONLY_THE_COMUNE = {"comune": {"code": BARI, "name": "Bari", "province": "BA"}, "confidential": True}


def assert_nothing_secret(text: str) -> None:
    assert "Nascosta" not in text
    assert SHELTER_ADDRESS not in text
    assert str(SHELTER_LAT) not in text and str(SHELTER_LON) not in text
    assert "41.11" not in text and "16.87" not in text


def test_it_shows_only_the_comune_in_the_service_detail(network, client):
    response = client.get("/api/v1/services/svc-casa-ba")

    assert response.status_code == 200
    assert response.json()["location"] == ONLY_THE_COMUNE
    assert_nothing_secret(response.content.decode())


def test_it_shows_only_the_comune_in_every_list(network, client):
    for params in (
        {},
        {"kind": "shelter"},
        {"comune": BARI},
        {"open_at": SATURDAY_MORNING},
        {"province": "BA"},
    ):
        response = client.get("/api/v1/services", params)
        shelter = next(item for item in response.json()["results"] if item["id"] == "svc-casa-ba")
        assert shelter["location"] == ONLY_THE_COMUNE
        assert_nothing_secret(response.content.decode())


def test_it_keeps_the_phone_line_public(network, client):
    body = client.get("/api/v1/services/svc-casa-ba").json()

    assert body["phones"] == ["+390805291111"]


def test_it_gives_no_address_in_a_decision(network, client):
    response = decide(client, {"comune": BARI, "at": SATURDAY_MORNING})

    assert "svc-casa-ba" in response.content.decode()
    assert_nothing_secret(response.content.decode())


def test_it_publishes_the_address_of_a_location_that_is_not_confidential(network, client):
    location = client.get("/api/v1/services/svc-cav-bologna").json()["location"]

    assert location["address"] == "Via dell'Oro 3, Bologna"
    assert (location["lat"], location["lon"]) == (44.4949, 11.3426)
    assert location["confidential"] is False
