"""Writes of monitoring campaigns: create and change a draft, launch it (the targets are
fixed then), extend a launched one, close it early, ask for reminders now, reopen a
submitted response. Each is one atomic function whose last statement is its audit entry;
notices are written in the same transaction and e-mailed after it commits.

Refusals are ValidationError with the reason, and change nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.monitoring.campaigns.notifications import Asked, launch_tell, reopen_tell
from rete.monitoring.campaigns.phase import (
    CampaignPhase,
    campaign_accepts_answers,
    campaign_may_remind,
    campaign_phase,
)
from rete.monitoring.campaigns.targeting import targets_plan
from rete.monitoring.models import (
    Campaign,
    CampaignStatus,
    CampaignTarget,
    QuestionnaireVersion,
    Response,
    ResponseStatus,
    VersionStatus,
)
from rete.network.models import Territory

CAMPAIGN = "monitoring.campaign"
RESPONSE = "monitoring.response"
# The audit details name at most this many territory codes (the audit's list limit).
CODES_IN_DETAILS = 50


def _codes(territories: Iterable[Territory]) -> list[str]:
    return sorted(territory.code for territory in territories)[:CODES_IN_DETAILS]


def _check_version(version: QuestionnaireVersion) -> None:
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError(
            _("Only a published version of a questionnaire can be sent."), code="unpublished"
        )


def campaign_create(
    *,
    actor: AbstractBaseUser,
    title: str,
    version: QuestionnaireVersion,
    service_kinds: Sequence[str],
    territories: Iterable[Territory],
    opens_on: datetime.date,
    closes_on: datetime.date,
    reminder_days: Sequence[int],
    ip_address: str | None = None,
) -> Campaign:
    _check_version(version)
    territories = list(territories)
    with transaction.atomic():
        campaign = Campaign(
            title=title,
            version=version,
            service_kinds=list(service_kinds),
            opens_on=opens_on,
            closes_on=closes_on,
            reminder_days=list(reminder_days),
            created_by=actor,
        )
        campaign.full_clean()
        campaign.save()
        campaign.territories.set(territories)
        audit_record(
            actor=actor,
            action=AuditAction.CAMPAIGN_CREATE,
            target_type=CAMPAIGN,
            target_id=campaign.pk,
            details={
                "version": version.pk,
                "kinds": list(service_kinds),
                "territories": _codes(territories),
                "opens_on": opens_on.isoformat(),
                "closes_on": closes_on.isoformat(),
            },
            ip_address=ip_address,
        )
    return campaign


def _locked(campaign: Campaign) -> Campaign:
    return (
        Campaign.objects.select_for_update()
        .select_related("version__questionnaire")
        .get(pk=campaign.pk)
    )


def campaign_update(
    *,
    actor: AbstractBaseUser,
    campaign: Campaign,
    title: str,
    version: QuestionnaireVersion,
    service_kinds: Sequence[str],
    territories: Iterable[Territory],
    opens_on: datetime.date,
    closes_on: datetime.date,
    reminder_days: Sequence[int],
    ip_address: str | None = None,
) -> Campaign:
    """Change a draft campaign (anything: nobody was asked yet)."""
    _check_version(version)
    territories = list(territories)
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status != CampaignStatus.DRAFT:
            raise ValidationError(
                _(
                    "The campaign was launched: only its title, closing date and reminders can "
                    "change."
                ),
                code="launched",
            )
        before = {
            "title": locked.title,
            "version": locked.version_id,
            "service_kinds": list(locked.service_kinds),
            "territories": sorted(locked.territories.values_list("pk", flat=True)),
            "opens_on": locked.opens_on,
            "closes_on": locked.closes_on,
            "reminder_days": list(locked.reminder_days),
        }
        locked.title = title
        locked.version = version
        locked.service_kinds = list(service_kinds)
        locked.opens_on = opens_on
        locked.closes_on = closes_on
        locked.reminder_days = list(reminder_days)
        locked.full_clean()
        locked.save()
        locked.territories.set(territories)
        after = {
            "title": title,
            "version": version.pk,
            "service_kinds": list(service_kinds),
            "territories": sorted(t.pk for t in territories),
            "opens_on": opens_on,
            "closes_on": closes_on,
            "reminder_days": list(reminder_days),
        }
        audit_record(
            actor=actor,
            action=AuditAction.CAMPAIGN_UPDATE,
            target_type=CAMPAIGN,
            target_id=locked.pk,
            details={"fields": sorted(name for name in after if after[name] != before[name])},
            ip_address=ip_address,
        )
    return locked


def campaign_extend(
    *,
    actor: AbstractBaseUser,
    campaign: Campaign,
    title: str,
    closes_on: datetime.date,
    reminder_days: Sequence[int],
    ip_address: str | None = None,
) -> Campaign:
    """Change a launched campaign: its title, its reminders, and its closing date, later
    only (the services were told a date; an earlier one would cut their time short)."""
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status != CampaignStatus.LAUNCHED:
            raise ValidationError(_("This campaign can no longer change."), code="not_launched")
        if closes_on < locked.closes_on:
            raise ValidationError(
                _("The closing date of a launched campaign can only be moved later."),
                code="earlier",
            )
        previous_closes_on = locked.closes_on
        changed = [
            name
            for name, old, new in (
                ("title", locked.title, title),
                ("closes_on", locked.closes_on, closes_on),
                ("reminder_days", list(locked.reminder_days), list(reminder_days)),
            )
            if old != new
        ]
        locked.title = title
        locked.closes_on = closes_on
        locked.reminder_days = list(reminder_days)
        locked.full_clean()
        locked.save(update_fields=["title", "closes_on", "reminder_days"])
        audit_record(
            actor=actor,
            action=AuditAction.CAMPAIGN_UPDATE,
            target_type=CAMPAIGN,
            target_id=locked.pk,
            details={
                "fields": changed,
                "closes_on_before": previous_closes_on.isoformat(),
                "closes_on": closes_on.isoformat(),
            },
            ip_address=ip_address,
        )
    return locked


def campaign_launch(
    *,
    actor: AbstractBaseUser,
    campaign: Campaign,
    today: datetime.date | None = None,
    ip_address: str | None = None,
) -> Campaign:
    """Fix the targets (each service of the kinds in the territories, counted under its
    most specific territory), mark the campaign launched and tell the respondents and the
    territories' referents. Nothing else is made: responses start when someone answers."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status != CampaignStatus.DRAFT:
            raise ValidationError(_("The campaign was already launched."), code="launched")
        _check_version(locked.version)
        if locked.closes_on < today:
            raise ValidationError(
                _("The closing date has passed: move it before launching."), code="past"
            )
        chosen = list(locked.territories.values_list("pk", flat=True))
        planned = targets_plan(kinds=locked.service_kinds, territory_ids=chosen)
        if not planned:
            raise ValidationError(
                _("No service of these kinds is in these territories: nobody would be asked."),
                code="no_targets",
            )
        CampaignTarget.objects.bulk_create(
            CampaignTarget(campaign=locked, service_id=p.service_id, territory_id=p.territory_id)
            for p in planned
        )
        locked.status = CampaignStatus.LAUNCHED
        locked.launched_at = timezone.now()
        locked.save(update_fields=["status", "launched_at"])
        territory_ids = {p.territory_id for p in planned}
        notices = launch_tell(
            locked,
            [Asked(p.service_name, p.organization_id) for p in planned],
            territory_ids,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CAMPAIGN_LAUNCH,
            target_type=CAMPAIGN,
            target_id=locked.pk,
            details={
                "targets": len(planned),
                "territories": _codes(Territory.objects.filter(pk__in=territory_ids)),
                "notices": notices,
            },
            ip_address=ip_address,
        )
    return locked


