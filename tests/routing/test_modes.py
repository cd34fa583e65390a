"""The four modes of a decision: emergency, transfer, out_of_hours, orientation."""

from datetime import datetime

import pytest
from networks import (
    ANDRIA,
    BARI,
    BITONTO,
    MOLA,
    PALERMO,
    ROMA,
    WEEKDAYS,
    build,
    chain,
    contact,
    protocol,
    rome,
    rule,
    service,
    territory,
)

from rete.routing.engine import NaiveInstant, UnknownComune, decide

# 2026-11-25 is a Wednesday.


def bari_network(**overrides):
    """ATR-BA: a chain of two centres, plus a 24-hour line and a clinic outside the chain."""
    parts = {
        "territories": [territory("ATR-BA", "Provincia di Bari", provinces=["BA"])],
        "protocols": [protocol("ATR-BA")],
        "services": [
            service(
                "giraffa", name="Centro antiviolenza GIRAFFA", schedules=[rule(byday=WEEKDAYS)]
            ),
            service(
                "cav-mola",
                name="Centro antiviolenza di Mola",
                comune=MOLA,
                schedules=[rule("12:00", "18:00", "MO,WE,FR"), rule("09:00", "10:00", "SA")],
            ),
            service(
                "linea",
                name="Linea 24 ore",
                kind="helpline",
                schedules=[rule("00:00", "00:00")],
                open_on_holidays=True,
            ),
            service(
                "consultorio",
                name="Consultorio",
                kind="health_service",
                schedules=[rule("08:00", "14:00", WEEKDAYS)],
            ),
        ],
        "referrals": chain("ATR-BA", "giraffa", "cav-mola"),
        "emergency_contacts": [contact("BA", "Questura di Bari", "113")],
    }
    parts.update(overrides)
    return build(**parts)


def ids(items):
    return [item.service_id for item in items]


def test_it_transfers_to_the_first_open_service_in_chain_order():
    decision = decide(bari_network(), BITONTO, rome(2026, 11, 25, 10, 30))

    assert decision.mode == "transfer"
    assert decision.territory.code == "ATR-BA"
    assert decision.target.service_id == "giraffa"
    assert decision.target.open_now
    assert decision.alternatives == ()
    assert decision.next_opening is None
    assert decision.explanation.code == "transfer"
    assert decision.explanation.params["service"] == "Centro antiviolenza GIRAFFA"


def test_it_lists_the_other_open_chain_services_as_alternatives():
    decision = decide(bari_network(), BARI, rome(2026, 11, 25, 12, 30))

    assert decision.target.service_id == "giraffa"
    assert ids(decision.alternatives) == ["cav-mola"]  # the 24-hour line is not in the chain
    assert decision.explanation.params["open_alternatives"] == 1


def test_it_follows_referral_priorities_not_their_order_in_the_file():
    referrals = [
        {"territory": "ATR-BA", "service": "cav-mola", "priority": 2},
        {"territory": "ATR-BA", "service": "giraffa", "priority": 1},
    ]

    decision = decide(bari_network(referrals=referrals), BARI, rome(2026, 11, 25, 12, 30))

    assert decision.target.service_id == "giraffa"
    assert ids(decision.alternatives) == ["cav-mola"]


def test_it_skips_a_closed_service_for_the_next_open_one_in_the_chain():
    decision = decide(bari_network(), BARI, rome(2026, 11, 25, 16, 0))

    assert decision.mode == "transfer"
    assert decision.target.service_id == "cav-mola"
    assert decision.explanation.code == "transfer"


