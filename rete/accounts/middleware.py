"""Sessions of signed-in people: inactivity expiry, their list, and what a person owes
before any reserved screen opens (the second factor, the yearly re-confirmation).

Only the screens that show reserved data are guarded here (PROTECTED_PREFIXES): the
public portal never depends on who is signed in, and the API authenticates each request
by its own token. The views of signing in and of the second factor live outside those
prefixes, so a person half-way through can always finish or sign out.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from rete.accounts.models import UserSession
from rete.audit.http import audit_request
from rete.audit.models import AuditAction

PROTECTED_PREFIXES = ("/area-riservata/", "/console/", "/admin/")
# The screens of a signed-in person: the protected ones and her own account's pages. Only
# requests to these count as activity and can expire a session.
SESSION_PREFIXES = (*PROTECTED_PREFIXES, "/accesso/", "/uscita/")
CONSOLE_PREFIX = "/console/"
LAST_ACTIVITY_KEY = "rete_last_activity"
# The last activity is written to the session at most this often: a write per request
# would cost the console a database write per poll.
ACTIVITY_PRECISION_SECONDS = 60


def _idle_limit(path: str) -> datetime.timedelta:
    minutes = (
        settings.ACCOUNTS_CONSOLE_IDLE_MINUTES
        if path.startswith(CONSOLE_PREFIX)
        else settings.ACCOUNTS_IDLE_MINUTES
    )
    return datetime.timedelta(minutes=minutes)


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect that HTMX follows with the whole page, not inside a fragment."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def reconfirmation_due(account, now: datetime.datetime) -> bool:
    if account is None:
        return False
    last = account.reconfirmed_at or account.created_at
    return now - last >= datetime.timedelta(days=settings.ACCOUNTS_RECONFIRM_DAYS)


class AccountSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The public portal is left alone: it must not even read the session (its pages
        # are the same for everyone and are cached), and it shows nothing reserved.
        if not request.path.startswith(SESSION_PREFIXES):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        now = timezone.now()
        if expired := self._expire_if_idle(request, now):
            return expired
        if request.path.startswith(PROTECTED_PREFIXES):
            if not user.is_verified():
                return _redirect(request, reverse("accounts:second_factor"))
            if reconfirmation_due(getattr(user, "account", None), now):
                # Back to the screen asked for once confirmed (a GET: a form is resent anew).
                target = reverse("accounts:reconfirm")
                if request.method == "GET" and not request.headers.get("HX-Request"):
                    target += "?" + urlencode({"next": request.get_full_path()})
                return _redirect(request, target)
        return self.get_response(request)

    def _expire_if_idle(self, request: HttpRequest, now: datetime.datetime) -> HttpResponse | None:
        session = request.session
        stamp = session.get(LAST_ACTIVITY_KEY)
        last = datetime.datetime.fromtimestamp(stamp, datetime.UTC) if stamp else None
        if last is not None and now - last > _idle_limit(request.path):
            row = UserSession.objects.filter(
                session_key=session.session_key, ended_at__isnull=True
            ).first()
            audit_request(
                request,
                action=AuditAction.SESSION_EXPIRED,
                target_type="auth.user",
                target_id=request.user.pk,
                details={"session_id": row.pk} if row is not None else None,
            )
            if row is not None:
                UserSession.objects.filter(pk=row.pk, ended_at__isnull=True).update(ended_at=now)
            logout(request)
            response = _redirect(
                request,
                redirect_to_login(request.get_full_path()).url,  # type: ignore[attr-defined]
            )
            # This middleware runs before MessageMiddleware, which therefore neither made
            # the request's message storage nor will store it into this early response:
            # do both here, so that the sign-in page says why the person is there.
            storage = getattr(request, "_messages", None)
            if storage is None:
                storage = default_storage(request)
            storage.add(messages.INFO, _("Your session ended after a period of inactivity."))
            storage.update(response)
            return response
        if last is None or (now - last).total_seconds() >= ACTIVITY_PRECISION_SECONDS:
            session[LAST_ACTIVITY_KEY] = int(now.timestamp())
            if session.session_key:
                UserSession.objects.filter(
                    session_key=session.session_key, ended_at__isnull=True
                ).update(last_seen_at=now)
        return None
