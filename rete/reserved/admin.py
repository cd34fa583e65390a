"""The reserved documents in the admin: to review, correct a title or a category, or remove
one. Files are added only through the reserved area's upload page, which checks them, keeps
them inside the uploader's scope and writes the audit entry; the admin does not take files."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from rete.reserved.models import ReservedDocument


@admin.register(ReservedDocument)
class ReservedDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "territory", "original_filename", "uploaded_at")
    list_filter = ("category", "territory", ("uploaded_at", admin.DateFieldListFilter))
    list_select_related = ("territory",)
    search_fields = ("title", "description", "original_filename")
    autocomplete_fields = ("territory",)
    fields = (
        "title",
        "description",
        "category",
        "territory",
        "download",
        "original_filename",
        "size",
        "content_type",
        "uploaded_by",
        "uploaded_at",
    )
    readonly_fields = (
        "download",
        "original_filename",
        "size",
        "content_type",
        "uploaded_by",
        "uploaded_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: ReservedDocument) -> None:
        self._delete_files_on_commit([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._delete_files_on_commit(list(queryset))
        super().delete_queryset(request, queryset)

    @staticmethod
    def _delete_files_on_commit(documents: list[ReservedDocument]) -> None:
        # A removed document's file must not stay behind on the reserved storage.
        for document in documents:
            storage, name = document.file.storage, document.file.name
            if name:
                transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))

    @admin.display(description=_("file"))
    def download(self, obj: ReservedDocument) -> str:
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("reserved:document_download", args=[obj.pk]),
            _("download (recorded)"),
        )
