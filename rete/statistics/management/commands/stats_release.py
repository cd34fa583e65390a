"""`rete stats-release 2026Q1 [--publish] [--note TEXT]` (also `rete stats_release`): the
quarterly release from the command line, for automation. The release is computed here, in
this process (no worker needed), then optionally published."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.statistics.models import Audience, Release, ReleaseStatus
from rete.statistics.periods import Period, PeriodError, last_closed_quarter
from rete.statistics.services import release_compute, release_publish, release_request

LAST = "last"


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Compute the statistics release of a closed period (a quarter like 2026Q1 or a "
            "year like 2026) and print its summary; with --publish, publish it. A period "
            "already published gets a new release that corrects it: --note must say why. "
            "A period that is not over, or with a release still computing or waiting for "
            "review, is refused and nothing changes."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "period",
            help=_(
                "The period: 2026Q1 or 2026, or “last” for the last closed quarter (for a "
                "scheduled run on the first day of each quarter)."
            ),
        )
        parser.add_argument(
            "--publish", action="store_true", help=_("Publish the release once computed.")
        )
        parser.add_argument(
            "--note", default="", help=_("Why this release corrects the published one.")
        )

    def handle(self, *args: Any, period: str, publish: bool, note: str, **options: Any) -> None:
        try:
            parsed = (
                last_closed_quarter(timezone.localdate())
                if period.strip().lower() == LAST
                else Period.parse(period)
            )
            release = release_request(period=parsed, actor=None, notes=note, enqueue=False)
        except (PeriodError, ValidationError) as error:
            raise CommandError(_message(error)) from None
        self.stdout.write(
            _("Computing release %(number)d of %(period)s…")
            % {"number": release.number, "period": parsed.code}
        )
        release = release_compute(release.pk, on_progress=self._progress)
        if release.status != ReleaseStatus.READY:
            raise CommandError(_("The computation failed: %(error)s") % {"error": release.error})
        for line in _summary(release):
            self.stdout.write(line)
        if not publish:
            self.stdout.write(
                _("Ready for review in the reserved area; publish it there or with --publish.")
            )
            return
        try:
            release = release_publish(release=release, actor=None)
        except ValidationError as error:
            raise CommandError(_message(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Published: release %(number)d of %(period)s.")
                % {"number": release.number, "period": parsed.code}
            )
        )

    def _progress(self, percent: int, note: str) -> None:
        self.stdout.write(f"[{percent:3d}%] {note}")


def _message(error: PeriodError | ValidationError) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _summary(release: Release) -> list[str]:
    report = release.disclosure or {}
    tables = release.tables.all()
    width = report.get("min_width")
    return [
        _("Contacts in the period: %(count)s") % {"count": release.contacts_count},
        _("Tables: %(public)d public, %(reserved)d reserved")
        % {
            "public": tables.filter(audience=Audience.PUBLIC).count(),
            "reserved": tables.filter(audience=Audience.RESERVED).count(),
        },
        _("Suppressed values: %(primary)s primary, %(secondary)s secondary (threshold %(t)d)")
        % {
            "primary": report.get("primary", "?"),
            "secondary": report.get("secondary", "?"),
            "t": release.threshold,
        },
        _("Linear-programming check: narrowest range of a suppressed value %(width)s")
        % {"width": "—" if width is None else width},
    ]
