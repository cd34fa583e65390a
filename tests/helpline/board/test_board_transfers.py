"""Today's transfer attempts per territory, with the share answered. "Today" is the
Europe/Rome calendar day: yesterday's attempts are not counted."""

from datetime import datetime, timedelta

import pytest

from rete.helpline.board.selectors import board_state
from rete.helpline.contacts.services import (
    contact_record_transfer_attempt,
    contact_route,
    contact_start,
)
from tests.api.network import BOLOGNA, MOLA, WEDNESDAY_MORNING

pytestmark = pytest.mark.django_db

AT = datetime.fromisoformat(WEDNESDAY_MORNING)  # Wednesday 25 November 2026, 10:30 in Rome
NOW = AT + timedelta(hours=2)


def routed(operator, comune_code=MOLA, at=AT):
    contact = contact_start(operator=operator, channel="phone", language="it").contact
    return contact_route(contact=contact, actor=operator, comune_code=comune_code, at=at)


def attempt(contact, operator, outcome, at, service_id="svc-giraffa"):
    contact_record_transfer_attempt(
        contact=contact, actor=operator, service_id=service_id, outcome=outcome, at=at
    )


def test_it_counts_todays_attempts_and_the_share_answered_per_territory(
    network, olga, ornella
) -> None:
    first = routed(olga)
    attempt(first, olga, "no_answer", AT)
    attempt(first, olga, "answered", AT + timedelta(minutes=1), service_id="svc-cav-mola")
    second = routed(ornella)
    attempt(second, ornella, "busy", AT + timedelta(minutes=5))

    board = board_state(now=NOW)

    [row] = board.transfers
    assert (row.code, row.name) == ("ATR-BA", "Provincia di Bari")
    assert (row.attempts, row.answered, row.success_rate) == (3, 1, 33)
    assert (board.transfer_attempts, board.transfers_answered) == (3, 1)
    assert board.transfer_success_rate == 33


def test_it_leaves_out_yesterdays_attempts(network, olga) -> None:
    contact = routed(olga, at=AT - timedelta(days=1))  # Tuesday: only the Mola centre is open
    # 23:59:59 on Tuesday in Rome is yesterday; 00:30 on Wednesday in Rome (still Tuesday
    # in UTC) is today.
    for outcome, at in (
        ("answered", "2026-11-24T22:59:59+00:00"),
        ("no_answer", "2026-11-24T23:30:00+00:00"),
    ):
        attempt(contact, olga, outcome, datetime.fromisoformat(at), service_id="svc-cav-mola")

    [row] = board_state(now=NOW).transfers

    assert (row.attempts, row.answered, row.success_rate) == (1, 0, 0)


def test_it_groups_attempts_of_contacts_in_no_territory_last(network, olga, ornella) -> None:
    in_bari = routed(olga)
    attempt(in_bari, olga, "answered", AT)
    # Bologna's protocol has ended: orientation, no territory; its centre covers the comune.
    in_bologna = routed(ornella, comune_code=BOLOGNA)
    [service] = in_bologna.decision["alternatives"][:1]
    attempt(in_bologna, ornella, "answered", AT, service_id=service["service_id"])
    attempt(in_bologna, ornella, "refused", AT, service_id=service["service_id"])

    board = board_state(now=NOW)

    assert [
        (row.code, str(row.name), row.attempts, row.success_rate) for row in board.transfers
    ] == [
        ("ATR-BA", "Provincia di Bari", 1, 100),
        (None, "No territory", 2, 50),
    ]


def test_it_counts_attempts_of_closed_contacts_too(network, olga) -> None:
    from rete.helpline.contacts.services import contact_close

    contact = routed(olga)
    attempt(contact, olga, "answered", AT)
    contact_close(contact=contact, actor=olga, outcome="information_given")

    board = board_state(now=NOW)

    assert board.contacts == ()
    assert [row.attempts for row in board.transfers] == [1]


def test_an_empty_day_has_no_rows(network) -> None:
    board = board_state(now=NOW)

    assert board.transfers == ()
    assert board.transfer_success_rate == 0