def test_it_gives_out_of_hours_information_when_the_whole_chain_is_closed():
    decision = decide(bari_network(), BARI, rome(2026, 11, 25, 20, 0))

    assert decision.mode == "out_of_hours"
    assert decision.territory.code == "ATR-BA"
    assert decision.target.service_id == "giraffa"
    assert not decision.target.open_now
    assert decision.target.next_opening == rome(2026, 11, 26, 9, 0)
    assert decision.next_opening == rome(2026, 11, 26, 9, 0)
    assert ids(decision.alternatives) == ["cav-mola", "linea"]
    mola, line = decision.alternatives
    assert mola.next_opening == rome(2026, 11, 27, 12, 0) and not mola.open_now
    assert line.open_now and line.next_opening is None
    assert decision.explanation.code == "out_of_hours"
    assert decision.explanation.params == {
        "territory": "Provincia di Bari",
        "service": "Centro antiviolenza GIRAFFA",
        "service_next_opening": "2026-11-26T09:00:00+01:00",
        "next_opening": "2026-11-26T09:00:00+01:00",
        "open_alternatives": 1,
    }


def test_it_gives_the_earliest_opening_of_any_chain_service_even_if_not_the_target():
    decision = decide(bari_network(), BARI, rome(2026, 11, 27, 20, 0))  # Friday evening

    assert decision.target.service_id == "giraffa"
    assert decision.target.next_opening == rome(2026, 11, 30, 9, 0)
    assert decision.next_opening == rome(2026, 11, 28, 9, 0)  # Mola on Saturday


def test_it_gives_no_next_opening_when_nothing_opens_within_60_days():
    network = bari_network(
        services=[service("giraffa", schedules=[rule(valid_to="2026-11-20")])],
        referrals=chain("ATR-BA", "giraffa"),
    )

    decision = decide(network, BARI, rome(2026, 11, 25, 10, 0))

    assert decision.mode == "out_of_hours"
    assert decision.target.next_opening is None
    assert decision.next_opening is None
    assert decision.explanation.params["next_opening"] is None


def test_it_orients_when_the_comune_is_in_no_territory():
    decision = decide(bari_network(), ANDRIA, rome(2026, 11, 25, 10, 30))  # BT, not BA

    assert decision.mode == "orientation"
    assert decision.territory is None
    assert decision.target is None
    assert decision.next_opening is None
    assert decision.explanation.code == "orientation_none"
    assert decision.explanation.params["reason"] == "no_territory"


def test_it_orders_orientation_open_first_then_kind_then_proximity_then_name():
    snapshot = build(
        services=[
            service(
                "roma-line",
                kind="helpline",
                comune=ROMA,
                schedules=[rule("00:00", "00:00")],
                provinces=["RM", "BA"],
            ),
            service("bari-clinic", kind="health_service", comune=BARI),
            service("bari-shelter", kind="shelter", comune=BARI),
            service("z-bari", name="Zeta", comune=BARI),
            service("a-bitonto", name="Alfa", comune=BITONTO),
            service("a-andria", name="Beta", comune=ANDRIA, provinces=["BA"]),
            service("a-roma", name="Alfa", comune=ROMA, provinces=[], comuni=[BARI]),
            service("b-bari", name="beta", comune=BARI),
            service("other-province", comune=PALERMO),
        ]
    )

    decision = decide(snapshot, BARI, rome(2026, 11, 25, 14, 0))  # all but the line closed

    assert ids(decision.alternatives) == [
        "roma-line",
        "b-bari",  # centres: same comune first, by name regardless of case
        "z-bari",
        "a-bitonto",  # same province
        "a-andria",  # same region
        "a-roma",
        "bari-shelter",
        "bari-clinic",
    ]
    assert decision.alternatives[0].open_now
    assert decision.alternatives[1].next_opening == rome(2026, 11, 26, 9, 0)
    assert decision.explanation.code == "orientation"
    assert decision.explanation.params == {
        "reason": "no_territory",
        "territory": None,
        "expired_on": None,
        "province": "BA",
        "services": 8,
        "open": 1,
    }


def test_it_orients_when_the_territory_has_no_referral_chain():
    decision = decide(bari_network(referrals=[]), BARI, rome(2026, 11, 25, 10, 30))

    assert decision.mode == "orientation"
    assert ids(decision.alternatives) == ["giraffa", "linea", "consultorio", "cav-mola"]
    assert decision.explanation.params["reason"] == "no_referral_chain"
    assert decision.explanation.params["territory"] == "Provincia di Bari"


