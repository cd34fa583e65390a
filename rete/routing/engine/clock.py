"""Europe/Rome wall clock, both ways.

Opening hours are wall-clock rules, so checking "open at an instant" converts the instant to
local wall time once and then compares integers (`LocalInstant`). Finding the *next* opening
goes the other way, from wall-clock intervals to instants, which is where DST bites: a wall
time may not exist (spring forward) or exist twice (fall back). `first_start_after` maps a
wall-clock interval to the exact set of instants whose wall time lies in it, one or two
half-open pieces, so the next opening is simply the earliest piece start after the instant.

Instants are POSIX seconds; wall times are "wall seconds", seconds since 1970-01-01 00:00 on the
local wall clock; local dates are proleptic ordinals (`date.toordinal()`), which make "the day
before" and "the weekday" integer arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from rete.routing.engine.model import NaiveInstant

ROME = ZoneInfo("Europe/Rome")
DAY = 86_400
MINUTES_PER_DAY = 1_440
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# Open ends of a validity window, as date ordinals.
NO_START = 0
NO_END = date.max.toordinal()


@dataclass(frozen=True, slots=True)
class LocalInstant:
    """An instant with its Europe/Rome wall-clock reading, computed once per call."""

    ts: float  # POSIX seconds
    day: int  # ordinal of the local date
    minute: int  # minute of the local day, 0..1439


def local_instant(at: datetime) -> LocalInstant:
    if at.tzinfo is None or at.utcoffset() is None:
        raise NaiveInstant(f"instant without a UTC offset: {at.isoformat()}")
    local = at.astimezone(ROME)
    return LocalInstant(at.timestamp(), local.toordinal(), local.hour * 60 + local.minute)


def to_rome(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, ROME)


def day_ordinal(value: str | None, default: int) -> int:
    """The ordinal of an ISO date ("2026-12-25"), or `default` for a missing one."""
    return date.fromisoformat(value).toordinal() if value else default


def _offset(ts: int) -> int:
    offset = datetime.fromtimestamp(ts, ROME).utcoffset()
    assert offset is not None  # a ZoneInfo always gives one
    return int(offset.total_seconds())


@cache
def _transitions(year: int) -> tuple[tuple[int, int], ...]:
    """(instant, offset from that instant on) for each offset change in a UTC calendar year.

    Probes the offset once a day and bisects to the second where it changes; this assumes at
    most one change a day, true of Europe/Rome and of every zone with ordinary DST rules.
    """
    start = int(datetime(year, 1, 1, tzinfo=UTC).timestamp())
    days = date(year + 1, 1, 1).toordinal() - date(year, 1, 1).toordinal()
    changes = []
    before = _offset(start)
    for k in range(1, days + 1):
        after = _offset(start + k * DAY)
        if after != before:
            low, high = start + (k - 1) * DAY, start + k * DAY
            while high - low > 1:
                middle = (low + high) // 2
                if _offset(middle) == before:
                    low = middle
                else:
                    high = middle
            changes.append((high, after))
            before = after
    return tuple(changes)


@lru_cache(maxsize=4096)
def _day_offsets(day: int) -> int | tuple[tuple[int, int, int], ...]:
    """The UTC offset around the intervals starting on local date `day`.

    Those intervals have wall times within two days of the date's midnight, so their instants
    lie within [midnight - 1 day, midnight + 3 days). The answer is the offset when it is the
    same over that window (almost every day), else the window split into (start, end, offset)
    segments.
    """
    low = (day - EPOCH_ORDINAL) * DAY - DAY
    high = low + 4 * DAY
    first_year = datetime.fromtimestamp(low, UTC).year
    last_year = datetime.fromtimestamp(high, UTC).year
    changes = [
        (instant, offset)
        for year in range(first_year, last_year + 1)
        for instant, offset in _transitions(year)
        if low < instant < high
    ]
    offset = _offset(low)
    if not changes:
        return offset
    segments = []
    start = low
    for instant, after in changes:
        segments.append((start, instant, offset))
        start, offset = instant, after
    segments.append((start, high, offset))
    return tuple(segments)


def first_start_after(day: int, intervals: Iterable[tuple[int, int]], after: float) -> int | None:
    """The earliest instant later than `after` at which one of `intervals` opens.

    `intervals` are (start, end) minutes from local date `day`'s midnight. On an ordinary day
    an interval opens once, at its start; around a DST change it is mapped to the exact set of
    instants whose wall time lies in it: none if it lies wholly in the spring-forward gap, a
    piece starting at the end of the gap if only its start does, two pieces if its wall times
    occur twice in the fall-back hour. The starts of those pieces are when it opens.
    """
    midnight = (day - EPOCH_ORDINAL) * DAY
    offsets = _day_offsets(day)
    best = None
    if isinstance(offsets, int):
        for start, _ in intervals:
            opens = midnight + start * 60 - offsets
            if opens > after and (best is None or opens < best):
                best = opens
        return best
    for start, end in intervals:
        wall_start, wall_end = midnight + start * 60, midnight + end * 60
        for seg_start, seg_end, offset in offsets:
            opens = max(seg_start, wall_start - offset)
            closes = min(seg_end, wall_end - offset)
            if after < opens < closes and (best is None or opens < best):
                best = opens
    return best


def earliest_instant_of(day: int) -> int:
    """A lower bound of the instants whose wall time is on or after `day`'s midnight."""
    midnight = (day - EPOCH_ORDINAL) * DAY
    offsets = _day_offsets(day)
    if isinstance(offsets, int):
        return midnight - offsets
    return midnight - max(offset for _, _, offset in offsets)
