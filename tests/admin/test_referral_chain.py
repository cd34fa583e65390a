"""A territory's referral chain, edited in the territory's page."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from rete.network.models import Referral, Territory
from rete.network.revision import network_revision_current
from tests.admin import factories
from tests.admin.forms import TERRITORY_INLINES, with_inlines

pytestmark = pytest.mark.django_db


def territory_form(territory: Territory, referrals: list[dict]) -> dict:
    data = {"code": territory.code, "name": territory.name, "provinces": ["BA"], "description": ""}
    return with_inlines(data, TERRITORY_INLINES, {"referrals": referrals})


def chain(territory: Territory) -> list[tuple[int, str]]:
    return list(territory.referrals.order_by("priority").values_list("priority", "service__name"))


@pytest.fixture
def bari_chain() -> tuple[Territory, list[Referral]]:
    owner = factories.organization()
    first = factories.service(owner, "Centro GIRAFFA")
    second = factories.service(owner, "Centro Alzaia", phone="+390805235161")
    territory = factories.territory()
    return territory, [
        factories.referral(territory, first, 1),
        factories.referral(territory, second, 2),
    ]


def row(referral: Referral, priority: int, service_pk: int | None = None) -> dict:
    return {
        "id": str(referral.pk),
        "territory": str(referral.territory_id),
        "priority": str(priority),
        "service": str(service_pk or referral.service_id),
    }


def test_it_adds_a_territory_with_its_chain(client: Client, dora) -> None:
    owner = factories.organization()
    svc = factories.service(owner)
    client.force_login(dora)

    data = with_inlines(
        {"code": "atr-ba", "name": "Provincia di Bari", "provinces": ["BA"], "description": ""},
        TERRITORY_INLINES,
        {"referrals": [{"priority": "1", "service": str(svc.pk)}]},
    )
    response = client.post(reverse("admin:network_territory_add"), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    territory = Territory.objects.get(code="ATR-BA")
    assert list(territory.provinces.values_list("sigla", flat=True)) == ["BA"]
    assert chain(territory) == [(1, svc.name)]


def test_it_swaps_two_services_of_the_chain(client: Client, dora, bari_chain) -> None:
    territory, (first, second) = bari_chain
    ids = {first.pk, second.pk}
    revision = network_revision_current()
    client.force_login(dora)

    response = client.post(
        reverse("admin:network_territory_change", args=[territory.pk]),
        territory_form(territory, [row(first, 2), row(second, 1)]),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert chain(territory) == [(1, "Centro Alzaia"), (2, "Centro GIRAFFA")]
    assert set(territory.referrals.values_list("pk", flat=True)) == ids
    assert network_revision_current() > revision


def test_it_swaps_the_services_between_two_steps(client: Client, dora, bari_chain) -> None:
    territory, (first, second) = bari_chain
    client.force_login(dora)

    response = client.post(
        reverse("admin:network_territory_change", args=[territory.pk]),
        territory_form(
            territory, [row(first, 1, second.service_id), row(second, 2, first.service_id)]
        ),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert chain(territory) == [(1, "Centro Alzaia"), (2, "Centro GIRAFFA")]


def test_it_removes_a_step_and_moves_the_next_one_up(client: Client, dora, bari_chain) -> None:
    territory, (first, second) = bari_chain
    client.force_login(dora)

    response = client.post(
        reverse("admin:network_territory_change", args=[territory.pk]),
        territory_form(territory, [{**row(first, 1), "DELETE": "on"}, row(second, 1)]),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert chain(territory) == [(1, "Centro Alzaia")]


def test_it_refuses_two_steps_with_one_priority(client: Client, dora, bari_chain) -> None:
    territory, (first, second) = bari_chain
    client.force_login(dora)

    response = client.post(
        reverse("admin:network_territory_change", args=[territory.pk]),
        territory_form(territory, [row(first, 1), row(second, 1)]),
    )

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Si prega di correggere i dati duplicati di priorità." in page
    assert chain(territory) == [(1, "Centro GIRAFFA"), (2, "Centro Alzaia")]


def test_it_refuses_one_service_twice_in_the_chain(client: Client, dora, bari_chain) -> None:
    territory, (first, second) = bari_chain
    client.force_login(dora)

    response = client.post(
        reverse("admin:network_territory_change", args=[territory.pk]),
        territory_form(territory, [row(first, 1), row(second, 2, first.service_id)]),
    )

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Si prega di correggere i dati duplicati di servizio." in page
    assert chain(territory) == [(1, "Centro GIRAFFA"), (2, "Centro Alzaia")]


def test_it_refuses_priority_zero(client: Client, dora, bari_chain) -> None:
    territory, (first, second) = bari_chain
    client.force_login(dora)

    response = client.post(
        reverse("admin:network_territory_change", args=[territory.pk]),
        territory_form(territory, [row(first, 0), row(second, 2)]),
    )

    assert response.status_code == 200
    assert "maggiore o uguale a 1" in html.unescape(response.content.decode())
    assert chain(territory) == [(1, "Centro GIRAFFA"), (2, "Centro Alzaia")]


def test_it_refuses_a_helpline_operator(client: Client, oscar, bari_chain) -> None:
    territory, (first, second) = bari_chain
    client.force_login(oscar)

    response = client.post(
        reverse("admin:network_territory_change", args=[territory.pk]),
        territory_form(territory, [row(first, 2), row(second, 1)]),
    )

    assert response.status_code == 403
    assert chain(territory) == [(1, "Centro GIRAFFA"), (2, "Centro Alzaia")]
