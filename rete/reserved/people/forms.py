"""Filters of the reviewers' lists and the revoke form (the forms that give a role are
rete.accounts.access_requests.forms.ApproveForm / GrantAddForm)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rete.accounts.access_requests.forms import BootstrapItaliaForm
from rete.accounts.access_requests.limits import reviewer_territory_ids, role_choices
from rete.accounts.models import AccessRequestStatus
from rete.accounts.roles import ROLES
from rete.accounts.scopes import Scope
from rete.network.models import Territory
from rete.reserved.people.selectors import STATUS_ACTIVE, STATUS_DEACTIVATED

ALL = "all"


class AccessRequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[*AccessRequestStatus.choices, (ALL, _("All"))],
    )

    def status_value(self) -> str | None:
        """The status to show: waiting for review unless another is chosen."""
        if not self.is_valid() or not self.cleaned_data["status"]:
            return AccessRequestStatus.PENDING
        status = self.cleaned_data["status"]
        return None if status == ALL else status


class AccountFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any role")), *role_choices(ROLES)]
    )
    territory = forms.ModelChoiceField(
        label=_("Territory (ATR)"),
        queryset=Territory.objects.none(),
        required=False,
        empty_label=_("Any territory"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Any status")),
            (STATUS_ACTIVE, _("Active")),
            (STATUS_DEACTIVATED, _("Deactivated")),
        ],
    )

    def __init__(self, *args, scope: Scope, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        territories = Territory.objects.order_by("name")
        allowed = reviewer_territory_ids(scope)
        if allowed is not None:
            territories = territories.filter(pk__in=allowed)
        self.fields["territory"].queryset = territories
        self.fields["q"].widget.attrs["class"] = "form-control"

    def filters(self) -> dict[str, object]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["q"],
            "role": data["role"] or None,
            "territory_id": data["territory"].pk if data["territory"] else None,
            "status": data["status"] or None,
        }


class GrantRevokeForm(BootstrapItaliaForm):
    reason = forms.CharField(
        label=_("Reason of the revocation"),
        max_length=300,
        error_messages={"required": _("Write why the role is revoked.")},
    )
