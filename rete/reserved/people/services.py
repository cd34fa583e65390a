"""The reviewers' changes to an account: add or revoke a grant, deactivate, reactivate.

Each checks what the reviewer's scope allows (limits.py) and then calls the accounts'
own services, which write the change and its audit entry in one transaction. Nobody
changes their own account here: a reviewer could otherwise lock themselves out, or widen
their own reach.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from rete.accounts.access_requests.limits import grant_limits_errors, reviewer_territory_ids
from rete.accounts.models import Account, DeactivationReason, Grant
from rete.accounts.review import account_deactivate, account_reactivate
from rete.accounts.roles import DEPARTMENT_ADMIN, NATIONAL_ROLES, NETWORK_OPERATOR
from rete.accounts.scopes import Scope
from rete.accounts.services import grant_create, grant_revoke

REVOCATION_REASON_MAX_LENGTH = 300


def _refuse_own(account: Account, by: AbstractBaseUser) -> None:
    if account.user_id == by.pk:
        raise ValidationError(
            _("You cannot change your own account here: ask another reviewer."), code="own"
        )


def grant_in_scope(scope: Scope, grant: Grant) -> bool:
    """Whether `scope` may revoke the grant: the Department any, a referent those of its
    territories (never a national one)."""
    territory_ids = reviewer_territory_ids(scope)
    if territory_ids is None:
        return True
    return grant.role not in NATIONAL_ROLES and grant.territory_id in territory_ids


@transaction.atomic
def account_grant_add(
    *,
    account: Account,
    scope: Scope,
    by: AbstractBaseUser,
    role: str,
    territory=None,
    organization=None,
    ip_address: str | None = None,
) -> Grant:
    _refuse_own(account, by)
    if account.deactivated_at is not None:
        raise ValidationError(_("The account is deactivated: reactivate it first."))
    if role in NATIONAL_ROLES:
        territory = None
    if errors := grant_limits_errors(scope, role=role, territory=territory):
        raise ValidationError(errors)
    user = account.user
    if role == DEPARTMENT_ADMIN and not user.is_staff:
        # The Department works in the admin too.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return grant_create(
        user=user,
        role=role,
        territory=territory,
        organization=organization if role == NETWORK_OPERATOR else None,
        by=by,
        ip_address=ip_address,
    )


@transaction.atomic
def account_grant_revoke(
    *,
    account: Account,
    grant: Grant,
    scope: Scope,
    by: AbstractBaseUser,
    reason: str,
    ip_address: str | None = None,
) -> Grant:
    _refuse_own(account, by)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the role is revoked.")})
    if len(reason) > REVOCATION_REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Keep the reason within 300 characters.")}, code="max_length"
        )
    if grant.user_id != account.user_id or not grant_in_scope(scope, grant):
        raise ValidationError(_("You can revoke only roles in your own territories."))
    if grant.revoked_at is not None:
        raise ValidationError(_("This role was already revoked."))
    return grant_revoke(grant=grant, by=by, reason=reason, ip_address=ip_address)


def _all_active_grants_in_scope(account: Account, scope: Scope) -> bool:
    active = Grant.objects.filter(user_id=account.user_id, revoked_at__isnull=True)
    return all(grant_in_scope(scope, grant) for grant in active)


def account_deactivate_by_reviewer(
    *, account: Account, scope: Scope, by: AbstractBaseUser, ip_address: str | None = None
) -> bool:
    """A referent deactivates only an account whose every active role lies in its own
    territories: the access given elsewhere is someone else's to end."""
    _refuse_own(account, by)
    if not _all_active_grants_in_scope(account, scope):
        raise ValidationError(
            _(
                "This account also has roles outside your territories: ask the Department "
                "to deactivate it, or revoke your territories' roles."
            )
        )
    return account_deactivate(
        account=account, by=by, reason=DeactivationReason.BY_REVIEWER, ip_address=ip_address
    )


def account_reactivate_by_reviewer(
    *, account: Account, scope: Scope, by: AbstractBaseUser, ip_address: str | None = None
) -> bool:
    _refuse_own(account, by)
    if not _all_active_grants_in_scope(account, scope):
        raise ValidationError(
            _("This account also has roles outside your territories: ask the Department.")
        )
    return account_reactivate(account=account, by=by, ip_address=ip_address)
