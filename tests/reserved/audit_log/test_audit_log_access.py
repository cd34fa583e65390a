"""Only the Department opens the audit log; the others are refused, the anonymous sent to
sign in."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    ("reserved:audit", []),
    ("reserved:audit_export", []),
    ("reserved:audit_entry", [1]),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_it_opens_for_the_department(client: Client, dora, log, name, args) -> None:
    client.force_login(dora)

    response = client.get(reverse(name, args=args))

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(("name", "args"), PAGES)
@pytest.mark.parametrize("who", ["olga", "sara"])
def test_it_refuses_everyone_else(client: Client, request, log, name, args, who) -> None:
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_it_sends_an_anonymous_visitor_to_sign_in(client: Client, log, name, args) -> None:
    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_verification_is_refused_to_others(client: Client, olga, log) -> None:
    client.force_login(olga)

    assert client.post(reverse("reserved:audit_verify")).status_code == 403


def test_the_department_finds_it_in_the_menu(client: Client, dora) -> None:
    client.force_login(dora)

    response = client.get(reverse("reserved:home"))

    assert reverse("reserved:audit") in response.content.decode()


def test_an_operator_does_not_find_it_in_the_menu(client: Client, olga) -> None:
    client.force_login(olga)

    response = client.get(reverse("reserved:home"))

    assert reverse("reserved:audit") not in response.content.decode()
