"""The services' answers: saving a draft, submitting, asking to reopen. Each write is one
transaction with its audit entry; the monitoring company's approval of a reopening is
rete.monitoring.campaigns.services.response_reopen.

Answers are taken only while the campaign accepts them (launched, and today — Europe/Rome —
between its opening and closing days: rete.monitoring.campaigns.phase) and while the
response is a draft. A save keeps every good answer and reports the others; a submission is
all or nothing.

Audit: every explicit save and every submission is recorded (RESPONSE_SAVE,
RESPONSE_SUBMIT). The page also saves by itself as the person types (autosave): those saves
are recorded at most once every AUTOSAVE_AUDIT_INTERVAL per response, so that the log says
who was writing when, without one entry per keystroke.
"""

from __future__ import annotations

import datetime
from datetime import timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.accounts.roles import MONITORING_ANALYST
from rete.audit.models import AuditAction, AuditEntry
from rete.audit.services import audit_record
from rete.monitoring.answers import Errors, answers_clean
from rete.monitoring.campaigns.phase import CampaignPhase, campaign_phase
from rete.monitoring.models import CampaignTarget, Response, ResponseStatus
from rete.monitoring.questionnaires.selectors import respondent_organization_ids
from rete.notices.recipients import people_with_role
from rete.notices.services import notify

RESPONSE_TARGET = "monitoring.response"
AUTOSAVE_AUDIT_INTERVAL = timedelta(minutes=10)
REASON_MAX_LENGTH = 500


class AnsweringRefused(Exception):
    """The answers cannot change now; `message` says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def response_of(target: CampaignTarget) -> Response | None:
    try:
        return target.response
    except Response.DoesNotExist:
        return None


def answering_closed_message(target: CampaignTarget, today: datetime.date) -> str | None:
    """Why the target's campaign takes no answers on `today`, or None when it does."""
    campaign = target.campaign
    phase = campaign_phase(campaign, today)
    if phase == CampaignPhase.OPEN:
        return None
    if phase == CampaignPhase.SCHEDULED:
        return _("This questionnaire opens on %(date)s: it can be answered from then on.") % {
            "date": campaign.opens_on.strftime("%d/%m/%Y")
        }
    if phase == CampaignPhase.ENDED:
        return _("This questionnaire closed on %(date)s: the answers can no longer change.") % {
            "date": campaign.closes_on.strftime("%d/%m/%Y")
        }
    return _("This campaign is closed: the answers can no longer change.")


def pending_reopen_request(response: Response | None) -> bool:
    return (
        response is not None
        and response.status == ResponseStatus.SUBMITTED
        and response.reopen_requested_at is not None
    )


def _check_respondent(actor: AbstractBaseUser, target: CampaignTarget) -> None:
    # The views ask the selectors first; this keeps the rule whatever the caller.
    if target.service.organization_id not in respondent_organization_ids(actor):
        raise PermissionDenied


def _check_open(target: CampaignTarget, today: datetime.date | None) -> None:
    message = answering_closed_message(target, today or timezone.localdate())
    if message:
        raise AnsweringRefused(message)


def _locked_draft(target: CampaignTarget, actor: AbstractBaseUser) -> Response:
    response, _created = Response.objects.select_for_update().get_or_create(
        target=target, defaults={"updated_by": actor}
    )
    if response.status != ResponseStatus.DRAFT:
        raise AnsweringRefused(
            _("These answers are submitted: ask for a reopening to change them.")
        )
    return response


def _details(target: CampaignTarget, **more: Any) -> dict[str, Any]:
    return {"campaign": target.campaign_id, "service": target.service.ext_id, **more}


def _autosave_recorded_lately(response: Response) -> bool:
    return AuditEntry.objects.filter(
        action=AuditAction.RESPONSE_SAVE,
        target_type=RESPONSE_TARGET,
        target_id=str(response.pk),
        created_at__gte=timezone.now() - AUTOSAVE_AUDIT_INTERVAL,
    ).exists()


