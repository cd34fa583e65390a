"""Importing a network file: all or nothing, idempotent by id, only what changed."""

import copy
import datetime

import pytest

from rete.directory.models import ClosedDate, Organization, Phone, Schedule, Service
from rete.network.models import EmergencyContact, Protocol, Referral, Territory
from rete.network.networkfile.exporter import network_export
from rete.network.networkfile.importer import network_import
from rete.network.networkfile.schema import NetworkFileInvalid
from rete.network.revision import network_revision_current
from tests.network.documents import row_counts

pytestmark = pytest.mark.django_db


def test_it_imports_the_bari_example_as_is(bari: dict) -> None:
    report = network_import(bari)

    assert (report.organizations.created, report.services.created) == (27, 1)
    assert (report.territories.created, report.protocols.created) == (1, 1)
    assert (report.referrals.created, report.emergency_contacts.created) == (1, 2)
    assert report.revision == network_revision_current() >= 1
    giraffa = Service.objects.get(ext_id="svc-giraffa")
    assert giraffa.organization.ext_id == "org-giraffa"
    assert list(giraffa.phones.values_list("number", flat=True)) == ["+390805741461"]
    assert giraffa.location.comune_id == "072006"
    assert giraffa.location.latitude is None
    assert not giraffa.location.confidential
    schedule = giraffa.schedules.get()
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == (
        "MO,WE,FR",
        datetime.time(9),
        datetime.time(13),
    )
    assert list(giraffa.area_provinces.values_list("sigla", flat=True)) == ["BA"]
    assert Territory.objects.get(code="ATR-BA").provinces.get().sigla == "BA"
    assert list(EmergencyContact.objects.order_by("position").values_list("phone", "position")) == [
        ("112", 0),
        ("113", 1),
    ]
    assert Organization.objects.get(ext_id="org-comune-bari").tax_id == ""


@pytest.mark.parametrize("document", ["bari", "rich"])
def test_it_changes_nothing_the_second_time(document: str, request: pytest.FixtureRequest) -> None:
    network = request.getfixturevalue(document)
    network_import(copy.deepcopy(network))
    counts, revision = row_counts(), network_revision_current()

    report = network_import(network)

    assert not report.changed
    for _name, entity in report.entities():
        assert (entity.created, entity.updated, entity.deleted) == (0, 0, 0)
    assert report.services.unchanged == len(network["services"])
    assert row_counts() == counts
    assert network_revision_current() == revision


def test_it_bumps_the_revision_once_for_a_whole_file(rich: dict) -> None:
    before = network_revision_current()

    network_import(rich)

    assert network_revision_current() == before + 1


def test_it_updates_only_the_service_whose_hours_changed(rich: dict) -> None:
    network_import(copy.deepcopy(rich))
    revision = network_revision_current()
    untouched = dict(Service.objects.values_list("ext_id", "updated_at"))
    schedule_ids = set(
        Schedule.objects.exclude(service__ext_id="svc-giraffa").values_list("pk", flat=True)
    )
    rich["services"][1]["schedules"][0]["closes_at"] = "14:00"

    report = network_import(rich)

    assert (report.services.created, report.services.updated, report.services.unchanged) == (
        0,
        1,
        3,
    )
    assert not any(
        counts.changed for name, counts in report.entities() if counts is not report.services
    )
    assert network_revision_current() == revision + 1
    assert Schedule.objects.filter(service__ext_id="svc-giraffa", closes_at="14:00").exists()
    # Other services' rows are not rewritten; the service row itself is not either, since
    # only its hours changed.
    assert (
        set(Schedule.objects.exclude(service__ext_id="svc-giraffa").values_list("pk", flat=True))
        == schedule_ids
    )
    assert dict(Service.objects.values_list("ext_id", "updated_at")) == untouched
    assert network_export() == rich


def test_it_writes_nothing_when_the_file_has_an_error(rich: dict) -> None:
    counts, revision = row_counts(), network_revision_current()
    rich["services"][3]["phones"] = ["not a phone"]

    with pytest.raises(NetworkFileInvalid) as raised:
        network_import(rich)

    assert [error.path for error in raised.value.errors] == ["$.services[3].phones[0]"]
    assert row_counts() == counts
    assert network_revision_current() == revision


