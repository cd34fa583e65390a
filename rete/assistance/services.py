"""Writes of the assistance requests: opening one, replying, changing its status.

Each is one transaction: the change, the notices to the other side (e-mailed after the
commit by rete.notices) and, last, the audit entries (ids and codes only, never the text
of a message). A request is locked while it changes, so that two people acting at once
take their turns and the status machine (rete.assistance.rules) is applied to what is
really there.

Notices never quote what a person typed (a subject may name someone): they give the
request's number, territory and category, and link to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.accounts.scopes import Scope
from rete.assistance.files import attachments_save, files_removed_on_error
from rete.assistance.models import (
    AssistanceAttachment,
    AssistanceMessage,
    AssistanceRequest,
    AssistanceStatus,
    AssistanceStatusChange,
    Side,
)
from rete.assistance.rules import (
    REPLY_THEN,
    AssistanceRefused,
    action_check,
    may_act_on,
    reply_check,
    request_territories,
    side_of,
)
from rete.assistance.selectors import department_people
from rete.audit.models import AuditAction
from rete.audit.services import audit_record
from rete.network.models import Territory
from rete.notices.recipients import people_with_role
from rete.notices.services import notify

TARGET_TYPE = "assistance.assistancerequest"


def _url(request: AssistanceRequest) -> str:
    return reverse("reserved:assistance_request", args=[request.pk])


def _department(request: AssistanceRequest) -> list[AbstractBaseUser]:
    """Who hears from the territory: the person the request is assigned to, or, while
    nobody is, the whole Department."""
    if request.assignee is not None and request.assignee.is_active:
        return [request.assignee]
    return list(people_with_role(DEPARTMENT_ADMIN))


def _territory(request: AssistanceRequest) -> list[AbstractBaseUser]:
    """Who hears from the Department: the requester and the territory's referents."""
    people = list(people_with_role(ATR_REFERENT, territory_id=request.territory_id, national=False))
    if request.requester is not None and request.requester.is_active:
        people.insert(0, request.requester)
    return people


def _others(people: Iterable[AbstractBaseUser], actor: AbstractBaseUser) -> list:
    return [person for person in people if person.pk != actor.pk]


def _words(request: AssistanceRequest) -> dict[str, object]:
    return {
        "number": request.pk,
        "territory": request.territory.name,
        "category": request.get_category_display(),
        "status": request.get_status_display(),
    }


def _status_set(
    request: AssistanceRequest,
    *,
    actor: AbstractBaseUser | None,
    to: str,
    assignee: AbstractBaseUser | None = None,
) -> AssistanceStatusChange:
    now = timezone.now()
    from_status = request.status
    request.status = to
    if assignee is not None:
        request.assignee = assignee
    if to == AssistanceStatus.RESOLVED:
        request.resolved_at = now
    elif to == AssistanceStatus.OPEN:
        request.resolved_at = None
    if to == AssistanceStatus.CLOSED:
        request.closed_at = now
    request.last_activity_at = now
    request.save(
        update_fields=["status", "assignee", "resolved_at", "closed_at", "last_activity_at"]
    )
    return AssistanceStatusChange.objects.create(
        request=request,
        actor=actor,
        from_status=from_status,
        to_status=to,
        assignee=request.assignee,
        created_at=now,
    )


def _audit_status(
    change: AssistanceStatusChange, *, actor: AbstractBaseUser, ip_address: str | None
) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.ASSISTANCE_STATUS,
        target_type=TARGET_TYPE,
        target_id=change.request_id,
        details={
            "from": change.from_status,
            "to": change.to_status,
            "change": change.pk,
            "assignee": change.assignee_id,
        },
        ip_address=ip_address,
    )


def _message_add(
    request: AssistanceRequest,
    *,
    actor: AbstractBaseUser,
    side: str,
    body: str,
    files: Sequence[File],
    stored: list,
) -> tuple[AssistanceMessage, list]:
    now = timezone.now()
    message = AssistanceMessage(request=request, author=actor, side=side, body=body, created_at=now)
    message.full_clean()
    message.save()
    attachments = attachments_save(AssistanceAttachment, files, stored, message=message)
    request.awaiting_department = side == Side.TERRITORY
    request.last_activity_at = now
    request.save(update_fields=["awaiting_department", "last_activity_at"])
    return message, attachments


