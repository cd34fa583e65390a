"""The admin speaks Italian to the Department's staff."""

import html

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_names_the_apps_and_models_in_italian(client: Client, dora) -> None:
    client.force_login(dora)

    page = html.unescape(client.get(reverse("admin:index")).content.decode())

    for label in ("Servizi", "Organizzazioni", "Ambiti territoriali", "Protocolli d'intesa"):
        assert label in page, label


def test_it_labels_the_service_form_in_italian(client: Client, dora) -> None:
    client.force_login(dora)

    page = html.unescape(client.get(reverse("admin:directory_service_add")).content.decode())

    for label in (
        "Orari settimanali",
        "Telefoni",
        "Chiusure",
        "Aperture straordinarie",
        "Lunedì",
        "Organizzazione",
    ):
        assert label in page, label


def test_it_labels_the_territory_form_in_italian(client: Client, dora) -> None:
    client.force_login(dora)

    page = html.unescape(client.get(reverse("admin:network_territory_add")).content.decode())

    assert "Catena di trasferimento" in page
