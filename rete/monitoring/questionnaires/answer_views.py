"""Answering a questionnaire: the page of one campaign target (a service asked to answer).

Its operators fill the form, save drafts (the Save button, and the page's autosave through
HTMX, answered with a small status fragment), submit, and ask for a reopening once
submitted. The territory's referents, the monitoring company and the Department read it;
each of their reads is audited. Anyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.audit.http import audit_request, client_ip
from rete.audit.models import AuditAction
from rete.monitoring.answers import answers_as_raw, answers_from_post
from rete.monitoring.models import CampaignTarget, Response, ResponseStatus
from rete.monitoring.questionnaires.answering import (
    RESPONSE_TARGET,
    AnsweringRefused,
    answering_closed_message,
    pending_reopen_request,
    response_of,
    response_reopen_request,
    response_save,
    response_submit,
)
from rete.monitoring.questionnaires.display import form_sections
from rete.monitoring.questionnaires.forms import ReopenRequestForm
from rete.monitoring.questionnaires.selectors import (
    RESPONSE_ROLES,
    Access,
    target_get_for_scope,
)
from rete.reserved.http import reserved_view


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _page(
    request: HttpRequest,
    target: CampaignTarget,
    access: Access,
    *,
    raw: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    reopen_form: ReopenRequestForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    response = response_of(target)
    definition = target.campaign.version.definition
    closed = answering_closed_message(target, timezone.localdate())
    is_draft = response is None or response.status == ResponseStatus.DRAFT
    editable = access == Access.RESPOND and closed is None and is_draft
    stored = response.answers if response is not None else {}
    if raw is None:
        raw = answers_as_raw(definition, stored)
    pending = pending_reopen_request(response)
    return render(
        request,
        "monitoring/answering/response.html",
        {
            "target": target,
            "campaign": target.campaign,
            "version": target.campaign.version,
            "response": response,
            "is_respondent": access == Access.RESPOND,
            "editable": editable,
            "closed_message": closed,
            "sections": form_sections(definition, raw, errors, stored=stored),
            "errors": errors or {},
            "problem": problem,
            "pending_reopen": pending,
            "may_request_reopen": (
                access == Access.RESPOND
                and closed is None
                and response is not None
                and response.status == ResponseStatus.SUBMITTED
                and not pending
            ),
            "reopen_form": reopen_form or ReopenRequestForm(),
        },
        status=status,
    )


def _audit_read(request: HttpRequest, target: CampaignTarget, response: Response | None) -> None:
    # Reads by anyone but the service's own operators are recorded; a target nobody has
    # answered yet has nothing to read.
    if response is None:
        return
    audit_request(
        request,
        action=AuditAction.RESPONSE_READ,
        target_type=RESPONSE_TARGET,
        target_id=response.pk,
        details={
            "campaign": target.campaign_id,
            "service": target.service.ext_id,
            "status": response.status,
        },
    )


def _autosave_status(
    request: HttpRequest, *, saved_at=None, refused: int = 0, problem: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "monitoring/answering/_autosave_status.html",
        {"saved_at": saved_at, "refused": refused, "problem": problem},
        status=status,
    )


@reserved_view(*RESPONSE_ROLES)
def response_view(request: HttpRequest, target_pk: int) -> HttpResponse:
    """GET: the form (or the answers, read-only). POST: save the draft."""
    target, access = target_get_for_scope(request.scope, request.user, target_pk)
    if request.method != "POST":
        if access == Access.READ:
            _audit_read(request, target, response_of(target))
        return _page(request, target, access)
    if access != Access.RESPOND:
        raise PermissionDenied
    definition = target.campaign.version.definition
    raw = answers_from_post(definition, request.POST)
    autosave = request.POST.get("autosave") == "1"
    try:
        response, errors = response_save(
            actor=request.user,
            target=target,
            raw=raw,
            autosave=autosave,
            ip_address=client_ip(request),
        )
    except AnsweringRefused as refused:
        if autosave:
            return _autosave_status(request, problem=refused.message, status=409)
        return _page(request, target, access, problem=refused.message, status=409)
    if autosave:
        return _autosave_status(request, saved_at=response.updated_at, refused=len(errors))
    if errors:
        target.response = response
        return _page(
            request,
            target,
            access,
            raw=raw,
            errors=errors,
            problem=_(
                "The draft is saved, except the answers marked below: correct them and save again."
            ),
            status=400,
        )
    messages.success(request, _("Draft saved. You can come back to it until the closing day."))
    return redirect("reserved:response", target_pk=target.pk)


@require_POST
@reserved_view(*RESPONSE_ROLES)
def response_submit_view(request: HttpRequest, target_pk: int) -> HttpResponse:
    target, access = target_get_for_scope(request.scope, request.user, target_pk)
    if access != Access.RESPOND:
        raise PermissionDenied
    raw = answers_from_post(target.campaign.version.definition, request.POST)
    try:
        _response, errors = response_submit(
            actor=request.user, target=target, raw=raw, ip_address=client_ip(request)
        )
    except AnsweringRefused as refused:
        return _page(request, target, access, problem=refused.message, status=409)
    if errors:
        return _page(
            request,
            target,
            access,
            raw=raw,
            errors=errors,
            problem=_(
                "The answers were not submitted: %(count)d questions need your attention "
                "(marked below). Nothing was lost."
            )
            % {"count": len(errors)},
            status=400,
        )
    messages.success(request, _("Answers submitted. Thank you."))
    return redirect("reserved:response", target_pk=target.pk)


@require_POST
@reserved_view(*RESPONSE_ROLES)
def response_reopen_request_view(request: HttpRequest, target_pk: int) -> HttpResponse:
    target, access = target_get_for_scope(request.scope, request.user, target_pk)
    if access != Access.RESPOND:
        raise PermissionDenied
    form = ReopenRequestForm(request.POST)
    if not form.is_valid():
        return _page(request, target, access, reopen_form=form, status=400)
    try:
        response_reopen_request(
            actor=request.user,
            target=target,
            reason=form.cleaned_data["reason"],
            ip_address=client_ip(request),
        )
    except AnsweringRefused as refused:
        return _page(request, target, access, problem=refused.message, status=409)
    messages.success(
        request,
        _("Reopening requested: the monitoring company has been told and will answer."),
    )
    return redirect("reserved:response", target_pk=target.pk)
