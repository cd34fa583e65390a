"""Reads of the reviewers' account screens, filtered by the reviewer's scope in the query.

The Department sees every account. A territory's referent sees the accounts that hold (or
held) a grant in one of its territories, except those with a national role or the
superuser flag: those are the Department's to manage.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from rete.accounts.access_requests.limits import reviewer_territory_ids
from rete.accounts.models import AccessRequest, Account, Grant
from rete.accounts.roles import NATIONAL_ROLES
from rete.accounts.scopes import Scope

STATUS_ACTIVE = "active"
STATUS_DEACTIVATED = "deactivated"


def _grants_of_account(**filters: object) -> Exists:
    return Exists(Grant.objects.filter(user_id=OuterRef("user_id"), **filters))


def accounts_for(
    scope: Scope,
    *,
    role: str | None = None,
    territory_id: int | None = None,
    status: str | None = None,
    search: str = "",
) -> QuerySet[Account]:
    accounts = Account.objects.select_related("user", "organization")
    territory_ids = reviewer_territory_ids(scope)
    if territory_ids is not None:
        accounts = (
            accounts.filter(_grants_of_account(territory_id__in=territory_ids))
            .exclude(_grants_of_account(role__in=NATIONAL_ROLES, revoked_at__isnull=True))
            .exclude(user__is_superuser=True)
        )
    if role:
        accounts = accounts.filter(_grants_of_account(role=role, revoked_at__isnull=True))
    if territory_id:
        accounts = accounts.filter(
            _grants_of_account(territory_id=territory_id, revoked_at__isnull=True)
        )
    if status == STATUS_ACTIVE:
        accounts = accounts.filter(deactivated_at__isnull=True, user__is_active=True)
    elif status == STATUS_DEACTIVATED:
        accounts = accounts.filter(Q(deactivated_at__isnull=False) | Q(user__is_active=False))
    search = search.strip()
    if search:
        accounts = accounts.filter(
            Q(personal_code__icontains=search)
            | Q(user__first_name__icontains=search)
            | Q(user__last_name__icontains=search)
            | Q(user__username__icontains=search)
        )
    return accounts.order_by("personal_code")


def account_get_for(scope: Scope, personal_code: str) -> Account:
    """The account, if `scope` manages it; 404 otherwise (we do not say it exists)."""
    found = accounts_for(scope).filter(personal_code=personal_code.upper()).first()
    if found is None:
        raise Http404
    return found


def account_grants(account: Account) -> QuerySet[Grant]:
    """Every grant of the account, active first, with who gave and revoked it."""
    return (
        Grant.objects.filter(user_id=account.user_id)
        .select_related("territory", "organization", "granted_by", "revoked_by")
        .order_by("revoked_at", "-granted_at")
    )


def account_access_requests(account: Account) -> QuerySet[AccessRequest]:
    """The requests that led to the account, and those made later with its address."""
    return (
        AccessRequest.objects.filter(
            Q(account_id=account.user_id) | Q(email__iexact=account.user.email)
        )
        .select_related("territory", "organization", "reviewed_by")
        .order_by("-created_at")
    )
