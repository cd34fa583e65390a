"""A city territory inside a province territory: the city's chain first, the province's next.

Bologna has its own ATR (the comune) inside the ATR of the province of Bologna; a caller from
Bologna is covered by both, one from Imola by the province only.
"""

from networks import (
    BARI,
    BITONTO,
    BOLOGNA,
    IMOLA,
    MOLA,
    WEEKDAYS,
    build,
    chain,
    protocol,
    rome,
    rule,
    service,
    territory,
)

from rete.routing.engine import decide

# 2026-11-25 is a Wednesday.


def bologna_network(**overrides):
    parts = {
        "territories": [
            territory("ATR-BO", "Città metropolitana di Bologna", provinces=["BO"]),
            territory("ATR-BO-CITTA", "Comune di Bologna", comuni=[BOLOGNA]),
        ],
        "protocols": [protocol("ATR-BO"), protocol("ATR-BO-CITTA")],
        "services": [
            service("cav-citta", comune=BOLOGNA, schedules=[rule("09:00", "13:00", WEEKDAYS)]),
            service("sportello", comune=BOLOGNA, schedules=[rule("15:00", "18:00", WEEKDAYS)]),
            service(
                "cav-imola",
                comune=IMOLA,
                schedules=[rule("09:00", "18:00", WEEKDAYS), rule("09:00", "12:00", "SA")],
            ),
            service(
                "linea",
                kind="helpline",
                comune=BOLOGNA,
                schedules=[rule("00:00", "00:00")],
                open_on_holidays=True,
            ),
        ],
        "referrals": [
            *chain("ATR-BO-CITTA", "cav-citta", "sportello"),
            *chain("ATR-BO", "cav-imola", "cav-citta"),
        ],
    }
    parts.update(overrides)
    return build(**parts)


def ids(items):
    return [item.service_id for item in items]


def test_it_tries_the_city_chain_first():
    decision = decide(bologna_network(), BOLOGNA, rome(2026, 11, 25, 10, 0))

    assert decision.mode == "transfer"
    assert decision.territory.code == "ATR-BO-CITTA"
    assert decision.target.service_id == "cav-citta"
    assert ids(decision.alternatives) == ["cav-imola"]  # cav-citta is not listed twice
    assert decision.explanation.code == "transfer"


def test_it_lists_city_alternatives_before_province_ones():
    snapshot = bologna_network(
        referrals=[
            *chain("ATR-BO-CITTA", "sportello", "cav-citta"),
            *chain("ATR-BO", "cav-imola"),
        ]
    )

    decision = decide(snapshot, BOLOGNA, rome(2026, 11, 25, 16, 0))

    assert decision.target.service_id == "sportello"
    assert ids(decision.alternatives) == ["cav-imola"]
    decision = decide(snapshot, BOLOGNA, rome(2026, 11, 25, 10, 0))
    assert decision.target.service_id == "cav-citta"
    assert ids(decision.alternatives) == ["cav-imola"]


def test_it_falls_back_to_the_province_chain_when_nobody_in_the_city_is_open():
    decision = decide(bologna_network(), BOLOGNA, rome(2026, 11, 25, 14, 0))

    assert decision.mode == "transfer"
    assert decision.territory.code == "ATR-BO"
    assert decision.target.service_id == "cav-imola"
    assert decision.alternatives == ()
    assert decision.explanation.code == "transfer_fallback_broader"
    assert decision.explanation.params == {
        "territory": "Città metropolitana di Bologna",
        "service": decision.target.name,
        "open_alternatives": 0,
        "specific_territory": "Comune di Bologna",
    }


def test_it_gives_the_province_chain_alone_to_the_rest_of_the_province():
    decision = decide(bologna_network(), IMOLA, rome(2026, 11, 25, 10, 0))

    assert decision.territory.code == "ATR-BO"
    assert decision.target.service_id == "cav-imola"
    assert ids(decision.alternatives) == ["cav-citta"]
    assert decision.explanation.code == "transfer"


