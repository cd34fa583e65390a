"""The Department's editor: news, agenda, documents, campaigns and their materials.

Each item is a draft until published; a published item with a later publication date
appears on the portal at that date. Uploaded files are checked (rete.publications.uploads):
a wrong type, a content that does not match its name or a file too large is refused on the
form, with the reason.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, override

from rete.publications.models import (
    Campaign,
    CampaignMaterial,
    Document,
    Event,
    NewsItem,
    Publishable,
    Status,
)
from rete.publications.uploads import allowed_formats_text, max_upload_bytes

PUBLIC_URL_NAMES = {
    NewsItem: "portal:news_detail",
    Event: "portal:event",
    Document: "portal:document",
    Campaign: "portal:campaign",
}
TEXT_FIELDS = ("title", "slug", "summary", "body")
ENGLISH_FIELDS = ("title_en", "summary_en", "body_en")
PUBLICATION_FIELDS = ("status", "published_at", "public_link")


def upload_help() -> str:
    return _("Allowed formats: %(formats)s; at most %(limit)s MB. SVG files are not accepted.") % {
        "formats": allowed_formats_text(),
        "limit": max_upload_bytes() // 1024 // 1024,
    }


def public_url(item: Publishable) -> str | None:
    """The item's page on the portal (Italian), when the public can see it now."""
    if item.pk is None or not item.is_public():
        return None
    with override("it"):
        return reverse(PUBLIC_URL_NAMES[type(item)], args=[item.slug])


class PublishableAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "published_at", "is_visible", "public_link")
    list_filter = ("status", ("published_at", admin.DateFieldListFilter))
    search_fields = ("title", "title_en", "summary", "slug")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("public_link", "created_at", "updated_at")
    actions = ("publish_now", "back_to_draft")
    save_on_top = True
    extra_fieldsets: tuple = ()

    def get_fieldsets(self, request: HttpRequest, obj: Publishable | None = None):
        return (
            (None, {"fields": TEXT_FIELDS}),
            *self.extra_fieldsets,
            (
                _("English version"),
                {
                    "classes": ("collapse",),
                    "fields": ENGLISH_FIELDS,
                    "description": _(
                        "Shown on the English pages; where a field is empty they show the Italian."
                    ),
                },
            ),
            (_("Publication"), {"fields": PUBLICATION_FIELDS}),
            (_("History"), {"classes": ("collapse",), "fields": ("created_at", "updated_at")}),
        )

    @admin.display(boolean=True, description=_("visible now"))
    def is_visible(self, obj: Publishable) -> bool:
        return obj.is_public()

    @admin.display(description=_("public page"))
    def public_link(self, obj: Publishable) -> str:
        url = public_url(obj)
        if url is None:
            return "—"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("open"))

    def view_on_site(self, obj: Publishable) -> str | None:  # type: ignore[override]
        return public_url(obj)

    @admin.action(description=_("Publish now the selected items"), permissions=["change"])
    def publish_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        now = timezone.now()
        changed = 0
        for item in queryset:
            if item.is_public(now):
                continue
            item.status = Status.PUBLISHED
            item.published_at = now
            item.save(update_fields=["status", "published_at"])
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Back to draft the selected items"), permissions=["change"])
    def back_to_draft(self, request: HttpRequest, queryset: QuerySet) -> None:
        changed = 0
        for item in queryset.exclude(status=Status.DRAFT):
            item.status = Status.DRAFT
            item.save(update_fields=["status"])
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d item back to draft.", "%(count)d items back to draft.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )


@admin.register(NewsItem)
class NewsItemAdmin(PublishableAdmin):
    pass


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "title",
        "kind",
        "starts_at",
        "status",
        "published_at",
        "is_visible",
        "public_link",
    )
    list_filter = (
        "status",
        "kind",
        ("starts_at", admin.DateFieldListFilter),
        ("published_at", admin.DateFieldListFilter),
    )
    extra_fieldsets = (
        (
            _("When and where"),
            {"fields": ("kind", "starts_at", "ends_at", "place", "online", "online_url")},
        ),
    )


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    list_display = (
        "title",
        "category",
        "territory",
        "status",
        "published_at",
        "is_visible",
        "public_link",
    )
    list_filter = (
        "status",
        "category",
        "territory",
        ("published_at", admin.DateFieldListFilter),
    )
    list_select_related = ("territory",)
    autocomplete_fields = ("territory",)
    extra_fieldsets = ((_("Document"), {"fields": ("category", "territory", "file")}),)

    def get_form(self, request: HttpRequest, obj: Document | None = None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["file"].help_text = upload_help()
        return form


class CampaignMaterialInline(admin.StackedInline):
    model = CampaignMaterial
    extra = 1
    fields = ("kind", "title", "title_en", "file", "alt_text", "alt_text_en", "position")

    def get_formset(self, request: HttpRequest, obj: Campaign | None = None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["file"].help_text = upload_help()
        return formset


@admin.register(Campaign)
class CampaignAdmin(PublishableAdmin):
    inlines = (CampaignMaterialInline,)
