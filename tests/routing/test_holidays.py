"""Holidays: national days close every service, a patron day only the services of its comune."""

from networks import (
    ANDRIA,
    BARI,
    BARLETTA,
    BITONTO,
    CEFALU,
    FORLI,
    PALERMO,
    ROMA,
    build,
    one_service,
    rome,
    rule,
    service,
    special,
)

from rete.routing.engine import is_open, next_opening


def test_it_closes_on_national_holidays():
    snapshot = one_service(comune=BITONTO)

    assert not is_open(snapshot, "svc", rome(2026, 12, 25, 10, 0))  # Christmas
    assert not is_open(snapshot, "svc", rome(2026, 6, 2, 10, 0))  # Republic Day
    assert not is_open(snapshot, "svc", rome(2026, 10, 4, 10, 0))  # Saint Francis, from 2026
    assert is_open(snapshot, "svc", rome(2026, 12, 24, 10, 0))


def test_it_closes_a_service_in_the_capital_on_the_province_patron_day_only():
    snapshot = build(
        services=[service("in-bari", comune=BARI), service("in-bitonto", comune=BITONTO)]
    )
    saint_nicholas = rome(2026, 12, 6, 10, 0)

    assert not is_open(snapshot, "in-bari", saint_nicholas)
    assert is_open(snapshot, "in-bitonto", saint_nicholas)


def test_it_closes_a_service_on_its_own_city_patron_day_in_a_province_of_three_capitals():
    snapshot = build(
        services=[
            service("in-andria", comune=ANDRIA),
            service("in-barletta", comune=BARLETTA),
            service("in-bari", comune=BARI),
        ]
    )
    saint_richard = rome(2026, 9, 20, 10, 0)  # Andria's patron
    saint_roger = rome(2026, 12, 30, 10, 0)  # Barletta's patron

    assert not is_open(snapshot, "in-andria", saint_richard)
    assert is_open(snapshot, "in-barletta", saint_richard)
    assert is_open(snapshot, "in-bari", saint_richard)
    assert not is_open(snapshot, "in-barletta", saint_roger)
    assert is_open(snapshot, "in-andria", saint_roger)


def test_it_matches_a_city_subdivision_whatever_the_accents():
    snapshot = one_service(comune=FORLI, provinces=["FC"])

    assert not is_open(snapshot, "svc", rome(2026, 2, 4, 10, 0))  # Madonna del Fuoco, Forlì


def test_it_applies_the_patron_of_other_capitals_to_them_alone():
    snapshot = build(
        services=[
            service("in-roma", comune=ROMA),
            service("in-palermo", comune=PALERMO),
            service("in-cefalu", comune=CEFALU),
        ]
    )

    assert not is_open(snapshot, "in-roma", rome(2026, 6, 29, 10, 0))  # Saints Peter and Paul
    assert not is_open(snapshot, "in-palermo", rome(2026, 7, 15, 10, 0))  # Saint Rosalia
    assert is_open(snapshot, "in-cefalu", rome(2026, 7, 15, 10, 0))


def test_it_keeps_a_service_open_on_holidays_when_it_says_so():
    snapshot = one_service(comune=BARI, open_on_holidays=True)

    assert is_open(snapshot, "svc", rome(2026, 12, 25, 10, 0))
    assert is_open(snapshot, "svc", rome(2026, 12, 6, 10, 0))


def test_it_opens_on_a_holiday_with_a_special_opening():
    snapshot = one_service(special_openings=[special("2026-12-25", "10:00", "12:00")])

    assert is_open(snapshot, "svc", rome(2026, 12, 25, 11, 0))
    assert not is_open(snapshot, "svc", rome(2026, 12, 25, 9, 30))


def test_it_lets_the_interval_started_the_evening_before_a_holiday_run_to_its_end():
    snapshot = one_service(schedules=[rule("22:00", "06:00")])

    assert is_open(snapshot, "svc", rome(2026, 12, 25, 3, 0))  # started on the 24th
    assert not is_open(snapshot, "svc", rome(2026, 12, 25, 23, 0))
    assert not is_open(snapshot, "svc", rome(2026, 12, 26, 3, 0))  # started on Christmas
    assert not is_open(snapshot, "svc", rome(2026, 12, 27, 3, 0))  # started on Saint Stephen
    assert is_open(snapshot, "svc", rome(2026, 12, 27, 23, 0))


def test_it_skips_holidays_when_looking_for_the_next_opening():
    snapshot = one_service(comune=BARI)

    assert next_opening(snapshot, "svc", rome(2026, 12, 24, 13, 0)) == rome(2026, 12, 27, 9, 0)
    assert next_opening(snapshot, "svc", rome(2026, 12, 5, 13, 0)) == rome(2026, 12, 7, 9, 0)
    assert next_opening(snapshot, "svc", rome(2026, 12, 31, 13, 0)) == rome(2027, 1, 2, 9, 0)
