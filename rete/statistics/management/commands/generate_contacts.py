"""`rete generate-contacts`: synthetic contacts for the demo and the benchmarks.

    rete generate-contacts --count 100000 --seed 1522                # the last 12 months
    rete generate-contacts --count 50000 --seed 7 --year 2025
    rete generate-contacts --count 5000 --seed 7 --start 2026-01-01 --end 2026-04-01
    rete generate-contacts --delete                                  # remove them all

The contacts are marked synthetic and are made over the network in the database (see
rete.statistics.synthetic). Bad input is refused before anything is written.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.statistics.synthetic import (
    SyntheticDataError,
    synthetic_contacts_check,
    synthetic_contacts_delete,
    synthetic_contacts_make,
)

DEFAULT_SEED = 1522


def _today() -> date:
    return timezone.localdate()


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("“%(text)s” is not a date: write it as YYYY-MM-DD.") % {"text": text}
        ) from None


def _year_before(day: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def period_from_options(
    *, start: str | None, end: str | None, year: int | None, today: date
) -> tuple[date, date]:
    """[start, end) from the options: --start and --end, or --year, or the 12 months
    before today."""
    if year is not None:
        if start is not None or end is not None:
            raise CommandError(_("Give either --year or --start and --end, not both."))
        if not 2006 <= year <= 2100:
            raise CommandError(_("The year must lie between 2006 and 2100."))
        return date(year, 1, 1), date(year + 1, 1, 1)
    if (start is None) != (end is None):
        raise CommandError(_("Give --start and --end together."))
    if start is None or end is None:
        return _year_before(today), today
    first, after = _date(start), _date(end)
    if after <= first:
        raise CommandError(_("The end of the period must come after its start."))
    return first, after


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Make synthetic 1522 contacts, marked as such, over the network in the database: "
            "for the demo and the benchmarks, never on a production database. The same seed "
            "gives the same contacts. --delete removes every synthetic contact first (alone, "
            "it only removes them)."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, help=_("How many contacts to make."))
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=_("The seed of the random choices (default %(default)s)."),
        )
        parser.add_argument("--start", help=_("First day of the period, YYYY-MM-DD."))
        parser.add_argument("--end", help=_("Day after the period, YYYY-MM-DD (excluded)."))
        parser.add_argument("--year", type=int, help=_("A whole calendar year instead."))
        parser.add_argument(
            "--delete",
            action="store_true",
            help=_("Delete every synthetic contact (and only those)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count: int | None = options["count"]
        delete: bool = options["delete"]
        if count is None and not delete:
            raise CommandError(_("Say how many contacts to make with --count, or use --delete."))
        if count is not None and count <= 0:
            raise CommandError(_("The number of contacts must be at least 1."))
        start, end = period_from_options(
            start=options["start"],
            end=options["end"],
            year=options["year"],
            today=_today(),
        )
        seed: int = options["seed"]
        if count is not None:
            try:
                synthetic_contacts_check(count=count, seed=seed, start=start, end=end)
            except SyntheticDataError as error:
                raise CommandError(str(error)) from None
        began = time.monotonic()
        # Deleting and making again is one change: both happen, or neither.
        with transaction.atomic():
            if delete:
                deleted = synthetic_contacts_delete()
                self.stdout.write(_("Synthetic contacts deleted: %(count)d.") % {"count": deleted})
            if count is None:
                return
            try:
                made = synthetic_contacts_make(count=count, seed=seed, start=start, end=end)
            except SyntheticDataError as error:
                raise CommandError(str(error)) from None
        self.stdout.write(
            _(
                "Made %(count)d synthetic contacts (seed %(seed)d) from %(first)s to %(last)s "
                "in %(seconds).1f s: %(valid)d valid, %(victims)d from victims, %(routed)d "
                "routed, %(attempts)d transfer attempts, %(emergencies)d emergencies."
            )
            % {
                "count": made.contacts,
                "seed": seed,
                "first": start.isoformat(),
                "last": (end - timedelta(days=1)).isoformat(),
                "seconds": time.monotonic() - began,
                "valid": made.valid,
                "victims": made.victims,
                "routed": made.routed,
                "attempts": made.transfer_attempts,
                "emergencies": made.emergencies,
            }
        )
