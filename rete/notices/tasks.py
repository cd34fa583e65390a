"""The daily reminders as a background task, so that the cron job returns at once."""

from __future__ import annotations

from django_tasks import task


@task()
def send_reminders(day: str) -> dict[str, int]:
    import datetime

    from rete.notices.reminders import reminders_run

    return reminders_run(datetime.date.fromisoformat(day))
