"""Reminders before the closing date (the daily job) and "remind now" (the task)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from rete.audit.models import AuditAction, AuditEntry
from rete.monitoring.campaigns.services import campaign_close, campaign_remind_now
from rete.monitoring.reminders import campaigns_remind, reminder_due
from rete.notices.models import Notice
from rete.notices.reminders import reminder_jobs, reminders_run
from tests.monitoring.samples import SAMPLE_ANSWERS

pytestmark = pytest.mark.django_db


def _reminded(campaign, suffix: str = "reminder.") -> set[str]:
    return set(
        Notice.objects.filter(key__startswith=f"campaign.{campaign.pk}.{suffix}").values_list(
            "recipient__username", flat=True
        )
    )


def test_the_job_is_registered() -> None:
    assert "monitoring_campaigns" in reminder_jobs()


def test_it_reminds_only_the_services_that_have_not_submitted(
    campaign_launched, target_a, target_b, respond
) -> None:
    respond(target_a, SAMPLE_ANSWERS)  # CAV Aurora submitted; CAV Betulla has nothing
    seven_before = campaign_launched.closes_on - timedelta(days=7)

    sent = campaigns_remind(seven_before)

    assert sent == 1
    assert _reminded(campaign_launched) == {"m-operator-b"}
    notice = Notice.objects.get(recipient__username="m-operator-b")
    assert notice.key == f"campaign.{campaign_launched.pk}.reminder.7"
    assert "CAV Betulla" in notice.body
    entry = AuditEntry.objects.get(action=AuditAction.CAMPAIGN_REMIND)
    assert entry.details == {"kind": "scheduled", "days": 7, "pending": 1, "notices": 1}


def test_a_draft_is_not_an_answer(campaign_launched, target_a, respond) -> None:
    respond(target_a, {"q1": "no"}, submitted=False)

    campaigns_remind(campaign_launched.closes_on - timedelta(days=7))

    assert _reminded(campaign_launched) == {"m-operator-a", "m-operator-b"}


def test_it_sends_nothing_twice(campaign_launched) -> None:
    day = campaign_launched.closes_on - timedelta(days=7)

    assert campaigns_remind(day) == 2
    assert campaigns_remind(day) == 0
    assert campaigns_remind(day + timedelta(days=1)) == 0  # still "7": already sent
    assert Notice.objects.count() == 2
    assert AuditEntry.objects.filter(action=AuditAction.CAMPAIGN_REMIND).count() == 1


def test_a_missed_day_sends_the_latest_due_reminder_once(campaign_launched) -> None:
    # Reminders 7 and 1 days before closing; the job did not run for a week and runs on
    # the last day: only "1" is sent, once.
    last_day = campaign_launched.closes_on

    assert reminder_due(campaign_launched, last_day) == 1
    assert campaigns_remind(last_day) == 2
    assert campaigns_remind(last_day) == 0
    keys = set(Notice.objects.values_list("key", flat=True))
    assert keys == {f"campaign.{campaign_launched.pk}.reminder.1"}


def test_nothing_is_due_before_the_first_reminder_day_nor_after_closing(
    campaign_launched,
) -> None:
    closes = campaign_launched.closes_on

    assert reminder_due(campaign_launched, closes - timedelta(days=8)) is None
    assert reminders_run(closes + timedelta(days=1))["monitoring_campaigns"] == 0
    assert not Notice.objects.exists()


def test_a_closed_campaign_reminds_nobody(campaign_launched, people) -> None:
    campaign_close(actor=people.analyst, campaign=campaign_launched)

    assert campaigns_remind(campaign_launched.closes_on - timedelta(days=7)) == 0


def test_a_reminder_day_before_the_launch_is_skipped(campaign_launched) -> None:
    # Launched today, 14 days before closing: a reminder 20 days before would be in the past.
    campaign_launched.reminder_days = [20]
    campaign_launched.save()

    assert reminder_due(campaign_launched, timezone.localdate()) is None


def test_remind_now_queues_a_task_that_reminds_and_audits(
    campaign_launched, target_b, respond, people, django_capture_on_commit_callbacks
) -> None:
    respond(target_b, SAMPLE_ANSWERS)

    with django_capture_on_commit_callbacks(execute=True):
        campaign_remind_now(actor=people.analyst, campaign=campaign_launched)

    assert _reminded(campaign_launched, "manual.") == {"m-operator-a"}
    assert [message.to for message in mail.outbox] == [["m-operator-a@example.org"]]
    entry = AuditEntry.objects.get(action=AuditAction.CAMPAIGN_REMIND)
    assert entry.actor_id == people.analyst.pk
    assert entry.details == {"kind": "manual", "days": None, "pending": 1, "notices": 1}


def test_remind_now_is_refused_once_the_campaign_is_closed(campaign_launched, people) -> None:
    closed = campaign_close(actor=people.analyst, campaign=campaign_launched)

    with pytest.raises(ValidationError):
        campaign_remind_now(actor=people.analyst, campaign=closed)
    assert not Notice.objects.exists()


def test_a_queued_reminder_sends_nothing_once_the_campaign_is_closed(
    campaign_launched, people
) -> None:
    from rete.monitoring.tasks import campaign_remind

    campaign_close(actor=people.analyst, campaign=campaign_launched)

    assert campaign_remind.call(campaign_launched.pk, "manual.1", people.analyst.pk) == 0
    assert not Notice.objects.exists()
