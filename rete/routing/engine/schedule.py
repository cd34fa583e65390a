"""A service compiled for fast "open at an instant?" and "when does it open next?" checks.

The rules (DESIGN.md, "Routing: the heart of it"):

- weekly rules in Europe/Rome wall-clock time; an interval is half-open [opens, closes);
  closes <= opens runs past midnight into the next day; 00:00-00:00 is the whole day;
- an interval belongs to the date it starts on: rule validity dates, holidays, closed dates
  and special openings are all judged on that date, so an interval that started the evening
  before a holiday still runs to its end;
- a closed date removes every interval of that date; special openings on a date replace that
  date's weekly intervals, holiday or not; when a date is both, closed wins;
- holidays are national plus the location's patron day, unless `open_on_holidays`.

Compiled form: per weekday a tuple of (start, end) minutes from the date's midnight (end up to
2880 when past midnight), plus their validity as date ordinals when some rule has dates; a
frozenset of closed date ordinals; special openings by date ordinal; the shared holiday
calendar of the location. A check is then a few set and dict lookups and integer comparisons,
with no datetime arithmetic.

Fast path: most checks fall on an ordinary day — no closed date, special opening or holiday
on that date or the day before (whose past-midnight intervals reach into it). For those days
each weekday's open minutes are precompiled as the bits of one integer (the day's own
intervals and the spill of the previous weekday's night), so "open at?" is one set lookup and
one bit test. Rules with validity dates split a window of years around the snapshot's build
into periods, each with its own bits. The days that are not ordinary — including the first
day of a period, reached by the previous period's nights — are listed in `irregular`; outside
the window, or on an irregular day, the general path decides.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rete.routing.engine.clock import (
    DAY,
    MINUTES_PER_DAY,
    NO_END,
    NO_START,
    LocalInstant,
    day_ordinal,
    earliest_instant_of,
    first_start_after,
)
from rete.routing.engine.holiday_calendar import HolidayCalendar, fold
from rete.routing.engine.model import ServiceStatus

WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}

Interval = tuple[int, int]
DatedInterval = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True, eq=False)
class CompiledService:
    id: str
    name: str
    sort_name: str  # accent- and case-folded name, for orderings
    kind: str
    phone: str | None
    comune: str  # location
    area_provinces: tuple[str, ...]
    area_comuni: tuple[str, ...]
    weekly: tuple[tuple[Interval, ...], ...]  # index 0 = Monday
    dated_weekly: tuple[tuple[DatedInterval, ...], ...] | None  # set if a rule has dates
    closed: frozenset[int]
    special: Mapping[int, tuple[Interval, ...]]
    calendar: HolidayCalendar | None  # None: open on holidays
    overnight: bool  # some interval runs past midnight
    open_status: ServiceStatus  # how a decision shows it while open, built once
    # (first day, last day, per weekday: bit m set = open at minute m), in date order
    periods: tuple[tuple[int, int, tuple[int, ...]], ...]
    irregular: frozenset[int]  # days of the periods the fast path must not judge

    def intervals_on(self, day: int) -> tuple[Interval, ...]:
        """The intervals that start on local date `day` (an ordinal)."""
        if day in self.closed:
            return ()
        special = self.special.get(day)
        if special is not None:
            return special
        weekday = (day - 1) % 7  # ordinal 1 is a Monday
        if self.dated_weekly is None:
            weekly = self.weekly[weekday]
        else:
            weekly = tuple(
                (s, e) for s, e, since, until in self.dated_weekly[weekday] if since <= day <= until
            )
        # A holiday only takes intervals away, so a day without any needs no calendar lookup.
        if weekly and self.calendar is not None and day in self.calendar:
            return ()
        return weekly

    def open_at(self, at: LocalInstant) -> bool:
        day = at.day
        if day not in self.irregular:
            for first, last, week in self.periods:
                if first <= day <= last:
                    return (week[(day - 1) % 7] >> at.minute) & 1 == 1
        minute = at.minute
        for start, end in self.intervals_on(day):
            if start <= minute < end:
                return True
        if self.overnight:
            # Yesterday's intervals started before midnight, so only their end matters.
            minute += MINUTES_PER_DAY
            for _, end in self.intervals_on(day - 1):
                if minute < end:
                    return True
        return False

    def next_opening_ts(self, at: LocalInstant, horizon_days: int) -> float | None:
        """The earliest instant after `at` (POSIX seconds) at which the service is open, if
        within `horizon_days` days. Only for a service closed at `at`: then every interval
        reaching past `at` opens after it, and the answer is the earliest such opening.
        """
        best: float | None = None
        day = at.day - 1  # yesterday's night interval may reopen in a fall-back hour
        last_day = at.day + horizon_days + 1
        while day <= last_day:
            intervals = self.intervals_on(day)
            if intervals:
                found = first_start_after(day, intervals, at.ts)
                if found is not None and (best is None or found < best):
                    best = found
            day += 1
            # Later days open later, unless an offset change lets the next day's first
            # instants come before the best found so far.
            if best is not None and best <= earliest_instant_of(day):
                break
        if best is None or best > at.ts + horizon_days * DAY:
            return None
        return best


def compile_service(
    service: Mapping[str, Any], calendar: HolidayCalendar | None, fast_years: range
) -> CompiledService:
    """Compile one service of a validated `rete-network/1` document; the fast path covers
    the years `fast_years` (see the module docstring)."""
    weekly: list[list[DatedInterval]] = [[] for _ in range(7)]
    dated = False
    for rule in service.get("schedules", ()):
        since = day_ordinal(rule.get("valid_from"), NO_START)
        until = day_ordinal(rule.get("valid_to"), NO_END)
        dated = dated or since != NO_START or until != NO_END
        start, end = _interval(rule["opens_at"], rule["closes_at"])
        for code in rule["byday"].split(","):
            weekly[WEEKDAYS[code.strip()]].append((start, end, since, until))
    special: dict[int, list[Interval]] = {}
    for opening in service.get("special_openings", ()):
        day = date.fromisoformat(opening["date"]).toordinal()
        special.setdefault(day, []).append(_interval(opening["opens_at"], opening["closes_at"]))
    ends = [e for rules in weekly for _, e, _, _ in rules]
    ends += [e for intervals in special.values() for _, e in intervals]
    phones = service.get("phones") or ()
    phone = phones[0] if phones else None
    area = service.get("service_area") or {}
    kind = service.get("kind", "")
    closed = frozenset(
        date.fromisoformat(day).toordinal() for day in service.get("closed_dates", ())
    )
    calendar = None if service.get("open_on_holidays", False) else calendar
    weekly_intervals = tuple(tuple(sorted((s, e) for s, e, _, _ in rules)) for rules in weekly)
    periods = _periods(weekly, fast_years)
    overnight = any(end > MINUTES_PER_DAY for end in ends)
    return CompiledService(
        id=service["id"],
        name=service["name"],
        sort_name=fold(service["name"]),
        kind=kind,
        phone=phone,
        comune=service["location"]["comune"],
        area_provinces=tuple(area.get("provinces", ())),
        area_comuni=tuple(area.get("comuni", ())),
        weekly=weekly_intervals,
        dated_weekly=tuple(tuple(sorted(rules)) for rules in weekly) if dated else None,
        closed=closed,
        special={day: tuple(sorted(intervals)) for day, intervals in special.items()},
        calendar=calendar,
        overnight=overnight,
        open_status=ServiceStatus(service["id"], service["name"], phone, True, None, kind),
        periods=periods,
        irregular=_irregular_days(
            closed | special.keys(),
            calendar,
            fast_years,
            {first for first, _, _ in periods[1:]},
            overnight=overnight,
        ),
    )


def _periods(
    weekly: list[list[DatedInterval]], years: range
) -> tuple[tuple[int, int, tuple[int, ...]], ...]:
    """Split the days of `years` where the rules' validity dates change which rules apply,
    and compile each period's weekly bits."""
    first = date(years.start, 1, 1).toordinal()
    last = date(years.stop - 1, 12, 31).toordinal()
    cuts = {first, last + 1}
    for rules in weekly:
        for _, _, since, until in rules:
            cuts.update(day for day in (since, until + 1) if first < day <= last)
    bounds = sorted(cuts)
    periods = []
    for start, stop in itertools.pairwise(bounds):
        # A rule's validity either covers the whole period or none of it.
        active = tuple(
            tuple(sorted((s, e) for s, e, since, until in rules if since <= start <= until))
            for rules in weekly
        )
        periods.append((start, stop - 1, _week_bits(active)))
    return tuple(periods)


