"""Reads on access requests: the reviewers' queue, the open requests of an address, who
reviews a request. Every list a reviewer sees is filtered by their scope in the query."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from rete.accounts.access_requests.limits import reviewer_territory_ids
from rete.accounts.models import AccessRequest, AccessRequestStatus
from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.accounts.scopes import Scope


def access_requests_open_count(*, email: str) -> int:
    """Requests of an address still waiting: for a review, or for a verification whose
    link still works (an expired one no longer counts: it can never be verified)."""
    link_valid_since = timezone.now() - timedelta(hours=settings.ACCOUNTS_LINK_HOURS)
    return (
        AccessRequest.objects.filter(email__iexact=email)
        .filter(
            Q(status=AccessRequestStatus.PENDING)
            | Q(status=AccessRequestStatus.UNVERIFIED, created_at__gte=link_valid_since)
        )
        .count()
    )


def access_requests_for(scope: Scope, *, status: str | None = None) -> QuerySet[AccessRequest]:
    """The requests `scope` reviews: the Department all of them, a territory's referent
    those for its territories (a request for a national role has no territory: the
    Department's alone)."""
    requests = AccessRequest.objects.select_related("organization", "territory", "reviewed_by")
    territory_ids = reviewer_territory_ids(scope)
    if territory_ids is not None:
        requests = requests.filter(territory_id__in=territory_ids)
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at")


def access_request_get_for(scope: Scope, pk: int) -> AccessRequest:
    """The request, if `scope` reviews it; 404 otherwise (we do not say it exists)."""
    found = access_requests_for(scope).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_request_reviewers(access_request: AccessRequest) -> QuerySet:
    """The people who review `access_request`: the Department's administrators and the
    referents of its territory, with an active account and an e-mail address."""
    reviewers = Q(grants__role=DEPARTMENT_ADMIN)
    if access_request.territory_id is not None:
        reviewers |= Q(grants__role=ATR_REFERENT, grants__territory_id=access_request.territory_id)
    return (
        get_user_model()
        .objects.filter(reviewers, grants__revoked_at__isnull=True, is_active=True)
        .exclude(email="")
        .exclude(account__deactivated_at__isnull=False)
        .distinct()
        .order_by("pk")
    )


def account_user_for_email(email: str):
    """The user who already has this e-mail address (any case), or None."""
    return (
        get_user_model()
        .objects.filter(email__iexact=email)
        .select_related("account")
        .order_by("pk")
        .first()
    )
