"""The public side of the procedure: the request form and the verification link."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from rete.accounts.access_requests.forms import AccessRequestForm
from rete.accounts.access_requests.services import (
    VerificationLinkInvalid,
    access_request_create,
    access_request_rate_limited,
    access_request_verify,
)
from rete.accounts.roles import NATIONAL_ROLES
from rete.audit.http import client_ip

TEMPLATES = "accounts/access_requests"


@never_cache
@require_http_methods(["GET", "POST"])
def access_request(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return render(request, f"{TEMPLATES}/signed_in.html")
    if request.method != "POST":
        return render(request, f"{TEMPLATES}/form.html", {"form": AccessRequestForm()})
    form = AccessRequestForm(request.POST)
    if not form.is_valid():
        return render(request, f"{TEMPLATES}/form.html", {"form": form}, status=400)
    if access_request_rate_limited(client_ip(request)):
        form.add_error(
            None,
            _("Too many requests have come from your connection. Try again in an hour."),
        )
        return render(request, f"{TEMPLATES}/form.html", {"form": form}, status=429)
    if not form.is_robot:
        data = form.cleaned_data
        access_request_create(
            full_name=data["full_name"],
            email=data["email"],
            organization=data["organization"],
            organization_other=data["organization_other"],
            role=data["role"],
            territory=data["territory"],
            reason=data["reason"],
            language=translation.get_language() or "it",
            ip_address=client_ip(request),
        )
    # The same page whatever happened (sent, too many requests for the address, a robot):
    # it must not tell which addresses have asked.
    return redirect("accounts:access_request_sent")


@never_cache
def access_request_sent(request: HttpRequest) -> HttpResponse:
    return render(request, f"{TEMPLATES}/sent.html", {"link_hours": settings.ACCOUNTS_LINK_HOURS})


@never_cache
@require_http_methods(["GET"])
def access_request_verify_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        verified = access_request_verify(token=token, ip_address=client_ip(request))
    except VerificationLinkInvalid as error:
        status = 404 if error.reason == VerificationLinkInvalid.UNKNOWN else 410
        return render(
            request,
            f"{TEMPLATES}/verify_failed.html",
            {"reason": error.reason, "link_hours": settings.ACCOUNTS_LINK_HOURS},
            status=status,
        )
    return render(
        request,
        f"{TEMPLATES}/verified.html",
        {
            "by_department_only": verified.role in NATIONAL_ROLES or verified.territory_id is None,
            "territory": verified.territory,
        },
    )
