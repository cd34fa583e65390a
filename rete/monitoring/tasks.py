"""Background work of the monitoring campaigns: the dashboard's "remind now" returns at
once and a worker (`rete db_worker`) sends the notices and e-mails."""

from __future__ import annotations

from django_tasks import task


@task()
def campaign_remind(campaign_id: int, key_suffix: str, actor_id: int | None) -> int:
    """Remind the non-responding targets of campaign `campaign_id` now (notices keyed
    `campaign.<id>.<key_suffix>`); returns the notices sent."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from rete.monitoring.campaigns.phase import campaign_may_remind
    from rete.monitoring.models import Campaign
    from rete.monitoring.reminders import MANUAL, campaign_remind_send

    campaign = (
        Campaign.objects.select_related("version__questionnaire").filter(pk=campaign_id).first()
    )
    # Closed (or ended) while the task waited for a worker: nobody is reminded.
    if campaign is None or not campaign_may_remind(campaign, timezone.localdate()):
        return 0
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    outcome = campaign_remind_send(
        campaign, key=f"campaign.{campaign.pk}.{key_suffix}", kind=MANUAL, actor=actor
    )
    return outcome.notices