def test_it_writes_nothing_over_a_network_when_the_file_has_errors(rich: dict, bari: dict) -> None:
    network_import(copy.deepcopy(rich))
    counts, revision, exported = row_counts(), network_revision_current(), network_export()
    bari["services"][0]["name"] = "Centro GIRAFFA, nuovo nome"
    bari["services"][0]["schedules"][0]["opens_at"] = "9"
    bari["referrals"][0]["priority"] = 0
    bari["emergency_contacts"][1]["phone"] = "abc"

    with pytest.raises(NetworkFileInvalid) as raised:
        network_import(bari)

    assert [error.path for error in raised.value.errors] == [
        "$.services[0].schedules[0].opens_at",
        "$.referrals[0].priority",
        "$.emergency_contacts[1].phone",
    ]
    assert row_counts() == counts
    assert network_revision_current() == revision
    assert network_export() == exported


def test_it_leaves_records_not_in_the_file_alone(rich: dict, bari: dict) -> None:
    network_import(rich)

    report = network_import(bari)

    # Bari's file knows one territory: ATR-BA-BARI and ATR-BT, their chains and
    # protocols, the BT contacts and the services not in the file stay as they were.
    assert set(Territory.objects.values_list("code", flat=True)) == {
        "ATR-BA",
        "ATR-BA-BARI",
        "ATR-BT",
    }
    assert list(
        Referral.objects.filter(territory__code="ATR-BA-BARI").values_list(
            "service__ext_id", "priority"
        )
    ) == [("svc-giraffa", 1), ("svc-giraffa-rifugio", 3)]
    assert Protocol.objects.filter(territory__code="ATR-BT").count() == 1
    assert list(EmergencyContact.objects.filter(province="BT").values_list("phone", flat=True)) == [
        "112"
    ]
    assert Service.objects.filter(ext_id="svc-notte").exists()
    # ATR-BA's own collections become the file's.
    assert list(
        Referral.objects.filter(territory__code="ATR-BA").values_list("service__ext_id", flat=True)
    ) == ["svc-giraffa"]
    # Protocols are history: the file's is added, the two it leaves out are kept.
    assert list(
        Protocol.objects.filter(territory__code="ATR-BA")
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
    ) == [datetime.date(2011, 1, 1), datetime.date(2011, 5, 10), datetime.date(2026, 1, 1)]
    assert list(
        EmergencyContact.objects.filter(province="BA")
        .order_by("position")
        .values_list("phone", flat=True)
    ) == ["112", "113"]
    assert (report.referrals.unchanged, report.referrals.deleted) == (1, 1)
    assert (report.protocols.created, report.protocols.deleted) == (1, 0)
    assert (report.emergency_contacts.created, report.emergency_contacts.updated) == (0, 2)
    assert report.emergency_contacts.deleted == 1
    # The file's fields are the truth: Barletta's e-mail, absent from the file, is cleared.
    organizations = report.organizations
    assert (organizations.created, organizations.updated, organizations.unchanged) == (24, 2, 1)
    assert Organization.objects.get(ext_id="org-cav-barletta").email == ""


def test_it_replaces_the_collections_of_a_service(rich: dict) -> None:
    network_import(copy.deepcopy(rich))
    giraffa = rich["services"][1]
    giraffa["phones"] = ["+39 333 0000001"]
    giraffa["schedules"] = giraffa["schedules"][1:]
    giraffa["closed_dates"] = ["2026-12-08"]
    giraffa["special_openings"] = []
    giraffa["languages"] = ["fr"]
    giraffa["service_area"] = {"provinces": ["BT"], "comuni": ["058091"]}
    giraffa["location"] |= {"lat": 41.1177, "lon": 16.8512, "confidential": True}

    network_import(rich)

    service = Service.objects.get(ext_id="svc-giraffa")
    assert list(service.phones.values_list("number", flat=True)) == ["+393330000001"]
    assert list(service.schedules.values_list("byday", flat=True)) == ["TU,TH"]
    assert list(service.closed_dates.values_list("date", flat=True)) == [datetime.date(2026, 12, 8)]
    assert not service.special_openings.exists()
    assert list(service.languages.values_list("code", flat=True)) == ["fr"]
    assert list(service.area_provinces.values_list("sigla", flat=True)) == ["BT"]
    assert list(service.area_comuni.values_list("code", flat=True)) == ["058091"]
    assert service.location.confidential
    assert network_export()["services"][1] == giraffa | {"phones": ["+393330000001"]}


