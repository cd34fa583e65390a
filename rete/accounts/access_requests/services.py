"""Writes of the access request procedure: request, verify, approve, refuse.

Each is one atomic function that changes the request, writes the audit entry and sends its
e-mails after the commit. The verification token travels only in the e-mail: the request
keeps its SHA-256, so a copy of the database verifies nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.accounts.access_requests import emails
from rete.accounts.access_requests.limits import grant_limits_errors
from rete.accounts.access_requests.selectors import (
    access_request_reviewers,
    access_requests_open_count,
    account_user_for_email,
)
from rete.accounts.models import AccessRequest, AccessRequestStatus
from rete.accounts.passwords import password_set_url
from rete.accounts.roles import DEPARTMENT_ADMIN, NATIONAL_ROLES, NETWORK_OPERATOR
from rete.accounts.scopes import Scope
from rete.accounts.services import account_ensure, grant_create
from rete.audit.models import AuditAction
from rete.audit.services import audit_record

TARGET_TYPE = "accounts.accessrequest"
# An address may have this many requests waiting at once: enough for a mistake or two,
# too few to flood the reviewers.
MAX_OPEN_PER_EMAIL = 3
# Requests accepted from one IP address per hour: a sign of automation beyond that.
MAX_PER_IP_PER_HOUR = 10


class VerificationLinkInvalid(Exception):
    """The link is unknown, already used or expired (`reason`); nothing was changed."""

    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AccessRequestNotReviewable(Exception):
    """The request is no longer (or not yet) waiting for a review; nothing was changed."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


def verification_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def access_request_rate_limited(ip_address: str | None) -> bool:
    """Count one request from `ip_address`; True when the hour's allowance is spent.

    A fixed one-hour window in the cache: with several app servers the cache must be the
    shared one (Redis), as in production."""
    if not ip_address:
        return False
    key = f"accounts:access-request:ip:{ip_address}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > MAX_PER_IP_PER_HOUR


@transaction.atomic
def access_request_create(
    *,
    full_name: str,
    email: str,
    organization=None,
    organization_other: str = "",
    role: str,
    territory=None,
    reason: str,
    language: str,
    ip_address: str | None = None,
) -> AccessRequest | None:
    """Record a request and send its verification link.

    Returns None, writing and sending nothing, when the address already has
    MAX_OPEN_PER_EMAIL requests waiting (the requester is told the same as ever: the page
    must not reveal which addresses have asked).
    """
    email = get_user_model().objects.normalize_email(email.strip())
    if access_requests_open_count(email=email) >= MAX_OPEN_PER_EMAIL:
        return None
    token = secrets.token_urlsafe(32)
    access_request = AccessRequest.objects.create(
        full_name=full_name.strip(),
        email=email,
        organization=organization,
        organization_other="" if organization is not None else organization_other.strip(),
        role=role,
        territory=territory,
        reason=reason.strip(),
        language=language,
        verification_digest=verification_digest(token),
    )
    emails.verification_send(access_request, token=token)
    audit_record(
        actor=None,
        action=AuditAction.ACCESS_REQUEST_CREATE,
        target_type=TARGET_TYPE,
        target_id=access_request.pk,
        details={"role": role, "territory_id": territory.pk if territory is not None else None},
        ip_address=ip_address,
    )
    return access_request


@transaction.atomic
def access_request_verify(*, token: str, ip_address: str | None = None) -> AccessRequest:
    """The requester proved the address: the request waits for its reviewers, who are
    told by e-mail. Raises VerificationLinkInvalid, changing nothing, for a link unknown,
    used or older than ACCOUNTS_LINK_HOURS."""
    if not token or len(token) > 200:
        raise VerificationLinkInvalid(VerificationLinkInvalid.UNKNOWN)
    # Only the request's row is locked (territory and organisation are nullable joins,
    # which PostgreSQL does not lock); they are read afterwards.
    access_request = (
        AccessRequest.objects.select_for_update(of=("self",))
        .select_related("territory", "organization")
        .filter(verification_digest=verification_digest(token))
        .first()
    )
    if access_request is None:
        raise VerificationLinkInvalid(VerificationLinkInvalid.UNKNOWN)
    if access_request.status != AccessRequestStatus.UNVERIFIED:
        raise VerificationLinkInvalid(VerificationLinkInvalid.USED)
    now = timezone.now()
    if now > access_request.created_at + timedelta(hours=settings.ACCOUNTS_LINK_HOURS):
        raise VerificationLinkInvalid(VerificationLinkInvalid.EXPIRED)
    access_request.status = AccessRequestStatus.PENDING
    access_request.email_verified_at = now
    access_request.save(update_fields=["status", "email_verified_at"])
    emails.reviewers_notify(access_request, list(access_request_reviewers(access_request)))
    audit_record(
        actor=None,
        action=AuditAction.ACCESS_REQUEST_VERIFY,
        target_type=TARGET_TYPE,
        target_id=access_request.pk,
        ip_address=ip_address,
    )
    return access_request


