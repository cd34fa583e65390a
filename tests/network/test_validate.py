"""Checking a network file: every error, with its JSON path; nothing written."""

import copy
from collections.abc import Callable

import pytest

from rete.network.networkfile.schema import NetworkFileInvalid
from rete.network.networkfile.validate import network_file_normalize, network_file_validate
from tests.network.documents import RICH

pytestmark = pytest.mark.django_db


def paths(document: object) -> list[str]:
    return [error.path for error in network_file_validate(document)]


def test_it_accepts_the_bari_example(bari: dict) -> None:
    assert network_file_validate(bari) == []


def test_it_accepts_the_rich_network(rich: dict) -> None:
    assert network_file_validate(rich) == []


def test_it_lists_every_error_with_its_path(rich: dict) -> None:
    rich["format"] = "rete-network/2"
    rich["protocols"][2]["valid_to"] = "2020-01-01"
    rich["organizations"][1]["tax_id"] = "01429080426"
    rich["organizations"].append(copy.deepcopy(rich["organizations"][1]) | {"tax_id": None})
    rich["services"][0]["phones"][0] = "12345"
    rich["services"][0]["languages"].append("xx")
    rich["services"][1]["schedules"][0]["opens_at"] = "25:00"
    rich["services"][1]["closed_dates"].append("2026-12-06")
    rich["services"][2]["location"]["comune"] = "999999"
    rich["services"][3]["nmae"] = "Sportello"
    rich["referrals"][4]["service"] = "svc-missing"
    rich["emergency_contacts"][0]["province"] = "XX"

    errors = network_file_validate(rich)

    assert [error.path for error in errors] == [
        "$.format",
        "$.protocols[2].valid_to",
        "$.organizations[1].tax_id",
        "$.organizations[3].id",
        "$.services[0].phones[0]",
        "$.services[0].languages[2]",
        "$.services[1].schedules[0].opens_at",
        "$.services[1].special_openings[0].date",
        "$.services[2].location.comune",
        "$.services[3].nmae",
        "$.referrals[4].service",
        "$.emergency_contacts[0].province",
    ]
    assert all(error.message for error in errors)
    assert (
        str(errors[3])
        == "$.organizations[3].id: “org-giraffa” is already used at $.organizations[1].id."
    )


def test_it_raises_with_every_error_when_normalising(rich: dict) -> None:
    rich["services"][0]["kind"] = "spa"
    rich["services"][1]["open_on_holidays"] = "yes"

    with pytest.raises(NetworkFileInvalid) as raised:
        network_file_normalize(rich)

    assert [str(error) for error in raised.value.errors] == [
        "$.services[0].kind: “spa” is not one of: anti_violence_centre, shelter, helpline, "
        "counselling, social_service, health_service, emergency_room, police, legal, other.",
        "$.services[1].open_on_holidays: Expected true or false.",
    ]


@pytest.mark.parametrize("document", [[], "rete-network/1", None, 1])
def test_it_refuses_a_document_that_is_not_an_object(document: object) -> None:
    assert paths(document) == ["$"]


def test_it_takes_a_missing_section_as_empty() -> None:
    assert network_file_normalize({"format": "rete-network/1"}) == {
        "format": "rete-network/1",
        "territories": [],
        "protocols": [],
        "organizations": [],
        "services": [],
        "referrals": [],
        "emergency_contacts": [],
    }


def test_it_refuses_a_document_without_format() -> None:
    assert paths({"territories": []}) == ["$.format"]


def test_it_refuses_unknown_top_level_keys_and_sections_that_are_not_lists() -> None:
    assert paths({"format": "rete-network/1", "service": [], "referrals": {}}) == [
        "$.service",
        "$.referrals",
    ]


def test_it_names_a_key_that_is_not_an_identifier_with_brackets(rich: dict) -> None:
    rich["territories"][0]["two words"] = 1

    assert paths(rich) == ['$.territories[0]["two words"]']


def test_it_normalises_what_it_accepts(bari: dict) -> None:
    bari["organizations"][0]["tax_id"] = ""
    bari["organizations"][1]["tax_id"] = "rssmra85t10a562s"
    bari["services"][0]["location"] |= {"lat": 41.12345678, "lon": 16}
    bari["services"][0]["languages"] = ["it", "ar"]

    network = network_file_normalize(bari)

    organizations = {o["id"]: o for o in network["organizations"]}
    assert organizations["org-provincia-bari"]["tax_id"] is None
    assert organizations["org-comune-bari"]["tax_id"] == "RSSMRA85T10A562S"
    assert (
        organizations["org-giraffa"] | {"email": "", "website": ""} == organizations["org-giraffa"]
    )
    service = network["services"][0]
    assert service["phones"] == ["+390805741461"]
    assert service["location"] == {
        "address": "Via Napoli 308, Bari",
        "comune": "072006",
        "lat": 41.123457,
        "lon": 16.0,
        "confidential": False,
    }
    assert service["languages"] == ["ar", "it"]
    assert service["description"] == ""
    assert network["protocols"][0]["kind"] == "original"
    assert network["protocols"][0]["parties"] == []
    assert [o["id"] for o in network["organizations"]] == sorted(
        o["id"] for o in bari["organizations"]
    )


