"""A cached public page is reused until what it shows can change, and never after."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.test import Client

from rete.portal.freshness import valid_until
from rete.routing.snapshot import routing_snapshot
from tests.portal.conftest import BARI, ROME, THURSDAY_1030, WEDNESDAY_1030

GIRAFFA = "svc-giraffa"  # Monday, Wednesday, Friday 9:00–13:00

pytestmark = pytest.mark.django_db


def test_an_open_service_holds_until_it_closes(portal_network: None) -> None:
    until = valid_until(routing_snapshot(), [GIRAFFA], WEDNESDAY_1030)
    assert until == datetime(2026, 11, 25, 13, 0, tzinfo=ROME)


def test_a_closed_service_holds_no_later_than_its_next_boundary(portal_network: None) -> None:
    # Thursday 10:30: closed; the next minute any of its intervals starts or ends is 13:00
    # (a Monday-Wednesday-Friday boundary): earlier than the true change, which is safe.
    until = valid_until(routing_snapshot(), [GIRAFFA], THURSDAY_1030)
    assert until == datetime(2026, 11, 26, 13, 0, tzinfo=ROME)


def test_after_the_last_boundary_of_the_day_it_holds_until_midnight(portal_network: None) -> None:
    evening = datetime(2026, 11, 25, 18, 0, tzinfo=ROME)
    assert valid_until(routing_snapshot(), [GIRAFFA], evening) == datetime(
        2026, 11, 26, 0, 0, tzinfo=ROME
    )


def test_several_services_hold_until_the_earliest_change(portal_network: None) -> None:
    snapshot = routing_snapshot()
    others = [s for s in snapshot.services if s != GIRAFFA]
    alone = valid_until(snapshot, [GIRAFFA], WEDNESDAY_1030)
    together = valid_until(snapshot, [GIRAFFA, *others], WEDNESDAY_1030)
    assert together <= alone
    assert together > WEDNESDAY_1030


def test_the_finder_page_is_reused_while_right_and_rendered_again_at_closing(
    portal_network: None, set_clock
) -> None:
    client = Client()
    url = f"/trova/?comune=Bari&code={BARI}&kind=anti_violence_centre"
    set_clock(WEDNESDAY_1030)
    first = client.get(url)
    assert _giraffa_open(first.content.decode()) == "true"

    set_clock(datetime(2026, 11, 25, 12, 59, tzinfo=ROME))
    assert client.get(url).content == first.content  # reused: nothing changed since 10:30

    set_clock(datetime(2026, 11, 25, 13, 0, tzinfo=ROME))
    assert _giraffa_open(client.get(url).content.decode()) == "false"


def test_browsers_keep_a_page_no_longer_than_it_is_right(portal_network: None, set_clock) -> None:
    set_clock(datetime(2026, 11, 25, 12, 59, 30, tzinfo=ROME))
    response = Client().get(f"/servizi/{GIRAFFA}/")
    # GIRAFFA closes at 13:00: at most the 30 seconds left, not the usual minute.
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"])[1])
    assert 0 < max_age <= 30


def _giraffa_open(page: str) -> str:
    """The open-now badge of GIRAFFA's result."""
    result = page.split(f'data-service-id="{GIRAFFA}"', 1)[1]
    return re.search(r'data-open-now="(true|false)"', result)[1]
