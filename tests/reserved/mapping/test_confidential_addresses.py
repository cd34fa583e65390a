"""A shelter's address and coordinates reach only the people allowed: the Department and the
1522 helpline everywhere, a territory's people for their own territory's shelters; never the
monitoring company nor the steering committee. Checked in the list, the detail and the CSV."""

import pytest

from rete.accounts.roles import ATR_REFERENT
from rete.accounts.services import grant_create
from tests.reserved.conftest import (
    SHELTER_A_ADDRESS,
    SHELTER_A_LATITUDE,
    SHELTER_B_ADDRESS,
    SHELTER_B_LATITUDE,
)

pytestmark = pytest.mark.django_db

SECRETS_A = (SHELTER_A_ADDRESS, SHELTER_A_LATITUDE)
SECRETS_B = (SHELTER_B_ADDRESS, SHELTER_B_LATITUDE)


def _answers(client) -> list[str]:
    return [
        client.get("/area-riservata/mappatura/").content.decode(),
        client.get("/area-riservata/mappatura/", {"confidential": "on"}).content.decode(),
        client.get("/area-riservata/mappatura/svc-glicine/").content.decode(),
        client.get("/area-riservata/mappatura/svc-mimosa/").content.decode(),
        client.get("/area-riservata/mappatura.csv").content.decode(),
    ]


@pytest.mark.parametrize("name", ["analyst", "committee"])
def test_it_never_gives_a_shelter_address_to_monitoring_or_the_committee(as_person, name):
    for answer in _answers(as_person(name)):
        for secret in (*SECRETS_A, *SECRETS_B):
            assert secret not in answer


@pytest.mark.parametrize("name", ["analyst", "committee"])
def test_it_says_reserved_where_the_address_would_be(as_person, name):
    client = as_person(name)

    page = client.get("/area-riservata/mappatura/svc-glicine/").content.decode()
    listing = client.get("/area-riservata/mappatura/", {"confidential": "on"}).content.decode()
    csv = client.get("/area-riservata/mappatura.csv").content.decode()

    assert 'data-testid="address-withheld"' in page
    assert listing.count('data-testid="address-withheld"') == 2
    assert "Casa Glicine" in listing and "Casa Mimosa" in listing
    assert "riservato" in csv


@pytest.mark.parametrize("name", ["admin", "operator", "supervisor"])
def test_it_gives_every_shelter_address_to_the_department_and_the_helpline(as_person, name):
    client = as_person(name)

    listing = client.get("/area-riservata/mappatura/").content.decode()
    detail = client.get("/area-riservata/mappatura/svc-mimosa/").content.decode()
    csv = client.get("/area-riservata/mappatura.csv").content.decode()

    for answer in (listing, csv):
        assert SHELTER_A_ADDRESS in answer and SHELTER_B_ADDRESS in answer
    assert SHELTER_B_ADDRESS in detail and SHELTER_B_LATITUDE in detail


@pytest.mark.parametrize("name", ["referent_a", "netop_a"])
def test_it_gives_a_territory_s_people_their_own_shelter_only(as_person, name):
    client = as_person(name)

    detail = client.get("/area-riservata/mappatura/svc-glicine/").content.decode()
    answers = _answers(client)

    assert SHELTER_A_ADDRESS in detail and SHELTER_A_LATITUDE in detail
    for answer in answers:
        for secret in SECRETS_B:
            assert secret not in answer


def test_a_committee_member_who_is_also_a_referent_sees_only_their_territory_s_shelter(
    as_person, people, net
):
    grant_create(user=people.committee, role=ATR_REFERENT, territory=net.a)
    client = as_person("committee")

    listing = client.get("/area-riservata/mappatura/").content.decode()

    assert "CAV Betulla" in listing  # the committee still sees the whole network
    assert SHELTER_A_ADDRESS in listing
    assert SHELTER_B_ADDRESS not in listing
