"""DST days are wall-clock days: hours keep their local meaning whatever the offset.

In 2026 Rome springs forward on 29 March (02:00 CET -> 03:00 CEST, at 01:00 UTC) and falls back
on 25 October (03:00 CEST -> 02:00 CET, at 01:00 UTC). Instants are written in UTC here, and
results compared as ISO strings, because aware datetimes sharing a tzinfo compare by wall time
and would hide a wrong fold.
"""

from datetime import UTC, datetime, timedelta

import pytest
from networks import BARI, build, chain, one_service, protocol, rule, service, special, territory

from rete.routing.engine import decide, is_open, next_opening


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def iso(found: datetime | None) -> str | None:
    return found.isoformat() if found is not None else None


@pytest.mark.parametrize(
    ("month", "day", "offset_hours"), [(3, 29, 2), (10, 25, 1)], ids=["spring", "fall"]
)
def test_it_keeps_a_morning_interval_on_the_wall_clock_on_dst_days(month, day, offset_hours):
    snapshot = one_service(schedules=[rule("09:00", "13:00")])

    assert not is_open(snapshot, "svc", utc(month, day, 9 - offset_hours, 0) - timedelta(minutes=1))
    assert is_open(snapshot, "svc", utc(month, day, 9 - offset_hours, 0))
    assert is_open(snapshot, "svc", utc(month, day, 12 - offset_hours, 59))
    assert not is_open(snapshot, "svc", utc(month, day, 13 - offset_hours, 0))


def test_it_runs_a_night_interval_across_the_spring_forward_change():
    snapshot = one_service(schedules=[rule("22:00", "06:00")])

    assert not is_open(snapshot, "svc", utc(3, 28, 20, 59))  # 21:59 CET
    assert is_open(snapshot, "svc", utc(3, 28, 21, 0))  # 22:00 CET
    assert is_open(snapshot, "svc", utc(3, 29, 0, 59))  # 01:59 CET
    assert is_open(snapshot, "svc", utc(3, 29, 1, 0))  # 03:00 CEST
    assert is_open(snapshot, "svc", utc(3, 29, 3, 59))  # 05:59 CEST
    assert not is_open(snapshot, "svc", utc(3, 29, 4, 0))  # 06:00 CEST: seven hours in all


def test_it_runs_a_night_interval_across_the_fall_back_change():
    snapshot = one_service(schedules=[rule("22:00", "06:00")])

    assert is_open(snapshot, "svc", utc(10, 24, 20, 0))  # 22:00 CEST
    assert is_open(snapshot, "svc", utc(10, 25, 0, 30))  # 02:30 CEST
    assert is_open(snapshot, "svc", utc(10, 25, 1, 30))  # 02:30 CET, the second time
    assert is_open(snapshot, "svc", utc(10, 25, 4, 59))  # 05:59 CET
    assert not is_open(snapshot, "svc", utc(10, 25, 5, 0))  # 06:00 CET: nine hours in all


def test_it_opens_at_the_end_of_the_gap_when_the_opening_time_does_not_exist():
    snapshot = one_service(schedules=[rule("02:30", "04:00")])

    assert not is_open(snapshot, "svc", utc(3, 29, 0, 59))  # 01:59 CET
    assert is_open(snapshot, "svc", utc(3, 29, 1, 0))  # 03:00 CEST
    assert iso(next_opening(snapshot, "svc", utc(3, 28, 23, 0))) == "2026-03-29T03:00:00+02:00"
    assert iso(next_opening(snapshot, "svc", utc(3, 29, 2, 0))) == "2026-03-30T02:30:00+02:00"


def test_it_never_opens_an_interval_that_lies_wholly_in_the_gap():
    snapshot = one_service(
        schedules=[],
        special_openings=[
            special("2026-03-29", "02:15", "02:45"),
            special("2026-03-30", "10:00", "11:00"),
        ],
    )

    assert not is_open(snapshot, "svc", utc(3, 29, 1, 0))
    assert iso(next_opening(snapshot, "svc", utc(3, 28, 23, 0))) == "2026-03-30T10:00:00+02:00"


