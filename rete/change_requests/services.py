"""Writes of proposed changes: propose, withdraw, accept (the change applied in the same
transaction), reject. Each is one atomic function ending with its audit entry; notices are
written in the transaction and e-mailed after it commits."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.accounts.scopes import Scope
from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.change_requests.diff import changed_fields
from rete.change_requests.kinds import KINDS, Target
from rete.change_requests.models import ChangeRequest, ChangeStatus
from rete.change_requests.notifications import (
    decided_recipients,
    notify_created,
    notify_decided,
)
from rete.network.models import Territory
from rete.network.revision import network_revision_batch

TARGET_TYPE = "change_requests.changerequest"
REASON_MAX_LENGTH = 2000


class ChangeRequestNotPending(Exception):
    """The request was already decided or withdrawn; nothing was changed."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


class ChangeRequestStale(Exception):
    """The data changed since the proposal: accepting would undo what changed meanwhile.
    Nothing was changed; the request is to be rejected or proposed again."""


def _details(change_request: ChangeRequest, **extra: Any) -> dict[str, Any]:
    details: dict[str, Any] = {
        "kind": change_request.kind,
        "territory": change_request.territory.code,
    }
    if change_request.service_id is not None:
        details["service"] = change_request.service.ext_id
    if change_request.organization_id is not None:
        details["organization"] = change_request.organization.ext_id
    details.update(extra)
    return details


def target_of(change_request: ChangeRequest) -> Target:
    return Target(
        territory=change_request.territory,
        service=change_request.service,
        organization=change_request.organization,
    )


def change_request_current(change_request: ChangeRequest) -> dict[str, Any]:
    """The data the request is about as they are now, in its kind's JSON shape."""
    return KINDS[change_request.kind].current(target_of(change_request))


@transaction.atomic
def change_request_create(
    *,
    territory: Territory,
    kind: str,
    target: Target,
    cleaned_data: dict[str, Any],
    by: AbstractBaseUser,
    ip_address: str | None = None,
) -> ChangeRequest:
    """Record a proposal: the data as they are now and the form's data (already valid).
    The Department is told."""
    spec = KINDS[kind]
    before = spec.current(target)
    proposed = spec.proposed(cleaned_data)
    change_request = ChangeRequest(
        territory=territory,
        kind=kind,
        service=target.service if spec.target == "service" else None,
        organization=target.organization if spec.target == "organization" else None,
        before=before,
        proposed=proposed,
        note=(cleaned_data.get("note") or "").strip(),
        created_by=by,
    )
    change_request.full_clean()
    change_request.save()
    notify_created(change_request)
    audit_record(
        actor=by,
        action=AuditAction.CHANGE_REQUEST_CREATE,
        target_type=TARGET_TYPE,
        target_id=change_request.pk,
        details=_details(
            change_request, fields=changed_fields(spec, before=before, proposed=proposed)
        ),
        ip_address=ip_address,
    )
    return change_request


def _locked_pending(change_request: ChangeRequest) -> ChangeRequest:
    """The request, locked until the transaction ends: of two people acting at once, the
    second finds it decided."""
    locked = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if locked.status != ChangeStatus.PENDING:
        raise ChangeRequestNotPending(locked.status)
    return locked


def _decide(
    change_request: ChangeRequest, *, status: str, by: AbstractBaseUser, reason: str = ""
) -> None:
    change_request.status = status
    change_request.decided_by = by
    change_request.decided_at = timezone.now()
    change_request.decision_reason = reason
    change_request.full_clean()
    change_request.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_at",
            "decision_reason",
            "outcome",
            "service",
            "organization",
        ]
    )


@transaction.atomic
def change_request_accept(
    *,
    change_request: ChangeRequest,
    by: AbstractBaseUser,
    scope: Scope,
    ip_address: str | None = None,
) -> ChangeRequest:
    """Apply the proposal and record the decision, in one transaction: the network revision
    moves once and the routing snapshot follows. Raises ChangeRequestNotPending,
    ChangeRequestStale (the data changed since the proposal) or ApplyError, changing
    nothing."""
    change_request = _locked_pending(change_request)
    spec = KINDS[change_request.kind]
    if spec.current(target_of(change_request)) != change_request.before:
        raise ChangeRequestStale
    recipients = decided_recipients(change_request)
    with network_revision_batch():
        outcome = spec.apply(change_request, by=by, scope=scope, ip_address=ip_address)
    change_request.outcome = outcome
    _decide(change_request, status=ChangeStatus.ACCEPTED, by=by)
    notify_decided(change_request, recipients)
    audit_record(
        actor=by,
        action=AuditAction.CHANGE_REQUEST_ACCEPT,
        target_type=TARGET_TYPE,
        target_id=change_request.pk,
        details=_details(
            change_request,
            fields=changed_fields(
                spec, before=change_request.before, proposed=change_request.proposed
            ),
            **{key: value for key, value in outcome.items() if isinstance(value, (int, str))},
        ),
        ip_address=ip_address,
    )
    return change_request


@transaction.atomic
def change_request_reject(
    *,
    change_request: ChangeRequest,
    by: AbstractBaseUser,
    reason: str,
    ip_address: str | None = None,
) -> ChangeRequest:
    """Reject with a reason the proposer reads. Raises ValidationError (no reason, or too
    long) or ChangeRequestNotPending, changing nothing."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write the reason: the territory will read it.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Keep the reason within 2000 characters.")})
    change_request = _locked_pending(change_request)
    _decide(change_request, status=ChangeStatus.REJECTED, by=by, reason=reason)
    notify_decided(change_request, decided_recipients(change_request))
    audit_record(
        actor=by,
        action=AuditAction.CHANGE_REQUEST_REJECT,
        target_type=TARGET_TYPE,
        target_id=change_request.pk,
        details=_details(change_request),
        ip_address=ip_address,
    )
    return change_request


@transaction.atomic
def change_request_withdraw(
    *,
    change_request: ChangeRequest,
    by: AbstractBaseUser,
    ip_address: str | None = None,
) -> ChangeRequest:
    """The territory takes its proposal back while it waits. Raises
    ChangeRequestNotPending, changing nothing."""
    change_request = _locked_pending(change_request)
    _decide(change_request, status=ChangeStatus.WITHDRAWN, by=by)
    audit_record(
        actor=by,
        action=AuditAction.CHANGE_REQUEST_WITHDRAW,
        target_type=TARGET_TYPE,
        target_id=change_request.pk,
        details=_details(change_request),
        ip_address=ip_address,
    )
    return change_request
