"""The filtered list of contacts (selectors.contact_list), filter by filter."""

from datetime import date, datetime, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from rete.helpline.records.selectors import (
    NOT_ROUTED,
    ContactFilters,
    contact_list,
    contact_rows,
)
from tests.helpline.records.conftest import (
    BARI,
    BOLOGNA,
    PRANK,
    ROMA,
    THURSDAY,
    VALID,
    started,
)

pytestmark = pytest.mark.django_db

EVERYTHING = ContactFilters()


def listed(user, filters=EVERYTHING, **kwargs) -> list:
    return list(contact_list(user=user, filters=filters, **kwargs))


def rome(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_a_supervisor_lists_every_contact_newest_first(make_contact, olga, ornella, sara) -> None:
    first = make_contact(olga, started_at=timezone.now() - timedelta(hours=2))
    second = make_contact(ornella, started_at=timezone.now() - timedelta(hours=1))
    third = make_contact(olga)

    assert listed(sara) == [third, second, first]


def test_it_filters_by_rome_dates_both_included(make_contact, olga, sara) -> None:
    # 23:30 in Rome on the 24th is already the 24th at 22:30 UTC: the Rome date counts.
    late_on_24 = make_contact(olga, started_at=rome("2026-11-24T23:30:00+01:00"))
    early_on_25 = make_contact(olga, started_at=rome("2026-11-25T00:10:00+01:00"))
    on_26 = make_contact(olga, started_at=rome("2026-11-26T23:59:59+01:00"))
    on_27 = make_contact(olga, started_at=rome("2026-11-27T00:00:00+01:00"))

    assert listed(sara, ContactFilters(date_from=date(2026, 11, 25))) == [on_27, on_26, early_on_25]
    assert listed(sara, ContactFilters(date_to=date(2026, 11, 24))) == [late_on_24]
    assert listed(
        sara, ContactFilters(date_from=date(2026, 11, 25), date_to=date(2026, 11, 26))
    ) == [on_26, early_on_25]


def test_it_filters_across_a_dst_change(make_contact, olga, sara) -> None:
    # 25 October 2026: clocks go back at 3:00, the day lasts 25 hours.
    before = make_contact(olga, started_at=rome("2026-10-24T23:59:00+02:00"))
    during = make_contact(olga, started_at=rome("2026-10-25T23:30:00+01:00"))

    assert listed(
        sara, ContactFilters(date_from=date(2026, 10, 25), date_to=date(2026, 10, 25))
    ) == [during]
    assert before not in listed(sara, ContactFilters(date_from=date(2026, 10, 25)))


def test_it_filters_by_territory_of_the_stored_decision(make_contact, olga, sara) -> None:
    bari = make_contact(olga, comune=BARI)
    bologna = make_contact(olga, comune=BOLOGNA)
    make_contact(olga, comune=ROMA)  # orientation: no territory
    make_contact(olga, comune=None)  # not routed

    assert listed(sara, ContactFilters(territory="ATR-BA")) == [bari]
    bologna_code = bologna.decision["territory"]["code"]
    assert listed(sara, ContactFilters(territory=bologna_code)) == [bologna]
    assert listed(sara, ContactFilters(territory="ATR-XX")) == []


def test_it_filters_by_mode(make_contact, olga, sara) -> None:
    transfer = make_contact(olga, comune=BARI)
    out_of_hours = make_contact(olga, comune=BARI, at=THURSDAY)
    orientation = make_contact(olga, comune=ROMA)
    emergency = make_contact(olga, comune=BARI, emergency=True)
    not_routed = make_contact(olga, comune=None)

    assert listed(sara, ContactFilters(mode="transfer")) == [transfer]
    assert listed(sara, ContactFilters(mode="out_of_hours")) == [out_of_hours]
    assert listed(sara, ContactFilters(mode="orientation")) == [orientation]
    assert listed(sara, ContactFilters(mode="emergency")) == [emergency]
    assert listed(sara, ContactFilters(mode=NOT_ROUTED)) == [not_routed]


def test_it_filters_by_validity(make_contact, olga, sara) -> None:
    valid = make_contact(olga, answers=VALID)
    prank = make_contact(olga, answers=PRANK)
    make_contact(olga)  # not classified

    assert listed(sara, ContactFilters(validity="valid")) == [valid]
    assert listed(sara, ContactFilters(validity="prank")) == [prank]
    assert listed(sara, ContactFilters(validity="silent")) == []


def test_it_filters_by_operator(make_contact, olga, ornella, sara) -> None:
    olgas = make_contact(olga)
    ornellas = make_contact(ornella)

    assert listed(sara, ContactFilters(operator_id=olga.pk)) == [olgas]
    assert listed(sara, ContactFilters(operator_id=ornella.pk)) == [ornellas]


def test_filters_combine(make_contact, olga, ornella, sara) -> None:
    wanted = make_contact(olga, comune=BARI, answers=VALID)
    make_contact(olga, comune=BARI, answers=PRANK)
    make_contact(olga, comune=BOLOGNA, answers=VALID)
    make_contact(ornella, comune=BARI, answers=VALID)
    today = timezone.localdate()

    filters = ContactFilters(
        date_from=today,
        date_to=today,
        territory="ATR-BA",
        mode="transfer",
        validity="valid",
        operator_id=olga.pk,
    )
    assert listed(sara, filters) == [wanted]


def test_an_operator_lists_only_her_own_contacts_of_her_shift(make_contact, olga, ornella) -> None:
    now = timezone.now()
    recent = make_contact(olga, started_at=now - timedelta(hours=11, minutes=59))
    make_contact(olga, started_at=now - timedelta(hours=12, minutes=1))  # the previous shift
    make_contact(ornella)

    assert listed(olga, now=now) == [recent]
    # She cannot look at another operator's contacts by asking for them.
    assert listed(olga, ContactFilters(operator_id=ornella.pk), now=now) == [recent]


@override_settings(HELPLINE_SHIFT_HOURS=6)
def test_the_shift_length_comes_from_the_settings(make_contact, olga) -> None:
    now = timezone.now()
    make_contact(olga, started_at=now - timedelta(hours=7))
    recent = make_contact(olga, started_at=now - timedelta(hours=5))

    assert listed(olga, now=now) == [recent]


def test_outsiders_list_nothing(make_contact, olga, dora) -> None:
    make_contact(olga)

    assert listed(dora) == []
    assert listed(None) == []


def test_rows_carry_the_labels_of_the_codes(make_contact, olga, sara) -> None:
    contact = make_contact(olga, comune=BARI, answers=PRANK)
    not_routed = make_contact(olga, comune=None)
    started(not_routed, contact.started_at - timedelta(minutes=1))

    first, second = contact_rows(contact_list(user=sara, filters=EVERYTHING))

    assert (first.mode, first.mode_label) == ("transfer", "Direct transfer")
    assert (first.territory_code, first.territory_name) == ("ATR-BA", "Provincia di Bari")
    assert first.validity_label == "Not valid: prank"
    assert (second.mode, second.mode_label, second.validity_label) == (
        NOT_ROUTED,
        "Not routed",
        "",
    )
