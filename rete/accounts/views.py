"""Signing in (password, then the second factor), the lockout page, and passwords.

The steps, for a person who has an authenticator app:

1. /accesso/: the name (personal code, username or e-mail) and the password. When they
   match, the person is NOT signed in yet: the session remembers who is half-way through
   (PENDING_KEY, for PENDING_SECONDS) and the browser goes to step 2.
2. /accesso/secondo-fattore/: the 6-digit code (or a recovery code). Only then is the
   person signed in (django.contrib.auth.login) and the session marked as verified
   (django_otp.login), which AccountSessionMiddleware requires for every reserved screen.

A person with no authenticator yet (a new account) is signed in after step 1 and sets one
up at step 2 before any reserved screen opens. `next` travels through every step and is
followed only when it points to this site.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

import django_otp
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, load_backend, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from rete.accounts import forms
from rete.accounts.backends import user_by_identifier
from rete.accounts.models import UserSession
from rete.accounts.second_factor import (
    METHOD_RECOVERY_CODE,
    has_second_factor,
    recovery_code_display,
    recovery_codes_remaining,
    recovery_codes_renew,
    second_factor_check,
    totp_device_for,
    totp_enrolment_confirm,
    totp_enrolment_device,
    totp_qr_data_uri,
    totp_secret_groups,
)
from rete.audit.http import audit_request, client_ip
from rete.audit.models import AuditAction
from rete.audit.services import audit_record

# Who passed the password and still owes the code: {"user": pk, "backend": path, "at": epoch}.
PENDING_KEY = "rete_sign_in_pending"
PENDING_SECONDS = 5 * 60
View = Callable[..., HttpResponse]


# --- Where to go next ------------------------------------------------------------------


def _safe_next(request: HttpRequest) -> str:
    """The `next` of the request when it points to this site, else ''."""
    candidate = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _destination(request: HttpRequest) -> str:
    return _safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if next_url else url


def _no_store(response: HttpResponse) -> HttpResponse:
    # Secrets, recovery codes and sign-in pages are never kept by a browser or a proxy.
    add_never_cache_headers(response)
    return response


# --- The person half-way through -------------------------------------------------------


def _pending_start(request: HttpRequest, user: AbstractBaseUser) -> None:
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,  # type: ignore[attr-defined]  # set by authenticate()
        "at": int(time.time()),
    }


def _pending_user(request: HttpRequest) -> tuple[AbstractBaseUser | None, bool]:
    """The person who passed the password in this session, and whether a pending sign-in
    expired (to say so)."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None, False
    if time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        del request.session[PENDING_KEY]
        return None, True
    backend_path = pending.get("backend")
    user = None
    if backend_path in settings.AUTHENTICATION_BACKENDS:
        # The backend's own lookup: an account deactivated meanwhile is not let in.
        user = load_backend(backend_path).get_user(pending.get("user"))
    if user is None:
        del request.session[PENDING_KEY]
        return None, False
    user.backend = backend_path  # type: ignore[attr-defined]
    return user, False


def verified_required(view: View) -> View:
    """The person is signed in and passed the second factor (outside the prefixes that
    AccountSessionMiddleware guards)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_verified():
            return HttpResponseRedirect(_with_next("accounts:second_factor", request.path))
        return _no_store(view(request, *args, **kwargs))

    return wrapped


# --- Step 1: name and password ---------------------------------------------------------


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        if request.user.is_verified():
            return HttpResponseRedirect(_destination(request))
        return HttpResponseRedirect(_with_next("accounts:second_factor", next_url))
    form = forms.SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.user
        if has_second_factor(user):
            _pending_start(request, user)
        else:
            # No authenticator yet: signed in now, and sent to set one up; no reserved
            # screen opens before that (AccountSessionMiddleware).
            login(request, user)
        return HttpResponseRedirect(_with_next("accounts:second_factor", next_url))
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


def lockout_response(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes' answer to a sign-in refused after AXES_FAILURE_LIMIT failures
    (AXES_LOCKOUT_CALLABLE): the sign-in page again, with status 429 and what to do.

    Axes passes (request, original_response, credentials) or (request, credentials)."""
    credentials = next((arg for arg in args if isinstance(arg, dict)), None)
    credentials = credentials or kwargs.get("credentials") or {}
    user = user_by_identifier(str(credentials.get("username") or ""))
    # The name typed is not recorded: only the account it points to, if any.
    audit_request(
        request,
        action=AuditAction.LOCKED_OUT,
        target_type="auth.user",
        target_id=user.pk if user is not None else "unknown",
        details={"cooloff_minutes": settings.AXES_COOLOFF_MINUTES},
    )
    form = forms.SignInForm(request, initial={"username": credentials.get("username") or ""})
    response = render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "next": _safe_next(request),
            "locked_out": True,
            "cooloff_minutes": settings.AXES_COOLOFF_MINUTES,
        },
        status=429,
    )
    response["Retry-After"] = str(settings.AXES_COOLOFF_MINUTES * 60)
    return _no_store(response)