def response_save(
    *,
    actor: AbstractBaseUser,
    target: CampaignTarget,
    raw: dict[str, Any],
    autosave: bool = False,
    today: datetime.date | None = None,
    ip_address: str | None = None,
) -> tuple[Response, Errors]:
    """Keep the good answers of `raw` as the draft (replacing the previous draft: what was
    emptied is emptied); returns the response and the problems of the others.
    Raises AnsweringRefused when the campaign is not open or the response is submitted."""
    _check_respondent(actor, target)
    _check_open(target, today)
    definition = target.campaign.version.definition
    clean, errors = answers_clean(definition, raw, final=False)
    with transaction.atomic():
        response = _locked_draft(target, actor)
        response.answers = clean
        response.updated_by = actor
        response.save(update_fields=["answers", "updated_by", "updated_at"])
        if not (autosave and _autosave_recorded_lately(response)):
            audit_record(
                actor=actor,
                action=AuditAction.RESPONSE_SAVE,
                target_type=RESPONSE_TARGET,
                target_id=response.pk,
                details=_details(
                    target, answered=len(clean), refused=len(errors), autosave=autosave
                ),
                ip_address=ip_address,
            )
    return response, errors


def response_submit(
    *,
    actor: AbstractBaseUser,
    target: CampaignTarget,
    raw: dict[str, Any],
    today: datetime.date | None = None,
    ip_address: str | None = None,
) -> tuple[Response | None, Errors]:
    """Submit the answers if they are complete: (the response, {}); otherwise (None, the
    problems by question) and nothing is written. Raises AnsweringRefused as
    response_save."""
    _check_respondent(actor, target)
    _check_open(target, today)
    clean, errors = answers_clean(target.campaign.version.definition, raw, final=True)
    if errors:
        return None, errors
    with transaction.atomic():
        response = _locked_draft(target, actor)
        response.answers = clean
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = timezone.now()
        response.submitted_by = actor
        response.updated_by = actor
        response.save(
            update_fields=[
                "answers",
                "status",
                "submitted_at",
                "submitted_by",
                "updated_by",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action=AuditAction.RESPONSE_SUBMIT,
            target_type=RESPONSE_TARGET,
            target_id=response.pk,
            details=_details(target, answered=len(clean), reopen_count=response.reopen_count),
            ip_address=ip_address,
        )
    return response, {}


def response_reopen_request(
    *,
    actor: AbstractBaseUser,
    target: CampaignTarget,
    reason: str,
    today: datetime.date | None = None,
    ip_address: str | None = None,
) -> Response:
    """Ask the monitoring company to reopen the submitted answers, with a reason (kept on
    the response, never in the audit log nor in the notices); the analysts are told.
    Raises AnsweringRefused when there is nothing to reopen or a request is pending."""
    _check_respondent(actor, target)
    _check_open(target, today)
    reason = reason.strip()
    if not reason or len(reason) > REASON_MAX_LENGTH:
        raise ValueError("The reason must be 1 to 500 characters.")
    with transaction.atomic():
        response = Response.objects.select_for_update().filter(target=target).first()
        if response is None or response.status != ResponseStatus.SUBMITTED:
            raise AnsweringRefused(_("These answers are not submitted: they can be changed."))
        if pending_reopen_request(response):
            raise AnsweringRefused(_("A reopening was already requested: it is being examined."))
        response.reopen_requested_at = timezone.now()
        response.reopen_reason = reason
        response.save(update_fields=["reopen_requested_at", "reopen_reason", "updated_at"])
        campaign = target.campaign
        notices = notify(
            people_with_role(MONITORING_ANALYST),
            key=f"response.{response.pk}.reopen_request.{response.reopen_count}",
            subject=_("Reopening requested: %(service)s, “%(campaign)s”")
            % {"service": target.service.name, "campaign": campaign.title},
            body=_(
                "%(service)s asks to reopen its submitted answers to “%(campaign)s” in order "
                "to correct them. The reason is on the answers' page, where they can be reopened."
            )
            % {"service": target.service.name, "campaign": campaign.title},
            url=reverse("reserved:response", kwargs={"target_pk": target.pk}),
        )
        audit_record(
            actor=actor,
            action=AuditAction.RESPONSE_REOPEN_REQUEST,
            target_type=RESPONSE_TARGET,
            target_id=response.pk,
            details=_details(target, reopen_count=response.reopen_count, notices=len(notices)),
            ip_address=ip_address,
        )
    return response
