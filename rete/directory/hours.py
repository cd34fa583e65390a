"""Opening hours in words: for the 1522 operator's console and the public service pages.

Pure functions over plain data, so that the console (the network document kept in the routing
snapshot) and the portal (`Schedule.objects.values(...)` and the like) describe hours alike:

- a weekly rule is a mapping with `byday` ("MO,WE,FR"), `opens_at` and `closes_at` ("09:00" or
  a `time`), `valid_from` and `valid_to` (ISO date, `date` or None); closes_at <= opens_at
  runs past midnight into the next day and 00:00-00:00 is the whole day, as for the routing
  engine (rete/routing/engine/schedule.py);
- a special opening is a mapping with `date`, `opens_at`, `closes_at`; a closed date is an ISO
  date or a `date`.

Source strings are English and go through gettext; Italian, the default language, must read
as an Italian would write it: "lunedì, mercoledì e venerdì 9:00–13:00", "apre domani alle
9:00". Italian elides the article before a vowel sound ("all'1:00", "dall'8 gennaio"), so the
phrases that take an hour or a day number have a second, elided form under its own context.
Weekday and month names reuse the catalogue's "weekday in a sentence" and "month in a
sentence" entries (lower-case Italian), shared with rete/routing/explain.py.

Instants are read in Europe/Rome. Times are written without a leading zero for the hour
("9:00"), with an en dash between the two ends of an interval.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

ROME = ZoneInfo("Europe/Rome")
MINUTES_PER_DAY = 1_440
# A rule whose validity starts within this many days gets its own "from ..." line: far enough
# ahead to warn of a change of hours, near enough not to describe a distant plan.
FUTURE_DAYS = 60
# The next opening is named by its weekday alone up to this many days ahead; further on, the
# date is needed to tell which week.
WEEKDAY_ONLY_DAYS = 6

WEEKDAY_CODES = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}

# Lazy, so that only the names a sentence needs are translated; contexts are literal so that
# makemessages collects them. rete/routing/explain.py uses them too.
WEEKDAYS = (
    pgettext_lazy("weekday in a sentence", "Monday"),
    pgettext_lazy("weekday in a sentence", "Tuesday"),
    pgettext_lazy("weekday in a sentence", "Wednesday"),
    pgettext_lazy("weekday in a sentence", "Thursday"),
    pgettext_lazy("weekday in a sentence", "Friday"),
    pgettext_lazy("weekday in a sentence", "Saturday"),
    pgettext_lazy("weekday in a sentence", "Sunday"),
)
MONTHS = (
    pgettext_lazy("month in a sentence", "January"),
    pgettext_lazy("month in a sentence", "February"),
    pgettext_lazy("month in a sentence", "March"),
    pgettext_lazy("month in a sentence", "April"),
    pgettext_lazy("month in a sentence", "May"),
    pgettext_lazy("month in a sentence", "June"),
    pgettext_lazy("month in a sentence", "July"),
    pgettext_lazy("month in a sentence", "August"),
    pgettext_lazy("month in a sentence", "September"),
    pgettext_lazy("month in a sentence", "October"),
    pgettext_lazy("month in a sentence", "November"),
    pgettext_lazy("month in a sentence", "December"),
)

Interval = tuple[int, int]  # minutes from the start day's midnight; end up to 2880
Group = tuple[tuple[int, ...], tuple[Interval, ...]]  # weekdays sharing the same intervals


@dataclass(frozen=True, slots=True)
class _Rule:
    weekdays: tuple[int, ...]
    interval: Interval
    since: date | None
    until: date | None

    def valid_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


# --- Public functions -----------------------------------------------------------------------


def hours_describe(rules: Iterable[Mapping[str, Any]], *, on: date | None = None) -> list[str]:
    """The weekly hours, one line per group of days sharing the same intervals, in week order:
    "da lunedì a venerdì 9:00–17:00", "lunedì e giovedì 9:00–13:00 e 15:00–18:00".

    With `on`, only the rules valid on that date, plus one line per change of hours within
    the next 60 days ("dal 1 gennaio 2027: da lunedì a venerdì 9:00–13:00"); without it, every
    rule whatever its validity. No rule gives no line.
    """
    if isinstance(on, datetime):
        raise TypeError("`on` must be a date, not a datetime")
    parsed = [_parse_rule(rule) for rule in rules]
    if on is None:
        return _describe_groups(_groups(parsed), spoken=False)
    current = _groups([rule for rule in parsed if rule.valid_on(on)])
    lines = _describe_groups(current, spoken=False)
    horizon = on + timedelta(days=FUTURE_DAYS)
    changes = sorted(
        {rule.since for rule in parsed if rule.since is not None and on < rule.since <= horizon}
        | {
            rule.until + timedelta(days=1)
            for rule in parsed
            if rule.until is not None and on <= rule.until < horizon
        }
    )
    previous = current
    for day in changes:
        groups = _groups([rule for rule in parsed if rule.valid_on(day)])
        if groups == previous:
            continue  # one rule replaced by an identical one: nothing changes for the reader
        described = _describe_groups(groups, spoken=False)
        hours = "; ".join(described) if described else _("no weekly opening hours")
        lines.append(_since_day(day) % {"date": format_date(day, year=True)} + ": " + hours)
        previous = groups
    return lines


def exceptions_describe(
    *,
    closed_dates: Iterable[str | date],
    special_openings: Iterable[Mapping[str, Any]],
    on: date,
    days: int = 30,
) -> list[str]:
    """The closed dates and special openings of the `days` days from `on`, in date order:
    "chiuso venerdì 25 dicembre", "apertura straordinaria domenica 20 dicembre 9:00–13:00".
    A date both closed and with special openings is closed, as for the routing engine.
    """
    if isinstance(on, datetime):
        raise TypeError("`on` must be a date, not a datetime")
    if days < 1:
        raise ValueError(f"`days` must be at least 1, not {days}")
    end = on + timedelta(days=days)
    closed = {_parse_date(value, "closed date") for value in closed_dates}
    special: dict[date, list[Interval]] = {}
    for opening in special_openings:
        day = _parse_date(_field(opening, "date"), "date")
        interval = _parse_interval(opening)
        special.setdefault(day, []).append(interval)
    lines = []
    for day in sorted({d for d in closed | special.keys() if on <= d < end}):
        when = format_date(day, weekday=True)
        if day in closed:
            lines.append(_("closed on %(date)s") % {"date": when})
        else:
            hours = _join(_compact_interval(i) for i in _merge(special[day]))
            lines.append(
                _("special opening on %(date)s %(hours)s") % {"date": when, "hours": hours}
            )
    return lines


def opening_phrase(open_now: bool, next_opening: datetime | None, *, now: datetime) -> str:
    """ "aperto ora", "apre oggi alle 15:00", "apre domani alle 9:00", "apre venerdì alle
    9:00" (within 6 days), "apre venerdì 4 dicembre alle 9:00" (further on), or "nessuna
    apertura nei prossimi 60 giorni"; days are Europe/Rome dates.
    """
    local_now = _rome(now, "now")
    if open_now:
        return _("open now")
    if next_opening is None:
        return _("no opening in the next 60 days")
    local = _rome(next_opening, "next_opening")
    if local < local_now:
        raise ValueError("the next opening is before now")
    at = _at_time(local)
    ahead = (local.date() - local_now.date()).days
    if ahead == 0:
        return _("opens today %(at)s") % {"at": at}
    if ahead == 1:
        return _("opens tomorrow %(at)s") % {"at": at}
    if ahead <= WEEKDAY_ONLY_DAYS:
        return _("opens on %(weekday)s %(at)s") % {"weekday": _weekday(local), "at": at}
    return _("opens on %(date)s %(at)s") % {"date": format_date(local, weekday=True), "at": at}


def out_of_hours_script(
    *,
    service_name: str,
    phone: str | None,
    rules: Iterable[Mapping[str, Any]],
    next_opening: datetime | None,
    now: datetime,
) -> str:
    """What the operator reads to a caller when the service is closed, in the active language:
    the service is closed, its number (written to be read aloud) and hours, the next opening,
    the offer of a call-back and 1522's own hours.

    `rules` are the service's weekly rules; those valid on today's date in Europe/Rome are read.
    """
    if not service_name.strip():
        raise ValueError("the service has no name")
    local_now = _rome(now, "now")
    groups = _groups([r for r in map(_parse_rule, rules) if r.valid_on(local_now.date())])
    hours = "; ".join(_describe_groups(groups, spoken=True))
    sentences = [_("The service %(service)s is closed at the moment.") % {"service": service_name}]
    if phone and hours:
        sentences.append(
            _("You can call it on %(phone)s %(hours)s.")
            % {"phone": format_phone(phone), "hours": hours}
        )
    elif phone:
        sentences.append(_("You can call it on %(phone)s.") % {"phone": format_phone(phone)})
    elif hours:
        sentences.append(_("It is open %(hours)s.") % {"hours": hours})
    if next_opening is None:
        sentences.append(_("The service has no opening planned in the next 60 days."))
    else:
        local = _rome(next_opening, "next_opening")
        if local < local_now:
            raise ValueError("the next opening is before now")
        sentences.append(
            _("The next opening is %(when)s.") % {"when": _spoken_opening(local, local_now)}
        )
        sentences.append(_("If you like, we can call you back when the service is open."))
    sentences.append(_("1522 answers day and night: you can call us again at any time."))
    return " ".join(sentences)


def unanswered_script(
    *, service_name: str, phone: str | None, rules: Iterable[Mapping[str, Any]], now: datetime
) -> str:
    """What the operator reads when the service is open but no transfer got through (no
    answer, busy, refused): its number and hours, the offer of a call-back, 1522's hours."""
    if not service_name.strip():
        raise ValueError("the service has no name")
    local_now = _rome(now, "now")
    groups = _groups([r for r in map(_parse_rule, rules) if r.valid_on(local_now.date())])
    hours = "; ".join(_describe_groups(groups, spoken=True))
    sentences = [
        _("The service %(service)s cannot answer at the moment.") % {"service": service_name}
    ]
    if phone and hours:
        sentences.append(
            _("You can call it on %(phone)s %(hours)s.")
            % {"phone": format_phone(phone), "hours": hours}
        )
    elif phone:
        sentences.append(_("You can call it on %(phone)s.") % {"phone": format_phone(phone)})
    sentences.append(_("If you like, we can call you back and try again."))
    sentences.append(_("1522 answers day and night: you can call us again at any time."))
    return " ".join(sentences)


