"""GET /api/v1/territories and /api/v1/territories/{code}."""

from __future__ import annotations

import datetime

from rete.geography.models import Comune
from rete.network.models import Protocol, ProtocolStatus, Territory


def test_it_lists_territories_with_protocol_and_referral_chain(network, client):
    response = client.get("/api/v1/territories")

    assert response.status_code == 200
    bari, bologna = response.json()
    assert bari == {
        "code": "ATR-BA",
        "name": "Provincia di Bari",
        "provinces": [{"sigla": "BA", "name": "Bari"}],
        "comuni": [],
        "comuni_count": Comune.objects.filter(province_id="BA").count(),
        "protocol": {"valid_from": "2011-01-01", "valid_to": None, "status": "active"},
        "referral_chain": [
            {"service_id": "svc-giraffa", "name": "Centro antiviolenza GIRAFFA", "priority": 1},
            {
                "service_id": "svc-cav-mola",
                "name": "Centro antiviolenza di Mola di Bari",
                "priority": 2,
            },
        ],
    }
    # Bologna's protocol ended in 2012: no protocol in force today.
    assert bologna["code"] == "ATR-BO"
    assert bologna["protocol"] is None


def test_it_shows_the_newest_protocol_in_force(network, client):
    territory = Territory.objects.get(code="ATR-BA")
    Protocol.objects.create(
        territory=territory,
        kind="renewal",
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2099, 12, 31),
        status=ProtocolStatus.ACTIVE,
    )

    body = client.get("/api/v1/territories/ATR-BA").json()

    assert body["protocol"] == {
        "valid_from": "2020-01-01",
        "valid_to": "2099-12-31",
        "status": "active",
    }


def test_it_lists_the_comuni_of_a_city_territory(network, client):
    city = Territory.objects.create(code="ATR-BARI", name="Comune di Bari")
    city.comuni.add("072006")

    body = client.get("/api/v1/territories/ATR-BARI").json()

    assert body["provinces"] == []
    assert body["comuni"] == [{"code": "072006", "name": "Bari", "province": "BA"}]
    assert body["comuni_count"] == 1
    assert body["protocol"] is None
    assert body["referral_chain"] == []


def test_it_counts_a_comune_listed_inside_a_covered_province_once(network, client):
    territory = Territory.objects.get(code="ATR-BA")
    territory.comuni.add("072006", "037006")  # Bari is already covered; Bologna is not

    body = client.get("/api/v1/territories/ATR-BA").json()

    assert body["comuni_count"] == Comune.objects.filter(province_id="BA").count() + 1


def test_it_answers_404_for_an_unknown_territory(network, client):
    for code in ("ATR-XX", "nope", "ATR-" + "X" * 60):
        response = client.get(f"/api/v1/territories/{code}")
        assert response.status_code == 404
        assert set(response.json()) == {"detail"}


def test_its_queries_do_not_grow_with_the_territories(
    network, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        client.get("/api/v1/territories")
    for n in range(10):
        territory = Territory.objects.create(code=f"ATR-T{n}", name=f"Territorio {n}")
        territory.provinces.add("PA")
        territory.comuni.add("082027")
        Protocol.objects.create(
            territory=territory, valid_from=datetime.date(2020, 1, 1), status=ProtocolStatus.ACTIVE
        )

    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/territories")

    assert len(response.json()) == 12
