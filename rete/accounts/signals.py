"""The audit of signing in and out, and the list of a person's sessions.

Receivers of django.contrib.auth's signals, so that every way in or out (the sign-in
pages, the admin's logout, the idle expiry) is recorded the same way. Nothing typed by
the person goes into an entry: a failed attempt names the account only when the name
typed points to one.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from rete.accounts.backends import user_by_identifier
from rete.accounts.models import UserSession
from rete.accounts.second_factor import METHOD_RECOVERY_CODE, METHOD_TOTP
from rete.audit.http import client_ip
from rete.audit.models import AuditAction
from rete.audit.services import audit_record

USER_AGENT_MAX_LENGTH = 200


def _sign_in_method(user: AbstractBaseUser) -> str:
    """'password+totp', 'password+recovery_code', or 'password' (no second factor yet:
    the person sets one up before any reserved screen opens)."""
    device = getattr(user, "otp_device", None)
    if device is None:
        return "password"
    from django_otp.plugins.otp_static.models import StaticDevice

    return f"password+{METHOD_RECOVERY_CODE if isinstance(device, StaticDevice) else METHOD_TOTP}"


@receiver(user_logged_in, dispatch_uid="rete-accounts-signed-in")
def signed_in(
    sender: Any, request: HttpRequest | None, user: AbstractBaseUser, **kwargs: Any
) -> None:
    if request is None:
        return
    ip_address = client_ip(request)
    session = getattr(request, "session", None)
    if session is not None:
        if not session.session_key:
            # login() flushed another person's session: give this one its key now.
            session.save()
        now = timezone.now()
        UserSession.objects.update_or_create(
            session_key=session.session_key,
            defaults={
                "user": user,
                "last_seen_at": now,
                "ip_address": ip_address,
                "user_agent": request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH],
                "ended_at": None,
            },
        )
    audit_record(
        actor=user,
        action=AuditAction.SIGN_IN,
        target_type="auth.user",
        target_id=user.pk,
        details={"method": _sign_in_method(user)},
        ip_address=ip_address,
    )


@receiver(user_login_failed, dispatch_uid="rete-accounts-sign-in-failed")
def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    user = user_by_identifier(str(credentials.get("username") or ""))
    audit_record(
        actor=user,
        action=AuditAction.SIGN_IN_FAILED,
        target_type="auth.user",
        target_id=user.pk if user is not None else "unknown",
        # Set by django-axes when this failure locks the name out (or it already was).
        details={"locked_out": bool(getattr(request, "axes_locked_out", False))},
        ip_address=client_ip(request) if request is not None else None,
    )


@receiver(user_logged_out, dispatch_uid="rete-accounts-signed-out")
def signed_out(
    sender: Any, request: HttpRequest | None, user: AbstractBaseUser | None, **kwargs: Any
) -> None:
    if request is None or user is None:
        return
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        UserSession.objects.filter(session_key=session_key, ended_at__isnull=True).update(
            ended_at=timezone.now()
        )
    audit_record(
        actor=user,
        action=AuditAction.SIGN_OUT,
        target_type="auth.user",
        target_id=user.pk,
        ip_address=client_ip(request),
    )
