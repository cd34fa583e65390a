"""The 27 pilot territories of the seed, each with a protocol in force on the demo day."""

import datetime

from rete.demo.network import DEMO_DAY, demo_network
from rete.geography.istat import read_comuni

SEED_CITIES = {
    "Bologna", "Cosenza", "Faenza", "Isernia", "Napoli", "Nuoro", "Palermo", "Pescara",
    "Potenza", "Prato", "Ravenna", "Reggio nell'Emilia", "Trieste", "Venezia", "Agrigento",
    "Aosta", "Latina", "Torino",
}  # fmt: skip
SEED_PROVINCES = {"AN", "BA", "CE", "CT", "KR", "GE", "PU", "TE", "BZ"}


def _in_force(protocol: dict, day: datetime.date) -> bool:
    valid_to = protocol["valid_to"]
    return (
        protocol["status"] == "active"
        and datetime.date.fromisoformat(protocol["valid_from"]) <= day
        and (valid_to is None or day <= datetime.date.fromisoformat(valid_to))
    )


def test_it_has_the_27_pilot_territories(document: dict) -> None:
    names = {comune.code: comune.name for comune in read_comuni()}
    territories = document["territories"]
    cities = {names[t["comuni"][0]] for t in territories if t["comuni"]}

    assert len(territories) == 27
    assert len({t["code"] for t in territories}) == 27
    assert cities == SEED_CITIES
    assert {sigla for t in territories for sigla in t["provinces"]} == SEED_PROVINCES


def test_it_codes_provinces_by_sigla_and_cities_by_name(document: dict) -> None:
    for territory in document["territories"]:
        if territory["provinces"]:
            assert territory["comuni"] == []
            assert territory["code"] == f"ATR-{territory['provinces'][0]}"
        else:
            assert len(territory["comuni"]) == 1
            assert territory["code"].startswith("ATR-C-")


def test_it_has_no_city_inside_a_province_territory(document: dict) -> None:
    # The seed's 18 cities all lie in provinces without a province-level territory.
    province_of = {comune.code: comune.province_sigla for comune in read_comuni()}
    covered = {sigla for t in document["territories"] for sigla in t["provinces"]}
    for territory in document["territories"]:
        for code in territory["comuni"]:
            assert province_of[code] not in covered


def test_it_puts_every_territory_under_a_protocol_in_force_on_the_demo_day(document: dict) -> None:
    in_force = {p["territory"] for p in document["protocols"] if _in_force(p, DEMO_DAY)}

    assert in_force == {t["code"] for t in document["territories"]}


def test_it_keeps_protocols_in_force_for_the_next_years(document: dict) -> None:
    later = datetime.date(2028, 12, 31)
    in_force = {p["territory"] for p in document["protocols"] if _in_force(p, later)}

    assert len(in_force) == 27


def test_it_keeps_the_seed_protocol_of_bari_as_history(document: dict) -> None:
    bari = [p for p in document["protocols"] if p["territory"] == "ATR-BA"]

    assert [(p["valid_from"], p["valid_to"], p["status"]) for p in bari] == [
        ("2011-01-01", "2012-12-31", "active"),
        ("2026-01-01", "2028-12-31", "active"),
    ]
    assert bari[1]["kind"] == "renewal"


def test_it_gives_every_territory_a_referral_chain_of_one_to_three_services(document: dict) -> None:
    services = {s["id"] for s in document["services"]}
    for territory in document["territories"]:
        chain = [r for r in document["referrals"] if r["territory"] == territory["code"]]
        assert 1 <= len(chain) <= 3, territory["code"]
        assert [r["priority"] for r in chain] == list(range(1, len(chain) + 1))
        assert all(r["service"] in services for r in chain)


def test_it_is_deterministic() -> None:
    assert demo_network() == demo_network()
