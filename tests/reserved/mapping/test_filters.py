"""Filtering and paging the detailed mapping."""

import pytest

from rete.directory.models import Location, Organization, Service
from rete.geography.models import Comune

pytestmark = pytest.mark.django_db


def _page(client, **params) -> str:
    return client.get("/area-riservata/mappatura/", params).content.decode()


def test_it_filters_by_territory(as_person) -> None:
    page = _page(as_person("admin"), territory="ATR-BE")

    assert "CAV Betulla" in page and "Casa Mimosa" in page
    assert "CAV Aurora" not in page and "Sportello Altrove" not in page


def test_it_filters_by_kind(as_person) -> None:
    page = _page(as_person("admin"), kind="shelter")

    assert "Casa Glicine" in page and "Casa Mimosa" in page
    assert "CAV Aurora" not in page


@pytest.mark.parametrize("place", ["bologna", "BO", "Bològna"])
def test_it_filters_by_comune_or_province(as_person, place) -> None:
    page = _page(as_person("admin"), place=place)

    assert "CAV Betulla" in page
    assert "CAV Aurora" not in page


def test_it_filters_confidential_locations(as_person) -> None:
    page = _page(as_person("admin"), confidential="on")

    assert "Casa Glicine" in page and "Casa Mimosa" in page
    assert "CAV Betulla" not in page


def test_it_keeps_what_was_typed_and_says_an_invalid_filter_was_not_applied(as_person) -> None:
    page = _page(as_person("admin"), kind="sottomarino", place="Bologna")

    assert 'value="Bologna"' in page
    assert "CAV Betulla" in page and "CAV Aurora" not in page
    assert 'role="alert"' in page


def test_it_pages_the_list(as_person, net) -> None:
    organization = Organization.objects.get(ext_id="org-aurora")
    bari = Comune.objects.get(code="072006")
    for number in range(55):
        service = Service.objects.create(
            ext_id=f"svc-extra-{number:02d}",
            organization=organization,
            name=f"Zeta sportello {number:02d}",
            kind="counselling",
        )
        Location.objects.create(service=service, address="Via Zeta", comune=bari)
    client = as_person("referent_a")

    first = _page(client)
    second = _page(client, page=2)

    assert "58 " in first  # the count
    assert "Zeta sportello 46" in first and "Zeta sportello 47" not in first
    assert "Zeta sportello 47" in second


def test_a_sigla_means_its_province(as_person) -> None:
    page = _page(as_person("admin"), place="PA")

    assert "Sportello Altrove" in page and "Sportello Cefalù" in page
    assert "CAV Aurora" not in page and "CAV Betulla" not in page
