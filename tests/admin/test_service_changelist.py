"""The Service list: what it shows, how it filters, and a query count that does not grow."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.admin import factories

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:directory_service_changelist"


def make_services(count: int) -> None:
    owner = factories.organization()
    for number in range(count):
        factories.service(owner, f"Servizio {number:02d}", phone=f"+39080574{number:04d}")


def test_it_shows_the_comune_and_the_first_phone(client: Client, dora) -> None:
    owner = factories.organization()
    svc = factories.service(owner)
    svc.phones.create(number="+393401234567", position=5)
    client.force_login(dora)

    response = client.get(reverse(CHANGELIST))

    page = response.content.decode()
    assert "Bari" in page
    assert "+390805741461" in page
    assert "+393401234567" not in page


def test_it_filters_by_province_of_the_location(client: Client, dora) -> None:
    owner = factories.organization()
    factories.service(owner, "Centro di Bari")
    factories.service(owner, "Centro di Palermo", comune="082053")
    client.force_login(dora)

    response = client.get(reverse(CHANGELIST), {"location__comune__province__sigla__exact": "PA"})

    names = [service.name for service in response.context["cl"].result_list]
    assert names == ["Centro di Palermo"]


def test_it_filters_the_confidential_locations(client: Client, dora) -> None:
    owner = factories.organization()
    factories.service(owner, "Centro antiviolenza")
    factories.service(owner, "Casa rifugio", confidential=True)
    client.force_login(dora)

    response = client.get(reverse(CHANGELIST), {"location__confidential__exact": "1"})

    names = [service.name for service in response.context["cl"].result_list]
    assert names == ["Casa rifugio"]


def test_it_finds_a_service_by_its_comune(client: Client, dora) -> None:
    owner = factories.organization()
    factories.service(owner, "Centro di Bari")
    factories.service(owner, "Centro di Palermo", comune="082053")
    client.force_login(dora)

    response = client.get(reverse(CHANGELIST), {"q": "palermo"})

    names = [service.name for service in response.context["cl"].result_list]
    assert names == ["Centro di Palermo"]


def test_its_query_count_does_not_grow_with_the_services(
    client: Client, dora, django_assert_max_num_queries
) -> None:
    client.force_login(dora)
    make_services(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(CHANGELIST)).status_code == 200

    make_services(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 30
