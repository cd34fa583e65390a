"""Where a campaign stands on a day, computed from its status and its dates.

The stored status says what the monitoring company did (drafted, launched, closed early);
the dates say the rest: a launched campaign is "scheduled" before its opening day, "open"
from opens_on to closes_on (both included) and "ended" after closes_on. Nothing changes the
status when the closing day passes, so extending closes_on reopens an ended campaign
without a second action, and the status `closed` keeps meaning "closed early on purpose".
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from rete.monitoring.models import Campaign, CampaignStatus


class CampaignPhase(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Launched, not yet open")
    OPEN = "open", _("Open for answers")
    ENDED = "ended", _("Ended (closing date passed)")
    CLOSED = "closed", _("Closed early")


def campaign_phase(campaign: Campaign, today: datetime.date) -> CampaignPhase:
    if campaign.status == CampaignStatus.DRAFT:
        return CampaignPhase.DRAFT
    if campaign.status == CampaignStatus.CLOSED:
        return CampaignPhase.CLOSED
    if today < campaign.opens_on:
        return CampaignPhase.SCHEDULED
    if today > campaign.closes_on:
        return CampaignPhase.ENDED
    return CampaignPhase.OPEN


def campaign_accepts_answers(campaign: Campaign, today: datetime.date) -> bool:
    """Whether the targeted services may save and submit answers on `today`."""
    return campaign_phase(campaign, today) == CampaignPhase.OPEN


def campaign_may_remind(campaign: Campaign, today: datetime.date) -> bool:
    """Reminders make sense while the services can still answer (or soon will)."""
    return campaign_phase(campaign, today) in (CampaignPhase.SCHEDULED, CampaignPhase.OPEN)