def test_it_runs_the_emergency_procedure_even_when_a_service_is_open():
    decision = decide(bari_network(), BARI, rome(2026, 11, 25, 10, 30), emergency=True)

    assert decision.mode == "emergency"
    assert decision.territory.code == "ATR-BA"
    assert decision.target is None
    assert decision.next_opening is None
    assert decision.alternatives == ()
    assert [(c.name, c.phone) for c in decision.emergency_contacts] == [
        ("Numero unico di emergenza", "112"),
        ("Questura di Bari", "113"),
    ]
    assert decision.explanation.code == "emergency"
    assert decision.explanation.params == {
        "province": "BA",
        "territory": "Provincia di Bari",
        "contacts": 2,
    }


def test_it_runs_the_emergency_procedure_in_a_comune_in_no_territory_at_night():
    decision = decide(bari_network(), ROMA, rome(2026, 12, 25, 3, 0), emergency=True)

    assert decision.mode == "emergency"
    assert decision.territory is None
    assert [c.phone for c in decision.emergency_contacts] == ["112"]


def test_it_keeps_a_configured_112_in_its_place_and_only_once():
    network = bari_network(
        emergency_contacts=[
            contact("BA", "Questura di Bari", "113"),
            contact("BA", "Numero unico di emergenza", "112"),
            contact("BA", "Carabinieri - Comando provinciale di Bari", "+390805386111"),
            contact("BA", "NUE 112", "112"),
        ]
    )

    decision = decide(network, BARI, rome(2026, 11, 25, 10, 30), emergency=True)

    assert [c.phone for c in decision.emergency_contacts] == ["113", "112", "+390805386111"]


def test_it_refuses_an_unknown_comune():
    with pytest.raises(UnknownComune, match="999999"):
        decide(bari_network(), "999999", rome(2026, 11, 25, 10, 30))
    with pytest.raises(LookupError):
        decide(bari_network(), "999999", rome(2026, 11, 25, 10, 30), emergency=True)


def test_it_refuses_a_naive_instant_even_in_an_emergency():
    with pytest.raises(NaiveInstant):
        decide(bari_network(), BARI, datetime(2026, 11, 25, 10, 30))
    with pytest.raises(ValueError):
        decide(bari_network(), BARI, datetime(2026, 11, 25, 10, 30), emergency=True)


def test_it_renders_the_routing_api_shape_without_the_explanation():
    decision = decide(bari_network(), BARI, rome(2026, 11, 25, 20, 0))

    body = decision.to_dict()

    assert body == {
        "mode": "out_of_hours",
        "comune": {"code": BARI, "name": "Bari", "province": "BA"},
        "territory": {"code": "ATR-BA", "name": "Provincia di Bari"},
        "target": {
            "service_id": "giraffa",
            "name": "Centro antiviolenza GIRAFFA",
            "phone": decision.target.phone,
            "open_now": False,
            "next_opening": "2026-11-26T09:00:00+01:00",
        },
        "next_opening": "2026-11-26T09:00:00+01:00",
        "alternatives": [
            {
                "service_id": "cav-mola",
                "name": "Centro antiviolenza di Mola",
                "phone": decision.alternatives[0].phone,
                "open_now": False,
                "next_opening": "2026-11-27T12:00:00+01:00",
            },
            {
                "service_id": "linea",
                "name": "Linea 24 ore",
                "phone": decision.alternatives[1].phone,
                "open_now": True,
                "next_opening": None,
            },
        ],
        "emergency_contacts": [],
    }
    assert decision.target.phone.startswith("+39")


def test_it_renders_emergency_contacts_as_name_and_phone():
    decision = decide(bari_network(), BARI, rome(2026, 11, 25, 10, 30), emergency=True)

    body = decision.to_dict()

    assert body["emergency_contacts"] == [
        {"name": "Numero unico di emergenza", "phone": "112"},
        {"name": "Questura di Bari", "phone": "113"},
    ]
    assert body["target"] is None and body["alternatives"] == []
