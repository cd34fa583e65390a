"""Who may open the admin pages of the mapping: the Department yes, others no."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.browser_sign_in import fresh_totp_code
from tests.people import second_factor_device

pytestmark = pytest.mark.django_db

PAGES = [
    "admin:index",
    "admin:directory_service_changelist",
    "admin:directory_service_add",
    "admin:directory_organization_changelist",
    "admin:directory_organization_add",
    "admin:network_territory_changelist",
    "admin:network_territory_add",
    "admin:network_protocol_changelist",
    "admin:network_protocol_add",
    "admin:network_emergencycontact_changelist",
    "admin:network_emergencycontact_add",
    "admin:geography_comune_changelist",
]
MAPPING_PAGES = [name for name in PAGES if name != "admin:index"]


@pytest.mark.parametrize("name", PAGES)
def test_it_opens_the_pages_for_the_department_admin(client: Client, dora, name: str) -> None:
    client.force_login(dora)

    response = client.get(reverse(name))

    assert response.status_code == 200


def test_it_signs_in_the_department_admin_with_a_password_and_a_code(client: Client, dora) -> None:
    # The admin's own login page sends to the platform's: password, then second factor.
    login_page = client.get(reverse("admin:login") + "?next=/admin/")
    assert login_page["Location"] == "/accesso/?next=%2Fadmin%2F"
    client.post(
        "/accesso/", {"username": "dora", "password": "Sirena-di-Bari-2026", "next": "/admin/"}
    )
    code = fresh_totp_code(second_factor_device(dora))

    response = client.post(
        "/accesso/secondo-fattore/", {"code": code, "next": "/admin/"}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[0][0] == "/admin/"
    assert response.context["user"] == dora


@pytest.mark.parametrize("name", MAPPING_PAGES)
def test_it_refuses_a_helpline_operator(client: Client, oscar, name: str) -> None:
    client.force_login(oscar)

    response = client.get(reverse(name))

    assert response.status_code == 403


def test_it_shows_a_helpline_operator_an_empty_index(client: Client, oscar) -> None:
    client.force_login(oscar)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert response.context["app_list"] == []


@pytest.mark.parametrize("name", PAGES)
def test_it_sends_an_anonymous_visitor_to_the_login(client: Client, name: str) -> None:
    url = reverse(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
