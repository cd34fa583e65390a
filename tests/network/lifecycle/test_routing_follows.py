"""The routing follows the version in force: an amendment's window from its first day, the
old one before; a renewal after a gap leaves the territory out of direct transfer in the
gap. Asked of the routing decision on the live snapshot, as the 1522 console asks it."""

from __future__ import annotations

from datetime import date, datetime

from rete.network.lifecycle.services import protocol_activate, protocol_version_create
from rete.routing.engine import ROME, decide
from rete.routing.snapshot import routing_snapshot
from tests.network.lifecycle.conftest import pdf_upload

BARI = "072006"


def routed(day: date):
    """The decision for a caller from Bari at 10:30 on `day` (CAV Aurora is open then on
    Monday, Wednesday and Friday)."""
    at = datetime(day.year, day.month, day.day, 10, 30, tzinfo=ROME)
    return decide(routing_snapshot(), BARI, at)


def version(previous, actor, **fields):
    base = {
        "title": "Nuova versione",
        "signatories": "",
        "signed_on": None,
        "valid_to": None,
        "parties": [],
        "status": "active",
        "document_title": "Testo firmato",
        "files": [pdf_upload()],
    }
    return protocol_version_create(actor=actor, previous=previous, **{**base, **fields})


def test_an_amendment_takes_over_from_its_first_day(protocol_a, people):
    amendment = version(
        protocol_a,
        people.admin,
        kind="amendment",
        valid_from=date(2026, 3, 1),
        valid_to=date(2027, 6, 30),
    )

    # The day before the amendment: the original's window, shortened, still transfers.
    assert routed(date(2026, 2, 27)).mode == "transfer"  # a Friday
    # From its first day the amendment is in force, beyond the original's old end too.
    assert routed(date(2026, 3, 4)).mode == "transfer"  # a Wednesday
    assert routed(date(2027, 6, 30)).mode == "transfer"  # a Wednesday
    assert routed(date(2027, 7, 2)).mode == "orientation"  # a Friday, after both
    snapshot = routing_snapshot()
    windows = snapshot.territories["ATR-AL"].windows
    assert len(windows) == 2
    (_first_from, first_to), (second_from, _second_to) = sorted(windows)
    assert date.fromordinal(first_to) == date(2026, 2, 28)
    assert date.fromordinal(second_from) == amendment.valid_from
    assert first_to < second_from  # one version in force on each day


def test_a_renewal_with_a_gap_orients_callers_in_the_gap(protocol_a, people):
    renewal = version(
        protocol_a,
        people.admin,
        kind="renewal",
        valid_from=date(2027, 2, 1),
        status="draft",
        files=[],
    )

    in_gap = routed(date(2027, 1, 13))  # a Wednesday after the end, nothing active after it
    assert in_gap.mode == "orientation"
    assert in_gap.explanation.params["reason"] == "protocol_expired"
    assert in_gap.explanation.params["expired_on"] == "2026-12-31"

    protocol_activate(actor=people.admin, protocol=renewal)

    # Still out in the gap (the engine says "not in force": a later version exists)...
    in_gap = routed(date(2027, 1, 13))
    assert in_gap.mode == "orientation"
    assert in_gap.explanation.params["reason"] == "protocol_not_in_force"
    # ...and back in direct transfer from the renewal's first day.
    assert routed(date(2027, 2, 3)).mode == "transfer"
    assert routed(date(2026, 12, 30)).mode == "transfer"  # the last days of the original