def _set(path: tuple, value: object) -> Callable[[dict], None]:
    def mutate(document: dict) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return mutate


def _delete(path: tuple) -> Callable[[dict], None]:
    def mutate(document: dict) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return mutate


def _append(section: str, record: dict) -> Callable[[dict], None]:
    """Add a record: one that nothing refers to, so its errors stay its own."""

    def mutate(document: dict) -> None:
        document[section].append(copy.deepcopy(record))

    return mutate


S1 = ("services", 1)
SERVICE = RICH["services"][1]


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        # Types and required fields.
        (_set(("territories", 0, "name"), 7), "$.territories[0].name"),
        (_set(("territories", 0, "name"), "  "), "$.territories[0].name"),
        (_delete(("organizations", 0, "kind")), "$.organizations[0].kind"),
        (_set(("emergency_contacts", 3), "112"), "$.emergency_contacts[3]"),
        (_set((*S1, "phones"), "+390805741461"), "$.services[1].phones"),
        (_set((*S1, "location"), None), "$.services[1].location"),
        (_delete((*S1, "location")), "$.services[1].location"),
        (_set((*S1, "location", "confidential"), 1), "$.services[1].location.confidential"),
        (_set((*S1, "name"), "x" * 301), "$.services[1].name"),
        (_set(("referrals", 0, "priority"), 0), "$.referrals[0].priority"),
        (_set(("referrals", 0, "priority"), True), "$.referrals[0].priority"),
        (_set(("referrals", 0, "priority"), 1.5), "$.referrals[0].priority"),
        # Ids and codes.
        (_append("services", SERVICE | {"id": "Svc Giraffa"}), "$.services[4].id"),
        (_append("territories", {"code": "BA", "name": "Bari"}), "$.territories[3].code"),
        (_set(("territories", 1, "comuni"), ["72006"]), "$.territories[1].comuni[0]"),
        (_set(("territories", 0, "provinces"), ["BA", "BA"]), "$.territories[0].provinces[1]"),
        (
            _set((*S1, "service_area", "provinces"), ["ZZ"]),
            "$.services[1].service_area.provinces[0]",
        ),
        (_set((*S1, "service_area", "regions"), []), "$.services[1].service_area.regions"),
        # Duplicates.
        (_append("territories", {"code": "ATR-BA", "name": "Bari"}), "$.territories[3].code"),
        (_append("services", SERVICE), "$.services[4].id"),
        (_set(("referrals", 1, "priority"), 1), "$.referrals[1].priority"),
        (_set(("referrals", 1, "service"), "svc-giraffa"), "$.referrals[1].service"),
        (_append("protocols", RICH["protocols"][0] | {"title": ""}), "$.protocols[4].valid_from"),
        (_set(("emergency_contacts", 1, "phone"), "113"), "$.emergency_contacts[1].phone"),
        (_set((*S1, "phones"), ["+39 080 5741461", "0805741461"]), "$.services[1].phones[1]"),
        (
            _set((*S1, "closed_dates"), ["2026-12-07", "2026-12-07"]),
            "$.services[1].closed_dates[1]",
        ),
        (
            _set((*S1, "special_openings", 2, "opens_at"), "09:00"),
            "$.services[1].special_openings[2]",
        ),
        # Dangling references.
        (_set((*S1, "organization"), "org-nobody"), "$.services[1].organization"),
        (_set(("referrals", 0, "territory"), "ATR-XX"), "$.referrals[0].territory"),
        (_set(("protocols", 0, "territory"), "ATR-XX"), "$.protocols[0].territory"),
        (_set(("protocols", 0, "parties"), ["org-nobody"]), "$.protocols[0].parties[0]"),
        # Geography.
        (_set((*S1, "location", "comune"), 72006), "$.services[1].location.comune"),
        (_set(("emergency_contacts", 0, "province"), "ba"), "$.emergency_contacts[0].province"),
        # Times, days and dates.
        (_set((*S1, "schedules", 0, "opens_at"), "24:00"), "$.services[1].schedules[0].opens_at"),
        (_set((*S1, "schedules", 0, "opens_at"), "9:00"), "$.services[1].schedules[0].opens_at"),
        (
            _set((*S1, "schedules", 0, "closes_at"), "09:00:00"),
            "$.services[1].schedules[0].closes_at",
        ),
        (_set((*S1, "schedules", 0, "byday"), "MO,MO"), "$.services[1].schedules[0].byday"),
        (_set((*S1, "schedules", 0, "byday"), "Monday"), "$.services[1].schedules[0].byday"),
        (_set((*S1, "schedules", 0, "byday"), ""), "$.services[1].schedules[0].byday"),
        (_set((*S1, "schedules", 0, "byday"), "MO\n"), "$.services[1].schedules[0].byday"),
        (_append("services", SERVICE | {"id": "svc-x\n"}), "$.services[4].id"),
        (_append("territories", {"code": "ATR-XY\n", "name": "X"}), "$.territories[3].code"),
        (
            _set((*S1, "schedules", 1, "valid_to"), "2025-12-31"),
            "$.services[1].schedules[1].valid_to",
        ),
        (
            _set((*S1, "schedules", 1, "valid_from"), "2026-02-30"),
            "$.services[1].schedules[1].valid_from",
        ),
        (_set((*S1, "closed_dates"), ["20261207"]), "$.services[1].closed_dates[0]"),
        (_set((*S1, "closed_dates"), ["2026-12-07\n"]), "$.services[1].closed_dates[0]"),
        (_set((*S1, "schedules", 0, "opens_at"), "09:00\n"), "$.services[1].schedules[0].opens_at"),
        (_set(("protocols", 0, "signed_on"), "10/05/2011"), "$.protocols[0].signed_on"),
        (_set(("protocols", 0, "valid_from"), None), "$.protocols[0].valid_from"),
        (_set(("protocols", 0, "valid_to"), "2011-05-09"), "$.protocols[0].valid_to"),
        (
            _set((*S1, "special_openings", 0, "closes_at"), "12"),
            "$.services[1].special_openings[0].closes_at",
        ),
        # Closed vocabularies.
        (_set(("organizations", 0, "kind"), "ngo"), "$.organizations[0].kind"),
        (_set((*S1, "kind"), "association"), "$.services[1].kind"),
        (_set((*S1, "languages"), ["it", "ITA"]), "$.services[1].languages[1]"),
        (_set(("protocols", 0, "status"), "signed"), "$.protocols[0].status"),
        (_set(("protocols", 0, "kind"), "addendum"), "$.protocols[0].kind"),
        # Phones, fiscal codes, contacts.
        (_set((*S1, "phones", 0), "080 57"), "$.services[1].phones[0]"),
        (_set((*S1, "phones", 0), "112"), "$.services[1].phones[0]"),
        (_set(("emergency_contacts", 0, "phone"), "999"), "$.emergency_contacts[0].phone"),
        (_set(("organizations", 1, "tax_id"), "123"), "$.organizations[1].tax_id"),
        (_set(("organizations", 1, "tax_id"), 1429080425), "$.organizations[1].tax_id"),
        (_set(("organizations", 0, "email"), "not an address"), "$.organizations[0].email"),
        (_set(("organizations", 0, "website"), "cav.example"), "$.organizations[0].website"),
        # Coordinates.
        (_set((*S1, "location", "lat"), 41.1), "$.services[1].location.lon"),
        (_set(("services", 0, "location", "lon"), None), "$.services[0].location.lon"),
        (_set(("services", 0, "location", "lat"), 91), "$.services[0].location.lat"),
        (_set(("services", 0, "location", "lon"), -180.5), "$.services[0].location.lon"),
        (_set(("services", 0, "location", "lat"), "41.3"), "$.services[0].location.lat"),
        (_set(("services", 0, "location", "lat"), float("nan")), "$.services[0].location.lat"),
    ],
)
def test_it_refuses(mutate: Callable[[dict], None], path: str) -> None:
    document = copy.deepcopy(RICH)
    mutate(document)

    errors = network_file_validate(document)

    assert [error.path for error in errors] == [path], errors


@pytest.mark.parametrize(
    ("opens_at", "closes_at"), [("00:00", "00:00"), ("09:00", "09:00"), ("22:00", "06:00")]
)
def test_it_accepts_intervals_that_run_past_midnight(
    rich: dict, opens_at: str, closes_at: str
) -> None:
    rich["services"][1]["schedules"][0] |= {"opens_at": opens_at, "closes_at": closes_at}

    assert network_file_validate(rich) == []


def test_it_accepts_what_may_be_omitted(bari: dict) -> None:
    """Optional fields left out: they take their defaults."""
    del bari["organizations"][1]["tax_id"]
    service = bari["services"][0]
    for key in ("phones", "schedules", "closed_dates", "special_openings", "open_on_holidays"):
        del service[key]
    for key in ("languages", "service_area"):
        del service[key]
    del bari["protocols"][0]["signed_on"]
    del bari["protocols"][0]["title"]

    assert network_file_validate(bari) == []
