"""Reminders that depend on the date (a protocol ending, a questionnaire's deadline): each
capability registers a job, and `rete send-reminders` (run daily by cron, see the README)
queues one background task that runs them all. Jobs are idempotent through the notices'
keys: running them twice a day, or after a missed day, sends each reminder once."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

# A job takes today's date (Europe/Rome) and returns how many notices it sent.
ReminderJob = Callable[[datetime.date], int]

_JOBS: dict[str, ReminderJob] = {}


def reminder_register(name: str) -> Callable[[ReminderJob], ReminderJob]:
    """Decorator: register `job` under `name` (import its module in the app's ready())."""

    def decorator(job: ReminderJob) -> ReminderJob:
        _JOBS[name] = job
        return job

    return decorator


def reminder_jobs() -> dict[str, ReminderJob]:
    return dict(_JOBS)


def reminders_run(today: datetime.date) -> dict[str, int]:
    """Run every job for `today`; one failing job is logged and does not stop the others."""
    sent: dict[str, int] = {}
    for name, job in sorted(_JOBS.items()):
        try:
            sent[name] = job(today)
        except Exception:
            logger.exception("reminder job failed: %s", name)
            sent[name] = -1
    return sent
