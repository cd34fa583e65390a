"""The public access request form, and the reviewers' approve and refuse forms."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.utils.translation import gettext_lazy as _

from rete.accounts.access_requests.limits import (
    REQUESTABLE_ROLES,
    grant_limits_errors,
    grantable_roles,
    reviewer_territory_ids,
    role_choices,
)
from rete.accounts.roles import NATIONAL_ROLES, ROLES, TERRITORY_ROLES
from rete.accounts.scopes import Scope
from rete.directory.kinds import OrganizationKind
from rete.directory.models import Organization
from rete.network.models import Territory

OTHER_ORGANIZATION = "other"
REASON_MAX_LENGTH = 2000


class BootstrapItaliaForm(forms.Form):
    """Bootstrap Italia's classes on the widgets, and the invalid mark on fields in error."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-control")

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


def organization_choices() -> list[tuple[str, object]]:
    """The network's members grouped by kind, then "another organisation"."""
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pk, name, kind in Organization.objects.order_by("name").values_list("pk", "name", "kind"):
        by_kind[kind].append((str(pk), name))
    choices: list[tuple[str, object]] = [("", _("Choose your organisation"))]
    for kind, label in OrganizationKind.choices:
        if by_kind.get(kind):
            choices.append((label, by_kind[kind]))
    choices.append((OTHER_ORGANIZATION, _("Another organisation, not in the list")))
    return choices


class AccessRequestForm(BootstrapItaliaForm):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Write your first and last name.")},
    )
    email = forms.EmailField(
        label=_("Work e-mail"),
        max_length=254,
        help_text=_("The address of your organisation: the link to confirm it arrives there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Write your work e-mail address."),
            "invalid": _("This is not an e-mail address: check it (e.g. name@organisation.it)."),
        },
    )
    organization = forms.ChoiceField(
        label=_("Organisation"),
        error_messages={
            "required": _("Choose your organisation, or “another organisation”."),
            "invalid_choice": _("Choose your organisation from the list."),
        },
    )
    organization_other = forms.CharField(
        label=_("Name of your organisation"),
        max_length=300,
        required=False,
        help_text=_("Only if your organisation is not in the list."),
    )
    role = forms.ChoiceField(
        label=_("Role requested"),
        choices=[("", _("Choose a role")), *role_choices(REQUESTABLE_ROLES)],
        error_messages={
            "required": _("Choose the role you need."),
            "invalid_choice": _("Choose a role from the list."),
        },
    )
    territory = forms.ModelChoiceField(
        label=_("Territory (ATR)"),
        queryset=Territory.objects.order_by("name"),
        required=False,
        empty_label=_("Choose the territory"),
        help_text=_("Needed for a territory's referent and a network member's operator."),
        error_messages={"invalid_choice": _("Choose a territory from the list.")},
    )
    reason = forms.CharField(
        label=_("Why you need access"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Explain briefly why you need access."),
            "max_length": _("Keep it within %(limit_value)d characters (now %(show_value)d)."),
        },
    )
    # A field people never see (hidden by the stylesheet, skipped by the keyboard):
    # a program filling in every field gives itself away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = organization_choices()

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean_organization(self) -> Organization | None:
        value = self.cleaned_data["organization"]
        if value == OTHER_ORGANIZATION:
            return None
        organization = Organization.objects.filter(pk=value).first() if value.isdigit() else None
        if organization is None:
            raise forms.ValidationError(
                self.fields["organization"].error_messages["invalid_choice"]
            )
        return organization

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            "organization" in cleaned
            and cleaned["organization"] is None
            and not cleaned.get("organization_other", "").strip()
        ):
            self.add_error(
                "organization_other",
                _("Write the name of your organisation, since it is not in the list."),
            )
        role = cleaned.get("role")
        if (
            role in TERRITORY_ROLES
            and cleaned.get("territory") is None
            and "territory" not in self.errors
        ):
            self.add_error(
                "territory", _("Choose the territory where you work: this role needs it.")
            )
        if role in NATIONAL_ROLES:
            # A national role works for the whole country: a territory chosen by mistake
            # is dropped rather than refused.
            cleaned["territory"] = None
        return cleaned


class ReviewForm(BootstrapItaliaForm):
    """Base of the reviewers' forms that give a role: the choices are what the reviewer's
    scope may give (limits.py); the service checks the same rule again."""

    # Validated against every role, shown with the reviewer's own: a role beyond the
    # reviewer's reach gets the rule's own message (limits.grant_limits_errors), not
    # "not a valid choice".
    role = forms.ChoiceField(
        label=_("Role"),
        choices=role_choices(ROLES),
        error_messages={"required": _("Choose a role.")},
    )
    territory = forms.ModelChoiceField(
        label=_("Territory (ATR)"),
        queryset=Territory.objects.none(),
        required=False,
        empty_label=_("None (whole country)"),
        error_messages={"invalid_choice": _("Choose one of the territories of the list.")},
    )
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args, scope: Scope, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.fields["role"].widget.choices = [
            ("", _("Choose a role")),
            *role_choices(grantable_roles(scope)),
        ]
        territories = Territory.objects.order_by("name")
        allowed = reviewer_territory_ids(scope)
        if allowed is not None:
            territories = territories.filter(pk__in=allowed)
        self.fields["territory"].queryset = territories

    def clean(self) -> dict:
        cleaned = super().clean()
        role = cleaned.get("role")
        if role in NATIONAL_ROLES:
            cleaned["territory"] = None
        if role and "territory" in cleaned:
            for field, message in grant_limits_errors(
                self.scope, role=role, territory=cleaned.get("territory")
            ).items():
                self.add_error(field, message)
        return cleaned


class ApproveForm(ReviewForm):
    pass


class GrantAddForm(ReviewForm):
    pass


class RefuseForm(BootstrapItaliaForm):
    reason = forms.CharField(
        label=_("Reason of the refusal"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The requester receives it by e-mail."),
        error_messages={"required": _("Write the reason: the requester will read it.")},
    )
