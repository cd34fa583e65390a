"""The reviewers' screens: access requests, accounts and their grants.

For the Department and the territories' referents. Every object is fetched through the
scope-aware selectors (404 outside the scope); every change goes through a service that
checks the limits again and writes the audit entry. A form in error comes back on its
page with status 400, what was typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.accounts.access_requests.forms import ApproveForm, GrantAddForm, RefuseForm
from rete.accounts.access_requests.limits import role_label
from rete.accounts.access_requests.selectors import (
    access_request_get_for,
    access_requests_for,
    account_user_for_email,
)
from rete.accounts.access_requests.services import (
    AccessRequestNotReviewable,
    access_request_approve,
    access_request_refuse,
)
from rete.accounts.models import AccessRequest, AccessRequestStatus, Account, Grant
from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.audit.http import client_ip
from rete.reserved.http import reserved_view
from rete.reserved.people.forms import (
    ALL,
    AccessRequestFilterForm,
    AccountFilterForm,
    GrantRevokeForm,
)
from rete.reserved.people.selectors import (
    account_access_requests,
    account_get_for,
    account_grants,
    accounts_for,
)
from rete.reserved.people.services import (
    account_deactivate_by_reviewer,
    account_grant_add,
    account_grant_revoke,
    account_reactivate_by_reviewer,
    grant_in_scope,
)

PAGE_SIZE = 50
TEMPLATES = "reserved/people"
reviewers = reserved_view(DEPARTMENT_ADMIN, ATR_REFERENT)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _form_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form that asked for it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- access requests -----------------------------------------------------------------


@reviewers
def access_request_list(request: HttpRequest) -> HttpResponse:
    filters = AccessRequestFilterForm(request.GET)
    status = filters.status_value()
    requests = access_requests_for(request.scope, status=status)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page)
    for item in rows:
        item.role_label = role_label(item.role)
    return render(
        request,
        f"{TEMPLATES}/access_requests.html",
        {
            "filters": filters,
            "page": page,
            "rows": rows,
            "status": status or ALL,
            "query": _query_without_page(request),
        },
    )


def _access_request_page(
    request: HttpRequest,
    access_request: AccessRequest,
    *,
    approve_form: ApproveForm | None = None,
    refuse_form: RefuseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    existing = account_user_for_email(access_request.email)
    if approve_form is None:
        approve_form = ApproveForm(
            scope=request.scope,
            initial={
                "role": access_request.role,
                "territory": access_request.territory_id,
                "organization": access_request.organization_id,
            },
        )
    return render(
        request,
        f"{TEMPLATES}/access_request.html",
        {
            "access_request": access_request,
            "role_requested": role_label(access_request.role),
            "reviewable": access_request.status == AccessRequestStatus.PENDING,
            "existing_user": existing,
            "existing_account": getattr(existing, "account", None) if existing else None,
            "approve_form": approve_form,
            "refuse_form": refuse_form or RefuseForm(),
        },
        status=status,
    )


@reviewers
def access_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _access_request_page(request, access_request_get_for(request.scope, pk))


def _already_reviewed(request: HttpRequest, access_request: AccessRequest) -> HttpResponse:
    access_request.refresh_from_db()
    messages.error(
        request,
        _("This request is not waiting for a review (now: %(status)s): nothing was changed.")
        % {"status": access_request.get_status_display()},
    )
    return _access_request_page(request, access_request, status=409)


@reviewers
@require_POST
def access_request_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    access_request = access_request_get_for(request.scope, pk)
    form = ApproveForm(request.POST, scope=request.scope)
    if not form.is_valid():
        return _access_request_page(request, access_request, approve_form=form, status=400)
    try:
        access_request_approve(
            access_request=access_request,
            by=request.user,
            scope=request.scope,
            role=form.cleaned_data["role"],
            territory=form.cleaned_data["territory"],
            organization=form.cleaned_data["organization"],
            ip_address=client_ip(request),
        )
    except AccessRequestNotReviewable:
        return _already_reviewed(request, access_request)
    except ValidationError as error:
        _form_errors(form, error)
        return _access_request_page(request, access_request, approve_form=form, status=400)
    messages.success(request, _("Request approved: the requester has been sent an e-mail."))
    return redirect("reserved:access_request", pk=access_request.pk)


@reviewers
@require_POST
def access_request_refuse_view(request: HttpRequest, pk: int) -> HttpResponse:
    access_request = access_request_get_for(request.scope, pk)
    form = RefuseForm(request.POST)
    if not form.is_valid():
        return _access_request_page(request, access_request, refuse_form=form, status=400)
    try:
        access_request_refuse(
            access_request=access_request,
            by=request.user,
            reason=form.cleaned_data["reason"],
            ip_address=client_ip(request),
        )
    except AccessRequestNotReviewable:
        return _already_reviewed(request, access_request)
    except ValidationError as error:
        _form_errors(form, error)
        return _access_request_page(request, access_request, refuse_form=form, status=400)
    messages.success(request, _("Request refused: the requester has been sent the reason."))
    return redirect("reserved:access_request", pk=access_request.pk)


# --- accounts --------------------------------------------------------------------------


@reviewers
def account_list(request: HttpRequest) -> HttpResponse:
    filters = AccountFilterForm(request.GET, scope=request.scope)
    accounts = accounts_for(request.scope, **filters.filters())
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        f"{TEMPLATES}/accounts.html",
        {"filters": filters, "page": page, "query": _query_without_page(request)},
    )


def _account_page(
    request: HttpRequest,
    account: Account,
    *,
    grant_form: GrantAddForm | None = None,
    revoke_form: GrantRevokeForm | None = None,
    revoke_grant_id: int | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    is_self = account.user_id == request.user.pk
    grants = list(account_grants(account))
    for grant in grants:
        grant.role_label = role_label(grant.role)
        grant.revocable = (
            not is_self and grant.revoked_at is None and grant_in_scope(request.scope, grant)
        )
    requests = list(account_access_requests(account))
    context: dict[str, Any] = {
        "account": account,
        "person": account.user,
        "grant_rows": grants,
        "access_requests": requests,
        "visible_request_ids": set(
            access_requests_for(request.scope)
            .filter(pk__in=[item.pk for item in requests])
            .values_list("pk", flat=True)
        ),
        "grant_form": grant_form or GrantAddForm(scope=request.scope),
        "revoke_form": revoke_form,
        "revoke_grant_id": revoke_grant_id,
        "is_self": is_self,
        "account_error": error,
    }
    return render(request, f"{TEMPLATES}/account.html", context, status=status)


@reviewers
def account_detail(request: HttpRequest, personal_code: str) -> HttpResponse:
    return _account_page(request, account_get_for(request.scope, personal_code))


@reviewers
@require_POST
def account_grant_add_view(request: HttpRequest, personal_code: str) -> HttpResponse:
    account = account_get_for(request.scope, personal_code)
    form = GrantAddForm(request.POST, scope=request.scope)
    if form.is_valid():
        try:
            account_grant_add(
                account=account,
                scope=request.scope,
                by=request.user,
                role=form.cleaned_data["role"],
                territory=form.cleaned_data["territory"],
                organization=form.cleaned_data["organization"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Role granted."))
            return redirect("reserved:account", personal_code=account.personal_code)
    return _account_page(request, account, grant_form=form, status=400)


@reviewers
@require_POST
def account_grant_revoke_view(
    request: HttpRequest, personal_code: str, grant_pk: int
) -> HttpResponse:
    account = account_get_for(request.scope, personal_code)
    grant = get_object_or_404(Grant, pk=grant_pk, user_id=account.user_id)
    form = GrantRevokeForm(request.POST)
    if form.is_valid():
        try:
            account_grant_revoke(
                account=account,
                grant=grant,
                scope=request.scope,
                by=request.user,
                reason=form.cleaned_data["reason"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Role revoked."))
            return redirect("reserved:account", personal_code=account.personal_code)
    return _account_page(request, account, revoke_form=form, revoke_grant_id=grant.pk, status=400)


@reviewers
@require_POST
def account_deactivate_view(request: HttpRequest, personal_code: str) -> HttpResponse:
    account = account_get_for(request.scope, personal_code)
    try:
        account_deactivate_by_reviewer(
            account=account, scope=request.scope, by=request.user, ip_address=client_ip(request)
        )
    except ValidationError as error:
        return _account_page(request, account, error=" ".join(error.messages), status=400)
    messages.success(request, _("Account deactivated: its sessions have been ended."))
    return redirect("reserved:account", personal_code=account.personal_code)


@reviewers
@require_POST
def account_reactivate_view(request: HttpRequest, personal_code: str) -> HttpResponse:
    account = account_get_for(request.scope, personal_code)
    try:
        account_reactivate_by_reviewer(
            account=account, scope=request.scope, by=request.user, ip_address=client_ip(request)
        )
    except ValidationError as error:
        return _account_page(request, account, error=" ".join(error.messages), status=400)
    messages.success(request, _("Account reactivated."))
    return redirect("reserved:account", personal_code=account.personal_code)
