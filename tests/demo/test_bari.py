"""Bari is the seed's network, record for record (the example file network-bari.json)."""

import phonenumbers

LOCATION_DEFAULTS = {"lat": None, "lon": None, "confidential": False}


def _by_id(records: list[dict]) -> dict[str, dict]:
    return {record["id"]: record for record in records}


def _with_defaults(service: dict) -> dict:
    return {**service, "location": {**LOCATION_DEFAULTS, **service["location"]}}


def test_it_gives_the_giraffa_centre_as_the_seed_does(document: dict) -> None:
    giraffa = _by_id(document["services"])["svc-giraffa"]
    organization = _by_id(document["organizations"])[giraffa["organization"]]
    phone = phonenumbers.parse(giraffa["phones"][0], "IT")

    assert organization["name"] == "Associazione GIRAFFA Onlus"
    assert organization["tax_id"] == "01429080425"
    assert giraffa["name"] == "Centro antiviolenza GIRAFFA"
    assert giraffa["location"]["address"] == "Via Napoli 308, Bari"
    assert giraffa["location"]["comune"] == "072006"
    assert giraffa["schedules"] == [
        {
            "byday": "MO,WE,FR",
            "opens_at": "09:00",
            "closes_at": "13:00",
            "valid_from": None,
            "valid_to": None,
        }
    ]
    assert phonenumbers.format_number(phone, phonenumbers.PhoneNumberFormat.E164) == "+390805741461"


def test_it_puts_giraffa_first_in_the_bari_chain(document: dict) -> None:
    chain = sorted(
        (r for r in document["referrals"] if r["territory"] == "ATR-BA"),
        key=lambda r: r["priority"],
    )

    assert chain[0]["service"] == "svc-giraffa"


def test_it_has_every_organization_of_the_example_unchanged(
    document: dict, example_bari: dict
) -> None:
    organizations = _by_id(document["organizations"])

    assert len(example_bari["organizations"]) == 27
    for organization in example_bari["organizations"]:
        assert organizations[organization["id"]] == organization


def test_it_has_every_service_and_referral_of_the_example_unchanged(
    document: dict, example_bari: dict
) -> None:
    services = _by_id(document["services"])

    for service in example_bari["services"]:
        assert _with_defaults(services[service["id"]]) == _with_defaults(service)
    for referral in example_bari["referrals"]:
        assert referral in document["referrals"]


def test_it_has_the_territory_and_emergency_contacts_of_the_example(
    document: dict, example_bari: dict
) -> None:
    for territory in example_bari["territories"]:
        assert territory in document["territories"]
    for contact in example_bari["emergency_contacts"]:
        assert contact in document["emergency_contacts"]


def test_it_keeps_the_example_protocol_dates_and_title(document: dict, example_bari: dict) -> None:
    # The example file marks the 2011-2012 protocol active; the demo marks it terminated,
    # which it is since 2013. Either way it is not in force today.
    fields = ("territory", "signed_on", "valid_from", "valid_to", "title")
    demo = [{f: p.get(f) for f in fields} for p in document["protocols"]]
    for protocol in example_bari["protocols"]:
        assert {f: protocol.get(f) for f in fields} in demo
