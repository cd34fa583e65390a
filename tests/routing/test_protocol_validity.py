"""A territory takes part in transfers only while an active protocol is in force.

In force: status "active" and the instant's Europe/Rome date within [valid_from, valid_to],
both ends included, a missing end open.
"""

from datetime import UTC, datetime

import pytest
from networks import BARI, build, chain, protocol, rome, rule, service, territory

from rete.routing.engine import decide


def bari_network(*protocols):
    return build(
        territories=[territory("ATR-BA", "Provincia di Bari", provinces=["BA"])],
        protocols=list(protocols),
        services=[service("cav", schedules=[rule("00:00", "00:00")], open_on_holidays=True)],
        referrals=chain("ATR-BA", "cav"),
    )


IN_2026 = protocol("ATR-BA", valid_from="2026-01-01", valid_to="2026-12-31")


@pytest.mark.parametrize(
    "at",
    [rome(2026, 1, 1, 0, 0), rome(2026, 6, 15, 12, 0), rome(2026, 12, 31, 23, 59)],
    ids=["first-day", "middle", "last-day"],
)
def test_it_transfers_while_the_protocol_is_in_force(at):
    assert decide(bari_network(IN_2026), BARI, at).mode == "transfer"


def test_it_orients_the_day_before_the_protocol_starts():
    decision = decide(bari_network(IN_2026), BARI, rome(2025, 12, 31, 23, 59))

    assert decision.mode == "orientation"
    assert decision.explanation.params["reason"] == "protocol_not_in_force"
    assert decision.explanation.params["territory"] == "Provincia di Bari"


def test_it_orients_once_the_protocol_has_expired():
    decision = decide(bari_network(IN_2026), BARI, rome(2027, 1, 1, 0, 0))

    assert decision.mode == "orientation"
    assert ids(decision.alternatives) == ["cav"]
    assert decision.explanation.params["reason"] == "protocol_expired"
    assert decision.explanation.params["expired_on"] == "2026-12-31"


def test_it_judges_validity_on_the_rome_date_not_the_utc_date():
    snapshot = bari_network(IN_2026)

    # 23:30 UTC on 31 December is already 1 January in Rome.
    assert decide(snapshot, BARI, datetime(2026, 12, 31, 23, 30, tzinfo=UTC)).mode == "orientation"
    assert decide(snapshot, BARI, datetime(2025, 12, 31, 23, 30, tzinfo=UTC)).mode == "transfer"


@pytest.mark.parametrize("status", ["draft", "terminated"])
def test_it_never_counts_a_protocol_that_is_not_active(status):
    snapshot = bari_network(protocol("ATR-BA", valid_from="2020-01-01", status=status))

    decision = decide(snapshot, BARI, rome(2026, 6, 15, 12, 0))

    assert decision.mode == "orientation"
    assert decision.explanation.params["reason"] == "protocol_not_in_force"


def test_it_orients_when_the_territory_has_no_protocol():
    decision = decide(bari_network(), BARI, rome(2026, 6, 15, 12, 0))

    assert decision.mode == "orientation"
    assert decision.explanation.params["reason"] == "protocol_not_in_force"


def test_it_treats_missing_validity_ends_as_open():
    open_ended = protocol("ATR-BA", valid_from=None, valid_to=None)

    assert decide(bari_network(open_ended), BARI, rome(1990, 1, 1, 12, 0)).mode == "transfer"
    assert decide(bari_network(open_ended), BARI, rome(2060, 1, 1, 12, 0)).mode == "transfer"


def test_it_is_in_force_when_any_protocol_is():
    expired = protocol("ATR-BA", valid_from="2011-01-01", valid_to="2012-12-31")
    renewal = protocol("ATR-BA", valid_from="2026-03-08")
    snapshot = bari_network(expired, renewal)

    assert decide(snapshot, BARI, rome(2012, 6, 1, 12, 0)).mode == "transfer"
    assert decide(snapshot, BARI, rome(2020, 6, 1, 12, 0)).mode == "orientation"
    assert decide(snapshot, BARI, rome(2026, 3, 8, 0, 0)).mode == "transfer"


def test_it_names_the_territory_in_an_emergency_only_while_in_force():
    snapshot = bari_network(IN_2026)

    in_force = decide(snapshot, BARI, rome(2026, 6, 15, 12, 0), emergency=True)
    expired = decide(snapshot, BARI, rome(2027, 6, 15, 12, 0), emergency=True)

    assert in_force.territory.code == "ATR-BA"
    assert expired.territory is None
    assert expired.mode == "emergency"


def ids(items):
    return [item.service_id for item in items]
