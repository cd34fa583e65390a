"""The protocols' lifecycle in the reserved area: a territory's chain of versions (everybody
who sees the territory), and the Department's writes — a renewal or an amendment with its
documents, a draft activated or a protocol terminated, documents added to a version."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.accounts.roles import DEPARTMENT_ADMIN
from rete.audit.http import client_ip
from rete.network.lifecycle.forms import (
    ProtocolDocumentsForm,
    ProtocolStatusForm,
    ProtocolVersionForm,
)
from rete.network.lifecycle.selectors import (
    protocol_get_for_scope,
    territory_ending,
    territory_versions,
    version_label,
)
from rete.network.lifecycle.services import (
    protocol_activate,
    protocol_documents_add,
    protocol_terminate,
    protocol_version_create,
)
from rete.network.models import Protocol, Territory
from rete.reserved.http import reserved_view
from rete.reserved.territories.selectors import territory_get_for_scope


def _errors_to_form(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(
                None if field == NON_FIELD_ERRORS or field not in form.fields else field, errors
            )
    else:
        form.add_error(None, error.messages)


def _history(
    request: HttpRequest,
    territory: Territory,
    *,
    failed: tuple[int, ProtocolStatusForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "network/lifecycle/history.html",
        {
            "territory": territory,
            "versions": territory_versions(territory, today=today),
            "ending": territory_ending(territory.code, today=today),
            "may_write": request.scope.has_role(DEPARTMENT_ADMIN),
            "failed_pk": failed[0] if failed else None,
            "failed_form": failed[1] if failed else None,
            "today": today,
        },
        status=status,
    )


@reserved_view()
def protocol_history(request: HttpRequest, code: str) -> HttpResponse:
    return _history(request, territory_get_for_scope(request.scope, code))


def _to_history(protocol: Protocol) -> HttpResponse:
    return redirect("reserved:protocol_history", code=protocol.territory.code)


@reserved_view(DEPARTMENT_ADMIN)
def protocol_version_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    previous = protocol_get_for_scope(request.scope, pk)
    if request.method == "POST":
        form = ProtocolVersionForm(request.POST, request.FILES, previous=previous)
        if form.is_valid():
            data = form.cleaned_data
            try:
                protocol = protocol_version_create(
                    actor=request.user,
                    previous=previous,
                    kind=data["kind"],
                    title=data["title"],
                    signatories=data["signatories"],
                    signed_on=data["signed_on"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                    parties=list(data["parties"]),
                    status=data["status"],
                    document_title=data["document_title"],
                    files=data["documents"],
                    ip_address=client_ip(request),
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("The new version (%(label)s) was recorded.")
                    % {"label": version_label(protocol)},
                )
                return _to_history(protocol)
    else:
        form = ProtocolVersionForm(previous=previous)
    return render(
        request,
        "network/lifecycle/version_form.html",
        {"form": form, "previous": previous, "previous_label": version_label(previous)},
        status=400 if form.is_bound else 200,
    )


@reserved_view(DEPARTMENT_ADMIN)
@require_POST
def protocol_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = protocol_get_for_scope(request.scope, pk)
    form = ProtocolStatusForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["action"] == ProtocolStatusForm.ACTIVATE:
                protocol_activate(
                    actor=request.user, protocol=protocol, ip_address=client_ip(request)
                )
                messages.success(request, _("The version is now active."))
            else:
                protocol_terminate(
                    actor=request.user,
                    protocol=protocol,
                    effective=form.cleaned_data["effective"],
                    today=timezone.localdate(),
                    ip_address=client_ip(request),
                )
                messages.success(request, _("The protocol was terminated."))
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return _to_history(protocol)
    return _history(request, protocol.territory, failed=(protocol.pk, form), status=400)


@reserved_view(DEPARTMENT_ADMIN)
def protocol_document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = protocol_get_for_scope(request.scope, pk)
    if request.method == "POST":
        form = ProtocolDocumentsForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                documents = protocol_documents_add(
                    actor=request.user,
                    protocol=protocol,
                    title=form.cleaned_data["document_title"],
                    files=form.cleaned_data["documents"],
                    ip_address=client_ip(request),
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("%(count)d document(s) added.") % {"count": len(documents)},
                )
                return _to_history(protocol)
    else:
        form = ProtocolDocumentsForm()
    return render(
        request,
        "network/lifecycle/documents_form.html",
        {"form": form, "protocol": protocol, "protocol_label": version_label(protocol)},
        status=400 if form.is_bound else 200,
    )
