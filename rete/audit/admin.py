"""The audit log in the admin: read-only for everyone, superusers included.

Who may read it is the "view audit entry" permission (granted to roles in
rete.accounts.roles); nobody may add, change or delete an entry here — the model has no
such permissions and refuses those writes anyway.
"""

import json
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from rete.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "sequence",
        "created_at",
        "actor_username",
        "action",
        "target_type",
        "target_id",
    )
    list_filter = ("action", "target_type")
    search_fields = ("=target_id", "=actor_username")
    date_hierarchy = "created_at"
    ordering = ("-sequence",)
    # The log may be large: no "N of M" count over the whole table on every filter.
    show_full_result_count = False
    list_per_page = 100
    fields = (
        "sequence",
        "created_at",
        "actor_username",
        "actor_id",
        "action",
        "target_type",
        "target_id",
        "details_json",
        "ip_address",
        "previous_hash",
        "entry_hash",
    )
    readonly_fields = fields
    actions = None

    @admin.display(description=_("details"))
    def details_json(self, entry: AuditEntry) -> SafeString:
        return format_html(
            "<pre>{}</pre>", json.dumps(entry.details, indent=2, sort_keys=True, ensure_ascii=False)
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
