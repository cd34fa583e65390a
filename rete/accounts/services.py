"""Writes on accounts: accounts with their personal code, grants of roles, the role groups.

A role is held through a Grant (bound to a territory and/or an organisation, see
models.Grant). django.contrib.auth's role groups follow the active grants, because the
admin's model permissions and the helpline's fast role check read the groups: every
change of grants goes through `grant_create` / `grant_revoke`, which keep them in step and
write the audit log in the same transaction.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.accounts.models import Account, Grant
from rete.accounts.roles import NATIONAL_ROLES, ROLES, roles_sync
from rete.accounts.scopes import user_scope_forget
from rete.audit.models import AuditAction
from rete.audit.services import audit_record

PERSONAL_CODE_PREFIX = "RAV-"


def personal_code_for(number: int) -> str:
    """RAV-000123: the account's sequence number, six digits at least."""
    return f"{PERSONAL_CODE_PREFIX}{number:06d}"


def _role_group(role: str) -> Group:
    if role not in ROLES:
        raise ValidationError(
            _("“%(role)s” is not a role. The roles are: %(roles)s."),
            code="unknown_role",
            params={"role": role, "roles": ", ".join(ROLES)},
        )
    group = Group.objects.filter(name=role).first()
    if group is None:
        # Groups are created by migrate; a database migrated with the roles' app
        # left out gets them now rather than failing here.
        roles_sync()
        group = Group.objects.get(name=role)
    return group


@transaction.atomic
def account_ensure(user: AbstractBaseUser, *, organization=None) -> Account:
    """The user's Account, created with the next personal code if they have none."""
    account = Account.objects.filter(user=user).first()
    if account is not None:
        return account
    # The code comes from the row's own id: unique, never reused, no counter to lock.
    account = Account.objects.create(
        user=user,
        personal_code=f"pending-{user.pk}",
        organization=organization,
        reconfirmed_at=timezone.now(),
    )
    account.personal_code = personal_code_for(account.pk)
    account.save(update_fields=["personal_code"])
    user.account = account  # type: ignore[attr-defined]
    return account


def user_role_groups_sync(user: AbstractBaseUser) -> None:
    """Make the user's role groups the roles of their active grants (other groups stay)."""
    wanted = set(
        Grant.objects.filter(user=user, revoked_at__isnull=True).values_list("role", flat=True)
    )
    current = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))  # type: ignore[attr-defined]
    if to_add := wanted - current:
        user.groups.add(*(_role_group(role) for role in sorted(to_add)))  # type: ignore[attr-defined]
    if to_remove := current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=to_remove))  # type: ignore[attr-defined]
    user_scope_forget(user)


def _grant_scope_errors(role: str, territory, organization) -> dict[str, list[ValidationError]]:
    errors: dict[str, list[ValidationError]] = {}
    if role in NATIONAL_ROLES and (territory is not None or organization is not None):
        errors["territory"] = [
            ValidationError(
                _("This role works for the whole country: give it no territory or organisation."),
                code="national_role_scoped",
            )
        ]
    return errors


@transaction.atomic
def grant_create(
    *,
    user: AbstractBaseUser,
    role: str,
    territory=None,
    organization=None,
    by: AbstractBaseUser | None = None,
    ip_address: str | None = None,
) -> Grant:
    """Give `user` the role, bound to `territory` and/or `organization`.

    An identical active grant is returned unchanged (no second row, no audit entry).
    Raises ValidationError, writing nothing, for an unknown role or a scope the role cannot
    have. A territorial role without a territory is allowed and sees no territory's data.
    """
    _role_group(role)
    if errors := _grant_scope_errors(role, territory, organization):
        raise ValidationError(errors)
    existing = Grant.objects.filter(
        user=user,
        role=role,
        territory=territory,
        organization=organization,
        revoked_at__isnull=True,
    ).first()
    if existing is not None:
        # The groups follow the grants even if someone changed them by hand.
        user_role_groups_sync(user)
        return existing
    account_ensure(user)
    grant = Grant.objects.create(
        user=user, role=role, territory=territory, organization=organization, granted_by=by
    )
    user_role_groups_sync(user)
    audit_record(
        actor=by,
        action=AuditAction.GRANT_CREATE,
        target_type="accounts.grant",
        target_id=grant.pk,
        details={
            "user_id": user.pk,
            "role": role,
            "territory_id": territory.pk if territory is not None else None,
            "organization_id": organization.pk if organization is not None else None,
        },
        ip_address=ip_address,
    )
    return grant


@transaction.atomic
def grant_revoke(
    *,
    grant: Grant,
    by: AbstractBaseUser | None = None,
    reason: str = "",
    ip_address: str | None = None,
) -> Grant:
    """End a grant. Revoking a revoked grant changes nothing."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        return grant
    grant.revoked_at = timezone.now()
    grant.revoked_by = by
    grant.revocation_reason = reason[:300]
    grant.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    user_role_groups_sync(grant.user)
    audit_record(
        actor=by,
        action=AuditAction.GRANT_REVOKE,
        target_type="accounts.grant",
        target_id=grant.pk,
        details={"user_id": grant.user_id, "role": grant.role},
        ip_address=ip_address,
    )
    return grant


def user_grant_role(
    *, user: AbstractBaseUser, role: str, territory=None, organization=None
) -> Grant:
    """Grant a role (by the system). Granting a role the user has changes nothing."""
    return grant_create(user=user, role=role, territory=territory, organization=organization)


@transaction.atomic
def user_create_with_role(
    *,
    username: str,
    email: str,
    password: str,
    role: str,
    is_staff: bool = True,
    territory=None,
    organization=None,
) -> AbstractBaseUser:
    """Create an active user holding one role, with their Account.

    The username, the e-mail address and the password are validated (the password by
    AUTH_PASSWORD_VALIDATORS); any invalid input raises ValidationError and nothing is written.
    `is_staff` lets the user sign in to the admin, where the role's permissions apply.
    """
    user_model = get_user_model()
    _role_group(role)
    user = user_model(
        username=username,
        email=user_model.objects.normalize_email(email),
        is_staff=is_staff,
        is_active=True,
    )
    errors: dict[str, list[ValidationError]] = {}
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        errors.update(error.error_dict)
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        errors.setdefault("password", []).extend(error.error_list)
    errors.update(_grant_scope_errors(role, territory, organization))
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    account_ensure(user, organization=organization)
    grant_create(user=user, role=role, territory=territory, organization=organization)
    return user
