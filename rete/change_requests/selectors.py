"""Reads of proposed changes, filtered by the person's scope in the query: the Department
sees every territory's, a referent those of the territories of their referent grants."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.accounts.scopes import Scope
from rete.change_requests.models import ChangeRequest, ChangeStatus
from rete.network.models import Territory

# The roles of this screen: the Department decides, the territories' referents propose.
SCREEN_ROLES = (DEPARTMENT_ADMIN, ATR_REFERENT)


def change_request_territory_ids(scope: Scope) -> frozenset[int] | None:
    """The territories whose requests the person reads: None means all of them."""
    return scope.territories_for(*SCREEN_ROLES)


def change_requests_visible(scope: Scope) -> QuerySet[ChangeRequest]:
    requests = ChangeRequest.objects.select_related(
        "territory", "service", "organization", "created_by", "decided_by"
    )
    territory_ids = change_request_territory_ids(scope)
    if territory_ids is not None:
        requests = requests.filter(territory_id__in=territory_ids)
    return requests


def change_request_list(
    scope: Scope, *, status: str = "", territory: Territory | None = None
) -> QuerySet[ChangeRequest]:
    """Pending first, then the decided ones; the latest first within each."""
    requests = change_requests_visible(scope)
    if status:
        requests = requests.filter(status=status)
    if territory is not None:
        requests = requests.filter(territory=territory)
    pending_first = Case(
        When(status=ChangeStatus.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return requests.annotate(waiting=pending_first).order_by("waiting", "-created_at", "-pk")


def change_request_get_for_scope(scope: Scope, pk: int) -> ChangeRequest:
    """The request if the person may read it; 404 otherwise (we do not say it exists)."""
    found = change_requests_visible(scope).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def proposing_territories(scope: Scope) -> QuerySet[Territory]:
    """The territories the person proposes changes for: those of their referent grants."""
    territory_ids = scope.territories_for(ATR_REFERENT) or frozenset()
    return Territory.objects.filter(pk__in=territory_ids).order_by("name", "code")


def proposing_territory_get(scope: Scope, code: str) -> Territory:
    territory = proposing_territories(scope).filter(code=code).first()
    if territory is None:
        raise Http404
    return territory
