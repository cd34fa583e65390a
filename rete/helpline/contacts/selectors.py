"""Reads of contact records that are not a person opening one (see access.py for that)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from rete.accounts.roles import HELPLINE_OPERATOR, HELPLINE_SUPERVISOR
from rete.helpline.contacts.models import Callback, NuisanceFlag
from rete.privacy.hashing import phone_digest


def user_helpline_role(user: AbstractBaseUser | AnonymousUser | None) -> str | None:
    """HELPLINE_SUPERVISOR, HELPLINE_OPERATOR (the stronger one first) or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    # A user loaded for this request may come with its group names: the API token check
    # reads them in the same query (rete.accounts.tokens.api_token_user), the console's role
    # check keeps those it read (rete.helpline.permissions). Any other user's groups are read
    # now. Nothing is kept between requests: a role taken away counts at once.
    names = getattr(user, "request_group_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
    for role in (HELPLINE_SUPERVISOR, HELPLINE_OPERATOR):
        if role in names:
            return role
    return None


def nuisance_flag_active(*, number: str, at: datetime) -> NuisanceFlag | None:
    """The latest flag of the number in force at `at`, whatever the spelling of the number;
    None for an unflagged number, an expired flag, or a string that is no phone number."""
    try:
        digest = phone_digest(number)
    except ValueError:
        return None
    return (
        NuisanceFlag.objects.filter(number_digest=digest, created_at__lte=at, expires_at__gt=at)
        .order_by("-created_at", "-pk")
        .first()
    )


def callback_list_pending(*, at: datetime) -> list[Callback]:
    """Call-backs still to do at `at` (not done, not expired), the most urgent first."""
    return list(
        Callback.objects.filter(done_at__isnull=True, erased_at__isnull=True, expires_at__gt=at)
        .select_related("contact")
        .order_by("due_at", "pk")
    )
