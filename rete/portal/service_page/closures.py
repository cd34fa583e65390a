"""Holidays and exceptional dates of a service, in words, for its public page.

A service not marked "open on holidays" is closed on the Italian national holidays and, when it
is located in a comune with a patron-saint holiday, on that day too. The days come from the
routing engine's own holiday calendar of the service (`CompiledService.calendar`), so that the
page announces exactly the closures the "open now" answer and the 1522 routing apply.

Holiday names come from the `holidays` package, which names them in Italian and English only;
in the portal's other languages a holiday is called just that.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rete.directory.hours import exceptions_describe, format_date
from rete.directory.service_hours import ServiceHours
from rete.routing.engine.schedule import CompiledService

UPCOMING_DAYS = 30
HOLIDAY_LANGUAGES = {"it": "it_IT", "en": "en_US"}


def holiday_rule(compiled: CompiledService | None, *, comune: str, on: date) -> str:
    """One sentence on holidays: open on them, closed on the national ones, or also closed on
    the patron-saint day of `comune` (with its next date)."""
    if compiled is None:
        return ""
    if compiled.calendar is None:
        return _("Open on public holidays too.")
    profile = compiled.calendar.profile
    patron = _patron_days(profile, on=on) if profile else []
    if not patron:
        return _("Closed on national public holidays.")
    return _(
        "Closed on national public holidays and on the patron saint's day of %(comune)s "
        "(%(dates)s)."
    ) % {"comune": comune, "dates": ", ".join(format_date(day) for day in patron)}


def upcoming_notices(
    hours: ServiceHours, compiled: CompiledService | None, *, on: date, days: int = UPCOMING_DAYS
) -> list[str]:
    """The closures and special openings of the `days` days from `on`, in date order: the
    dates the network marked for the service, and the holidays that fall on a day it would
    otherwise open."""
    closed = {_iso_date(value) for value in hours.closed_dates}
    special = {_iso_date(opening["date"]) for opening in hours.special_openings}
    lines = []
    for offset in range(days):
        day = on + timedelta(days=offset)
        if day in closed or day in special:
            lines.extend(
                exceptions_describe(
                    closed_dates=[d for d in hours.closed_dates if _iso_date(d) == day],
                    special_openings=[
                        s for s in hours.special_openings if _iso_date(s["date"]) == day
                    ],
                    on=day,
                    days=1,
                )
            )
        elif compiled is not None and _holiday_closes(compiled, day):
            lines.append(_holiday_line(day, compiled.calendar.profile))  # type: ignore[union-attr]
    return lines


def _holiday_closes(compiled: CompiledService, day: date) -> bool:
    """A holiday on a day the service's weekly hours would open it (a holiday on a day it is
    closed anyway is no news to the reader)."""
    ordinal = day.toordinal()
    if compiled.calendar is None or ordinal not in compiled.calendar:
        return False
    weekday = day.weekday()
    if compiled.dated_weekly is None:
        return bool(compiled.weekly[weekday])
    return any(
        since <= ordinal <= until for _start, _end, since, until in compiled.dated_weekly[weekday]
    )


def _holiday_line(day: date, profile: str | None) -> str:
    closed = _("closed on %(date)s") % {"date": format_date(day, weekday=True)}
    name = _holiday_name(day, profile) or _("public holiday")
    return f"{closed} ({name})"


def _holiday_name(day: date, profile: str | None) -> str | None:
    language = HOLIDAY_LANGUAGES.get((get_language() or "").split("-")[0])
    if language is None:
        return None
    return holidays.Italy(subdiv=profile, years=day.year, language=language).get(day)


def _patron_days(profile: str, *, on: date) -> list[date]:
    """The next occurrence of the days the profile adds to the national holidays."""
    for year in (on.year, on.year + 1):
        national = holidays.Italy(years=year)
        local = holidays.Italy(subdiv=profile, years=year)
        days = sorted(day for day in local if day not in national and day >= on)
        if days:
            return days
    return []


def _iso_date(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)
