"""The board lists the contacts in progress: operator, elapsed time, mode, territory and
comune; a closed contact leaves it."""

from datetime import datetime, timedelta

import pytest

from rete.helpline.board.selectors import NOT_ROUTED, board_state
from rete.helpline.contacts.services import contact_close, contact_route, contact_start
from tests.api.network import CEFALU, MOLA, WEDNESDAY_MORNING

pytestmark = pytest.mark.django_db

AT = datetime.fromisoformat(WEDNESDAY_MORNING)


def start(operator):
    return contact_start(operator=operator, channel="phone", language="it").contact


def test_it_shows_a_routed_contact_with_operator_elapsed_time_mode_and_territory(
    network, olga
) -> None:
    contact = contact_route(contact=start(olga), actor=olga, comune_code=MOLA, at=AT)

    board = board_state(now=contact.started_at + timedelta(minutes=4, seconds=5))

    [row] = board.contacts
    assert row.public_id == contact.public_id
    assert row.operator == "Olga Russo"
    assert (row.elapsed_seconds, row.elapsed) == (245, "4:05")
    assert (row.mode, str(row.mode_label)) == ("transfer", "Direct transfer")
    assert (row.territory_code, row.territory_name) == ("ATR-BA", "Provincia di Bari")
    assert row.comune_name == "Mola di Bari"
    assert not row.emergency


def test_it_shows_a_contact_not_routed_yet(ornella) -> None:
    contact = start(ornella)

    [row] = board_state(now=contact.started_at + timedelta(hours=1, seconds=2)).contacts

    assert row.operator == "ornella"  # no name given: the username
    assert (row.mode, str(row.mode_label)) == (NOT_ROUTED, "Not routed yet")
    assert (row.territory_name, row.comune_name) == (None, None)
    assert row.elapsed == "1:00:02"


def test_it_shows_no_territory_for_a_comune_in_no_territory(network, olga) -> None:
    contact = contact_route(contact=start(olga), actor=olga, comune_code=CEFALU, at=AT)

    [row] = board_state(now=contact.started_at).contacts

    assert row.mode == "orientation"
    assert row.territory_name is None
    assert row.comune_name == "Cefalù"


def test_it_lists_the_longest_running_contact_first(olga, ornella) -> None:
    first = start(olga)
    second = start(ornella)

    board = board_state(now=second.started_at + timedelta(minutes=1))

    assert [row.public_id for row in board.contacts] == [first.public_id, second.public_id]


def test_a_closed_contact_leaves_the_board(olga, ornella) -> None:
    closed = start(olga)
    open_one = start(ornella)

    contact_close(contact=closed, actor=olga, outcome="information_given")

    assert [row.public_id for row in board_state().contacts] == [open_one.public_id]


def test_it_never_shows_an_elapsed_time_below_zero(olga) -> None:
    contact = start(olga)

    [row] = board_state(now=contact.started_at - timedelta(seconds=3)).contacts

    assert row.elapsed == "0:00"


def test_it_reads_the_board_in_two_queries_however_many_contacts(
    network, olga, ornella, django_assert_num_queries
) -> None:
    for operator in (olga, ornella, olga):
        contact_route(contact=start(operator), actor=operator, comune_code=MOLA, at=AT)

    with django_assert_num_queries(2):
        board = board_state()

    assert len(board.contacts) == 3


def test_it_refuses_a_naive_instant(db) -> None:
    with pytest.raises(ValueError):
        board_state(now=datetime(2026, 11, 25, 10, 30))
