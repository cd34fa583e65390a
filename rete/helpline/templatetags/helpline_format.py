"""Dates and instants written as the console speaks them ("venerdì 27 novembre alle 9:00"):
the words of rete.directory.hours, so that the screens and the scripts read alike."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils.translation import gettext as _

from rete.directory.hours import format_date, format_time

register = template.Library()
ROME = ZoneInfo("Europe/Rome")


@register.filter
def spoken_date(value: datetime | None, year: str = "") -> str:
    """ "venerdì 27 novembre" (with the year when the argument is "year")."""
    if value is None:
        return ""
    local = value.astimezone(ROME) if isinstance(value, datetime) else value
    day = local.date() if isinstance(local, datetime) else local
    return format_date(day, weekday=True, year=year == "year")


@register.filter
def spoken_instant(value: datetime | None) -> str:
    """ "venerdì 27 novembre, 9:00"."""
    if value is None:
        return ""
    local = value.astimezone(ROME)
    return _("%(date)s, %(time)s") % {
        "date": format_date(local.date(), weekday=True),
        "time": format_time(local.hour * 60 + local.minute),
    }
