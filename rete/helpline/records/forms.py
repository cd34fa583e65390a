"""The filter form of the contact list: every field optional, every bad value named clearly."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rete.helpline.records.selectors import (
    MODE_LABELS,
    NOT_ROUTED,
    NOT_ROUTED_LABEL,
    ContactFilters,
    helpline_users,
    territory_choices,
    validity_choices,
)

DATE_ERRORS = {"invalid": _("Give the date as year-month-day, for example 2026-11-25.")}


class OperatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        full_name = obj.get_full_name()
        return f"{full_name} ({obj.get_username()})" if full_name else obj.get_username()


class ContactFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )
    territory = forms.ChoiceField(
        label=_("Territory"),
        required=False,
        error_messages={"invalid_choice": _("Choose a territory of the list.")},
    )
    mode = forms.ChoiceField(
        label=_("Routing"),
        required=False,
        error_messages={"invalid_choice": _("Choose a routing mode of the list.")},
    )
    validity = forms.ChoiceField(
        label=_("Validity"),
        required=False,
        error_messages={"invalid_choice": _("Choose a validity of the list.")},
    )
    operator = OperatorChoiceField(
        label=_("Operator"),
        queryset=helpline_users(),
        required=False,
        empty_label=_("Any operator"),
        error_messages={"invalid_choice": _("Choose an operator of the list.")},
    )

    def __init__(self, *args: Any, can_filter_operator: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].choices = [("", _("Any territory")), *territory_choices()]
        self.fields["mode"].choices = [
            ("", _("Any routing")),
            *MODE_LABELS.items(),
            (NOT_ROUTED, NOT_ROUTED_LABEL),
        ]
        self.fields["validity"].choices = [("", _("Any validity")), *validity_choices()]
        self.fields["operator"].queryset = helpline_users()
        # An operator sees only her own contacts: a filter on others would be a lie.
        if not can_filter_operator:
            del self.fields["operator"]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end date comes before the start date."))
        return cleaned

    def is_valid(self) -> bool:
        valid = super().is_valid()
        # Tell assistive technology which fields are wrong and where the message is.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{name}_error"
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
        return valid

    def filters(self) -> ContactFilters:
        """The cleaned filters; call after is_valid() returned True."""
        data = self.cleaned_data
        operator = data.get("operator")
        return ContactFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            territory=data.get("territory") or "",
            mode=data.get("mode") or "",
            validity=data.get("validity") or "",
            operator_id=operator.pk if operator is not None else None,
        )
