"""The person's own account page ("Il mio account"), their sessions and the yearly
re-confirmation. Rules are in services.py / selectors.py; these views only wire them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from rete.accounts.account_page import selectors, services
from rete.accounts.account_page.forms import ReconfirmForm
from rete.accounts.models import DeactivationReason
from rete.accounts.review import account_deactivate
from rete.audit.http import client_ip

View = Callable[..., HttpResponse]


def signed_in_with_second_factor(view: View) -> View:
    """Anonymous: sign in. Password given but not the second factor: give it first.
    Nothing here is cached by a browser or a proxy."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_verified():
            return redirect("accounts:second_factor")
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


def _account(request: HttpRequest):
    return getattr(request.user, "account", None)


@signed_in_with_second_factor
@require_http_methods(["GET", "HEAD"])
def security(request: HttpRequest) -> HttpResponse:
    user = request.user
    current = services.user_session_record(request)
    services.user_sessions_prune(user)
    current_key = request.session.session_key
    account = _account(request)
    now = timezone.now()
    return render(
        request,
        "accounts/account_page/security.html",
        {
            "account": account,
            "grants": selectors.user_active_grants(user),
            "second_factor": selectors.second_factor_status(user),
            "reconfirm_due_at": selectors.reconfirmation_due_at(account) if account else None,
            "reconfirm_notice": selectors.reconfirmation_notice(account, now),
            "sessions": selectors.user_open_sessions(user, current_key=current_key),
            "current_session": current,
        },
    )


@signed_in_with_second_factor
@require_POST
def session_end(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.user_other_session(request.user, pk, current_key=request.session.session_key)
    if row is None:
        # Someone else's, this one (sign out instead), or already ended: not found.
        raise Http404
    if services.user_session_end(row=row, by=request.user, ip_address=client_ip(request)):
        messages.success(request, _("The session was ended: that browser is now signed out."))
    return redirect("accounts:security")


@signed_in_with_second_factor
@require_POST
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    ended = services.user_sessions_end(
        user=request.user,
        by=request.user,
        ip_address=client_ip(request),
        keep_session_key=request.session.session_key,
    )
    if ended:
        messages.success(
            request,
            ngettext(
                "%(count)d other session was ended.",
                "%(count)d other sessions were ended.",
                ended,
            )
            % {"count": ended},
        )
    else:
        messages.info(request, _("You had no other open session."))
    return redirect("accounts:security")


def _next_url(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@signed_in_with_second_factor
@require_http_methods(["GET", "HEAD", "POST"])
def reconfirm(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    if account is None:
        # Nothing to re-confirm (an account of the admin only, made before the reserved area).
        return redirect("accounts:security")
    form = ReconfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        ip = client_ip(request)
        if request.POST.get("decision") == "decline":
            account_deactivate(
                account=account,
                by=request.user,
                reason=DeactivationReason.NOT_RECONFIRMED,
                ip_address=ip,
            )
            logout(request)
            messages.info(
                request,
                _(
                    "Your account is deactivated and you are signed out. If you need access "
                    "again, ask the Department or your territory's referent."
                ),
            )
            return redirect("accounts:login")
        if form.is_valid():
            services.account_reconfirm(account=account, by=request.user, ip_address=ip)
            messages.success(request, _("Thank you: your access is confirmed for another year."))
            return redirect(_next_url(request) or "accounts:security")
    now = timezone.now()
    return render(
        request,
        "accounts/account_page/reconfirm.html",
        {
            "account": account,
            "grants": selectors.user_active_grants(request.user),
            "form": form,
            "due_at": selectors.reconfirmation_due_at(account),
            "is_due": selectors.reconfirmation_notice(account, now) == "due",
            "next": _next_url(request) or "",
        },
        status=400 if form.is_bound and form.errors else 200,
    )
