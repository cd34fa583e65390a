"""The police contacts of a province, used in the emergency procedure."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from rete.network.models import EmergencyContact

pytestmark = pytest.mark.django_db

ADD = "admin:network_emergencycontact_add"


def contact_form(phone: str, province: str = "BA") -> dict:
    return {"province": province, "name": "Questura di Bari", "phone": phone, "position": "0"}


@pytest.mark.parametrize(("typed", "stored"), [("113", "113"), ("080 5291111", "+390805291111")])
def test_it_stores_short_numbers_and_e164(client: Client, dora, typed: str, stored: str) -> None:
    client.force_login(dora)

    response = client.post(reverse(ADD), contact_form(typed))

    assert response.status_code == 302, response.context and response.context["errors"]
    assert EmergencyContact.objects.get().phone == stored


def test_it_refuses_a_bad_number_in_italian(client: Client, dora) -> None:
    client.force_login(dora)

    response = client.post(reverse(ADD), contact_form("999"))

    assert response.status_code == 200
    assert "“999” non è un numero breve valido." in html.unescape(response.content.decode())
    assert not EmergencyContact.objects.exists()


def test_it_refuses_one_number_twice_in_a_province(client: Client, dora) -> None:
    EmergencyContact.objects.create(province_id="BA", name="Questura di Bari", phone="113")
    client.force_login(dora)

    response = client.post(reverse(ADD), contact_form(" 113"))

    assert response.status_code == 200
    assert EmergencyContact.objects.count() == 1


def test_it_filters_by_province(client: Client, dora) -> None:
    EmergencyContact.objects.create(province_id="BA", name="Questura di Bari", phone="113")
    EmergencyContact.objects.create(province_id="PA", name="Questura di Palermo", phone="113")
    client.force_login(dora)

    response = client.get(
        reverse("admin:network_emergencycontact_changelist"), {"province__sigla__exact": "PA"}
    )

    assert [c.name for c in response.context["cl"].result_list] == ["Questura di Palermo"]


def test_it_refuses_a_helpline_operator(client: Client, oscar) -> None:
    client.force_login(oscar)

    response = client.post(reverse(ADD), contact_form("113"))

    assert response.status_code == 403
    assert not EmergencyContact.objects.exists()
