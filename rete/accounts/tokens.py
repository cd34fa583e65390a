"""Personal API tokens: creation, revocation and the check of `Authorization: Bearer …`."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from rete.accounts.models import ApiToken

TOKEN_PREFIX = "rete_"  # noqa: S105 - a marker that makes leaked tokens easy to scan for
PREFIX_LENGTH = 12
# last_used_at is a hint for people reviewing their tokens, not an audit: writing it at
# most once a minute keeps a busy integration from writing on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, user: AbstractBaseUser, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the record and the token, which is never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=token[:PREFIX_LENGTH],
        digest=_digest(token),
        expires_at=expires_at,
    )
    return record, token


def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_token_user(token: str) -> AbstractBaseUser | None:
    """The active user a token belongs to, or None if it is unknown, revoked or expired."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    now = timezone.now()
    record = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(token), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if record is None:
        return None
    if record.last_used_at is None or now - record.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user


class BearerTokenAuth(HttpBearer):
    """django-ninja authentication by personal API token; sets request.user."""

    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user