# --- Step 2: the second factor ---------------------------------------------------------


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    user = request.user
    if user.is_authenticated:
        if user.is_verified():
            return HttpResponseRedirect(_destination(request))
        if not has_second_factor(user):
            return _enrolment(request, user, next_url)
        return _code_step(request, user, next_url, pending=False)
    pending, expired = _pending_user(request)
    if pending is None:
        if expired:
            messages.error(request, _("The sign-in took too long. Please start again."))
        return HttpResponseRedirect(_with_next("accounts:login", next_url))
    return _code_step(request, pending, next_url, pending=True)


def _code_step(
    request: HttpRequest, user: AbstractBaseUser, next_url: str, *, pending: bool
) -> HttpResponse:
    form = forms.CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result = second_factor_check(
            user=user, token=form.cleaned_data["code"], ip_address=client_ip(request)
        )
        if result.ok:
            if pending:
                del request.session[PENDING_KEY]
                # django_otp marks the session verified from this attribute during
                # login() (its user_logged_in receiver), and the audit reads it.
                user.otp_device = result.device  # type: ignore[attr-defined]
                login(request, user, backend=getattr(user, "backend", None))
            django_otp.login(request, result.device)
            if result.method == METHOD_RECOVERY_CODE:
                messages.warning(request, _("You signed in with a recovery code."))
                return HttpResponseRedirect(_with_next("accounts:recovery_codes", next_url))
            return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
        if result.throttled_until is not None:
            form.add_error(
                "code",
                _("Too many wrong codes in a row. Wait %(seconds)s seconds, then try again.")
                % {"seconds": result.wait_seconds()},
            )
            status = 429
        else:
            form.add_error("code", _("The code is not valid. Check it and try again."))
            status = 400
    return render(
        request,
        "accounts/second_factor.html",
        {"form": form, "next": next_url, "pending": pending},
        status=status,
    )


def _enrolment(request: HttpRequest, user: AbstractBaseUser, next_url: str) -> HttpResponse:
    device = totp_enrolment_device(user)
    form = forms.EnrolmentForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result, codes = totp_enrolment_confirm(
            user=user, device=device, token=form.cleaned_data["code"], ip_address=client_ip(request)
        )
        if result.ok:
            django_otp.login(request, result.device)
            return _no_store(
                render(
                    request,
                    "accounts/recovery_codes_shown.html",
                    {
                        "codes": [recovery_code_display(code) for code in codes],
                        "continue_url": next_url or resolve_url(settings.LOGIN_REDIRECT_URL),
                        "enrolled": True,
                    },
                )
            )
        if result.throttled_until is not None:
            message = _(
                "Too many wrong codes in a row. Wait %(seconds)s seconds, then try again."
            ) % {"seconds": result.wait_seconds()}
            status = 429
        else:
            message = _(
                "The code is not valid. Check that the app shows the account just added "
                "and that this device's clock is right."
            )
            status = 400
        form.add_error("code", message)
    return _no_store(
        render(
            request,
            "accounts/second_factor_enrol.html",
            {
                "form": form,
                "next": next_url,
                "qr_data_uri": totp_qr_data_uri(device),
                "secret": totp_secret_groups(device),
                "issuer": settings.OTP_TOTP_ISSUER,
                "account_name": user.get_username(),
            },
            status=status,
        )
    )


