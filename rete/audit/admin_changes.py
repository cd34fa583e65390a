"""Changes made in Django's admin become audit entries, in the admin's own transaction.

The admin writes a LogEntry for every addition, change and deletion; a receiver of its
post_save appends the matching entry (admin.add / admin.change / admin.delete) to the audit
log. The admin saves an object, its inlines and its LogEntry inside one transaction
(changeform_view and delete_view are atomic), and audit_record() joins that transaction:
if the entry cannot be written the change is rolled back with it.

What goes into the entry's details is the NAMES of the changed fields, never their
values. The admin's change message also holds `str()` of every inline object it added,
changed or deleted — for a location that is its address, for a phone its number — so
that part is never copied.

One gap of the admin is closed here too: deleting several objects at once with the
"delete selected" action writes their LogEntries with one bulk insert, which sends no
post_save. `delete_selected` below replaces that site-wide action with one that logs the
objects one at a time, so that each deletion is audited, and runs inside a transaction
(the admin runs actions outside one).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib import admin
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override

from rete.audit.http import current_request_ip
from rete.audit.models import AuditAction
from rete.audit.services import CODE_MAX_LENGTH, DETAIL_LIST_MAX_ITEMS, audit_record

ACTION_BY_FLAG = {
    ADDITION: AuditAction.ADMIN_ADD,
    CHANGE: AuditAction.ADMIN_CHANGE,
    DELETION: AuditAction.ADMIN_DELETE,
}
# A name longer than this is cut: names come from the code, not from people, but the
# audit details are small by design.
NAME_MAX_LENGTH = 64


def _names_by_label(model: type[models.Model] | None) -> dict[str, str]:
    """The model's field names by their form label, as the admin writes labels into its
    change message: the English verbose name with a capital first letter."""
    if model is None:
        return {}
    names: dict[str, str] = {}
    with override(None):
        for field in model._meta.get_fields():
            verbose_name = getattr(field, "verbose_name", None)
            if verbose_name is not None:
                names[capfirst(str(verbose_name)).casefold()] = field.name
    return names


def _related_models_by_name(model: type[models.Model] | None) -> dict[str, type[models.Model]]:
    """The models of the inlines the admin may name in a change message, by their English
    verbose name."""
    if model is None:
        return {}
    with override(None):
        return {
            str(relation.related_model._meta.verbose_name).casefold(): relation.related_model
            for relation in model._meta.related_objects
        }


def _clean_name(text: Any) -> str:
    """A label from the change message, as a short printable name."""
    name = "".join(char for char in str(text) if char.isprintable()).strip()
    return name[:NAME_MAX_LENGTH]


def _field_names(labels: Any, model: type[models.Model] | None, prefix: str = "") -> list[str]:
    if not isinstance(labels, list):
        return []
    by_label = _names_by_label(model)
    names = []
    for label in labels:
        name = by_label.get(str(label).casefold()) or _clean_name(label)
        if name:
            names.append(f"{prefix}{name}"[:NAME_MAX_LENGTH])
    return names


def _related_name(part: dict[str, Any], related: dict[str, type[models.Model]]) -> tuple[str, Any]:
    """The inline's model name (e.g. "phone") and model, from a change message part.
    The part's "object" (the inline object as text) is deliberately not read."""
    verbose_name = str(part.get("name", ""))
    model = related.get(verbose_name.casefold())
    name = model._meta.model_name if model is not None else _clean_name(verbose_name)
    return name or "related", model


def change_details(change_message: str, model: type[models.Model] | None) -> dict[str, Any]:
    """The audit details of an admin change message: which fields and which inline objects
    changed, by name. Values and the objects' text never come out of here.

    {"fields": ["name", "location.address"], "related_added": ["phone"],
     "related_deleted": ["schedule"]}; a message that is not the admin's structured JSON
    (custom admin code may log free text) gives {"message": "unstructured"}.
    """
    if not change_message:
        return {}
    try:
        parts = json.loads(change_message)
    except ValueError:
        return {"message": "unstructured"}
    if not isinstance(parts, list):
        return {"message": "unstructured"}
    related = _related_models_by_name(model)
    fields: list[str] = []
    added: list[str] = []
    deleted: list[str] = []
    for part in parts:
        if not isinstance(part, dict):
            continue
        if isinstance(part.get("changed"), dict):
            changed = part["changed"]
            if "name" in changed:
                name, related_model = _related_name(changed, related)
                fields += _field_names(changed.get("fields"), related_model, prefix=f"{name}.")
            else:
                fields += _field_names(changed.get("fields"), model)
        elif isinstance(part.get("added"), dict) and part["added"]:
            added.append(_related_name(part["added"], related)[0])
        elif isinstance(part.get("deleted"), dict) and part["deleted"]:
            deleted.append(_related_name(part["deleted"], related)[0])
    details: dict[str, Any] = {}
    if fields:
        # Each name once, in the order the admin gave them.
        details["fields"] = list(dict.fromkeys(fields))[:DETAIL_LIST_MAX_ITEMS]
    if added:
        details["related_added"] = added[:DETAIL_LIST_MAX_ITEMS]
    if deleted:
        details["related_deleted"] = deleted[:DETAIL_LIST_MAX_ITEMS]
    return details


def _target_id(object_id: str) -> str:
    # Primary keys of this project are numbers and short codes. A key the audit log cannot
    # hold as it is (too long, control characters) is named by its digest rather than
    # refusing the admin's change.
    if 0 < len(object_id) <= CODE_MAX_LENGTH and object_id.isprintable():
        return object_id
    return "sha256:" + hashlib.sha256(object_id.encode()).hexdigest()[:56]


def admin_log_entry_audit(
    sender: type[LogEntry], instance: LogEntry, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """post_save receiver of the admin's LogEntry (connected in AuditConfig.ready)."""
    # raw: a fixture being loaded, not a change made by a person.
    if not created or raw:
        return
    action = ACTION_BY_FLAG.get(instance.action_flag)
    if action is None:
        return
    content_type = instance.content_type
    if content_type is not None:
        target_type = f"{content_type.app_label}.{content_type.model}"
        model = content_type.model_class()
    else:
        target_type, model = "admin.unknown", None
    deleted = action == AuditAction.ADMIN_DELETE
    details = {} if deleted else change_details(instance.change_message, model)
    audit_record(
        actor=instance.user,
        action=action,
        target_type=target_type,
        target_id=_target_id(str(instance.object_id or "")),
        details=details,
        ip_address=current_request_ip(),
    )


@admin.action(permissions=["delete"], description=django_delete_selected.short_description)
def delete_selected(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> HttpResponse | None:
    """Django's "delete selected" action, with each deleted object logged (and so audited)
    on its own, and the logging and the deletion in one transaction.

    The confirmation page, and the page listing protected objects, are Django's own.
    """
    if not request.POST.get("post"):
        return django_delete_selected(modeladmin, request, queryset)
    perms_needed, protected = modeladmin.get_deleted_objects(queryset, request)[2:]
    if protected:
        return django_delete_selected(modeladmin, request, queryset)
    if perms_needed:
        raise PermissionDenied
    with transaction.atomic(using=router.db_for_write(modeladmin.model)):
        objects = list(queryset)
        for obj in objects:
            modeladmin.log_deletions(request, [obj])
        modeladmin.delete_queryset(request, queryset)
    if objects:
        # Django's own message (and its translation).
        modeladmin.message_user(
            request,
            _("Successfully deleted %(count)d %(items)s.")
            % {"count": len(objects), "items": model_ngettext(modeladmin.opts, len(objects))},
            "success",
        )
    return None
