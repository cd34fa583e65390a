"""The Department's audit viewer: the log filtered and paged, one entry, exports, and the
verification of the chain. Reading the log is itself written to the log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rete.accounts.roles import DEPARTMENT_ADMIN
from rete.audit.http import audit_request
from rete.audit.models import AuditAction, AuditEntry, AuditVerificationSource
from rete.audit.queries import (
    AuditFilter,
    audit_entry_neighbours,
    audit_export_bound,
    audit_export_count,
    audit_export_entries,
    audit_page,
    audit_personal_codes,
    details_items,
)
from rete.audit.verification import audit_verification_last, audit_verification_run
from rete.reserved.audit_log.export import (
    EXPORT_FORMATS,
    export_filename,
    export_lines,
    lines_for_asgi,
)
from rete.reserved.audit_log.forms import AuditFilterForm, cursor_value
from rete.reserved.http import reserved_view

LIST_TARGET = ("audit.auditentry", "query")


def _criteria_details(criteria: AuditFilter) -> dict[str, Any]:
    """What a read or an export looked for, as codes, ids and dates (never the text
    typed: the actor is named by account id)."""
    details: dict[str, Any] = {"filters": criteria.used()}
    if criteria.action:
        details["action"] = criteria.action
    if criteria.actor_ids is not None:
        details["actor_ids"] = list(criteria.actor_ids)[:20]
    if criteria.target_type:
        details["target_type"] = criteria.target_type
    if criteria.target_id:
        details["target_id"] = criteria.target_id
    if criteria.date_from:
        details["date_from"] = criteria.date_from.isoformat()
    if criteria.date_to:
        details["date_to"] = criteria.date_to.isoformat()
    return details


def _page_number(raw: str | None) -> int:
    value = cursor_value(raw)
    return min(value, 10**9) if value else 1


@require_GET
@reserved_view(DEPARTMENT_ADMIN)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    context: dict[str, Any] = {
        "form": form,
        "verification": audit_verification_last(),
        "export_formats": EXPORT_FORMATS,
    }
    if not form.is_valid():
        return render(request, "reserved/audit_log/list.html", context, status=400)
    criteria = form.criteria()
    before = cursor_value(request.GET.get("before"))
    after = cursor_value(request.GET.get("after")) if before is None else None
    page_number = _page_number(request.GET.get("page"))
    page = audit_page(criteria, before=before, after=after)
    details = _criteria_details(criteria)
    details["page"] = page_number
    audit_request(
        request,
        action=AuditAction.AUDIT_READ,
        target_type=LIST_TARGET[0],
        target_id=LIST_TARGET[1],
        details=details,
    )
    context.update(
        page=page,
        rows=[
            {
                "entry": entry,
                "personal_code": page.personal_codes.get(entry.actor_id or 0, ""),
                "details": details_items(entry.details),
            }
            for entry in page.entries
        ],
        page_number=page_number,
        filtered=bool(criteria.used()),
    )
    return render(request, "reserved/audit_log/list.html", context)


@require_GET
@reserved_view(DEPARTMENT_ADMIN)
def audit_entry(request: HttpRequest, sequence: int) -> HttpResponse:
    entry = AuditEntry.objects.filter(sequence=sequence).first()
    if entry is None:
        raise Http404
    audit_request(
        request,
        action=AuditAction.AUDIT_READ,
        target_type="audit.auditentry",
        target_id=entry.sequence,
    )
    previous, following = audit_entry_neighbours(entry.sequence)
    return render(
        request,
        "reserved/audit_log/entry.html",
        {
            "entry": entry,
            "personal_code": audit_personal_codes([entry.actor_id]).get(entry.actor_id or 0, ""),
            "details": details_items(entry.details),
            "previous": previous,
            "following": following,
        },
    )


@require_GET
@reserved_view(DEPARTMENT_ADMIN)
def audit_export(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    export_format = request.GET.get("format", "csv")
    if export_format not in EXPORT_FORMATS:
        form.is_valid()
        form.add_error(None, _("Choose CSV or JSON Lines."))
    if not form.is_valid():
        context = {
            "form": form,
            "verification": audit_verification_last(),
            "export_formats": EXPORT_FORMATS,
        }
        return render(request, "reserved/audit_log/list.html", context, status=400)
    criteria = form.criteria()
    # Everything committed now and nothing later: the count in the entry is the file's.
    up_to = audit_export_bound()
    count = audit_export_count(criteria, up_to=up_to)
    details = _criteria_details(criteria)
    details.update(format=export_format, rows=count, up_to_sequence=up_to)
    audit_request(
        request,
        action=AuditAction.AUDIT_EXPORT,
        target_type=LIST_TARGET[0],
        target_id=LIST_TARGET[1],
        details=details,
    )
    content_type, lines = export_lines(export_format, audit_export_entries(criteria, up_to=up_to))
    # Streamed under both servers: an ASGI server needs an asynchronous iterator.
    content = lines_for_asgi(lines) if isinstance(request, ASGIRequest) else lines
    response = StreamingHttpResponse(content, content_type=content_type)
    filename = export_filename(export_format, timezone.localtime())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@reserved_view(DEPARTMENT_ADMIN)
def audit_verify(request: HttpRequest) -> HttpResponse:
    result, run = audit_verification_run(
        source=AuditVerificationSource.WEB, requested_by=request.user
    )
    audit_request(
        request,
        action=AuditAction.AUDIT_VERIFY,
        target_type="audit.auditverificationrun",
        target_id=run.pk,
        details={
            "intact": run.intact,
            "entries_verified": run.entries_verified,
            "break_sequence": run.break_sequence,
            "break_reason": run.break_reason or None,
        },
    )
    if result.intact:
        messages.success(request, _("The audit chain is intact."))
    else:
        messages.error(request, _("The audit chain is broken: see the banner."))
    return redirect("reserved:audit")