@verified_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """How many recovery codes are left; renewing them (POST) shows the new ones once."""
    next_url = _safe_next(request)
    continue_url = next_url or resolve_url(settings.LOGIN_REDIRECT_URL)
    if request.method == "POST":
        codes = recovery_codes_renew(user=request.user, ip_address=client_ip(request))
        return render(
            request,
            "accounts/recovery_codes_shown.html",
            {
                "codes": [recovery_code_display(code) for code in codes],
                "continue_url": continue_url,
                "enrolled": False,
            },
        )
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "remaining": recovery_codes_remaining(request.user),
            "has_authenticator": totp_device_for(request.user) is not None,
            "next": next_url,
            "continue_url": continue_url,
        },
    )


# --- The admin's own sign-in page ------------------------------------------------------


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin signs in through the platform's pages (password and second factor):
    its own login form, which knows neither, only sends there."""
    next_url = _safe_next(request) or reverse("admin:index")
    return HttpResponseRedirect(_with_next("accounts:login", next_url))


# --- Passwords -------------------------------------------------------------------------


def _sessions_end(user: AbstractBaseUser) -> None:
    """A new password signs the person out everywhere (Django drops the sessions whose
    password hash no longer matches): their session list says so."""
    UserSession.objects.filter(user=user, ended_at__isnull=True).update(ended_at=timezone.now())


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")
    title = gettext_lazy("Forgotten password")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"
    title = gettext_lazy("Check your e-mail")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(hours=settings.ACCOUNTS_LINK_HOURS, **kwargs)


@method_decorator(sensitive_post_parameters("new_password1", "new_password2"), name="dispatch")
class PasswordSetView(auth_views.PasswordResetConfirmView):
    """Both the first password of an approved account and a new one after a reset."""

    form_class = forms.SetPasswordForm
    template_name = "accounts/password_set.html"
    reset_url_token = "imposta"  # noqa: S105  # nosec B105  # a path segment, not a secret
    success_url = reverse_lazy("accounts:login")
    title = gettext_lazy("Set your password")

    def get_user(self, uidb64: str) -> AbstractBaseUser | None:
        # A deactivated account's link stops working: it could not sign in anyway.
        user = super().get_user(uidb64)
        if user is None or not user.is_active:
            return None
        account = getattr(user, "account", None)
        return None if account is not None and account.deactivated_at else user

    def form_valid(self, form: forms.SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        _sessions_end(user)
        # A locked-out person who sets a new password may try again at once.
        axes_reset(username=user.get_username())
        _audit_own_account(self.request, user, action=AuditAction.PASSWORD_SET, via="link")
        messages.success(self.request, _("Your password is set. You can sign in now."))
        return response


@method_decorator(verified_required, name="dispatch")
@method_decorator(sensitive_post_parameters(), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("reserved:home")
    title = gettext_lazy("Change your password")

    def form_valid(self, form: forms.PasswordChangeForm) -> HttpResponse:
        old_key = self.request.session.session_key
        # Django signs the other sessions out and gives this one a new key.
        response = super().form_valid(form)
        user = form.user
        UserSession.objects.filter(user=user, ended_at__isnull=True).exclude(
            session_key=old_key
        ).update(ended_at=timezone.now())
        if old_key and self.request.session.session_key:
            UserSession.objects.filter(session_key=old_key).update(
                session_key=self.request.session.session_key
            )
        _audit_own_account(self.request, user, action=AuditAction.PASSWORD_SET, via="change")
        messages.success(self.request, _("Your password has been changed."))
        return response


def _audit_own_account(
    request: HttpRequest, user: AbstractBaseUser, *, action: str, via: str
) -> None:
    """An entry about `user`'s own account (the actor even when not signed in)."""
    audit_record(
        actor=user,
        action=action,
        target_type="auth.user",
        target_id=user.pk,
        details={"via": via},
        ip_address=client_ip(request),
    )
