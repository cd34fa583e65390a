"""Holidays and exceptional dates on a service's page, as the routing applies them.

GIRAFFA is in Bari, the capital of its province: Saint Nicholas (6 December) closes it, besides
the national holidays. On 6 December 2027, a Monday, it would otherwise be open.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from rete.directory.models import ClosedDate, Service, SpecialOpening
from tests.portal.conftest import ROME, WEDNESDAY_1030
from tests.portal.service_page.conftest import GIRAFFA, main_text

pytestmark = pytest.mark.usefixtures("portal_network")

THURSDAY_25_NOVEMBER_2027 = datetime.datetime(2027, 11, 25, 10, 30, tzinfo=ROME)
SAINT_NICHOLAS_2027 = datetime.datetime(2027, 12, 6, 10, 30, tzinfo=ROME)


def test_it_names_the_holiday_rule_with_the_patron_day(client: Any, set_clock: Any) -> None:
    set_clock(WEDNESDAY_1030)
    text = main_text(client.get(f"/en/servizi/{GIRAFFA}/"))
    assert (
        "Closed on national public holidays and on the patron saint's day of Bari (6 December)."
        in text
    )


def test_it_announces_a_holiday_that_closes_an_opening_day(client: Any, set_clock: Any) -> None:
    set_clock(THURSDAY_25_NOVEMBER_2027)
    text = main_text(client.get(f"/en/servizi/{GIRAFFA}/"))
    assert "In the next 30 days Closed on Monday 6 December (Saint Nicholas's Day)" in text


def test_it_is_closed_on_the_announced_holiday(client: Any, set_clock: Any) -> None:
    set_clock(SAINT_NICHOLAS_2027)
    response = client.get(f"/en/servizi/{GIRAFFA}/")
    assert 'data-open-now="false"' in response.content.decode()
    # Wednesday 8 December is the Immaculate Conception: the next opening is Friday.
    assert "opens on Friday at 9:00" in main_text(response)


def test_it_lists_closed_dates_and_special_openings_in_date_order(
    client: Any, set_clock: Any
) -> None:
    giraffa = Service.objects.get(ext_id=GIRAFFA)
    ClosedDate.objects.create(service=giraffa, date=datetime.date(2026, 12, 2))
    SpecialOpening.objects.create(
        service=giraffa, date=datetime.date(2026, 11, 28), opens_at="10:00", closes_at="12:00"
    )
    ClosedDate.objects.create(service=giraffa, date=datetime.date(2027, 3, 1))  # too far
    set_clock(WEDNESDAY_1030)
    text = main_text(client.get(f"/en/servizi/{GIRAFFA}/"))
    assert (
        "In the next 30 days Special opening on Saturday 28 November 10:00–12:00 "
        "Closed on Wednesday 2 December"
    ) in text
    assert "March" not in text


def test_a_service_open_on_holidays_announces_no_closure(client: Any, set_clock: Any) -> None:
    giraffa = Service.objects.get(ext_id=GIRAFFA)
    giraffa.open_on_holidays = True
    giraffa.save(update_fields=["open_on_holidays"])
    set_clock(THURSDAY_25_NOVEMBER_2027)
    text = main_text(client.get(f"/en/servizi/{GIRAFFA}/"))
    assert "Open on public holidays too." in text
    assert "Saint Nicholas" not in text
