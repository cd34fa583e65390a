"""The synthetic national network of `make bench` is a valid `rete-network/1` document of the
promised shape: every province an ATR, 50 city ATRs, services with 1-3 rules, protocols in
force for 2026, emergency contacts everywhere. A small variant (300 services) keeps it fast."""

from collections import Counter
from datetime import date, datetime

import phonenumbers
import pytest

from bench.national_network import national_network
from rete.geography.istat import read_comuni
from rete.network.networkfile.validate import network_file_validate
from rete.routing.engine import ROME, ComuneInfo, decide, snapshot_from_network

ISTAT = list(read_comuni())
CODES = {row.code for row in ISTAT}
PROVINCES = {row.province_sigla for row in ISTAT}
CAPITALS = {row.code: row.province_sigla for row in ISTAT if row.is_capital}
ALL_WEEK = {
    "byday": "MO,TU,WE,TH,FR,SA,SU",
    "opens_at": "00:00",
    "closes_at": "00:00",
    "valid_from": None,
    "valid_to": None,
}


@pytest.fixture(scope="module")
def small() -> dict:
    return national_network(services=300)


def test_it_passes_the_network_file_validator(small):
    assert network_file_validate(small, comuni=CODES, provinces=PROVINCES) == []


def test_it_makes_every_province_an_atr(small):
    by_code = {t["code"]: t for t in small["territories"]}
    assert len(PROVINCES) == 107
    for sigla in PROVINCES:
        assert by_code[f"ATR-{sigla}"]["provinces"] == [sigla]


def test_it_makes_fifty_capitals_of_distinct_provinces_city_atrs(small):
    cities = [t for t in small["territories"] if t["comuni"]]
    assert len(cities) == 50
    assert len(small["territories"]) == 107 + 50
    assert all(len(t["comuni"]) == 1 and not t["provinces"] for t in cities)
    provinces = [CAPITALS[t["comuni"][0]] for t in cities]  # KeyError if not a capital
    assert len(set(provinces)) == 50


def test_it_gives_the_asked_number_of_services_with_one_to_three_rules(small):
    services = small["services"]
    assert len(services) == 300
    assert len({s["id"] for s in services}) == 300
    assert {len(s["schedules"]) for s in services} <= {1, 2, 3}
    organizations = {o["id"] for o in small["organizations"]}
    assert {s["organization"] for s in services} <= organizations
    assert {s["location"]["comune"] for s in services} <= CODES


def test_it_mixes_the_shapes_of_opening_hours():
    services = national_network(services=1_000)["services"]
    rules = [rule for s in services for rule in s["schedules"]]
    whole_days = [s for s in services if s["schedules"][0] == ALL_WEEK]
    assert whole_days and all(s["open_on_holidays"] for s in whole_days)
    assert any("00:00" < r["closes_at"] < r["opens_at"] for r in rules)  # past midnight
    assert any(r["byday"] == "SA,SU" for r in rules)
    assert any(r["valid_from"] or r["valid_to"] for r in rules)
    assert any(s["closed_dates"] for s in services)
    assert any(s["special_openings"] for s in services)
    assert any(s["service_area"]["comuni"] for s in services)
    assert any(len(s["languages"]) > 1 for s in services)


def test_it_writes_valid_e164_phones(small):
    for service in small["services"]:
        assert service["phones"]
        for phone in service["phones"]:
            parsed = phonenumbers.parse(phone)
            assert phonenumbers.is_valid_number(parsed)
            assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == phone


def test_it_puts_protocols_in_force_for_the_whole_of_2026(small):
    protocols = {p["territory"]: p for p in small["protocols"]}
    assert set(protocols) == {t["code"] for t in small["territories"]}
    for protocol in protocols.values():
        assert protocol["status"] == "active"
        assert date.fromisoformat(protocol["valid_from"]) <= date(2026, 1, 1)
        until = protocol["valid_to"]
        assert until is None or date.fromisoformat(until) >= date(2026, 12, 31)


def test_it_gives_every_territory_a_chain_of_one_to_four_of_its_services(small):
    located = {s["id"]: s["location"]["comune"] for s in small["services"]}
    province_of = {row.code: row.province_sigla for row in ISTAT}
    chains: dict[str, list[dict]] = {}
    for referral in small["referrals"]:
        chains.setdefault(referral["territory"], []).append(referral)
    for territory in small["territories"]:
        chain = chains[territory["code"]]
        assert 1 <= len(chain) <= 4
        assert sorted(r["priority"] for r in chain) == list(range(1, len(chain) + 1))
        for referral in chain:
            comune = located[referral["service"]]
            if territory["comuni"]:
                assert comune in territory["comuni"]
            else:
                assert province_of[comune] in territory["provinces"]


def test_it_lists_112_and_113_for_every_province(small):
    phones = Counter((c["province"], c["phone"]) for c in small["emergency_contacts"])
    assert set(phones) == {(sigla, phone) for sigla in PROVINCES for phone in ("112", "113")}
    assert set(phones.values()) == {1}


def test_it_is_deterministic_for_a_seed():
    assert national_network(services=200) == national_network(services=200)
    assert national_network(7, services=200) != national_network(services=200)


def test_it_has_the_national_size_by_default():
    network = national_network()
    assert len(network["services"]) == 5_000
    assert len(network["territories"]) == 157


def test_it_refuses_fewer_services_than_provinces():
    with pytest.raises(ValueError, match="at least 107"):
        national_network(services=100)


def test_it_covers_a_city_atr_capital_by_its_city_then_its_province(small):
    comuni = [
        ComuneInfo(r.code, r.name, r.province_sigla, r.region_name, r.is_capital) for r in ISTAT
    ]
    snapshot = snapshot_from_network(small, comuni)
    city = next(t for t in small["territories"] if t["comuni"])
    capital = city["comuni"][0]
    covering = [t.code for t in snapshot.coverage[capital]]
    assert covering == [city["code"], f"ATR-{CAPITALS[capital]}"]
    decision = decide(snapshot, capital, datetime(2026, 3, 4, 10, 0, tzinfo=ROME))
    assert decision.mode in {"transfer", "out_of_hours"}
