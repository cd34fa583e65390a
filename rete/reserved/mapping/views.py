from __future__ import annotations

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from rete.audit.http import audit_request
from rete.audit.models import AuditAction
from rete.reserved.http import reserved_view
from rete.reserved.mapping.access import service_get_for_scope
from rete.reserved.mapping.detail import service_detail
from rete.reserved.mapping.export import mapping_csv
from rete.reserved.mapping.forms import MappingFilterForm
from rete.reserved.mapping.listing import confidential_shown, mapping_queryset, mapping_rows
from rete.reserved.territories.selectors import territories_visible

PER_PAGE = 50


def _filter_form(request: HttpRequest) -> MappingFilterForm:
    return MappingFilterForm(request.GET or None, territories=territories_visible(request.scope))


@reserved_view()
def mapping_list(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    filters = form.filters()
    page = Paginator(mapping_queryset(request.scope, filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = mapping_rows(request.scope, list(page), on=timezone.localdate())
    if shown := confidential_shown(rows):
        audit_request(
            request,
            action=AuditAction.RESERVED_READ,
            target_type="network.territory" if filters.territory else "directory.service",
            target_id=filters.territory.code if filters.territory else "mapping",
            details={"screen": "mapping", "count": shown, "page": page.number}
            | filters.audit_details(),
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reserved/mapping/list.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


@reserved_view()
def mapping_export(request: HttpRequest) -> HttpResponse:
    filters = _filter_form(request).filters()
    with transaction.atomic():
        services = list(mapping_queryset(request.scope, filters))
        rows = mapping_rows(request.scope, services, on=timezone.localdate())
        audit_request(
            request,
            action=AuditAction.RESERVED_READ,
            target_type="network.territory" if filters.territory else "directory.service",
            target_id=filters.territory.code if filters.territory else "mapping",
            details={
                "screen": "mapping",
                "export": True,
                "rows": len(rows),
                "count": confidential_shown(rows),
            }
            | filters.audit_details(),
        )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(mapping_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mappatura-{stamp}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@reserved_view()
def mapping_service(request: HttpRequest, service_id: str) -> HttpResponse:
    service = service_get_for_scope(request.scope, service_id)
    detail = service_detail(request.scope, service, on=timezone.localdate())
    audit_request(
        request,
        action=AuditAction.RESERVED_READ,
        target_type="directory.service",
        target_id=service.pk,
        details={
            "screen": "mapping_service",
            "confidential": detail.row.confidential,
            "address_shown": detail.row.confidential and detail.row.address_visible,
        },
    )
    return render(request, "reserved/mapping/service.html", {"detail": detail})