@lru_cache(maxsize=8192)
def format_phone(phone: str) -> str:
    """A number as read aloud in Italy ("080 574 1461"); a short or unknown number as given.
    Kept per number: parsing is the slow part of drawing a list of services."""
    try:
        parsed = phonenumbers.parse(phone, "IT")
    except phonenumbers.NumberParseException:
        return phone
    if not phonenumbers.is_valid_number(parsed):
        return phone
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def format_date(day: date, *, weekday: bool = False, year: bool = False) -> str:
    """ "4 dicembre", "venerdì 4 dicembre", "1 gennaio 2027"."""
    values = {"day": day.day, "month": str(MONTHS[day.month - 1])}
    if year:
        text = _("%(day)d %(month)s %(year)d") % {**values, "year": day.year}
    else:
        text = pgettext("day and month", "%(day)d %(month)s") % values
    if weekday:
        return pgettext("weekday and date", "%(weekday)s %(date)s") % {
            "weekday": _weekday(day),
            "date": text,
        }
    return text


def format_time(minutes: int) -> str:
    """Minutes from midnight as "9:00", "13:30"; 1440 is "24:00", the end of a day."""
    if not 0 <= minutes <= MINUTES_PER_DAY:
        raise ValueError(f"not a time of day: {minutes} minutes")
    return f"{minutes // 60}:{minutes % 60:02d}"


