from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rete.change_requests.models import ChangeStatus
from rete.change_requests.services import REASON_MAX_LENGTH
from rete.network.models import Territory


class ChangeRequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ChangeStatus.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    territory = forms.ModelChoiceField(
        label=_("Territory"),
        required=False,
        queryset=Territory.objects.none(),
        to_field_name="code",
        empty_label=_("All territories"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, territories, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories  # type: ignore[attr-defined]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("The territory's referents read it."),
    )
