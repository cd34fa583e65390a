"""Emergencies stand out: flagged, first on the board, with the time since the procedure
started and the step it reached."""

from datetime import datetime, timedelta

import pytest

from rete.helpline.board.selectors import board_state
from rete.helpline.contacts.services import contact_emergency_mark, contact_route, contact_start
from tests.api.network import MOLA, WEDNESDAY_MORNING

pytestmark = pytest.mark.django_db

AT = datetime.fromisoformat(WEDNESDAY_MORNING)


def start(operator):
    return contact_start(operator=operator, channel="phone", language="it").contact


def test_it_flags_an_emergency_with_the_time_since_its_start_and_lists_it_first(
    network, olga, ornella
) -> None:
    calm = start(ornella)
    urgent = contact_route(contact=start(olga), actor=olga, comune_code=MOLA, emergency=True)
    emergency_start = urgent.started_at + timedelta(seconds=30)
    contact_emergency_mark(contact=urgent, actor=olga, step="started", at=emergency_start)

    board = board_state(now=emergency_start + timedelta(minutes=2, seconds=15))

    assert [row.public_id for row in board.contacts] == [urgent.public_id, calm.public_id]
    assert [row.public_id for row in board.emergencies] == [urgent.public_id]
    row = board.contacts[0]
    assert row.emergency
    assert row.mode == "emergency"
    assert row.emergency_started_at == emergency_start
    assert row.emergency_elapsed == "2:15"
    assert str(row.emergency_step) == "Procedure started"
    assert row.territory_name == "Provincia di Bari"


def test_it_shows_the_last_step_reached(network, olga) -> None:
    contact = start(olga)
    contact_emergency_mark(contact=contact, actor=olga, step="started", at=AT)
    contact_emergency_mark(
        contact=contact, actor=olga, step="police_activated", at=AT + timedelta(seconds=40)
    )

    [row] = board_state(now=AT + timedelta(minutes=1)).emergencies

    assert str(row.emergency_step) == "Police activated"
    assert row.emergency_elapsed == "1:00"


def test_a_contact_routed_as_an_emergency_is_flagged_before_the_procedure_starts(
    network, olga
) -> None:
    contact_route(contact=start(olga), actor=olga, comune_code=MOLA, emergency=True, at=AT)

    [row] = board_state().emergencies

    assert row.emergency_started_at is None
    assert row.emergency_elapsed == ""


def test_an_ordinary_contact_is_no_emergency(network, olga) -> None:
    contact_route(contact=start(olga), actor=olga, comune_code=MOLA, at=AT)

    assert board_state().emergencies == ()
