"""Writes on accounts: creating users with a role, granting roles."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from rete.accounts.roles import ROLES, roles_sync


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


def user_grant_role(*, user: AbstractBaseUser, role: str) -> None:
    """Add the user to the role's group. Granting a role the user has changes nothing."""
    group = _role_group(role)
    user.groups.add(group)  # type: ignore[attr-defined]


@transaction.atomic
def user_create_with_role(
    *, username: str, email: str, password: str, role: str, is_staff: bool = True
) -> AbstractBaseUser:
    """Create an active user holding one role.

    The username, the e-mail address and the password are validated (the password by
    AUTH_PASSWORD_VALIDATORS); any invalid input raises ValidationError and nothing is written.
    `is_staff` lets the user sign in to the admin, where the role's permissions apply.
    """
    user_model = get_user_model()
    group = _role_group(role)
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
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    user.groups.add(group)
    return user
