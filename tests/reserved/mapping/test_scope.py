"""Who sees which services in the detailed mapping: national roles all of them, a territory's
people those of their territories; anything else is not found."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

ALL = {
    "CAV Aurora",
    "Casa Glicine",
    "Sportello Cefalù",
    "CAV Betulla",
    "Casa Mimosa",
    "Sportello Altrove",
}
OF_A = {"CAV Aurora", "Casa Glicine", "Sportello Cefalù"}
OF_B = {"CAV Betulla", "Casa Mimosa"}


def _listed(client) -> set[str]:
    page = client.get("/area-riservata/mappatura/").content.decode()
    return {name for name in ALL if f">{name}</a>" in page}


@pytest.mark.parametrize("name", ["admin", "operator", "supervisor", "analyst", "committee"])
def test_it_shows_every_service_to_a_national_role(as_person, name) -> None:
    assert _listed(as_person(name)) == ALL


@pytest.mark.parametrize(
    ("name", "expected"),
    [("referent_a", OF_A), ("netop_a", OF_A), ("referent_b", OF_B), ("netop_b", OF_B)],
)
def test_it_shows_a_territorial_person_only_their_territory(as_person, name, expected) -> None:
    assert _listed(as_person(name)) == expected


def test_it_counts_a_service_of_a_protocol_party_as_the_territory_s(as_person) -> None:
    # Sportello Cefalù is in Sicily, outside A's provinces, but its organisation signed A's
    # protocol.
    response = as_person("referent_a").get("/area-riservata/mappatura/svc-sportello/")

    assert response.status_code == 200


def test_it_answers_not_found_for_a_service_of_another_territory(as_person) -> None:
    client = as_person("referent_a")

    assert client.get("/area-riservata/mappatura/svc-betulla/").status_code == 404
    assert client.get("/area-riservata/mappatura/svc-mimosa/").status_code == 404
    assert client.get("/area-riservata/mappatura/svc-altrove/").status_code == 404
    assert client.get("/area-riservata/mappatura/svc-inesistente/").status_code == 404


def test_it_ignores_a_territory_filter_outside_the_scope(as_person) -> None:
    page = (
        as_person("referent_a")
        .get("/area-riservata/mappatura/", {"territory": "ATR-BE"})
        .content.decode()
    )

    assert "CAV Betulla" not in page
    assert "Casa Mimosa" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/area-riservata/mappatura/",
        "/area-riservata/mappatura/svc-aurora/",
        "/area-riservata/mappatura.csv",
    ],
)
def test_it_sends_an_anonymous_visitor_to_sign_in(client, net, url) -> None:
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accesso/")


@pytest.mark.parametrize(
    "url",
    [
        "/area-riservata/mappatura/",
        "/area-riservata/mappatura/svc-aurora/",
        "/area-riservata/mappatura.csv",
    ],
)
def test_it_refuses_a_person_without_a_role(client, net, url) -> None:
    nobody = get_user_model().objects.create_user("nessuno", "nessuno@example.org", "x")
    client.force_login(nobody)

    assert client.get(url).status_code == 403


def test_it_is_never_cached(as_person) -> None:
    response = as_person("admin").get("/area-riservata/mappatura/")

    assert "no-store" in response["Cache-Control"]


def test_the_detail_names_the_chains_the_service_is_in(as_person) -> None:
    page = as_person("referent_a").get("/area-riservata/mappatura/svc-aurora/").content.decode()

    assert 'href="/area-riservata/territori/ATR-AL/"' in page
    assert "info@aurora.example.org" in page
