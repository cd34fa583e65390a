"""The admin as one group with one rule, rather than a matrix row per generated page.

For every model registered in the admin site, Django generates the same five pages
(changelist, add, change, delete, history) and an unnamed redirect of the old object URLs.
What a role gets there follows from its model permissions, declared in one place
(rete.accounts.roles.ROLE_PERMISSIONS):

- anonymous: a redirect to the admin's sign-in page;
- a role holding neither the view nor the change permission of the model: 403 on its list;
  without the add permission: 403 on its add page;
- a role holding the view (or change) permission: 200 on the list.
The add page of a role holding the add permission may still be refused (403) by a model
admin that keeps its data read-only (the audit log, versioned classifications).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import admin

from rete.accounts.roles import ROLE_PERMISSIONS

MODEL_PAGES = ("changelist", "add", "change", "delete", "history")


@dataclass(frozen=True)
class AdminModel:
    app_label: str
    model_name: str

    def permission(self, action: str) -> str:
        return f"{self.app_label}.{action}_{self.model_name}"

    def holds(self, role: str, *actions: str) -> bool:
        return any(self.permission(action) in ROLE_PERMISSIONS[role] for action in actions)


def admin_models() -> list[AdminModel]:
    return [
        AdminModel(model._meta.app_label, model._meta.model_name) for model in admin.site._registry
    ]


def admin_generated_keys() -> set[str]:
    """The keys (URL names, or routes for unnamed patterns) of every generated page."""
    keys: set[str] = set()
    for model in admin_models():
        for page in MODEL_PAGES:
            keys.add(f"admin:{model.app_label}_{model.model_name}_{page}")
        keys.add(f"admin/{model.app_label}/{model.model_name}/<path:object_id>/")
    return keys
