"""Geography is read-only in the admin, and searchable for the autocomplete of other forms."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "admin:autocomplete"


def autocomplete(client: Client, term: str, field: str = "area_comuni") -> list[str]:
    response = client.get(
        reverse(AUTOCOMPLETE),
        {"term": term, "app_label": "directory", "model_name": "service", "field_name": field},
    )
    assert response.status_code == 200
    return [item["text"] for item in response.json()["results"]]


def test_it_finds_comuni_without_accents(client: Client, dora) -> None:
    client.force_login(dora)

    assert "Cefalù (PA)" in autocomplete(client, "cefalu")
    assert "Cefalù (PA)" in autocomplete(client, "Cefalù")


def test_it_finds_provinces_by_sigla(client: Client, dora) -> None:
    client.force_login(dora)

    assert "Bari (BA)" in autocomplete(client, "BA", field="area_provinces")


def test_it_refuses_the_autocomplete_to_a_helpline_operator(client: Client, oscar) -> None:
    client.force_login(oscar)

    response = client.get(
        reverse(AUTOCOMPLETE),
        {
            "term": "bari",
            "app_label": "directory",
            "model_name": "service",
            "field_name": "area_comuni",
        },
    )

    assert response.status_code == 403


def test_it_shows_a_comune_without_letting_anyone_change_it(client: Client, dora) -> None:
    client.force_login(dora)
    url = reverse("admin:geography_comune_change", args=["072006"])

    page = client.get(url)
    posted = client.post(url, {"name": "Bari Vecchia", "province": "BA"})

    assert page.status_code == 200
    assert 'name="name"' not in page.content.decode()
    assert posted.status_code == 403


@pytest.mark.parametrize(
    "name",
    ["admin:geography_comune_add", "admin:geography_province_add", "admin:geography_region_add"],
)
def test_it_refuses_to_add_geography(client: Client, dora, name: str) -> None:
    client.force_login(dora)

    assert client.get(reverse(name)).status_code == 403


def test_it_refuses_to_delete_a_comune(client: Client, dora) -> None:
    client.force_login(dora)

    response = client.post(
        reverse("admin:geography_comune_delete", args=["072006"]), {"post": "yes"}
    )

    assert response.status_code == 403
