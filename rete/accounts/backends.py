"""Signing in with the personal identification code, the username or the e-mail address.

One backend, so that every way a person may name themselves leads to the same account
and the same lockout counter (`axes_username`). A deactivated account cannot sign in.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q
from django.http import HttpRequest

from rete.accounts.services import PERSONAL_CODE_PREFIX


def user_by_identifier(identifier: str) -> AbstractBaseUser | None:
    """The user a sign-in name points to: personal code (any case), username, or e-mail
    (when exactly one account has it). None when nothing or several match."""
    identifier = identifier.strip()
    if not identifier or len(identifier) > 254:
        return None
    user_model = get_user_model()
    if identifier.upper().startswith(PERSONAL_CODE_PREFIX):
        return (
            user_model.objects.filter(account__personal_code=identifier.upper())
            .select_related("account")
            .first()
        )
    matches = list(
        user_model.objects.filter(
            Q(username=identifier) | Q(email__iexact=identifier)
        ).select_related("account")[:2]
    )
    by_username = [user for user in matches if user.get_username() == identifier]
    if by_username:
        return by_username[0]
    return matches[0] if len(matches) == 1 else None


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The key of the lockout counter: the account's username when the name typed points
    to one (so RAV-000123 and the e-mail count together), else the name as typed."""
    typed = ""
    if credentials:
        typed = str(credentials.get("username") or "")
    elif request is not None and request.method == "POST":
        typed = str(request.POST.get("username") or "")
    user = user_by_identifier(typed)
    return user.get_username() if user is not None else typed.strip().lower()[:150]


class PersonalCodeBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        if username is None or password is None:
            return None
        user = user_by_identifier(username)
        if user is None:
            # Spend the time a password check takes, so that the answer's delay does not
            # tell which names exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user: AbstractBaseUser) -> bool:
        if not super().user_can_authenticate(user):
            return False
        account = getattr(user, "account", None)
        return account is None or account.deactivated_at is None
