from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rete.audit.http import audit_request, client_ip
from rete.audit.models import AuditAction
from rete.reserved.documents.forms import DocumentFilterForm, DocumentUploadForm
from rete.reserved.documents.rules import UPLOAD_ROLES, may_delete
from rete.reserved.documents.selectors import document_get_for_scope, documents_visible
from rete.reserved.documents.services import TARGET_TYPE, document_delete, document_upload
from rete.reserved.http import reserved_view

PER_PAGE = 25


@reserved_view()
def document_list(request: HttpRequest) -> HttpResponse:
    form = DocumentFilterForm(request.GET or None)
    documents = documents_visible(request.scope)
    if form.is_bound and form.is_valid() and form.cleaned_data["category"]:
        documents = documents.filter(category=form.cleaned_data["category"])
    page = Paginator(documents, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reserved/documents/list.html",
        {
            "form": form,
            "page": page,
            "items": [(document, may_delete(request.scope, document)) for document in page],
            "may_upload": request.scope.has_role(*UPLOAD_ROLES),
            "query": query.urlencode(),
        },
    )


@reserved_view(*UPLOAD_ROLES)
def document_upload_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = DocumentUploadForm(request.POST, request.FILES, scope=request.scope)
        if form.is_valid():
            document = document_upload(
                scope=request.scope,
                actor=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                category=form.cleaned_data["category"],
                territory=form.cleaned_data["territory"],
                file=form.cleaned_data["file"],
                ip_address=client_ip(request),
            )
            messages.success(request, _("Document “%(title)s” added.") % {"title": document.title})
            return redirect("reserved:documents")
    else:
        form = DocumentUploadForm(scope=request.scope)
    return render(request, "reserved/documents/upload.html", {"form": form})


@reserved_view()
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_get_for_scope(request.scope, pk)
    try:
        handle = document.file.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    audit_request(
        request,
        action=AuditAction.DOCUMENT_DOWNLOAD,
        target_type=TARGET_TYPE,
        target_id=document.pk,
        details={"territory": document.territory.code if document.territory else ""},
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_filename,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@reserved_view(*UPLOAD_ROLES)
def document_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_get_for_scope(request.scope, pk)
    title = document.title
    document_delete(
        scope=request.scope, actor=request.user, document=document, ip_address=client_ip(request)
    )
    messages.success(request, _("Document “%(title)s” removed.") % {"title": title})
    return redirect("reserved:documents")
