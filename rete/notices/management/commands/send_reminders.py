"""`rete send-reminders [--date YYYY-MM-DD] [--now]`: the day's reminders (protocols ending,
questionnaire deadlines...). Queued as a background task for the worker, or run here with
--now. Run it once a day from cron; running it again sends nothing twice."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.notices.reminders import reminders_run
from rete.notices.tasks import send_reminders


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Send the day's reminders (protocols about to end, questionnaire deadlines). "
            "Each reminder is sent once, however often the command runs."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help=_("The day to remind for (default: today)."))
        parser.add_argument(
            "--now",
            action="store_true",
            help=_("Run here and now instead of queueing a task for the worker."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["date"]:
            try:
                day = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(_("Give the date as YYYY-MM-DD.")) from None
        else:
            day = timezone.localdate()
        if options["now"]:
            for name, count in reminders_run(day).items():
                if count < 0:
                    self.stderr.write(_("%(job)s: failed (see the log)") % {"job": name})
                else:
                    self.stdout.write(f"{name}: {count}")
            return
        result = send_reminders.enqueue(day.isoformat())
        self.stdout.write(_("Reminders queued (task %(id)s).") % {"id": result.id})
