"""GET /api/v1/services and /api/v1/services/{id}: the directory, filtered and paginated."""

from __future__ import annotations

from datetime import datetime

import pytest

from rete.directory.models import Organization, Service
from tests.api.network import SATURDAY_MORNING, WEDNESDAY_MORNING


@pytest.fixture
def frozen_now(monkeypatch):
    """Services' open_now and next_opening are computed at this instant."""

    def freeze(iso: str) -> None:
        monkeypatch.setattr("rete.directory.api._now", lambda: datetime.fromisoformat(iso))

    return freeze


def ids(response) -> list[str]:
    return [item["id"] for item in response.json()["results"]]


def test_it_lists_services_by_name_with_a_count(network, client):
    response = client.get("/api/v1/services")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert body["limit"] == 50
    assert body["offset"] == 0
    assert ids(response) == ["svc-cav-bologna", "svc-casa-ba", "svc-giraffa", "svc-cav-mola"]


def test_it_shows_everything_public_about_a_service(network, client, frozen_now):
    frozen_now(SATURDAY_MORNING)

    body = client.get("/api/v1/services/svc-giraffa").json()

    assert body == {
        "id": "svc-giraffa",
        "name": "Centro antiviolenza GIRAFFA",
        "kind": "anti_violence_centre",
        "description": "",
        "organization": {"id": "org-giraffa", "name": "Associazione GIRAFFA Onlus"},
        "phones": ["+390805741461"],
        "location": {
            "address": "Via Napoli 308, Bari",
            "comune": {"code": "072006", "name": "Bari", "province": "BA"},
            "lat": None,
            "lon": None,
            "confidential": False,
        },
        "schedules": [
            {
                "byday": "MO,WE,FR",
                "opens_at": "09:00",
                "closes_at": "13:00",
                "valid_from": None,
                "valid_to": None,
            }
        ],
        "closed_dates": ["2026-12-24"],
        "special_openings": [{"date": "2026-12-27", "opens_at": "10:00", "closes_at": "12:00"}],
        "open_on_holidays": False,
        "languages": ["en", "it"],
        "accessibility": "",
        "service_area": {"provinces": ["BA"], "comuni": []},
        "open_now": False,
        "next_opening": "2026-11-30T09:00:00+01:00",
    }


def test_it_says_a_service_is_open_now(network, client, frozen_now):
    frozen_now(WEDNESDAY_MORNING)

    body = client.get("/api/v1/services/svc-giraffa").json()

    assert body["open_now"] is True
    assert body["next_opening"] is None


def test_it_filters_by_the_comune_the_service_area_covers(network, client):
    # Bari: GIRAFFA and the shelter cover the province, Mola lists Bari among its comuni.
    assert ids(client.get("/api/v1/services", {"comune": "072006"})) == [
        "svc-casa-ba",
        "svc-giraffa",
        "svc-cav-mola",
    ]
    assert ids(client.get("/api/v1/services", {"comune": "037032"})) == ["svc-cav-bologna"]  # Imola
    assert ids(client.get("/api/v1/services", {"comune": "082027"})) == []  # Cefalù


def test_it_filters_by_kind_language_and_province(network, client):
    assert ids(client.get("/api/v1/services", {"kind": "shelter"})) == ["svc-casa-ba"]
    assert ids(client.get("/api/v1/services", {"language": "ar"})) == ["svc-cav-bologna"]
    assert ids(client.get("/api/v1/services", {"province": "BO"})) == ["svc-cav-bologna"]
    assert ids(
        client.get("/api/v1/services", {"province": "ba", "kind": "anti_violence_centre"})
    ) == [
        "svc-giraffa",
        "svc-cav-mola",
    ]


def test_it_filters_by_opening_at_an_instant(network, client):
    wednesday = client.get("/api/v1/services", {"open_at": WEDNESDAY_MORNING})
    saturday = client.get("/api/v1/services", {"open_at": SATURDAY_MORNING})

    assert ids(wednesday) == ["svc-cav-bologna", "svc-casa-ba", "svc-giraffa", "svc-cav-mola"]
    assert ids(saturday) == ["svc-casa-ba"]
    assert saturday.json()["count"] == 1


def test_it_paginates(network, client):
    first = client.get("/api/v1/services", {"limit": 3})
    second = client.get("/api/v1/services", {"limit": 3, "offset": 3})
    beyond = client.get("/api/v1/services", {"limit": 3, "offset": 10})

    assert ids(first) == ["svc-cav-bologna", "svc-casa-ba", "svc-giraffa"]
    assert ids(second) == ["svc-cav-mola"]
    assert second.json()["count"] == 4
    assert ids(beyond) == []
    assert beyond.json()["count"] == 4


def test_it_paginates_services_open_at_an_instant(network, client):
    page = client.get("/api/v1/services", {"open_at": WEDNESDAY_MORNING, "limit": 2, "offset": 1})

    assert page.json()["count"] == 4
    assert ids(page) == ["svc-casa-ba", "svc-giraffa"]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 201},
        {"limit": "many"},
        {"offset": -1},
        {"offset": 10**12},
        {"kind": "spa"},
        {"comune": "999999"},
        {"comune": "bari"},
        {"province": "XX"},
        {"province": "Bari"},
        {"language": "italiano"},
        {"open_at": "2026-11-25T10:30:00"},
        {"open_at": "tomorrow"},
    ],
)
def test_it_refuses_bad_filters(network, client, params):
    response = client.get("/api/v1/services", params)

    assert response.status_code == 400, response.content
    assert set(response.json()) == {"detail"}


def test_it_answers_404_for_an_unknown_service(network, client):
    for service_id in ("svc-nope", "SVC-GIRAFFA", "x" * 300):
        response = client.get(f"/api/v1/services/{service_id}")
        assert response.status_code == 404
        assert set(response.json()) == {"detail"}


def test_it_shows_a_service_without_location_or_schedule(network, client):
    organization = Organization.objects.get(ext_id="org-giraffa")
    Service.objects.create(
        ext_id="svc-new", organization=organization, name="Sportello nuovo", kind="counselling"
    )

    body = client.get("/api/v1/services/svc-new").json()

    assert body["location"] is None
    assert body["schedules"] == []
    assert body["open_now"] is False
    assert body["next_opening"] is None


def test_its_queries_do_not_grow_with_the_services(network, client, django_assert_max_num_queries):
    client.get("/api/v1/services")  # the routing snapshot is built on first use
    organization = Organization.objects.get(ext_id="org-giraffa")
    for n in range(30):
        Service.objects.create(
            ext_id=f"svc-extra-{n}",
            organization=organization,
            name=f"Servizio {n}",
            kind="counselling",
        ).area_provinces.add("BA")
    client.get("/api/v1/services")  # and rebuilt after the change

    # revision check, count, page, then one query per prefetched relation.
    with django_assert_max_num_queries(11):
        response = client.get("/api/v1/services", {"limit": 200})
    assert response.json()["count"] == 34
    with django_assert_max_num_queries(12):
        client.get("/api/v1/services", {"comune": "072006", "open_at": WEDNESDAY_MORNING})
