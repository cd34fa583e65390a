"""Statistical periods: a quarter ("2026Q1") or a whole year ("2026"), in local dates.

A contact belongs to the period of its start's local date (Europe/Rome): a call at 00:30 on
1 April local time is in the second quarter whatever its UTC offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:Q(?P<quarter>[1-4]))?$")
FIRST_YEAR = 2006  # 1522 is active since 2006
LAST_YEAR = 2100


class PeriodError(ValueError):
    """A period that is not "YYYYQn" or "YYYY"; its message is for the person who typed it."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None  # None: the whole year

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PATTERN.match(text.strip().upper()) if isinstance(text, str) else None
        if match is None:
            raise PeriodError(
                _("“%(text)s” is not a period: write a quarter like 2026Q1 or a year like 2026.")
                % {"text": text}
            )
        year = int(match["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise PeriodError(
                _("The year must lie between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        quarter = int(match["quarter"]) if match["quarter"] else None
        return cls(year, quarter)

    @classmethod
    def of(cls, day: date) -> Period:
        """The quarter `day` lies in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.quarter}" if self.quarter else str(self.year)

    @property
    def start(self) -> date:
        """First local date of the period."""
        return date(self.year, 3 * (self.quarter - 1) + 1 if self.quarter else 1, 1)

    @property
    def end(self) -> date:
        """First local date after the period (exclusive)."""
        if self.quarter is None or self.quarter == 4:
            return date(self.year + 1, 1, 1)
        return date(self.year, 3 * self.quarter + 1, 1)

    @property
    def label(self) -> str:
        if self.quarter is None:
            return _("Year %(year)s") % {"year": self.year}
        return QUARTER_LABELS[self.quarter] % {"year": self.year}

    def is_closed(self, today: date) -> bool:
        """True once the period's last day is over: only then may it be released."""
        return today >= self.end

    def previous(self) -> Period:
        if self.quarter is None:
            return Period(self.year - 1)
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def quarters(self) -> tuple[Period, ...]:
        if self.quarter is not None:
            return (self,)
        return tuple(Period(self.year, quarter) for quarter in range(1, 5))

    def __str__(self) -> str:
        return self.code


QUARTER_LABELS = {
    1: gettext_lazy("Q1 %(year)s (January–March)"),
    2: gettext_lazy("Q2 %(year)s (April–June)"),
    3: gettext_lazy("Q3 %(year)s (July–September)"),
    4: gettext_lazy("Q4 %(year)s (October–December)"),
}


def last_closed_quarter(today: date) -> Period:
    return Period.of(today).previous()
