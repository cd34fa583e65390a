"""Which days close a service: Italian national holidays and, where it applies, the patron day.

The `holidays` package models local patron days as subdivisions of Italy: one per province,
carrying the patron of the province's capital (BA -> 6 December, Saint Nicholas), and a few
cities (Andria, Barletta, Cesena, Forli, Pesaro, Trani, Urbino), the capitals of provinces that
have more than one. A patron day closes only the services located in that comune, so a
service's profile comes from its location: the city subdivision named like the comune, else the
province subdivision if the comune is the capital, else the national calendar alone. A service
in Bitonto (province BA, not the capital) is therefore open on 6 December.

Building one year of holidays costs a fraction of a millisecond (several on first use), far
too much for a decision, so date sets are memoised per (profile, year) for the life of the
process, shared by every snapshot, and warmed when a snapshot is built.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import holidays

from rete.routing.engine.model import ComuneInfo


def fold(text: str) -> str:
    """ASCII-fold and casefold: "Forlì" -> "forli"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii").casefold().strip()


_PROVINCE_SUBDIVISIONS = frozenset(
    code for code in holidays.Italy.subdivisions if len(code) == 2 and code.isupper()
)
_CITY_SUBDIVISIONS = {
    fold(name): name for name in holidays.Italy.subdivisions if name not in _PROVINCE_SUBDIVISIONS
}


def holiday_profile(comune: ComuneInfo | None) -> str | None:
    """The `holidays.Italy` subdivision whose extra days close services located in `comune`.

    None means the national holidays only (also for a location the snapshot does not know).
    """
    if comune is None:
        return None
    city = _CITY_SUBDIVISIONS.get(fold(comune.name))
    if city is not None:
        return city
    if comune.is_capital and comune.province in _PROVINCE_SUBDIVISIONS:
        return comune.province
    return None


class HolidayCalendar:
    """The holidays of one profile, as a set of date ordinals: `day in calendar`.

    Years are computed on first use and memoised. The year looked up last is kept as one
    (first day, last day, holidays) tuple, replaced in a single assignment so that concurrent
    readers never see a half update; most checks hit it and cost one range test and one set
    lookup.
    """

    __slots__ = ("_irregular", "_recent", "_years", "profile")

    def __init__(self, profile: str | None) -> None:
        self.profile = profile
        self._years: dict[int, tuple[int, int, frozenset[int]]] = {}
        self._recent: tuple[int, int, frozenset[int]] = (1, 0, frozenset())
        self._irregular: dict[tuple[range, bool], frozenset[int]] = {}

    def holiday_days(self, years: range) -> frozenset[int]:
        """The holidays of `years`, memoised: one set shared by the services of this calendar."""
        key = (years, False)
        found = self._irregular.get(key)
        if found is None:
            found = frozenset(day for year in years for day in self.year(year)[2])
            self._irregular[key] = found
        return found

    def irregular_days(self, years: range) -> frozenset[int]:
        """The holidays of `years` and the day after each (reached by night intervals)."""
        key = (years, True)
        found = self._irregular.get(key)
        if found is None:
            days = self.holiday_days(years)
            found = days | {day + 1 for day in days}
            self._irregular[key] = found
        return found

    def __contains__(self, day: int) -> bool:
        first, last, days = self._recent
        if not first <= day <= last:
            first, last, days = self._recent = self.year(date.fromordinal(day).year)
        return day in days

    def year(self, year: int) -> tuple[int, int, frozenset[int]]:
        """(first day, last day, holidays) of `year`, as ordinals."""
        found = self._years.get(year)
        if found is None:
            days = frozenset(d.toordinal() for d in holidays.Italy(subdiv=self.profile, years=year))
            found = (date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal(), days)
            self._years[year] = found  # a concurrent first use computes the same value
        return found


_CALENDARS: dict[str | None, HolidayCalendar] = {}


def calendar_for(profile: str | None) -> HolidayCalendar:
    calendar = _CALENDARS.get(profile)
    if calendar is None:
        calendar = _CALENDARS.setdefault(profile, HolidayCalendar(profile))
    return calendar
