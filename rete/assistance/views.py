"""Screens of technical assistance: the list, opening a request, the thread with its reply
form and status steps, and the attachments' download. The Department and the people of
the request's territory only; another territory's request answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.assistance.files import attachment_response
from rete.assistance.forms import AssistanceFilterForm, AssistanceRequestForm, ReplyForm, StatusForm
from rete.assistance.models import AssistanceRequest
from rete.assistance.rules import (
    ASSISTANCE_ROLES,
    TERRITORY_ROLES,
    actions_available,
    is_department,
    reopen_deadline,
    side_of,
)
from rete.assistance.selectors import (
    attachment_get_for_scope,
    request_get_for_scope,
    request_thread,
    requests_list,
)
from rete.assistance.services import (
    TARGET_TYPE,
    assistance_reply,
    assistance_request_open,
    assistance_status_change,
)
from rete.audit.http import audit_request, client_ip
from rete.audit.models import AuditAction
from rete.reserved.http import reserved_view

PER_PAGE = 25


@reserved_view(*ASSISTANCE_ROLES)
def request_list(request: HttpRequest) -> HttpResponse:
    form = AssistanceFilterForm(request.GET or None, scope=request.scope)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    requests = requests_list(
        request.scope,
        status=filters.get("status", ""),
        territory=filters.get("territory"),
        category=filters.get("category", ""),
    )
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assistance/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "is_department": is_department(request.scope),
            "may_open": request.scope.has_role(*TERRITORY_ROLES),
        },
    )


@reserved_view(*TERRITORY_ROLES)
def request_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = AssistanceRequestForm(request.POST, request.FILES, scope=request.scope)
        if form.is_valid():
            opened = assistance_request_open(
                scope=request.scope,
                actor=request.user,
                territory=form.cleaned_data["territory"],
                subject=form.cleaned_data["subject"],
                category=form.cleaned_data["category"],
                body=form.cleaned_data["body"],
                files=form.cleaned_data["attachments"],
                ip_address=client_ip(request),
            )
            messages.success(
                request,
                _("Request #%(number)s sent to the Department.") % {"number": opened.pk},
            )
            return redirect("reserved:assistance_request", pk=opened.pk)
        status = 400
    else:
        form = AssistanceRequestForm(scope=request.scope)
        status = 200
    return render(request, "assistance/create.html", {"form": form}, status=status)


def _detail(
    request: HttpRequest,
    assistance: AssistanceRequest,
    *,
    reply_form: ReplyForm | None = None,
    status_form: StatusForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    side = side_of(request.scope)
    now = timezone.now()
    return render(
        request,
        "assistance/request.html",
        {
            "assistance": assistance,
            "thread": request_thread(assistance),
            "reply_form": reply_form or ReplyForm(scope=request.scope),
            "status_form": status_form or StatusForm(),
            "actions": actions_available(assistance, side, now),
            "is_department": side == "department",
            "reopen_until": reopen_deadline(assistance),
            "refusal": refusal,
        },
        status=status,
    )


@reserved_view(*ASSISTANCE_ROLES)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, request_get_for_scope(request.scope, pk))


@require_POST
@reserved_view(*ASSISTANCE_ROLES)
def request_reply(request: HttpRequest, pk: int) -> HttpResponse:
    assistance = request_get_for_scope(request.scope, pk)
    form = ReplyForm(request.POST, request.FILES, scope=request.scope)
    if not form.is_valid():
        return _detail(request, assistance, reply_form=form, status=400)
    try:
        assistance_reply(
            scope=request.scope,
            actor=request.user,
            request=assistance,
            body=form.cleaned_data["body"],
            files=form.cleaned_data["attachments"],
            then=form.cleaned_data.get("then", ""),
            ip_address=client_ip(request),
        )
    except ValidationError as refused:
        return _detail(
            request, assistance, reply_form=form, refusal=" ".join(refused.messages), status=400
        )
    messages.success(request, _("Message sent."))
    return redirect("reserved:assistance_request", pk=assistance.pk)


@require_POST
@reserved_view(*ASSISTANCE_ROLES)
def request_status(request: HttpRequest, pk: int) -> HttpResponse:
    assistance = request_get_for_scope(request.scope, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _detail(request, assistance, status_form=form, status=400)
    try:
        change = assistance_status_change(
            scope=request.scope,
            actor=request.user,
            request=assistance,
            action=form.cleaned_data["action"],
            assignee=form.cleaned_data["assignee"],
            ip_address=client_ip(request),
        )
    except ValidationError as refused:
        return _detail(
            request, assistance, status_form=form, refusal=" ".join(refused.messages), status=400
        )
    messages.success(
        request,
        _("The request is now “%(status)s”.") % {"status": change.get_to_status_display()},
    )
    return redirect("reserved:assistance_request", pk=assistance.pk)


@reserved_view(*ASSISTANCE_ROLES)
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = attachment_get_for_scope(request.scope, pk, attachment_pk)
    response = attachment_response(attachment)
    audit_request(
        request,
        action=AuditAction.ASSISTANCE_DOWNLOAD,
        target_type=TARGET_TYPE,
        target_id=pk,
        details={"attachment": attachment.pk, "message": attachment.message_id},
    )
    return response
