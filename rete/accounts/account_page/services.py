"""Writes of a person's own account page: their sessions and their yearly re-confirmation.

Ending a session deletes it from Django's session store (the browser is signed out at its
next request), dates the row and writes the audit entry, in one transaction. The audit
details name the row, never the session key: the key is a bearer credential.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from rete.accounts.account_page.sessions import session_alive, session_delete
from rete.accounts.models import Account, UserSession
from rete.audit.http import client_ip
from rete.audit.models import AuditAction
from rete.audit.services import audit_record

USER_AGENT_MAX_LENGTH = UserSession._meta.get_field("user_agent").max_length

# Who ended a session, in the audit details: the holder from another of their sessions,
# or someone else (a reviewer, the daily review).
ENDED_BY_SELF = "self"
ENDED_BY_OTHER = "other"


def user_session_record(request: HttpRequest) -> UserSession | None:
    """The row of the request's session, created if the session has none (a session
    opened before the rows existed, or by a test's force_login). None when anonymous or
    when the session has not been saved yet (it has no key)."""
    user = request.user
    key = request.session.session_key
    if not user.is_authenticated or not key:
        return None
    ip_address = client_ip(request)
    user_agent = request.headers.get("User-Agent", "")[:USER_AGENT_MAX_LENGTH]
    row, created = UserSession.objects.get_or_create(
        session_key=key,
        defaults={
            "user": user,
            "last_seen_at": timezone.now(),
            "ip_address": ip_address,
            "user_agent": user_agent,
        },
    )
    if row.user_id != user.pk:
        return None
    if not created and (row.ip_address is None or not row.user_agent):
        # A row made without a browser's request (force_login, a sign-in by a program)
        # gets the browser's details from the first page it shows.
        row.ip_address = row.ip_address or ip_address
        row.user_agent = row.user_agent or user_agent
        row.save(update_fields=["ip_address", "user_agent"])
    return row


def user_sessions_prune(user: AbstractBaseUser, *, now: datetime.datetime | None = None) -> int:
    """Date the rows whose session is gone from the store (signed out, expired, cleared):
    housekeeping of the list, not an event, so nothing is audited. Returns how many."""
    stale = [
        row.pk
        for row in UserSession.objects.filter(user=user, ended_at__isnull=True).only(
            "pk", "session_key", "user_id"
        )
        if not session_alive(row.session_key, user.pk)
    ]
    if stale:
        UserSession.objects.filter(pk__in=stale, ended_at__isnull=True).update(
            ended_at=now or timezone.now()
        )
    return len(stale)


@transaction.atomic
def user_session_end(
    *,
    row: UserSession,
    by: AbstractBaseUser | None,
    ip_address: str | None = None,
) -> bool:
    """End one session: gone from the store, dated, audited. False (nothing written) when
    it had already ended."""
    row = UserSession.objects.select_for_update().get(pk=row.pk)
    if row.ended_at is not None:
        return False
    session_delete(row.session_key)
    row.ended_at = timezone.now()
    row.save(update_fields=["ended_at"])
    ended_by = ENDED_BY_SELF if by is not None and by.pk == row.user_id else ENDED_BY_OTHER
    audit_record(
        actor=by,
        action=AuditAction.SESSION_ENDED,
        target_type="accounts.usersession",
        target_id=row.pk,
        details={"session_id": row.pk, "ended_by": ended_by},
        ip_address=ip_address,
    )
    return True


def user_sessions_end(
    *,
    user: AbstractBaseUser,
    by: AbstractBaseUser | None,
    ip_address: str | None = None,
    keep_session_key: str | None = None,
) -> int:
    """End every open session of `user` but the one named `keep_session_key` (the one
    making the request, when the holder ends "all the others"). Returns how many ended."""
    rows = UserSession.objects.filter(user=user, ended_at__isnull=True)
    if keep_session_key:
        rows = rows.exclude(session_key=keep_session_key)
    return sum(user_session_end(row=row, by=by, ip_address=ip_address) for row in list(rows))


@transaction.atomic
def account_reconfirm(
    *, account: Account, by: AbstractBaseUser, ip_address: str | None = None
) -> Account:
    """The holder confirms they still work where they did and still need their access:
    the year starts again from now."""
    account = Account.objects.select_for_update().get(pk=account.pk)
    account.reconfirmed_at = timezone.now()
    account.save(update_fields=["reconfirmed_at"])
    audit_record(
        actor=by,
        action=AuditAction.ACCOUNT_RECONFIRM,
        target_type="accounts.account",
        target_id=account.pk,
        ip_address=ip_address,
    )
    return account
