"""Exporting the network: the shape of the format, in a fixed handful of queries."""

import copy
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rete.directory.models import Location, Service
from rete.network.networkfile.exporter import network_export, network_file_dumps
from rete.network.networkfile.importer import network_import
from tests.network.documents import EXPORT_QUERIES, RICH

pytestmark = pytest.mark.django_db


def filled_in(bari: dict) -> dict:
    """The Bari file as the export gives it back, written out by hand: phones in E.164,
    omitted optional fields with their defaults, records sorted by id."""
    expected = copy.deepcopy(bari)
    for organization in expected["organizations"]:
        organization |= {"email": "", "website": ""}
    expected["organizations"].sort(key=lambda organization: organization["id"])
    for protocol in expected["protocols"]:
        protocol |= {"kind": "original", "parties": []}
    (service,) = expected["services"]
    service["phones"] = ["+390805741461"]
    service["location"] |= {"lat": None, "lon": None, "confidential": False}
    service["description"] = ""
    return expected


def test_it_gives_back_the_bari_example(bari: dict) -> None:
    network_import(copy.deepcopy(bari))

    assert network_export() == filled_in(bari)


def test_it_gives_back_the_rich_network(rich: dict) -> None:
    network_import(rich)

    assert network_export() == RICH


def test_it_exports_an_empty_network() -> None:
    assert network_export() == {
        "format": "rete-network/1",
        "territories": [],
        "protocols": [],
        "organizations": [],
        "services": [],
        "referrals": [],
        "emergency_contacts": [],
    }


def test_it_reads_with_the_same_few_queries_whatever_the_size(bari: dict, rich: dict) -> None:
    network_import(bari)
    with CaptureQueriesContext(connection) as small:
        network_export()
    network_import(rich)

    with CaptureQueriesContext(connection) as larger:
        network_export()

    assert len(small) == len(larger) == EXPORT_QUERIES


def test_it_exports_the_address_of_a_confidential_location(rich: dict) -> None:
    """The file is the Department's internal exchange format, not a publication."""
    network_import(rich)

    shelter = next(s for s in network_export()["services"] if s["id"] == "svc-giraffa-rifugio")

    assert shelter["location"] == {
        "address": "Indirizzo riservato 1, Mola di Bari",
        "comune": "072028",
        "lat": 41.061,
        "lon": 17.089,
        "confidential": True,
    }


def test_it_exports_a_service_without_location_as_null(rich: dict) -> None:
    network_import(rich)
    Location.objects.filter(service=Service.objects.get(ext_id="svc-notte")).delete()

    notte = next(s for s in network_export()["services"] if s["id"] == "svc-notte")

    assert notte["location"] is None


def test_it_writes_utf8_json_with_the_documented_key_order(rich: dict) -> None:
    network_import(rich)

    text = network_file_dumps(network_export())

    assert text.startswith('{\n "format": "rete-network/1",\n "territories": [\n  {\n   "code"')
    assert "Città di Bari" in text
    assert json.loads(text) == RICH
    document = json.loads(text)
    assert list(document) == [
        "format",
        "territories",
        "protocols",
        "organizations",
        "services",
        "referrals",
        "emergency_contacts",
    ]
    assert list(document["services"][0]) == [
        "id",
        "organization",
        "name",
        "kind",
        "phones",
        "location",
        "schedules",
        "closed_dates",
        "special_openings",
        "open_on_holidays",
        "languages",
        "service_area",
        "description",
    ]
    assert list(document["services"][0]["location"]) == [
        "address",
        "comune",
        "lat",
        "lon",
        "confidential",
    ]
    assert list(document["protocols"][0]) == [
        "territory",
        "signed_on",
        "valid_from",
        "valid_to",
        "status",
        "title",
        "kind",
        "parties",
    ]