def campaign_close(
    *, actor: AbstractBaseUser, campaign: Campaign, ip_address: str | None = None
) -> Campaign:
    """Close a launched campaign before its closing date: no more answers nor reminders."""
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status != CampaignStatus.LAUNCHED:
            raise ValidationError(_("Only a launched campaign can be closed."), code="not_launched")
        locked.status = CampaignStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        submitted = Response.objects.filter(
            target__campaign=locked, status=ResponseStatus.SUBMITTED
        ).count()
        audit_record(
            actor=actor,
            action=AuditAction.CAMPAIGN_CLOSE,
            target_type=CAMPAIGN,
            target_id=locked.pk,
            details={"targets": locked.targets.count(), "submitted": submitted},
            ip_address=ip_address,
        )
    return locked


def campaign_remind_now(
    *, actor: AbstractBaseUser, campaign: Campaign, today: datetime.date | None = None
) -> str:
    """Queue a background task that reminds the respondents of every target without a
    submitted response (rete.monitoring.tasks.campaign_remind, which writes the audit entry
    with the counts). Returns the task's id."""
    from rete.monitoring.tasks import campaign_remind

    today = today or timezone.localdate()
    if not campaign_may_remind(campaign, today):
        raise ValidationError(
            _("Reminders are sent only while the campaign is launched and not ended."),
            code="not_open",
        )
    # One key per press: each press reminds once more; a double click in the same
    # second sends once.
    suffix = f"manual.{int(timezone.now().timestamp())}"
    result = campaign_remind.enqueue(campaign.pk, suffix, actor.pk)
    return str(result.id)


def response_reopen(
    *,
    actor: AbstractBaseUser,
    response: Response,
    today: datetime.date | None = None,
    ip_address: str | None = None,
) -> Response:
    """Make a submitted response a draft again (usually on the service's request), so that
    its operators can change and resubmit it, and tell them."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = (
            Response.objects.select_for_update()
            .select_related("target__campaign__version__questionnaire", "target__service")
            .get(pk=response.pk)
        )
        if locked.status != ResponseStatus.SUBMITTED:
            raise ValidationError(_("These answers are not submitted."), code="not_submitted")
        campaign = locked.target.campaign
        if not campaign_accepts_answers(campaign, today):
            ended = campaign_phase(campaign, today) == CampaignPhase.ENDED
            raise ValidationError(
                _("The campaign has ended: extend its closing date first.")
                if ended
                else _("The campaign does not accept answers now."),
                code="closed",
            )
        requested = locked.reopen_requested_at is not None
        locked.status = ResponseStatus.DRAFT
        locked.reopen_count += 1
        locked.reopen_requested_at = None
        locked.save(update_fields=["status", "reopen_count", "reopen_requested_at", "updated_at"])
        notices = reopen_tell(locked)
        audit_record(
            actor=actor,
            action=AuditAction.RESPONSE_REOPEN,
            target_type=RESPONSE,
            target_id=locked.pk,
            details={
                "campaign": campaign.pk,
                "service": locked.target.service.ext_id,
                "requested": requested,
                "reopen_count": locked.reopen_count,
                "notices": notices,
            },
            ip_address=ip_address,
        )
    return locked
