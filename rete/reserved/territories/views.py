from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from rete.audit.http import audit_request
from rete.audit.models import AuditAction
from rete.publications.uploads import file_format
from rete.reserved.http import reserved_view
from rete.reserved.territories.selectors import (
    protocol_document_get_for_scope,
    territories_visible,
    territory_get_for_scope,
    territory_sheet,
)


@reserved_view()
def territory_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reserved/territories/list.html",
        {"territories": territories_visible(request.scope)},
    )


@reserved_view()
def territory_detail(request: HttpRequest, code: str) -> HttpResponse:
    territory = territory_get_for_scope(request.scope, code)
    sheet = territory_sheet(territory, today=timezone.localdate())
    audit_request(
        request,
        action=AuditAction.RESERVED_READ,
        target_type="network.territory",
        target_id=territory.code,
        details={"screen": "territory", "referents": len(sheet.referents)},
    )
    return render(request, "reserved/territories/detail.html", {"sheet": sheet})


@reserved_view()
def protocol_document(request: HttpRequest, pk: int) -> HttpResponse:
    document = protocol_document_get_for_scope(request.scope, pk)
    try:
        handle = document.file.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    fmt = file_format(document.file.name or "")
    name = document.file.name.rsplit("/", 1)[-1]
    audit_request(
        request,
        action=AuditAction.DOCUMENT_DOWNLOAD,
        target_type="network.protocoldocument",
        target_id=document.pk,
        details={"territory": document.protocol.territory.code},
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=fmt.content_type if fmt else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