def test_it_closes_an_interval_that_ends_inside_the_gap_at_the_jump():
    snapshot = one_service(schedules=[rule("01:00", "02:30")])

    assert is_open(snapshot, "svc", utc(3, 29, 0, 59))  # 01:59 CET
    assert not is_open(snapshot, "svc", utc(3, 29, 1, 0))  # 03:00 CEST
    assert iso(next_opening(snapshot, "svc", utc(3, 29, 1, 0))) == "2026-03-30T01:00:00+02:00"


def test_it_opens_again_in_the_repeated_hour():
    snapshot = one_service(schedules=[rule("02:30", "02:45")])

    assert is_open(snapshot, "svc", utc(10, 25, 0, 40))  # 02:40 CEST
    assert not is_open(snapshot, "svc", utc(10, 25, 0, 50))  # 02:50 CEST
    assert is_open(snapshot, "svc", utc(10, 25, 1, 40))  # 02:40 CET
    assert next_opening(snapshot, "svc", utc(10, 25, 0, 40)) is None
    assert iso(next_opening(snapshot, "svc", utc(10, 25, 0, 50))) == "2026-10-25T02:30:00+01:00"
    assert iso(next_opening(snapshot, "svc", utc(10, 25, 1, 50))) == "2026-10-26T02:30:00+01:00"


def test_it_reopens_when_falling_back_lands_inside_an_interval():
    snapshot = one_service(schedules=[rule("01:00", "02:30")])

    assert not is_open(snapshot, "svc", utc(10, 25, 0, 40))  # 02:40 CEST
    assert iso(next_opening(snapshot, "svc", utc(10, 25, 0, 40))) == "2026-10-25T02:00:00+01:00"
    assert is_open(snapshot, "svc", utc(10, 25, 1, 0))  # 02:00 CET


def test_it_finds_the_first_occurrence_of_a_repeated_opening_time():
    snapshot = one_service(schedules=[rule("02:30", "04:00")])

    assert iso(next_opening(snapshot, "svc", utc(10, 24, 12, 0))) == "2026-10-25T02:30:00+02:00"


def test_it_reopens_yesterdays_night_interval_in_the_repeated_hour():
    snapshot = one_service(schedules=[rule("22:00", "02:30")])

    assert not is_open(snapshot, "svc", utc(10, 25, 0, 45))  # 02:45 CEST
    assert iso(next_opening(snapshot, "svc", utc(10, 25, 0, 45))) == "2026-10-25T02:00:00+01:00"
    assert is_open(snapshot, "svc", utc(10, 25, 1, 15))  # 02:15 CET


def test_it_prefers_todays_earlier_opening_to_yesterdays_repeated_hour():
    snapshot = one_service(schedules=[rule("22:00", "02:30"), rule("02:50", "03:00")])

    found = next_opening(snapshot, "svc", utc(10, 25, 0, 45))  # 02:45 CEST

    assert iso(found) == "2026-10-25T02:50:00+02:00"


def test_it_takes_the_earliest_chain_opening_by_instant_in_the_repeated_hour():
    snapshot = build(
        territories=[territory("ATR-BA", provinces=["BA"])],
        protocols=[protocol("ATR-BA")],
        services=[
            service("second-time", schedules=[rule("02:30", "02:35")]),
            service("first-time", schedules=[rule("02:45", "02:50")]),
        ],
        referrals=chain("ATR-BA", "second-time", "first-time"),
    )

    decision = decide(snapshot, BARI, utc(10, 25, 0, 40))  # 02:40 CEST

    assert iso(decision.target.next_opening) == "2026-10-25T02:30:00+01:00"
    assert iso(decision.next_opening) == "2026-10-25T02:45:00+02:00"  # earlier, in CEST