def _week_bits(weekly: tuple[tuple[Interval, ...], ...]) -> tuple[int, ...]:
    """Per weekday, the minutes at which the weekly rules alone keep the service open: the
    weekday's own intervals up to midnight and the previous weekday's past midnight."""
    bits = [0] * 7
    for weekday, intervals in enumerate(weekly):
        for start, end in intervals:
            bits[weekday] |= _minute_bits(start, min(end, MINUTES_PER_DAY))
            if end > MINUTES_PER_DAY:
                bits[(weekday + 1) % 7] |= _minute_bits(0, end - MINUTES_PER_DAY)
    return tuple(bits)


def _minute_bits(start: int, end: int) -> int:
    """Bits start..end-1 set."""
    return ((1 << (end - start)) - 1) << start


def _irregular_days(
    exceptions: frozenset[int] | set[int],
    calendar: HolidayCalendar | None,
    years: range,
    period_starts: set[int],
    *,
    overnight: bool,
) -> frozenset[int]:
    """The days of `years` on which a period's weekly bits alone do not decide: an exception
    or a holiday that day; for a service with past-midnight intervals, also the day after
    one, and the first day of a period (the night before belongs to other rules)."""
    if calendar is None:
        holidays: frozenset[int] = frozenset()
    else:
        holidays = calendar.irregular_days(years) if overnight else calendar.holiday_days(years)
    if not overnight:
        return holidays | exceptions if exceptions else holidays
    if not exceptions and not period_starts:
        return holidays  # shared by every service of the same calendar
    return holidays | exceptions | {day + 1 for day in exceptions} | period_starts


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _interval(opens_at: str, closes_at: str) -> Interval:
    start, end = _minutes(opens_at), _minutes(closes_at)
    if end <= start:  # past midnight; 00:00-00:00 is the whole day
        end += MINUTES_PER_DAY
    return start, end
