"""The snapshot on disk: the console keeps routing from it when the database is down."""

import json

import pytest
from networks import (
    BARI,
    BOLOGNA,
    COMUNI,
    IMOLA,
    ROMA,
    build,
    chain,
    contact,
    network,
    protocol,
    rome,
    rule,
    service,
    special,
    territory,
)

from rete.routing.engine import decide, snapshot_from_json, snapshot_from_network, snapshot_to_json


def a_network():
    return network(
        territories=[
            territory("ATR-BO", provinces=["BO"]),
            territory("ATR-BO-CITTA", comuni=[BOLOGNA]),
        ],
        protocols=[protocol("ATR-BO"), protocol("ATR-BO-CITTA", valid_to="2026-12-31")],
        services=[
            service("cav", comune=BOLOGNA, schedules=[rule("09:00", "13:00", "MO,WE,FR")]),
            service(
                "notte",
                comune=IMOLA,
                schedules=[rule("22:00", "06:00", valid_from="2026-06-01")],
                closed_dates=["2026-12-24"],
                special_openings=[special("2026-12-25", "10:00", "12:00")],
            ),
        ],
        referrals=[*chain("ATR-BO-CITTA", "cav"), *chain("ATR-BO", "notte", "cav")],
        emergency_contacts=[contact("BO", "Questura di Bologna", "113")],
    )


INSTANTS = [
    rome(2026, 11, 25, 10, 0),
    rome(2026, 11, 25, 23, 0),
    rome(2026, 12, 24, 23, 0),
    rome(2026, 12, 25, 11, 0),
    rome(2027, 1, 4, 10, 0),
]


def test_it_routes_the_same_after_a_round_trip_through_the_file():
    original = snapshot_from_network(a_network(), COMUNI, version="rev-42")

    restored = snapshot_from_json(snapshot_to_json(original))

    assert restored.version == "rev-42"
    assert restored.built_at == original.built_at
    assert restored.comuni == original.comuni
    for comune in (BOLOGNA, IMOLA, ROMA):
        for at in INSTANTS:
            for emergency in (False, True):
                assert decide(restored, comune, at, emergency) == decide(
                    original, comune, at, emergency
                )


def test_it_marks_the_file_with_its_format():
    data = json.loads(snapshot_to_json(build()))

    assert data["format"] == "rete-snapshot/1"
    assert data["network"]["format"] == "rete-network/1"
    assert {"version", "built_at", "comuni"} <= data.keys()


def test_it_writes_what_it_was_built_from_even_if_the_source_changes_later():
    source = a_network()
    snapshot = snapshot_from_network(source, COMUNI)

    source["services"].clear()

    restored = snapshot_from_json(snapshot_to_json(snapshot))
    assert set(restored.services) == {"cav", "notte"}


@pytest.mark.parametrize(
    "text",
    [
        json.dumps({"format": "rete-snapshot/2"}),
        json.dumps(network()),  # a network file is not a snapshot
        json.dumps([1, 2, 3]),
    ],
    ids=["other-version", "network-file", "not-an-object"],
)
def test_it_refuses_a_file_of_another_format(text):
    with pytest.raises(ValueError, match="not a rete-snapshot/1 file"):
        snapshot_from_json(text)


def test_it_refuses_a_snapshot_file_with_parts_missing():
    text = json.dumps({"format": "rete-snapshot/1", "version": "", "comuni": []})

    with pytest.raises(ValueError, match="malformed rete-snapshot/1 file"):
        snapshot_from_json(text)


def test_it_refuses_text_that_is_not_json():
    with pytest.raises(ValueError):
        snapshot_from_json("routing, but not JSON")


def test_it_keeps_accented_names_readable_in_the_file():
    text = snapshot_to_json(snapshot_from_network(a_network(), COMUNI))

    assert "Cefalù" in text
    assert snapshot_from_json(text).comuni[BARI].name == "Bari"
