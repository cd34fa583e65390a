"""Reminders of monitoring campaigns: before the closing date, the respondents of every
targeted service that has not submitted its answers are reminded.

The daily job (`rete send-reminders`, rete.notices.reminders) sends, for each open
campaign, the latest reminder that has fallen due: a campaign with reminders 7 and 2 days
before closing sends "7" from the 7th day before closing on and "2" from the 2nd day on.
The notices' keys (`campaign.<id>.reminder.<days>`) make each one go once per person, so a
missed day is made up by the next run, once, and a second run on the same day sends
nothing. A reminder whose day fell before the campaign was launched is not sent (the
launch notice has just told the services the dates).

The "remind now" button of the dashboard runs the same sending through a background task
(rete.monitoring.tasks.campaign_remind), with a key of its own per press.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.monitoring.campaigns.notifications import Asked, reminder_tell
from rete.monitoring.campaigns.phase import campaign_may_remind
from rete.monitoring.models import Campaign, CampaignStatus, ResponseStatus
from rete.notices.reminders import reminder_register

SCHEDULED = "scheduled"
MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class RemindOutcome:
    pending: int  # targets without a submitted response
    notices: int  # notices made (people not yet told under this key)


def campaign_remind_send(
    campaign: Campaign,
    *,
    key: str,
    kind: str,
    days: int | None = None,
    actor: AbstractBaseUser | None = None,
) -> RemindOutcome:
    """Remind the respondents of `campaign`'s targets without a submitted response, under
    the notices' `key`. Audited when a person asked for it, or when anyone was told."""
    pending = list(
        campaign.targets.exclude(response__status=ResponseStatus.SUBMITTED)
        .select_related("service")
        .order_by("service__name", "pk")
    )
    with transaction.atomic():
        notices = reminder_tell(
            campaign,
            [Asked(target.service.name, target.service.organization_id) for target in pending],
            key=key,
        )
        if notices or kind == MANUAL:
            audit_record(
                actor=actor,
                action=AuditAction.CAMPAIGN_REMIND,
                target_type="monitoring.campaign",
                target_id=campaign.pk,
                details={"kind": kind, "days": days, "pending": len(pending), "notices": notices},
            )
    return RemindOutcome(pending=len(pending), notices=notices)


def reminder_due(campaign: Campaign, today: datetime.date) -> int | None:
    """The reminder (days before closing) that is due on `today`, if any: the latest whose
    day has come, not one whose day was before the launch or before the opening."""
    if not campaign_may_remind(campaign, today) or today < campaign.opens_on:
        return None
    launched_on = (
        timezone.localdate(campaign.launched_at) if campaign.launched_at else campaign.opens_on
    )
    due = [
        days
        for days in campaign.reminder_days
        if launched_on < campaign.closes_on - datetime.timedelta(days=days) <= today
        and campaign.closes_on - datetime.timedelta(days=days) >= campaign.opens_on
    ]
    return min(due) if due else None


@reminder_register("monitoring_campaigns")
def campaigns_remind(today: datetime.date) -> int:
    """The daily job: returns how many notices it sent."""
    sent = 0
    campaigns = Campaign.objects.filter(
        status=CampaignStatus.LAUNCHED, opens_on__lte=today, closes_on__gte=today
    ).select_related("version__questionnaire")
    for campaign in campaigns.order_by("pk"):
        days = reminder_due(campaign, today)
        if days is None:
            continue
        outcome = campaign_remind_send(
            campaign, key=f"campaign.{campaign.pk}.reminder.{days}", kind=SCHEDULED, days=days
        )
        sent += outcome.notices
    return sent