# --- Grouping ---------------------------------------------------------------------------------


def _groups(rules: Sequence[_Rule]) -> tuple[Group, ...] | None:
    """Weekdays grouped by their (merged) intervals, in week order of each group's first day;
    None when the rules keep the service open at every minute of the week."""
    week: list[list[Interval]] = [[] for _ in range(7)]
    for rule in rules:
        for weekday in rule.weekdays:
            week[weekday].append(rule.interval)
    merged = [_merge(intervals) for intervals in week]
    if _round_the_clock(merged):
        return None
    by_intervals: dict[tuple[Interval, ...], list[int]] = {}
    for weekday, intervals in enumerate(merged):
        if intervals:
            by_intervals.setdefault(intervals, []).append(weekday)
    return tuple((tuple(days), intervals) for intervals, days in by_intervals.items())


def _merge(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sorted intervals with overlapping and touching ones joined, as long as the result stays
    within 24 hours (a longer stretch would read as a shorter one past midnight)."""
    result: list[Interval] = []
    for start, end in sorted(set(intervals)):
        if result and start <= result[-1][1] and max(end, result[-1][1]) - result[-1][0] <= 1440:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return tuple(result)


def _round_the_clock(week: list[tuple[Interval, ...]]) -> bool:
    """Every minute of every day covered, by the day's own intervals or the night before's."""
    for weekday, intervals in enumerate(week):
        covered = [(s, min(e, MINUTES_PER_DAY)) for s, e in intervals]
        covered += [(0, e - MINUTES_PER_DAY) for _, e in week[weekday - 1] if e > MINUTES_PER_DAY]
        reached = 0
        for start, end in sorted(covered):
            if start > reached:
                break
            reached = max(reached, end)
        if reached < MINUTES_PER_DAY:
            return False
    return True


# --- Words ------------------------------------------------------------------------------------


def _describe_groups(groups: tuple[Group, ...] | None, *, spoken: bool) -> list[str]:
    if groups is None:
        return [_("every day, 24 hours a day")]
    lines = []
    for days, intervals in groups:
        named = _days(days)
        if intervals == ((0, MINUTES_PER_DAY),):
            lines.append(_("%(days)s, 24 hours a day") % {"days": named})
            continue
        render = _spoken_interval if spoken else _compact_interval
        lines.append(f"{named} {_join(render(interval) for interval in intervals)}")
    return lines


def _days(weekdays: tuple[int, ...]) -> str:
    """ "tutti i giorni", "da lunedì a venerdì", "lunedì, mercoledì e venerdì", "da lunedì a
    mercoledì e sabato": runs of three days or more are collapsed, in week order."""
    if len(weekdays) == 7:
        return _("every day")
    runs: list[list[int]] = []
    for weekday in sorted(weekdays):
        if runs and weekday == runs[-1][-1] + 1:
            runs[-1].append(weekday)
        else:
            runs.append([weekday])
    names: list[str] = []
    for run in runs:
        if len(run) >= 3:
            names.append(
                pgettext("range of weekdays", "%(first)s to %(last)s")
                % {"first": str(WEEKDAYS[run[0]]), "last": str(WEEKDAYS[run[-1]])}
            )
        else:
            names.extend(str(WEEKDAYS[weekday]) for weekday in run)
    return _join(names)


def _join(items: Iterable[str]) -> str:
    """ "a", "a e b", "a, b e c"."""
    listed = list(items)
    if len(listed) == 1:
        return listed[0]
    return pgettext("end of a list", "%(items)s and %(last)s") % {
        "items": ", ".join(listed[:-1]),
        "last": listed[-1],
    }


def _compact_interval(interval: Interval) -> str:
    """ "9:00–13:00"; past midnight "18:00–8:00 del giorno dopo"."""
    start, end = interval
    if end > MINUTES_PER_DAY:
        return pgettext("interval past midnight", "%(start)s–%(end)s the next day") % {
            "start": format_time(start),
            "end": format_time(end - MINUTES_PER_DAY),
        }
    return f"{format_time(start)}–{format_time(end)}"


def _spoken_interval(interval: Interval) -> str:
    """ "dalle 9:00 alle 13:00"; past midnight "dalle 18:00 alle 8:00 del giorno dopo"."""
    start, end = interval
    opening = _from_time(start)
    if end > MINUTES_PER_DAY:
        end -= MINUTES_PER_DAY
        closing = pgettext("time past midnight", "%(time)s the next day") % {"time": _to_time(end)}
    else:
        closing = _to_time(end)
    return f"{opening} {closing}"


# "One o'clock" is "l'una" in Italian, so the preposition elides: "all'1:00", "dall'1:00".
def _from_time(minutes: int) -> str:
    time_text = format_time(minutes)
    if minutes // 60 == 1:
        return pgettext("from one o'clock", "from %(time)s") % {"time": time_text}
    return pgettext("from a time", "from %(time)s") % {"time": time_text}


def _to_time(minutes: int) -> str:
    time_text = format_time(minutes)
    if minutes // 60 == 1:
        return pgettext("until one o'clock", "to %(time)s") % {"time": time_text}
    return pgettext("until a time", "to %(time)s") % {"time": time_text}


def at_time(local: datetime) -> str:
    """ "alle 9:00", and "all'1:00" where Italian elides the article."""
    return _at_time(local)


def _at_time(local: datetime) -> str:
    time_text = format_time(local.hour * 60 + local.minute)
    if local.hour == 1:
        return pgettext("at one o'clock", "at %(time)s") % {"time": time_text}
    return pgettext("at a time", "at %(time)s") % {"time": time_text}


# "8" (otto) and "11" (undici) start with a vowel sound: "dall'8 gennaio", "dall'11 marzo".
def _since_day(day: date) -> str:
    if day.day in (8, 11):
        return pgettext("from a date starting with a vowel sound", "from %(date)s")
    return pgettext("from a date", "from %(date)s")


def _spoken_opening(local: datetime, local_now: datetime) -> str:
    """ "oggi alle 15:00", "domani, venerdì 27 novembre, alle 9:00", "venerdì 27 novembre alle
    9:00": said aloud, tomorrow is also named by its date, so the caller can note it down."""
    at = _at_time(local)
    ahead = (local.date() - local_now.date()).days
    if ahead == 0:
        return _("today %(at)s") % {"at": at}
    when = format_date(local, weekday=True)
    if ahead == 1:
        return _("tomorrow, %(date)s, %(at)s") % {"date": when, "at": at}
    return f"{when} {at}"


def _weekday(day: date) -> str:
    return str(WEEKDAYS[day.weekday()])


# --- Input ------------------------------------------------------------------------------------


def _rome(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"`{name}` must be a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"`{name}` has no UTC offset: {value.isoformat()}")
    return value.astimezone(ROME)


def _field(item: Mapping[str, Any], key: str) -> Any:
    try:
        return item[key]
    except KeyError:
        raise ValueError(f"opening hours without {key!r}") from None


def _parse_rule(rule: Mapping[str, Any]) -> _Rule:
    byday = _field(rule, "byday")
    if not isinstance(byday, str) or not byday.strip():
        raise ValueError(f"not a list of weekdays: {byday!r}")
    weekdays = set()
    for code in byday.split(","):
        weekday = WEEKDAY_CODES.get(code.strip().upper())
        if weekday is None:
            raise ValueError(f"unknown weekday {code.strip()!r} in {byday!r}")
        weekdays.add(weekday)
    raw_since, raw_until = rule.get("valid_from"), rule.get("valid_to")
    since = None if raw_since is None else _parse_date(raw_since, "valid_from")
    until = None if raw_until is None else _parse_date(raw_until, "valid_to")
    if since is not None and until is not None and until < since:
        raise ValueError(f"rule valid to {until} before it is valid from {since}")
    return _Rule(tuple(sorted(weekdays)), _parse_interval(rule), since, until)


def _parse_interval(item: Mapping[str, Any]) -> Interval:
    start = _minutes(_field(item, "opens_at"))
    end = _minutes(_field(item, "closes_at"))
    if end <= start:  # past midnight; 00:00-00:00 is the whole day
        end += MINUTES_PER_DAY
    return start, end


def _minutes(value: str | time) -> int:
    if isinstance(value, str):
        try:
            value = time.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not a time of day: {value!r}") from None
    if not isinstance(value, time):
        raise ValueError(f"not a time of day: {value!r}")
    return value.hour * 60 + value.minute


def _parse_date(value: str | date, name: str) -> date:
    if isinstance(value, datetime):
        raise ValueError(f"{name} must be a date, not a datetime")
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{name} is not an ISO date: {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} is not an ISO date: {value!r}") from None
