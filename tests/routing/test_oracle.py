"""Property: the engine agrees with a brute-force oracle written straight from the rules.

The oracle shares nothing with the engine (no compiled tables, ordinals, offsets, holiday
profiles): for an instant it reads the Europe/Rome wall clock and checks the intervals starting
on that date and the past-midnight intervals of the date before, applying closed dates, special
openings and holidays as DESIGN.md words them. The next opening is found by trying every UTC
minute after the instant, which is exact because every boundary falls on a whole minute.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cache
from typing import Any

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st
from networks import (
    ANDRIA,
    BARI,
    BARLETTA,
    BITONTO,
    FORLI,
    ROMA,
    build,
    chain,
    protocol,
    service,
    special,
    territory,
)

from rete.routing.engine import ROME, decide, is_open, next_opening

# The holiday subdivision DESIGN.md gives to a service located in each comune: the capital's
# province, the city named like the comune, nothing for Bitonto (province BA, not its capital).
PATRON = {
    BARI: "BA",
    BITONTO: None,
    ANDRIA: "Andria",
    BARLETTA: "Barletta",
    FORLI: "Forli",
    ROMA: "RM",
}
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MINUTE = timedelta(minutes=1)
HORIZON_DAYS = 4

Service = dict[str, Any]


@cache
def holiday_dates(subdivision: str | None, year: int) -> frozenset[date]:
    return frozenset(holidays.Italy(subdiv=subdivision, years=year))


def to_minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def intervals_starting_on(svc: Service, day: date) -> list[tuple[int, int]]:
    iso = day.isoformat()
    if iso in svc["closed_dates"]:
        return []
    specials = [
        (o["opens_at"], o["closes_at"]) for o in svc["special_openings"] if o["date"] == iso
    ]
    if specials:
        pairs = specials
    elif not svc["open_on_holidays"] and day in holiday_dates(
        PATRON[svc["location"]["comune"]], day.year
    ):
        return []
    else:
        pairs = [
            (r["opens_at"], r["closes_at"])
            for r in svc["schedules"]
            if DAY_CODES[day.weekday()] in r["byday"].split(",")
            and (r["valid_from"] is None or r["valid_from"] <= iso)
            and (r["valid_to"] is None or iso <= r["valid_to"])
        ]
    result = []
    for opens_at, closes_at in pairs:
        start, end = to_minutes(opens_at), to_minutes(closes_at)
        result.append((start, end if end > start else end + 1440))
    return result


def oracle(svc: Service) -> Callable[[datetime], bool]:
    """`open_at(instant)` for one service, memoising the intervals of each date."""
    by_day: dict[date, list[tuple[int, int]]] = {}

    def intervals(day: date) -> list[tuple[int, int]]:
        if day not in by_day:
            by_day[day] = intervals_starting_on(svc, day)
        return by_day[day]

    def open_at(instant: datetime) -> bool:
        local = instant.astimezone(ROME)
        minute = local.hour * 60 + local.minute
        today = local.date()
        if any(start <= minute < end for start, end in intervals(today)):
            return True
        yesterday = today - timedelta(days=1)
        return any(start <= minute + 1440 < end for start, end in intervals(yesterday))

    return open_at


def oracle_next_opening(svc: Service, at: datetime, horizon_days: int) -> datetime | None:
    open_at = oracle(svc)
    if open_at(at):
        return None
    instant = at.astimezone(UTC) + MINUTE  # UTC: adding minutes to a Rome time adds wall time
    limit = at.astimezone(UTC) + timedelta(days=horizon_days)
    while instant <= limit:
        if open_at(instant):
            return instant
        instant += MINUTE
    return None


def in_utc(instant: datetime | None) -> datetime | None:
    """For comparing instants: datetimes sharing a tzinfo compare by wall time, ignoring fold,
    and a Rome datetime in the repeated hour never equals one in another zone (PEP 495).
    """
    return instant.astimezone(UTC) if instant is not None else None


# Strategies -------------------------------------------------------------------------------

INTERESTING_DAYS = [
    date(2026, 3, 29),  # spring forward
    date(2026, 10, 25),  # fall back
    date(2026, 12, 6),  # Saint Nicholas, Bari only
    date(2026, 12, 8),  # Immaculate Conception
    date(2026, 9, 20),  # Saint Richard, Andria only
    date(2026, 12, 30),  # Saint Roger, Barletta only
    date(2026, 2, 4),  # Madonna del Fuoco, Forlì only
    date(2026, 6, 29),  # Saints Peter and Paul, Roma only
    date(2026, 12, 31),
]
OFFSETS = [
    UTC,
    ROME,
    timezone(timedelta(hours=1)),
    timezone(timedelta(hours=2)),
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=30)),
]
wall_times = st.one_of(
    st.just("00:00"),
    st.integers(0, 95).map(lambda q: f"{q * 15 // 60:02d}:{q * 15 % 60:02d}"),
)
base_days = st.one_of(
    st.sampled_from(INTERESTING_DAYS), st.dates(date(2026, 1, 1), date(2026, 12, 31))
)


@st.composite
def schedules(draw: st.DrawFn, comune: str | None = None) -> tuple[Service, date]:
    """A random service and the day its exceptions cluster around."""
    base = draw(base_days)
    near = st.integers(-3, 3).map(lambda k: (base + timedelta(days=k)).isoformat())
    rules = draw(
        st.lists(
            st.builds(
                lambda days, opens_at, closes_at, since, until: {
                    "byday": ",".join(d for d in DAY_CODES if d in days),
                    "opens_at": opens_at,
                    "closes_at": closes_at,
                    "valid_from": since,
                    "valid_to": until,
                },
                st.sets(st.sampled_from(DAY_CODES), min_size=1),
                wall_times,
                wall_times,
                st.none() | near,
                st.none() | near,
            ),
            min_size=1,
            max_size=3,
        )
    )
    svc = service(
        "svc",
        comune=comune or draw(st.sampled_from(sorted(PATRON))),
        schedules=rules,
        closed_dates=draw(st.lists(near, max_size=2)),
        special_openings=draw(
            st.lists(st.builds(special, near, wall_times, wall_times), max_size=2)
        ),
        open_on_holidays=draw(st.booleans()),
        provinces=[],
    )
    return svc, base


@st.composite
def instants_near(draw: st.DrawFn, base: date) -> datetime:
    midnight = datetime.combine(base, time(), tzinfo=ROME).astimezone(UTC)
    # Anywhere from the day before to the day after, or in the small hours where DST changes.
    minutes = draw(st.integers(-24 * 60, 48 * 60) | st.integers(0, 5 * 60))
    return (midnight + timedelta(minutes=minutes)).astimezone(draw(st.sampled_from(OFFSETS)))


@st.composite
def cases(draw: st.DrawFn) -> tuple[Service, datetime]:
    svc, base = draw(schedules())
    return svc, draw(instants_near(base))


# Properties -------------------------------------------------------------------------------


@settings(max_examples=1000, deadline=None)
@given(cases())
def test_it_agrees_with_the_oracle_on_open_at_an_instant(case):
    svc, at = case
    snapshot = build(services=[svc])
    open_at = oracle(svc)

    for step in range(0, 180, 7):  # the instant and a few around boundaries after it
        instant = at + step * MINUTE
        assert is_open(snapshot, "svc", instant) == open_at(instant), instant.isoformat()


@settings(max_examples=400, deadline=None)
@given(cases())
def test_it_agrees_with_the_oracle_on_the_next_opening(case):
    svc, at = case
    snapshot = build(services=[svc])

    found = next_opening(snapshot, "svc", at, horizon_days=HORIZON_DAYS)

    expected = oracle_next_opening(svc, at, HORIZON_DAYS)
    assert in_utc(found) == in_utc(expected), (at.isoformat(), found, expected)
    if found is not None:
        assert found.tzinfo is ROME


@st.composite
def chains(draw: st.DrawFn) -> tuple[list[Service], datetime]:
    first, base = draw(schedules(comune=BARI))
    second, _ = draw(schedules(comune=BITONTO))
    first["id"], second["id"] = "first", "second"
    return [first, second], draw(instants_near(base))


@settings(max_examples=400, deadline=None)
@given(chains())
def test_it_transfers_to_the_first_service_the_oracle_finds_open(case):
    services, at = case
    snapshot = build(
        territories=[territory("ATR-BA", provinces=["BA"])],
        protocols=[protocol("ATR-BA")],
        services=services,
        referrals=chain("ATR-BA", "first", "second"),
    )
    open_now = [s["id"] for s in services if oracle(s)(at)]

    decision = decide(snapshot, BARI, at)

    if open_now:
        assert decision.mode == "transfer"
        assert decision.target.service_id == open_now[0]
        assert [a.service_id for a in decision.alternatives] == open_now[1:]
    else:
        assert decision.mode == "out_of_hours"
        assert decision.target.service_id == "first"
        openings = [in_utc(next_opening(snapshot, s["id"], at)) for s in services]
        assert in_utc(decision.next_opening) == min((o for o in openings if o), default=None)
