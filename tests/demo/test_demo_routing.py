"""The demo network routes as the story of the demo says (the engine over the document)."""

from datetime import datetime

import pytest

from rete.geography.istat import read_comuni
from rete.network.networkfile.validate import network_file_normalize
from rete.routing.engine import ROME, ComuneInfo, NetworkSnapshot, decide, snapshot_from_network

BARI = "072006"
BOLOGNA = "037006"
FAENZA = "039010"
LUGO = "039012"
ROMA = "058091"
FROSINONE = "060038"
TORINO = "001272"


@pytest.fixture(scope="module")
def snapshot(document: dict) -> NetworkSnapshot:
    istat = list(read_comuni())
    # The engine reads documents in the normalised shape the import and export use
    # (phones in E.164, defaults filled in).
    network = network_file_normalize(
        document, comuni={c.code for c in istat}, provinces={c.province_sigla for c in istat}
    )
    comuni = [
        ComuneInfo(c.code, c.name, c.province_sigla, c.region_name, c.is_capital) for c in istat
    ]
    return snapshot_from_network(network, comuni, version="demo")


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ROME)


def test_it_transfers_bari_to_giraffa_on_the_demo_day(snapshot: NetworkSnapshot) -> None:
    # 2026-11-25 is a Wednesday: GIRAFFA is open 09:00-13:00.
    decision = decide(snapshot, BARI, _at("2026-11-25T10:30"))

    assert decision.mode == "transfer"
    assert decision.territory is not None and decision.territory.code == "ATR-BA"
    assert decision.target is not None and decision.target.service_id == "svc-giraffa"
    assert decision.target.phone == "+390805741461"


def test_it_reads_giraffa_hours_to_a_bari_caller_out_of_hours(snapshot: NetworkSnapshot) -> None:
    decision = decide(snapshot, BARI, _at("2026-11-26T10:30"))  # a Thursday

    assert decision.mode == "out_of_hours"
    assert decision.target is not None and decision.target.service_id == "svc-giraffa"
    assert decision.next_opening == _at("2026-11-27T09:00")
    # The Apulian 24-hour line covers Bari and is open now.
    assert "svc-coord-puglia-h24" in [a.service_id for a in decision.alternatives]


def test_it_transfers_faenza_at_night_to_the_provincial_evening_line(
    snapshot: NetworkSnapshot,
) -> None:
    decision = decide(snapshot, FAENZA, _at("2026-11-25T23:30"))

    assert decision.mode == "transfer"
    assert decision.target is not None and decision.target.service_id == "svc-ravenna-notte"


def test_it_keeps_bologna_closed_on_christmas_eve_but_its_24_hour_line_open(
    snapshot: NetworkSnapshot,
) -> None:
    decision = decide(snapshot, BOLOGNA, _at("2026-12-24T10:00"))

    assert decision.mode == "transfer"
    assert decision.target is not None and decision.target.service_id == "svc-bologna-h24"


def test_it_opens_torino_on_the_special_sunday(snapshot: NetworkSnapshot) -> None:
    decision = decide(snapshot, TORINO, _at("2026-12-27T10:00"))

    assert decision.target is not None and decision.target.service_id == "svc-torino-cav"
    assert decision.target.open_now


@pytest.mark.parametrize("comune", [ROMA, FROSINONE, LUGO])
def test_it_orients_callers_outside_every_territory(snapshot: NetworkSnapshot, comune: str) -> None:
    decision = decide(snapshot, comune, _at("2026-11-25T10:30"))

    assert decision.mode == "orientation"
    assert decision.alternatives


def test_it_gives_112_and_the_questura_in_an_emergency(snapshot: NetworkSnapshot) -> None:
    decision = decide(snapshot, FROSINONE, _at("2026-11-25T03:00"), emergency=True)

    assert decision.mode == "emergency"
    assert [c.phone for c in decision.emergency_contacts] == ["112", "113"]