def test_it_keeps_the_reason_of_a_closed_date_that_stays(rich: dict) -> None:
    network_import(copy.deepcopy(rich))
    ClosedDate.objects.filter(date="2026-08-14").update(reason="Ferragosto")
    rich["services"][0]["closed_dates"] = ["2026-08-14"]

    network_import(rich)

    assert list(
        ClosedDate.objects.filter(service__ext_id="svc-cav-barletta").values_list("date", "reason")
    ) == [(datetime.date(2026, 8, 14), "Ferragosto")]


def test_it_reorders_a_referral_chain(rich: dict) -> None:
    network_import(copy.deepcopy(rich))
    rich["referrals"][0]["priority"], rich["referrals"][1]["priority"] = 2, 1

    report = network_import(rich)

    assert (report.referrals.updated, report.referrals.unchanged) == (2, 3)
    assert list(
        Referral.objects.filter(territory__code="ATR-BA").values_list("service__ext_id", flat=True)
    ) == ["svc-notte", "svc-giraffa"]


def test_it_renames_and_recovers_a_territory(rich: dict) -> None:
    network_import(copy.deepcopy(rich))
    rich["territories"][1] |= {"name": "Comune di Bari", "comuni": ["072006", "072011"]}

    report = network_import(rich)

    assert (report.territories.updated, report.territories.unchanged) == (1, 2)
    territory = Territory.objects.get(code="ATR-BA-BARI")
    assert territory.name == "Comune di Bari"
    assert sorted(territory.comuni.values_list("code", flat=True)) == ["072006", "072011"]


def test_it_updates_a_protocol_in_place(rich: dict) -> None:
    network_import(copy.deepcopy(rich))
    protocol = Protocol.objects.get(territory__code="ATR-BT")
    rich["protocols"][3] |= {"status": "active", "parties": ["org-cav-barletta"]}

    report = network_import(rich)

    assert (report.protocols.updated, report.protocols.unchanged) == (1, 3)
    protocol.refresh_from_db()
    assert protocol.status == "active"
    assert list(protocol.parties.values_list("ext_id", flat=True)) == ["org-cav-barletta"]


def test_it_keeps_the_protocols_that_the_file_leaves_out(rich: dict) -> None:
    network_import(copy.deepcopy(rich))
    revision = network_revision_current()
    rich["protocols"] = [p for p in rich["protocols"] if p["territory"] != "ATR-BA"]

    report = network_import(rich)

    assert not report.changed
    assert network_revision_current() == revision
    assert Protocol.objects.filter(territory__code="ATR-BA").count() == 2


def test_it_replaces_the_emergency_contacts_of_a_province(rich: dict) -> None:
    network_import(copy.deepcopy(rich))
    rich["emergency_contacts"][:3] = [
        {"province": "BA", "name": "Numero unico di emergenza", "phone": "112"},
        {"province": "BA", "name": "Polizia di Stato", "phone": "113"},
    ]

    report = network_import(rich)

    counts = report.emergency_contacts
    assert (counts.created, counts.updated, counts.unchanged, counts.deleted) == (0, 2, 1, 1)
    assert list(
        EmergencyContact.objects.filter(province="BA")
        .order_by("position")
        .values_list("name", "phone")
    ) == [("Numero unico di emergenza", "112"), ("Polizia di Stato", "113")]


def test_it_moves_a_service_to_another_organisation(rich: dict) -> None:
    network_import(copy.deepcopy(rich))
    rich["services"][3]["organization"] = "org-giraffa"
    phones = set(Phone.objects.values_list("pk", flat=True))

    report = network_import(rich)

    assert report.services.updated == 1
    assert Service.objects.get(ext_id="svc-notte").organization.ext_id == "org-giraffa"
    assert set(Phone.objects.values_list("pk", flat=True)) == phones


def test_it_adds_a_location_to_a_service_that_had_none(rich: dict) -> None:
    network_import(copy.deepcopy(rich))
    Service.objects.get(ext_id="svc-notte").location.delete()

    report = network_import(rich)

    assert report.services.updated == 1
    assert Service.objects.get(ext_id="svc-notte").location.comune_id == "072006"
