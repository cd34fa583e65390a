"""Which services of a service area are open at an instant, judged together.

Out of hours and in orientation the engine lists the services covering the caller's comune
that are open now: some fifty in a province, on every such decision. Asking each service
costs a method call apiece; an `AreaIndex` answers for the whole area at once. For every
period where the members' weekly rules stay the same, and every weekday, it keeps the
minutes at which the set of open members changes and that set as a bit mask (bit i: member
i), so the ordinary case is one bisection. Members that are not ordinary on the day (a
holiday, a closed date, a special opening, the first day of a new set of rules: see
schedule.py) are then settled: one without past-midnight intervals that is closed or on
holiday that day is closed all day, its bit cleared; the others are asked one by one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from rete.routing.engine.clock import MINUTES_PER_DAY, LocalInstant
from rete.routing.engine.schedule import CompiledService

# Per weekday: (minutes at which the open set changes, starting with 0; the mask from each)
Weekday = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True, slots=True, eq=False)
class AreaIndex:
    members: tuple[CompiledService, ...]
    periods: tuple[tuple[int, int, tuple[Weekday, ...]], ...]  # (first day, last day, weekdays)
    # Memo, day -> (members closed all day as a mask, positions of members to ask one by
    # one), filled on first use of each day: few days are ever asked about.
    _days: dict[int, tuple[int, tuple[int, ...]]] = field(default_factory=dict)

    def open_mask(self, at: LocalInstant) -> int | None:
        """The members open at `at` as a bit mask; None outside the indexed years."""
        day = at.day
        for first, last, weekdays in self.periods:
            if first <= day <= last:
                minutes, masks = weekdays[(day - 1) % 7]
                mask = masks[bisect_right(minutes, at.minute) - 1]
                exceptions = self._days.get(day)
                if exceptions is None:
                    exceptions = self._days.setdefault(day, self._exceptions(day))
                closed, ask = exceptions
                if closed or ask:
                    mask &= ~closed
                    for position in ask:
                        if self.members[position].open_at(at):
                            mask |= 1 << position
                        else:
                            mask &= ~(1 << position)
                return mask
        return None

    def _exceptions(self, day: int) -> tuple[int, tuple[int, ...]]:
        closed = 0
        ask = []
        for position, member in enumerate(self.members):
            if day in member.irregular:
                if _closed_all_day(member, day):
                    closed |= 1 << position
                else:
                    ask.append(position)
        return closed, tuple(ask)


def area_index(members: tuple[CompiledService, ...]) -> AreaIndex:
    """Index services compiled for the same snapshot (so over the same years)."""
    if not members:
        return AreaIndex(members, ())
    cuts = sorted({first for member in members for first, _, _ in member.periods})
    last_day = members[0].periods[-1][1]
    periods = []
    for first, following in zip(cuts, [*cuts[1:], last_day + 1], strict=True):
        weeks = [_week_on(member, first) for member in members]
        weekdays = tuple(_sweep([week[weekday] for week in weeks]) for weekday in range(7))
        periods.append((first, following - 1, weekdays))
    return AreaIndex(members, tuple(periods))


def _closed_all_day(member: CompiledService, day: int) -> bool:
    """Without past-midnight intervals a service is open on a day only by intervals starting
    that day, and a closed date, or a holiday without a special opening, leaves none."""
    if member.overnight:
        return False
    if day in member.closed:
        return True
    return member.calendar is not None and day in member.calendar and day not in member.special


def _week_on(member: CompiledService, day: int) -> tuple[int, ...]:
    for first, last, week in member.periods:
        if first <= day <= last:
            return week
    raise ValueError(f"day {day} outside the periods of {member.id}")


def _sweep(day_bits: list[int]) -> Weekday:
    """The change points of the open set, from each member's open minutes of one weekday."""
    changes: dict[int, int] = {}  # minute -> bits that flip there
    for position, bits in enumerate(day_bits):
        for start, end in _runs(bits):
            changes[start] = changes.get(start, 0) ^ (1 << position)
            if end < MINUTES_PER_DAY:
                changes[end] = changes.get(end, 0) ^ (1 << position)
    minutes, masks, mask = [0], [0], 0
    for minute in sorted(changes):
        mask ^= changes[minute]
        if minute == 0:
            masks[0] = mask
        else:
            minutes.append(minute)
            masks.append(mask)
    return tuple(minutes), tuple(masks)


@cache
def _runs(bits: int) -> tuple[tuple[int, int], ...]:
    """The runs of set bits of `bits` as half-open (start, end) minute ranges. Memoised:
    services share a few usual weeks ("Monday to Friday, 9 to 17")."""
    runs = []
    while bits:
        start = (bits & -bits).bit_length() - 1
        filled = bits + (1 << start)  # clears the run, carries into the bit after it
        end = (filled & -filled).bit_length() - 1
        runs.append((start, end))
        bits &= ~((1 << end) - 1)
    return tuple(runs)
