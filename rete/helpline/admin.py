"""The classification versions in the admin, read-only.

Versions change only through rete.helpline.classification.services (a draft copied from
the current version, then published): the admin shows what each version contains, so
that a supervisor or an analyst can read what an old record's codes meant.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from rete.helpline.models import ClassificationItem, ClassificationList, ClassificationVersion


class ReadOnly:
    """Nobody adds, changes or deletes here, superusers included."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ListInline(ReadOnly, admin.TabularInline):
    model = ClassificationList
    fields = ("position", "key", "label_it", "label_en", "multiple", "applies_to_victims")
    readonly_fields = fields
    show_change_link = True
    extra = 0


class ItemInline(ReadOnly, admin.TabularInline):
    model = ClassificationItem
    fields = (
        "position",
        "code",
        "label_it",
        "label_en",
        "active",
        "valid",
        "exclusive",
        "istat_code",
    )
    readonly_fields = fields
    extra = 0


@admin.register(ClassificationVersion)
class ClassificationVersionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("number", "status", "published_at", "created_at")
    list_filter = ("status",)
    fields = ("number", "status", "published_at", "created_at", "notes")
    readonly_fields = fields
    inlines = (ListInline,)


@admin.register(ClassificationList)
class ClassificationListAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("key", "version_number", "label_it", "multiple", "applies_to_victims")
    list_filter = ("version__number", "applies_to_victims")
    search_fields = ("key", "label_it", "label_en")
    fields = (
        "version",
        "position",
        "key",
        "label_it",
        "label_en",
        "multiple",
        "applies_to_victims",
    )
    readonly_fields = fields
    inlines = (ItemInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ClassificationList]:
        return super().get_queryset(request).select_related("version")

    @admin.display(description=_("version"), ordering="version__number")
    def version_number(self, obj: ClassificationList) -> int:
        return obj.version.number


@admin.register(ClassificationItem)
class ClassificationItemAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("code", "list_key", "version_number", "label_it", "label_en", "active")
    list_filter = ("list__version__number", "list__key", "active")
    search_fields = ("code", "label_it", "label_en")
    fields = (
        "list",
        "position",
        "code",
        "label_it",
        "label_en",
        "active",
        "valid",
        "exclusive",
        "istat_code",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[ClassificationItem]:
        return super().get_queryset(request).select_related("list__version")

    @admin.display(description=_("list"), ordering="list__key")
    def list_key(self, obj: ClassificationItem) -> str:
        return obj.list.key

    @admin.display(description=_("version"), ordering="list__version__number")
    def version_number(self, obj: ClassificationItem) -> int:
        return obj.list.version.number
