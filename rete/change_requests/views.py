"""The screens of proposed changes: the list, choosing what to change, the kind's form,
the request with the data side by side, and the decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.audit.http import client_ip
from rete.change_requests import selectors, services
from rete.change_requests.diff import diff_rows
from rete.change_requests.forms import ChangeRequestFilterForm, RejectForm
from rete.change_requests.kinds import KINDS, ApplyError, Target
from rete.change_requests.models import ChangeKind, ChangeRequest
from rete.change_requests.selectors import (
    SCREEN_ROLES,
    change_request_get_for_scope,
    change_request_territory_ids,
    proposing_territories,
    proposing_territory_get,
)
from rete.change_requests.services import (
    ChangeRequestNotPending,
    ChangeRequestStale,
    change_request_current,
)
from rete.change_requests.territory import territory_members, territory_services
from rete.network.models import Territory
from rete.reserved.http import reserved_view

PER_PAGE = 25


def _visible_territories(request: HttpRequest):
    territory_ids = change_request_territory_ids(request.scope)
    territories = Territory.objects.order_by("name", "code")
    return territories if territory_ids is None else territories.filter(pk__in=territory_ids)


@reserved_view(*SCREEN_ROLES)
def change_request_list(request: HttpRequest) -> HttpResponse:
    form = ChangeRequestFilterForm(request.GET or None, territories=_visible_territories(request))
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {
            "status": form.cleaned_data["status"],
            "territory": form.cleaned_data["territory"],
        }
    requests = selectors.change_request_list(request.scope, **filters)
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "change_requests/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_propose": request.scope.has_role(ATR_REFERENT)
            and proposing_territories(request.scope).exists(),
        },
    )


@reserved_view(ATR_REFERENT)
def change_request_new(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    territories = [
        {
            "territory": territory,
            "services": list(territory_services(territory)),
            "members": list(territory_members(territory, day=today)),
        }
        for territory in proposing_territories(request.scope)
    ]
    return render(
        request,
        "change_requests/new.html",
        {"territories": territories, "kinds": ChangeKind},
    )


def _target(request: HttpRequest, territory: Territory, kind: str) -> Target:
    """The service or member the change is about, among the territory's; 404 otherwise."""
    spec = KINDS[kind]
    day = timezone.localdate()
    if spec.target == "service":
        ext_id = request.GET.get("service", "")
        service = territory_services(territory).filter(ext_id=ext_id).first()
        if service is None:
            raise Http404
        return Target(territory=territory, service=service, day=day)
    if spec.target == "organization":
        ext_id = request.GET.get("organization", "")
        member = territory_members(territory, day=day).filter(ext_id=ext_id).first()
        if member is None:
            raise Http404
        return Target(territory=territory, organization=member, day=day)
    return Target(territory=territory, day=day)


@reserved_view(ATR_REFERENT)
def change_request_create(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    territory = proposing_territory_get(request.scope, code)
    target = _target(request, territory, kind)
    spec = KINDS[kind]
    before = spec.current(target)
    status = 200
    if request.method == "POST":
        form = spec.form_class(request.POST, target=target)
        if form.is_valid() and spec.proposed(form.cleaned_data) == before:
            form.add_error(None, _("The proposal is the same as the data now: nothing to change."))
        if form.is_valid():
            change_request = services.change_request_create(
                territory=territory,
                kind=kind,
                target=target,
                cleaned_data=form.cleaned_data,
                by=request.user,
                ip_address=client_ip(request),
            )
            messages.success(request, _("Change proposed: the Department has been told."))
            return redirect("reserved:change_request", pk=change_request.pk)
        status = 400
    else:
        form = spec.form_class(initial=spec.initial(before), target=target)
    return render(
        request,
        "change_requests/create.html",
        {
            "form": form,
            "territory": territory,
            "target": target,
            "kind": kind,
            "kind_label": ChangeKind(kind).label,
            "query": request.GET.urlencode(),
        },
        status=status,
    )


def _detail(
    request: HttpRequest,
    change_request: ChangeRequest,
    *,
    reject_form: RejectForm | None = None,
    status: int = 200,
) -> HttpResponse:
    spec = KINDS[change_request.kind]
    now = change_request_current(change_request) if change_request.is_pending else None
    scope = request.scope
    return render(
        request,
        "change_requests/detail.html",
        {
            "change_request": change_request,
            "rows": diff_rows(
                spec, before=change_request.before, proposed=change_request.proposed, now=now
            ),
            "compared_now": now is not None,
            "stale": now is not None and now != change_request.before,
            "may_decide": change_request.is_pending and scope.has_role(DEPARTMENT_ADMIN),
            "may_withdraw": change_request.is_pending
            and scope.covers_territory(change_request.territory_id, ATR_REFERENT),
            "reject_form": reject_form or RejectForm(),
        },
        status=status,
    )


@reserved_view(*SCREEN_ROLES)
def change_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, change_request_get_for_scope(request.scope, pk))


def _not_pending(request: HttpRequest, change_request: ChangeRequest) -> HttpResponse:
    messages.error(request, _("This change was already decided or withdrawn."))
    return redirect("reserved:change_request", pk=change_request.pk)


@require_POST
@reserved_view(DEPARTMENT_ADMIN)
def change_request_accept(request: HttpRequest, pk: int) -> HttpResponse:
    change_request = change_request_get_for_scope(request.scope, pk)
    try:
        services.change_request_accept(
            change_request=change_request,
            by=request.user,
            scope=request.scope,
            ip_address=client_ip(request),
        )
    except ChangeRequestNotPending:
        return _not_pending(request, change_request)
    except ChangeRequestStale:
        messages.error(
            request,
            _(
                "The data changed since the proposal: the change was not applied. Reject it, "
                "or ask the territory to propose it again on the current data."
            ),
        )
    except ApplyError as error:
        messages.error(request, _("The change was not applied: %(reason)s") % {"reason": error})
    else:
        messages.success(request, _("Change accepted and applied."))
    return redirect("reserved:change_request", pk=change_request.pk)


@require_POST
@reserved_view(DEPARTMENT_ADMIN)
def change_request_reject(request: HttpRequest, pk: int) -> HttpResponse:
    change_request = change_request_get_for_scope(request.scope, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.change_request_reject(
                change_request=change_request,
                by=request.user,
                reason=form.cleaned_data["reason"],
                ip_address=client_ip(request),
            )
        except ChangeRequestNotPending:
            return _not_pending(request, change_request)
        except ValidationError as error:
            form.add_error("reason", error.messages)
        else:
            messages.success(request, _("Change rejected: the territory has been told."))
            return redirect("reserved:change_request", pk=change_request.pk)
    return _detail(request, change_request, reject_form=form, status=400)


@require_POST
@reserved_view(ATR_REFERENT)
def change_request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    change_request = change_request_get_for_scope(request.scope, pk)
    if not request.scope.covers_territory(change_request.territory_id, ATR_REFERENT):
        raise Http404
    try:
        services.change_request_withdraw(
            change_request=change_request, by=request.user, ip_address=client_ip(request)
        )
    except ChangeRequestNotPending:
        return _not_pending(request, change_request)
    messages.success(request, _("Change withdrawn."))
    return redirect("reserved:change_request", pk=change_request.pk)