def assistance_request_open(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    territory: Territory,
    subject: str,
    category: str,
    body: str,
    files: Sequence[File] = (),
    ip_address: str | None = None,
) -> AssistanceRequest:
    """A person of `territory` asks the Department for help; the Department is told."""
    if not request_territories(scope).filter(pk=territory.pk).exists():
        raise PermissionDenied
    with files_removed_on_error() as stored, transaction.atomic():
        request = AssistanceRequest(
            territory=territory,
            requester=actor,
            subject=subject.strip(),
            category=category,
            status=AssistanceStatus.OPEN,
            awaiting_department=True,
        )
        request.full_clean()
        request.save()
        message, attachments = _message_add(
            request, actor=actor, side=Side.TERRITORY, body=body, files=files, stored=stored
        )
        notify(
            _others(people_with_role(DEPARTMENT_ADMIN), actor),
            key=f"assistance.{request.pk}.message.{message.pk}",
            subject=_("New assistance request #%(number)s from %(territory)s (%(category)s)")
            % _words(request),
            body=_("A territory asks the Department for technical assistance."),
            url=_url(request),
        )
        audit_record(
            actor=actor,
            action=AuditAction.ASSISTANCE_CREATE,
            target_type=TARGET_TYPE,
            target_id=request.pk,
            details={
                "territory": territory.code,
                "category": category,
                "message": message.pk,
                "attachments": len(attachments),
            },
            ip_address=ip_address,
        )
    return request


def _locked(request: AssistanceRequest) -> AssistanceRequest:
    return (
        AssistanceRequest.objects.select_for_update(of=("self",))
        .select_related("territory", "requester", "assignee")
        .get(pk=request.pk)
    )


def assistance_reply(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    request: AssistanceRequest,
    body: str,
    files: Sequence[File] = (),
    then: str = "",
    ip_address: str | None = None,
) -> AssistanceMessage:
    """A message in the thread, from either side. A Department reply takes an open request
    and may end with a step (`then`: "wait" or "resolve"); a territory reply to a request
    waiting for it puts it back in progress. The other side is told."""
    if not may_act_on(scope, request):
        raise PermissionDenied
    side = side_of(scope)
    if then and (side != Side.DEPARTMENT or then not in REPLY_THEN):
        raise AssistanceRefused(_("This step is not possible."), code="unknown_action")
    with files_removed_on_error() as stored, transaction.atomic():
        request = _locked(request)
        reply_check(request)
        # Checked before anything is written: a refused step refuses the reply too.
        step = action_check(request, side, then, timezone.now()) if then else None
        message, attachments = _message_add(
            request, actor=actor, side=side, body=body, files=files, stored=stored
        )
        changes = []
        if side == Side.DEPARTMENT and request.status == AssistanceStatus.OPEN:
            changes.append(
                _status_set(
                    request,
                    actor=actor,
                    to=AssistanceStatus.IN_PROGRESS,
                    assignee=request.assignee or actor,
                )
            )
        if side == Side.TERRITORY and request.status == AssistanceStatus.WAITING:
            changes.append(_status_set(request, actor=actor, to=AssistanceStatus.IN_PROGRESS))
        if step is not None:
            changes.append(_status_set(request, actor=actor, to=step.to))
        if side == Side.DEPARTMENT:
            recipients = _territory(request)
            subject = _("The Department answered assistance request #%(number)s (%(status)s)")
        else:
            recipients = _department(request)
            subject = _("New message on assistance request #%(number)s from %(territory)s")
        notify(
            _others(recipients, actor),
            key=f"assistance.{request.pk}.message.{message.pk}",
            subject=subject % _words(request),
            body=_("Open the request in the reserved area to read the message."),
            url=_url(request),
        )
        audit_record(
            actor=actor,
            action=AuditAction.ASSISTANCE_REPLY,
            target_type=TARGET_TYPE,
            target_id=request.pk,
            details={"message": message.pk, "side": side, "attachments": len(attachments)},
            ip_address=ip_address,
        )
        for change in changes:
            _audit_status(change, actor=actor, ip_address=ip_address)
    return message


def assistance_status_change(
    *,
    scope: Scope,
    actor: AbstractBaseUser,
    request: AssistanceRequest,
    action: str,
    assignee: AbstractBaseUser | None = None,
    ip_address: str | None = None,
) -> AssistanceStatusChange:
    """One step of the status machine (rete.assistance.rules). "take" assigns the request
    to `assignee` (a person of the Department), or to the actor. The other side is told,
    and so is a new assignee."""
    if not may_act_on(scope, request):
        raise PermissionDenied
    side = side_of(scope)
    if assignee is not None and action != "take":
        raise AssistanceRefused(_("Only taking a request in charge assigns it."), code="assignee")
    if assignee is not None and not department_people().filter(pk=assignee.pk).exists():
        raise AssistanceRefused(
            _("A request is assigned only to a person of the Department."), code="assignee"
        )
    with transaction.atomic():
        request = _locked(request)
        step = action_check(request, side, action, timezone.now())
        if action == "take":
            assignee = assignee or actor
        change = _status_set(request, actor=actor, to=step.to, assignee=assignee)
        if side == Side.DEPARTMENT:
            recipients = _territory(request)
            if assignee is not None:
                recipients.append(assignee)
        else:
            recipients = _department(request)
        notify(
            _others(recipients, actor),
            key=f"assistance.{request.pk}.status.{change.pk}",
            subject=_("Assistance request #%(number)s of %(territory)s: %(status)s")
            % _words(request),
            body=_("The status of the request changed."),
            url=_url(request),
        )
        _audit_status(change, actor=actor, ip_address=ip_address)
    return change
