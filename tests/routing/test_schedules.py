"""Opening hours: weekly rules, past midnight, validity, closed dates, special openings."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from networks import BARI, WEEKDAYS, build, one_service, rome, rule, service, special

from rete.routing.engine import ROME, NaiveInstant, is_open, next_opening

# 2026-11-25 is a Wednesday.


def test_it_is_open_from_the_opening_minute_until_just_before_closing():
    snapshot = one_service(schedules=[rule("09:00", "13:00")])

    assert not is_open(snapshot, "svc", rome(2026, 11, 25, 8, 59))
    assert is_open(snapshot, "svc", rome(2026, 11, 25, 9, 0))
    assert is_open(snapshot, "svc", rome(2026, 11, 25, 12, 59))
    assert is_open(snapshot, "svc", rome(2026, 11, 25, 12, 59) + timedelta(seconds=59.9))
    assert not is_open(snapshot, "svc", rome(2026, 11, 25, 13, 0))


def test_it_opens_only_on_the_listed_weekdays():
    snapshot = one_service(schedules=[rule("09:00", "13:00", byday="MO,WE,FR")])

    assert is_open(snapshot, "svc", rome(2026, 11, 25, 10, 0))  # Wednesday
    assert not is_open(snapshot, "svc", rome(2026, 11, 26, 10, 0))  # Thursday
    assert is_open(snapshot, "svc", rome(2026, 11, 27, 10, 0))  # Friday


def test_it_reads_the_instant_on_the_rome_wall_clock_whatever_its_offset():
    snapshot = one_service(schedules=[rule("09:00", "13:00")])

    assert is_open(snapshot, "svc", datetime(2026, 11, 25, 8, 0, tzinfo=UTC))  # 09:00 in Rome
    assert not is_open(snapshot, "svc", datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # 13:00
    new_york = timezone(timedelta(hours=-5))
    assert is_open(snapshot, "svc", datetime(2026, 11, 25, 6, 30, tzinfo=new_york))


def test_it_runs_an_interval_past_midnight_into_the_next_day():
    snapshot = one_service(schedules=[rule("22:00", "06:00", byday="WE")])

    assert not is_open(snapshot, "svc", rome(2026, 11, 25, 21, 59))
    assert is_open(snapshot, "svc", rome(2026, 11, 25, 22, 0))
    assert is_open(snapshot, "svc", rome(2026, 11, 26, 5, 59))  # Thursday, not in byday
    assert not is_open(snapshot, "svc", rome(2026, 11, 26, 6, 0))
    assert not is_open(snapshot, "svc", rome(2026, 11, 25, 3, 0))  # Tuesday night not listed


def test_it_treats_00_00_to_00_00_as_the_whole_day():
    snapshot = one_service(schedules=[rule("00:00", "00:00", byday="WE")])

    assert not is_open(snapshot, "svc", rome(2026, 11, 24, 23, 59))
    assert is_open(snapshot, "svc", rome(2026, 11, 25, 0, 0))
    assert is_open(snapshot, "svc", rome(2026, 11, 25, 23, 59))
    assert not is_open(snapshot, "svc", rome(2026, 11, 26, 0, 0))


def test_it_treats_equal_opening_and_closing_times_as_24_hours_from_the_opening():
    snapshot = one_service(schedules=[rule("09:00", "09:00", byday="WE")])

    assert is_open(snapshot, "svc", rome(2026, 11, 26, 8, 59))
    assert not is_open(snapshot, "svc", rome(2026, 11, 26, 9, 0))


def test_it_applies_a_rule_only_within_its_validity_dates_inclusive():
    snapshot = one_service(schedules=[rule(valid_from="2026-11-20", valid_to="2026-11-30")])

    assert not is_open(snapshot, "svc", rome(2026, 11, 19, 10, 0))
    assert is_open(snapshot, "svc", rome(2026, 11, 20, 10, 0))
    assert is_open(snapshot, "svc", rome(2026, 11, 30, 10, 0))
    assert not is_open(snapshot, "svc", rome(2026, 12, 1, 10, 0))


def test_it_judges_rule_validity_on_the_date_the_interval_starts():
    snapshot = one_service(schedules=[rule("22:00", "06:00", valid_to="2026-11-25")])

    assert is_open(snapshot, "svc", rome(2026, 11, 26, 5, 0))  # started on the 25th
    assert not is_open(snapshot, "svc", rome(2026, 11, 26, 23, 0))


def test_it_combines_rules_with_and_without_validity():
    snapshot = one_service(
        schedules=[
            rule("09:00", "13:00"),
            rule("15:00", "18:00", valid_from="2026-12-01"),
        ]
    )

    assert not is_open(snapshot, "svc", rome(2026, 11, 30, 16, 0))
    assert is_open(snapshot, "svc", rome(2026, 11, 30, 10, 0))
    assert is_open(snapshot, "svc", rome(2026, 12, 1, 16, 0))


def test_it_closes_on_a_closed_date():
    snapshot = one_service(closed_dates=["2026-11-25"])

    assert not is_open(snapshot, "svc", rome(2026, 11, 25, 10, 0))
    assert is_open(snapshot, "svc", rome(2026, 11, 26, 10, 0))


def test_it_lets_the_interval_started_the_evening_before_a_closed_date_run_to_its_end():
    snapshot = one_service(schedules=[rule("22:00", "06:00")], closed_dates=["2026-11-26"])

    assert is_open(snapshot, "svc", rome(2026, 11, 26, 3, 0))
    assert not is_open(snapshot, "svc", rome(2026, 11, 26, 23, 0))
    assert not is_open(snapshot, "svc", rome(2026, 11, 27, 3, 0))
    assert is_open(snapshot, "svc", rome(2026, 11, 27, 23, 0))


def test_it_replaces_the_weekly_hours_of_a_date_with_its_special_openings():
    snapshot = one_service(
        special_openings=[
            special("2026-11-25", "15:00", "17:00"),
            special("2026-11-25", "19:00", "20:00"),
        ]
    )

    assert not is_open(snapshot, "svc", rome(2026, 11, 25, 10, 0))
    assert is_open(snapshot, "svc", rome(2026, 11, 25, 15, 0))
    assert not is_open(snapshot, "svc", rome(2026, 11, 25, 17, 0))
    assert is_open(snapshot, "svc", rome(2026, 11, 25, 19, 30))
    assert is_open(snapshot, "svc", rome(2026, 11, 26, 10, 0))


def test_it_opens_on_a_special_opening_outside_the_weekly_days():
    snapshot = one_service(
        schedules=[rule(byday=WEEKDAYS)], special_openings=[special("2026-11-28", "10:00", "12:00")]
    )

    assert is_open(snapshot, "svc", rome(2026, 11, 28, 11, 0))  # Saturday
    assert not is_open(snapshot, "svc", rome(2026, 11, 29, 11, 0))


def test_it_runs_a_special_opening_past_midnight():
    snapshot = one_service(schedules=[], special_openings=[special("2026-12-31", "20:00", "02:00")])

    assert is_open(snapshot, "svc", rome(2027, 1, 1, 1, 59))  # a national holiday, too
    assert not is_open(snapshot, "svc", rome(2027, 1, 1, 2, 0))


def test_it_lets_a_closed_date_win_over_a_special_opening_on_the_same_date():
    snapshot = one_service(
        closed_dates=["2026-11-25"], special_openings=[special("2026-11-25", "15:00", "17:00")]
    )

    assert not is_open(snapshot, "svc", rome(2026, 11, 25, 16, 0))


def test_it_has_no_next_opening_while_open():
    snapshot = one_service()

    assert next_opening(snapshot, "svc", rome(2026, 11, 25, 10, 0)) is None


def test_it_gives_the_next_opening_later_the_same_day_or_on_a_later_day():
    snapshot = one_service(schedules=[rule("09:00", "13:00", byday="MO,WE,FR")])

    assert next_opening(snapshot, "svc", rome(2026, 11, 25, 8, 0)) == rome(2026, 11, 25, 9, 0)
    assert next_opening(snapshot, "svc", rome(2026, 11, 25, 13, 0)) == rome(2026, 11, 27, 9, 0)
    assert next_opening(snapshot, "svc", rome(2026, 11, 28, 0, 0)) == rome(2026, 11, 30, 9, 0)


def test_it_gives_the_next_opening_strictly_after_the_instant():
    snapshot = one_service(schedules=[rule("09:00", "13:00")])

    found = next_opening(snapshot, "svc", rome(2026, 11, 25, 8, 59) + timedelta(seconds=30))

    assert found == rome(2026, 11, 25, 9, 0)


def test_it_gives_the_next_opening_in_rome_time():
    snapshot = one_service(schedules=[rule("09:00", "13:00")])

    found = next_opening(snapshot, "svc", datetime(2026, 11, 25, 20, 0, tzinfo=UTC))

    assert found is not None
    assert found.tzinfo is ROME
    assert found.isoformat() == "2026-11-26T09:00:00+01:00"


def test_it_skips_closed_dates_when_looking_for_the_next_opening():
    snapshot = one_service(closed_dates=["2026-11-26", "2026-11-27"])

    assert next_opening(snapshot, "svc", rome(2026, 11, 25, 14, 0)) == rome(2026, 11, 28, 9, 0)


def test_it_finds_a_next_opening_that_only_a_special_opening_gives():
    snapshot = one_service(schedules=[], special_openings=[special("2026-12-10", "10:00", "12:00")])

    assert next_opening(snapshot, "svc", rome(2026, 11, 25, 10, 0)) == rome(2026, 12, 10, 10, 0)


def test_it_gives_no_next_opening_beyond_the_horizon_which_is_inclusive():
    snapshot = one_service(schedules=[], special_openings=[special("2026-11-30", "10:00", "12:00")])
    at = rome(2026, 11, 25, 10, 0)

    assert next_opening(snapshot, "svc", at, horizon_days=5) == rome(2026, 11, 30, 10, 0)
    assert next_opening(snapshot, "svc", at - timedelta(minutes=1), horizon_days=5) is None
    assert next_opening(snapshot, "svc", at, horizon_days=4) is None


def test_it_gives_no_next_opening_to_a_service_without_hours():
    snapshot = one_service(schedules=[])

    assert next_opening(snapshot, "svc", rome(2026, 11, 25, 10, 0)) is None


def test_it_refuses_naive_instants():
    snapshot = one_service()
    naive = datetime(2026, 11, 25, 10, 0)

    with pytest.raises(NaiveInstant):
        is_open(snapshot, "svc", naive)
    with pytest.raises(ValueError):  # NaiveInstant is a ValueError
        next_opening(snapshot, "svc", naive)


def test_it_refuses_an_unknown_service():
    snapshot = build(services=[service("svc", comune=BARI)])

    with pytest.raises(KeyError, match="nope"):
        is_open(snapshot, "nope", rome(2026, 11, 25, 10, 0))
