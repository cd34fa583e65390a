"""Every phone number is a valid Italian number; invented ones are fictitious."""

import phonenumbers
from phonenumbers import geocoder

from rete.directory.validators import normalize_emergency_phone, normalize_phone

SEED_NUMBERS = {"+39 080 5741461"}


def test_it_gives_only_valid_numbers(document: dict) -> None:
    phones = [phone for s in document["services"] for phone in s["phones"]]

    assert len(phones) > 80
    for phone in phones:
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone, "IT")), phone
        normalize_phone(phone)


def test_it_never_gives_a_number_twice(document: dict) -> None:
    phones = [normalize_phone(phone) for s in document["services"] for phone in s["phones"]]

    assert len(phones) == len(set(phones))


def test_it_invents_numbers_in_the_reserved_looking_range(document: dict) -> None:
    for service in document["services"]:
        for phone in service["phones"]:
            if phone in SEED_NUMBERS:
                continue
            _country, _area_code, subscriber = phone.split(" ")
            assert subscriber.startswith("0000"), phone


def test_it_uses_the_area_code_of_the_service_town(document: dict) -> None:
    # The geocoder names the district of the area code, e.g. 051 -> Bologna.
    samples = {"svc-bologna-cav": "Bologna", "svc-torino-cav": "Torino", "svc-roma-cav": "Roma"}
    services = {s["id"]: s for s in document["services"]}
    for service_id, town in samples.items():
        number = phonenumbers.parse(services[service_id]["phones"][0], "IT")
        assert geocoder.description_for_number(number, "it") == town


def test_it_gives_valid_emergency_numbers(document: dict) -> None:
    for contact in document["emergency_contacts"]:
        assert normalize_emergency_phone(contact["phone"]) == contact["phone"]
