"""Reads of the assistance requests, always through the reader's scope: the Department
sees every request, a territory's people the requests of their territories; anybody else
none. A request (or an attachment) outside the scope answers 404."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.http import Http404

from rete.accounts.roles import DEPARTMENT_ADMIN
from rete.accounts.scopes import Scope
from rete.assistance.models import (
    ACTIVE_STATUSES,
    AssistanceAttachment,
    AssistanceRequest,
)
from rete.assistance.rules import TERRITORY_ROLES, is_department
from rete.network.models import Territory
from rete.notices.recipients import people_with_role


def requests_visible(scope: Scope) -> QuerySet[AssistanceRequest]:
    requests = AssistanceRequest.objects.select_related("territory", "requester", "assignee")
    if is_department(scope):
        return requests
    return requests.filter(territory_id__in=scope.territories_for(*TERRITORY_ROLES) or ())


def requests_list(
    scope: Scope,
    *,
    status: str = "",
    territory: Territory | None = None,
    category: str = "",
) -> QuerySet[AssistanceRequest]:
    """The requests the person sees, filtered; the ones waiting for the Department's answer
    first, then the other active ones, then the finished ones; most recent activity first."""
    requests = requests_visible(scope)
    if status:
        requests = requests.filter(status=status)
    if territory is not None:
        requests = requests.filter(territory=territory)
    if category:
        requests = requests.filter(category=category)
    return requests.annotate(
        urgency=Case(
            When(status__in=ACTIVE_STATUSES, awaiting_department=True, then=Value(0)),
            When(status__in=ACTIVE_STATUSES, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("urgency", "-last_activity_at", "-pk")


def request_get_for_scope(scope: Scope, pk: int) -> AssistanceRequest:
    """The request if the person may see it; 404 otherwise (its existence is not told)."""
    request = requests_visible(scope).filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def attachment_get_for_scope(scope: Scope, pk: int, attachment_pk: int) -> AssistanceAttachment:
    request = request_get_for_scope(scope, pk)
    attachment = (
        AssistanceAttachment.objects.filter(pk=attachment_pk, message__request=request)
        .select_related("message__request__territory")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


@dataclass(frozen=True)
class ThreadEntry:
    kind: str  # "message" or "status"
    at: datetime
    item: Any


def request_thread(request: AssistanceRequest) -> list[ThreadEntry]:
    """The messages and the status changes of the request, in the order they happened."""
    messages = request.messages.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=AssistanceAttachment.objects.order_by("pk"))
    )
    changes = request.status_changes.select_related("actor", "assignee")
    entries = [ThreadEntry("message", m.created_at, m) for m in messages]
    entries += [ThreadEntry("status", c.created_at, c) for c in changes]
    # A reply that also changes the status: the message comes first.
    entries.sort(key=lambda e: (e.at, 0 if e.kind == "message" else 1, e.item.pk))
    return entries


def department_people() -> QuerySet:
    """Who a request may be assigned to: the Department's people."""
    return people_with_role(DEPARTMENT_ADMIN)
