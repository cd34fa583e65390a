"""Territories (ATR): their coverage and protocols, edited in one page."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rete.network.models import Protocol, Territory
from tests.admin import factories
from tests.admin.forms import TERRITORY_INLINES, with_inlines

pytestmark = pytest.mark.django_db


def test_it_adds_a_city_territory_with_its_protocol(client: Client, dora) -> None:
    client.force_login(dora)
    today = timezone.localdate()

    data = with_inlines(
        {"code": "ATR-ANDRIA", "name": "Città di Andria", "comuni": ["110001"], "description": ""},
        TERRITORY_INLINES,
        {
            "protocols": [
                {
                    "kind": "original",
                    "title": "Protocollo d'intesa",
                    "status": "active",
                    "valid_from": today.strftime("%d/%m/%Y"),
                }
            ]
        },
    )
    response = client.post(reverse("admin:network_territory_add"), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    territory = Territory.objects.get(code="ATR-ANDRIA")
    assert list(territory.comuni.values_list("name", flat=True)) == ["Andria"]
    assert territory.protocols.get().in_force_on(today)


def test_it_lists_territories_with_their_protocol_in_force(client: Client, dora) -> None:
    territory = factories.territory()
    Protocol.objects.create(
        territory=territory,
        valid_from=datetime.date(2011, 5, 10),
        status="active",
    )
    factories.territory("ATR-PA", "Provincia di Palermo")
    client.force_login(dora)

    response = client.get(reverse("admin:network_territory_changelist"))

    rows = {t.code: t for t in response.context["cl"].result_list}
    admin = response.context["cl"].model_admin
    assert admin.in_force_today(rows["ATR-BA"]) is True
    assert admin.in_force_today(rows["ATR-PA"]) is False
    assert admin.covered_provinces(rows["ATR-BA"]) == "BA"


def test_it_refuses_a_code_without_the_atr_prefix(client: Client, dora) -> None:
    client.force_login(dora)

    data = with_inlines(
        {"code": "BA", "name": "Provincia di Bari", "provinces": ["BA"], "description": ""},
        TERRITORY_INLINES,
        {},
    )
    response = client.post(reverse("admin:network_territory_add"), data)

    assert response.status_code == 200
    assert "Usare ATR- seguito da lettere maiuscole" in response.content.decode()
    assert not Territory.objects.exists()
