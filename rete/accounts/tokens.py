"""Personal API tokens: creation, revocation and the check of `Authorization: Bearer …`."""

import functools
import hashlib
import secrets
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from rete.accounts.models import ApiToken

TOKEN_PREFIX = "rete_"  # noqa: S105  # nosec B105  # a marker that makes leaked tokens easy to scan for
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


@functools.cache
def _token_user_sql() -> str:
    """The user of the token whose digest is the third parameter, the token's state at the
    instant of the first parameter (valid: not revoked, not expired) and whether its last
    use is older than the second, and the user's group names: one row per group, one with
    a null name when there is none. Written once, from the models' metadata."""
    quote = connection.ops.quote_name
    user_meta = get_user_model()._meta
    through = user_meta.get_field("groups").remote_field.through._meta
    user = {field.attname: quote(field.column) for field in user_meta.concrete_fields}
    token = {field.attname: quote(field.column) for field in ApiToken._meta.concrete_fields}
    user_columns = ", ".join(f"u.{column}" for column in user.values())
    user_pk = user[user_meta.pk.attname]
    return (
        f"SELECT {user_columns}, t.{token['id']} AS token_id,"  # noqa: S608  # nosec B608  # names from model metadata only
        f" (t.{token['revoked_at']} IS NULL AND"
        f" (t.{token['expires_at']} IS NULL OR t.{token['expires_at']} > %s)) AS token_valid,"
        f" (t.{token['last_used_at']} IS NULL OR t.{token['last_used_at']} < %s)"
        " AS token_use_to_note,"
        f" g.{quote(Group._meta.get_field('name').column)} AS token_group_name"
        f" FROM {quote(ApiToken._meta.db_table)} t"
        f" INNER JOIN {quote(user_meta.db_table)} u ON u.{user_pk} = t.{token['user_id']}"
        f" LEFT OUTER JOIN {quote(through.db_table)} m"
        f" ON m.{quote(through.get_field('user').column)} = u.{user_pk}"
        f" LEFT OUTER JOIN {quote(Group._meta.db_table)} g"
        f" ON g.{quote(Group._meta.pk.column)} = m.{quote(through.get_field('group').column)}"
        f" WHERE t.{token['digest']} = %s"
    )


def api_token_user(token: str) -> AbstractBaseUser | None:
    """The active user a token belongs to, or None if it is unknown, revoked or expired.

    The user comes with the names of their groups (the roles), read in the same query, in
    `user.request_group_names`: rete.helpline.contacts.selectors.user_helpline_role uses them
    instead of asking again. Like the user, they are as they were when the token was checked,
    so they hold for the request that checked it and for nothing longer.
    """
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    # Checked on every request, so that a revocation, a deactivation or a role taken away
    # holds at once: one query for the token, its user and the user's groups, written once
    # (building it through the ORM on every request cost three times as much).
    now = timezone.now()
    rows = list(
        get_user_model().objects.raw(
            _token_user_sql(), [now, now - LAST_USED_PRECISION, _digest(token)]
        )
    )
    if not rows:
        return None
    user = rows[0]
    if not user.token_valid or not user.is_active:
        return None
    if user.token_use_to_note:
        ApiToken.objects.filter(pk=user.token_id).update(last_used_at=now)
    user.request_group_names = frozenset(
        row.token_group_name for row in rows if row.token_group_name is not None
    )
    return user


class BearerTokenAuth(HttpBearer):
    """django-ninja authentication by personal API token; sets request.user."""

    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user
