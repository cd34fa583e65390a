"""The audit viewer's filter form (GET): action, actor, target, dates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rete.audit.models import AuditAction
from rete.audit.queries import AuditFilter, audit_actor_ids
from rete.audit.services import CODE_MAX_LENGTH, TARGET_TYPE_RE

# The action codes grouped by what they are about (the part before the dot).
ACTION_GROUPS = (
    ("auth", _("Signing in")),
    ("account", _("Accounts")),
    ("grant", _("Roles")),
    ("access_request", _("Access requests")),
    ("reserved", _("Reserved area")),
    ("document", _("Documents")),
    ("admin", _("Administration")),
    ("contact", _("Helpline contacts")),
    ("audit", _("Audit log")),
)


def action_choices() -> list[Any]:
    """Grouped (optgroup) choices of every known action, by label within each group; an
    action of a prefix not listed above goes under "Other"."""
    grouped: dict[str, list[tuple[str, Any]]] = {prefix: [] for prefix, _label in ACTION_GROUPS}
    other: list[tuple[str, Any]] = []
    for action in AuditAction:
        prefix = action.value.split(".", 1)[0]
        grouped.get(prefix, other).append((action.value, action.label))
    choices: list[Any] = [("", _("Any action"))]
    for prefix, label in ACTION_GROUPS:
        if grouped[prefix]:
            choices.append((label, grouped[prefix]))
    if other:
        choices.append((_("Other"), other))
    return choices


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False, choices=action_choices)
    actor = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=150,
        help_text=_("Username or personal code (RAV-000123)."),
    )
    target_type = forms.CharField(
        label=_("Record type"),
        required=False,
        max_length=CODE_MAX_LENGTH,
        help_text=_("For example accounts.grant or helpline.contact."),
    )
    target_id = forms.CharField(label=_("Record id"), required=False, max_length=CODE_MAX_LENGTH)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "action":
                field.widget.attrs.setdefault("class", "form-control")

    def clean_actor(self) -> tuple[int, ...] | None:
        text = self.cleaned_data["actor"].strip()
        if not text:
            return None
        ids = audit_actor_ids(text)
        if not ids:
            raise forms.ValidationError(
                _("No account has this username or personal code."), code="unknown_actor"
            )
        return ids

    def clean_target_type(self) -> str:
        text = self.cleaned_data["target_type"].strip().lower()
        if text and not TARGET_TYPE_RE.match(text):
            raise forms.ValidationError(
                _("Write the record type as app.model, for example accounts.grant."),
                code="bad_target_type",
            )
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # The target id is only searched within a type: (type, id) is what the index holds.
        if cleaned.get("target_id", "").strip() and not cleaned.get("target_type"):
            self.add_error("target_type", _("Give the record type too, to search by record id."))
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", _("The end date cannot come before the start date."))
        return cleaned

    def criteria(self) -> AuditFilter:
        """The filter of a valid form."""
        data = self.cleaned_data
        return AuditFilter(
            action=data.get("action") or None,
            actor_ids=data.get("actor"),
            target_type=data.get("target_type") or None,
            target_id=(data.get("target_id") or "").strip() or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


def cursor_value(raw: str | None) -> int | None:
    """A page cursor from the query string: a positive sequence, or None if absent or
    malformed (then the first page is shown)."""
    if raw is None or not raw.isdigit() or len(raw) > 19:
        return None
    value = int(raw)
    return value if value > 0 else None
