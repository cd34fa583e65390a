"""The sheet's edit form: the sheet's own fields, and two sets of rows (network members;
local protocols and agreements) with blank rows to add new ones without JavaScript.

A blank row is no row: clearing every field of a row, or ticking its "remove" box, takes
it out of the next version.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rete.directory.models import Organization
from rete.directory.validators import normalize_phone
from rete.territory_sheets.content import AgreementRow, MemberRow, SheetContent
from rete.territory_sheets.models import TerritorySheetVersion

TEXT_MAX = 5000
MAX_MEMBERS = 80
MAX_AGREEMENTS = 40
# Blank rows offered at the end of each list, and added by "more rows".
EXTRA_MEMBERS = 3
EXTRA_AGREEMENTS = 2
# Far above any territory's population: catches a mistyped number.
POPULATION_MAX = 100_000_000

MEMBER_FIELDS = ("organization", "name", "role")
AGREEMENT_FIELDS = ("title", "signed_on", "parties")


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "form-control"})


class SheetForm(forms.Form):
    population_served = forms.IntegerField(
        label=_("Population served"),
        required=False,
        min_value=0,
        max_value=POPULATION_MAX,
        help_text=_("Inhabitants of the territory's comuni."),
        widget=forms.NumberInput(attrs={"class": "form-control", "min": 0}),
    )
    area_notes = forms.CharField(
        label=_("Area"),
        required=False,
        max_length=TEXT_MAX,
        help_text=_("The comuni covered, the social districts, what is special about the area."),
        widget=_textarea(),
    )
    staff_and_funding = forms.CharField(
        label=_("Staff and funding"),
        required=False,
        max_length=TEXT_MAX,
        help_text=_("Who works for the network and where its money comes from."),
        widget=_textarea(),
    )
    yearly_budget = forms.DecimalField(
        label=_("Yearly budget (euro)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
    )
    critical_issues = forms.CharField(
        label=_("Critical issues"), required=False, max_length=TEXT_MAX, widget=_textarea()
    )
    office_email = forms.EmailField(
        label=_("Office e-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"class": "form-control"}),
    )
    office_phone = forms.CharField(
        label=_("Office phone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "tel"}),
    )
    note = forms.CharField(
        label=_("What changed (optional)"),
        required=False,
        max_length=300,
        help_text=_("A short note for the history of the sheet."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    base_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def clean_office_phone(self) -> str:
        phone = self.cleaned_data["office_phone"].strip()
        return normalize_phone(phone) if phone else ""


class MemberForm(forms.Form):
    organization = forms.ChoiceField(
        label=_("Organisation in the directory"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    name = forms.CharField(
        label=_("Or its name, if not in the directory"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    role = forms.CharField(
        label=_("Role in the network"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args: Any, organizations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization_names = {str(pk): name for pk, name in organizations}
        self.fields["organization"].choices = [
            ("", _("— not in the directory —")),
            *((str(pk), name) for pk, name in organizations),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        organization, name, role = (data.get(key) or "" for key in MEMBER_FIELDS)
        if self.errors or not (organization or name or role):
            return data
        if organization and name:
            raise ValidationError(
                _("Choose an organisation of the directory or type a name, not both.")
            )
        if not (organization or name):
            self.add_error("name", _("Choose the organisation or type its name."))
        if not role:
            self.add_error("role", _("Say what the member does in the network."))
        return data

    def row(self) -> MemberRow | None:
        """The member this row describes; None for a blank row."""
        organization = self.cleaned_data.get("organization") or ""
        name = self.cleaned_data.get("name") or ""
        role = self.cleaned_data.get("role") or ""
        if not (organization or name or role):
            return None
        if organization:
            return MemberRow(
                name=self.organization_names[organization],
                role=role,
                organization_id=int(organization),
            )
        return MemberRow(name=name, role=role)


class AgreementForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    signed_on = forms.DateField(
        label=_("Signed on"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}, format="%Y-%m-%d"),
    )
    parties = forms.CharField(
        label=_("Parties"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        title, signed_on, parties = (data.get(key) for key in AGREEMENT_FIELDS)
        if self.errors or not (title or signed_on or parties):
            return data
        if not title:
            self.add_error("title", _("Give the protocol's or agreement's title."))
        if not signed_on:
            self.add_error("signed_on", _("Give the date it was signed."))
        elif signed_on > timezone.localdate():
            self.add_error("signed_on", _("The date it was signed cannot be in the future."))
        return data

    def row(self) -> AgreementRow | None:
        title = self.cleaned_data.get("title") or ""
        signed_on: date | None = self.cleaned_data.get("signed_on")
        parties = self.cleaned_data.get("parties") or ""
        if not (title or signed_on or parties):
            return None
        if signed_on is None:
            raise ValueError("row() asked of a row that clean() refused (no date).")
        return AgreementRow(title=title, signed_on=signed_on, parties=parties)


class RowFormSet(forms.BaseFormSet):
    def rows(self) -> tuple:
        """The rows kept, in order: neither blank nor ticked for removal."""
        kept = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            row = form.row()
            if row is not None:
                kept.append(row)
        return tuple(kept)


def _formset(form: type[forms.Form], *, extra: int, maximum: int) -> type[RowFormSet]:
    return forms.formset_factory(
        form,
        formset=RowFormSet,
        extra=extra,
        can_delete=True,
        max_num=maximum,
        validate_max=True,
        absolute_max=maximum + 20,
    )


MemberFormSet = _formset(MemberForm, extra=EXTRA_MEMBERS, maximum=MAX_MEMBERS)
AgreementFormSet = _formset(AgreementForm, extra=EXTRA_AGREEMENTS, maximum=MAX_AGREEMENTS)


def _version_initial(version: TerritorySheetVersion | None) -> tuple[dict, list, list]:
    if version is None:
        return {}, [], []
    sheet = {
        "population_served": version.population_served,
        "area_notes": version.area_notes,
        "staff_and_funding": version.staff_and_funding,
        "yearly_budget": version.yearly_budget,
        "critical_issues": version.critical_issues,
        "office_email": version.office_email,
        "office_phone": version.office_phone,
    }
    members = [
        {
            "organization": str(m.organization_id) if m.organization_id else "",
            "name": "" if m.organization_id else m.name,
            "role": m.role,
        }
        for m in version.members.all()
    ]
    agreements = [
        {"title": a.title, "signed_on": a.signed_on, "parties": a.parties}
        for a in version.agreements.all()
    ]
    return sheet, members, agreements


class SheetEdit:
    """The three parts of the edit form, bound together: is_valid() checks them all (each
    shows its errors), content() is what they say.

    Unbound, the form starts from `version` (None: an empty sheet), or from `typed` (what
    the person had typed, see as_typed) with `base_number` the version they started from.
    """

    def __init__(
        self,
        data: Any = None,
        *,
        version: TerritorySheetVersion | None = None,
        typed: tuple[dict, list, list] | None = None,
        base_number: int | None = None,
    ) -> None:
        organizations = list(Organization.objects.order_by("name", "pk").values_list("pk", "name"))
        sheet: dict | None = None
        members: list | None = None
        agreements: list | None = None
        if data is None:
            sheet, members, agreements = typed or _version_initial(version)
            if base_number is None:
                base_number = version.number if version else 0
            sheet = {**sheet, "base_version": base_number}
        self.sheet = SheetForm(data, initial=sheet)
        self.members = MemberFormSet(
            data,
            initial=members,
            prefix="members",
            form_kwargs={"organizations": organizations},
        )
        self.agreements = AgreementFormSet(data, initial=agreements, prefix="agreements")

    def is_valid(self) -> bool:
        results = [self.sheet.is_valid(), self.members.is_valid(), self.agreements.is_valid()]
        return all(results)

    def content(self) -> SheetContent:
        data = self.sheet.cleaned_data
        return SheetContent(
            population_served=data["population_served"],
            area_notes=data["area_notes"],
            members=self.members.rows(),
            agreements=self.agreements.rows(),
            staff_and_funding=data["staff_and_funding"],
            yearly_budget=data["yearly_budget"],
            critical_issues=data["critical_issues"],
            office_email=data["office_email"],
            office_phone=data["office_phone"],
        )

    def as_typed(self, *, grow: str = "") -> tuple[dict, list, list]:
        """What the person typed, as initial values of a fresh form, for "more rows": the
        form comes back longer without judging what is half typed. The list named `grow`
        keeps its blank rows (the new blank rows come after them); the other drops them."""

        def raw(form: forms.Form, names: tuple[str, ...]) -> dict:
            return {name: form[name].value() for name in names}

        def rows(formset: RowFormSet, names: tuple[str, ...], keep_blank: bool) -> list:
            typed = [raw(form, (*names, "DELETE")) for form in formset.forms]
            if keep_blank:
                return typed
            return [row for row in typed if any(row[name] for name in names)]

        sheet_fields = tuple(name for name in self.sheet.fields if name != "base_version")
        return (
            raw(self.sheet, sheet_fields),
            rows(self.members, MEMBER_FIELDS, grow == "members"),
            rows(self.agreements, AGREEMENT_FIELDS, grow == "agreements"),
        )

    def error_list(self) -> list[str]:
        """Every error, each saying where it is: a field, or a row of a list."""
        found = [str(error) for error in self.sheet.non_field_errors()]
        for name, errors in self.sheet.errors.items():
            if name != "__all__":
                label = self.sheet.fields[name].label or name
                found.extend(f"{label}: {error}" for error in errors)
        lists = (
            (self.members, _("Network members, row %(row)d")),
            (self.agreements, _("Local protocols and agreements, row %(row)d")),
        )
        for formset, where in lists:
            found.extend(str(error) for error in formset.non_form_errors())
            for index, form in enumerate(formset.forms, start=1):
                place = where % {"row": index}
                for name, errors in form.errors.items():
                    label = form.fields[name].label if name in form.fields else ""
                    prefix = f"{place}, {label}" if label else place
                    found.extend(f"{prefix}: {error}" for error in errors)
        return found