def test_it_gives_out_of_hours_with_the_city_target_and_every_chain_in_order():
    decision = decide(bologna_network(), BOLOGNA, rome(2026, 11, 28, 13, 0))  # Saturday

    assert decision.mode == "out_of_hours"
    assert decision.territory.code == "ATR-BO-CITTA"
    assert decision.target.service_id == "cav-citta"
    assert decision.target.next_opening == rome(2026, 11, 30, 9, 0)
    assert ids(decision.alternatives) == ["sportello", "cav-imola", "linea"]
    assert decision.alternatives[0].next_opening == rome(2026, 11, 30, 15, 0)
    assert decision.alternatives[1].next_opening == rome(2026, 11, 30, 9, 0)
    assert decision.alternatives[2].open_now
    assert decision.next_opening == rome(2026, 11, 30, 9, 0)


def test_it_takes_the_earliest_opening_over_the_broader_chain_too():
    snapshot = bologna_network(
        services=[
            service("cav-citta", comune=BOLOGNA, schedules=[rule("09:00", "13:00", WEEKDAYS)]),
            service("sportello", comune=BOLOGNA, schedules=[rule("15:00", "18:00", WEEKDAYS)]),
            service("cav-imola", comune=IMOLA, schedules=[rule("08:00", "09:00", "SU")]),
        ]
    )

    decision = decide(snapshot, BOLOGNA, rome(2026, 11, 28, 13, 0))

    assert decision.target.next_opening == rome(2026, 11, 30, 9, 0)
    assert decision.next_opening == rome(2026, 11, 29, 8, 0)


def test_it_skips_a_city_territory_whose_protocol_is_not_in_force():
    snapshot = bologna_network(
        protocols=[protocol("ATR-BO"), protocol("ATR-BO-CITTA", valid_to="2025-12-31")]
    )

    decision = decide(snapshot, BOLOGNA, rome(2026, 11, 25, 10, 0))

    assert decision.territory.code == "ATR-BO"
    assert decision.target.service_id == "cav-imola"
    assert decision.explanation.code == "transfer"


def test_it_skips_a_city_territory_with_an_empty_chain():
    snapshot = bologna_network(referrals=chain("ATR-BO", "cav-imola", "cav-citta"))

    decision = decide(snapshot, BOLOGNA, rome(2026, 11, 28, 13, 0))

    assert decision.mode == "out_of_hours"
    assert decision.territory.code == "ATR-BO"
    assert decision.target.service_id == "cav-imola"


def test_it_orders_covering_territories_explicit_list_first_then_smaller_then_by_code():
    everywhere = [rule("00:00", "00:00")]
    codes = ["ATR-Q", "ATR-P", "ATR-B", "ATR-A", "ATR-C"]
    snapshot = build(
        territories=[
            territory("ATR-Q", provinces=["BA", "BT"]),
            territory("ATR-P", provinces=["BA"]),
            territory("ATR-B", comuni=[BARI, BITONTO]),
            territory("ATR-A", comuni=[BARI, BITONTO]),
            territory("ATR-C", comuni=[BARI]),
        ],
        protocols=[protocol(code) for code in codes],
        services=[service(f"svc-{code}", schedules=everywhere) for code in codes],
        referrals=[r for code in codes for r in chain(code, f"svc-{code}")],
    )

    def covering(comune):
        return [t.code for t in snapshot.coverage[comune]]

    assert covering(BARI) == ["ATR-C", "ATR-A", "ATR-B", "ATR-P", "ATR-Q"]
    assert covering(MOLA) == ["ATR-P", "ATR-Q"]
    decision = decide(snapshot, BARI, rome(2026, 11, 25, 10, 0))
    assert decision.target.service_id == "svc-ATR-C"
    assert ids(decision.alternatives) == ["svc-ATR-A", "svc-ATR-B", "svc-ATR-P", "svc-ATR-Q"]