def _locked_pending(access_request: AccessRequest) -> AccessRequest:
    """The request, locked until the review's transaction ends: of two reviewers acting at
    once, the second finds it reviewed."""
    locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if locked.status != AccessRequestStatus.PENDING:
        raise AccessRequestNotReviewable(locked.status)
    return locked


def _user_create(access_request: AccessRequest, *, organization, is_staff: bool):
    """A new user for the requester: no password yet (they choose it through the link of
    the approval e-mail), the personal code as username."""
    user_model = get_user_model()
    user = user_model(
        # Temporary and unique: replaced below by the personal code, which needs the
        # account's id.
        username=f"new-{secrets.token_hex(8)}",
        email=access_request.email,
        # The name as the person wrote it: splitting it into first and last names would
        # guess wrong for many.
        first_name=access_request.full_name[:150],
        is_active=True,
        is_staff=is_staff,
    )
    user.set_unusable_password()
    user.save()
    account = account_ensure(user, organization=organization)
    if organization is None and access_request.organization_other:
        account.organization_other = access_request.organization_other
        account.save(update_fields=["organization_other"])
    user.username = account.personal_code.lower()
    user.save(update_fields=["username"])
    return user, account


@transaction.atomic
def access_request_approve(
    *,
    access_request: AccessRequest,
    by: AbstractBaseUser,
    scope: Scope,
    role: str,
    territory=None,
    organization=None,
    ip_address: str | None = None,
) -> AccessRequest:
    """Give the requester an account (or the role on the account they have) and e-mail
    them their personal code and the link to choose a password.

    The reviewer may change the role, territory and organisation asked for, within what
    `scope` may give (limits.grant_limits_errors). Raises ValidationError or
    AccessRequestNotReviewable, changing nothing.
    """
    access_request = _locked_pending(access_request)
    if role in NATIONAL_ROLES:
        territory = None
    if errors := grant_limits_errors(scope, role=role, territory=territory):
        raise ValidationError(errors)
    user = account_user_for_email(access_request.email)
    created = user is None
    if created:
        user, account = _user_create(
            access_request, organization=organization, is_staff=role == DEPARTMENT_ADMIN
        )
        audit_record(
            actor=by,
            action=AuditAction.ACCOUNT_CREATE,
            target_type="accounts.account",
            target_id=account.pk,
            details={"user_id": user.pk, "access_request_id": access_request.pk},
            ip_address=ip_address,
        )
    else:
        account = getattr(user, "account", None)
        if not user.is_active or (account is not None and account.deactivated_at is not None):
            raise ValidationError(
                _(
                    "The account with this e-mail address is deactivated: reactivate it "
                    "from its page before approving."
                ),
                code="account_deactivated",
            )
        account = account_ensure(user, organization=organization)
        if role == DEPARTMENT_ADMIN and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    grant_create(
        user=user,
        role=role,
        territory=territory,
        # A network operator acts for their organisation; the other roles for a territory
        # or the country.
        organization=organization if role == NETWORK_OPERATOR else None,
        by=by,
        ip_address=ip_address,
    )
    access_request.status = AccessRequestStatus.APPROVED
    access_request.reviewed_by = by
    access_request.reviewed_at = timezone.now()
    access_request.account = user
    access_request.save(update_fields=["status", "reviewed_by", "reviewed_at", "account"])
    emails.approval_send(
        access_request,
        role=role,
        territory=territory,
        personal_code=account.personal_code,
        password_url=None if user.has_usable_password() else password_set_url(user),
    )
    audit_record(
        actor=by,
        action=AuditAction.ACCESS_REQUEST_APPROVE,
        target_type=TARGET_TYPE,
        target_id=access_request.pk,
        details={
            "user_id": user.pk,
            "account_created": created,
            "role": role,
            "territory_id": territory.pk if territory is not None else None,
            "organization_id": organization.pk if organization is not None else None,
        },
        ip_address=ip_address,
    )
    return access_request


@transaction.atomic
def access_request_refuse(
    *,
    access_request: AccessRequest,
    by: AbstractBaseUser,
    reason: str,
    ip_address: str | None = None,
) -> AccessRequest:
    """Refuse the request and tell the requester why. Raises ValidationError (no reason)
    or AccessRequestNotReviewable, changing nothing."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write the reason: the requester will read it.")})
    access_request = _locked_pending(access_request)
    access_request.status = AccessRequestStatus.REFUSED
    access_request.reviewed_by = by
    access_request.reviewed_at = timezone.now()
    access_request.decision_reason = reason
    access_request.save(update_fields=["status", "reviewed_by", "reviewed_at", "decision_reason"])
    emails.refusal_send(access_request)
    audit_record(
        actor=by,
        action=AuditAction.ACCESS_REQUEST_REFUSE,
        target_type=TARGET_TYPE,
        target_id=access_request.pk,
        ip_address=ip_address,
    )
    return access_request
