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
    """The holiday dates (as date ordinals) of one profile, memoised by year."""

    __slots__ = ("_by_year", "profile")

    def __init__(self, profile: str | None) -> None:
        self.profile = profile
        self._by_year: dict[int, frozenset[int]] = {}

    def dates(self, year: int) -> frozenset[int]:
        found = self._by_year.get(year)
        if found is None:
            days = holidays.Italy(subdiv=self.profile, years=year)
            found = frozenset(day.toordinal() for day in days)
            # A concurrent first call may compute the same set twice; both are equal.
            self._by_year[year] = found
        return found


_CALENDARS: dict[str | None, HolidayCalendar] = {}


def calendar_for(profile: str | None) -> HolidayCalendar:
    calendar = _CALENDARS.get(profile)
    if calendar is None:
        calendar = _CALENDARS.setdefault(profile, HolidayCalendar(profile))
    return calendar
