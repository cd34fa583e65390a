"""Kind 4: a member joining the territory's network — a new organisation of the directory
(name, kind, fiscal code or VAT number checked with python-stdnum as the directory does,
e-mail, website), made a party of the territory's protocol in force."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from rete.change_requests.kinds.base import (
    ApplyError,
    DisplayField,
    Kind,
    KindForm,
    Target,
    ext_id_new,
    select,
    text_input,
)
from rete.change_requests.models import ChangeKind
from rete.change_requests.territory import protocol_in_force
from rete.directory.kinds import OrganizationKind
from rete.directory.models import Organization
from rete.directory.validators import validate_tax_id


def tax_id_normalize(raw: str) -> str:
    return "".join(raw.split()).upper()


def _tax_id_taken(tax_id: str) -> Organization | None:
    if not tax_id:
        return None
    return Organization.objects.filter(tax_id__iexact=tax_id).first()


def _no_protocol_message() -> str:
    return _gettext(
        "The territory has no protocol in force: a member joins through the protocol's parties."
    )


class MemberJoinForm(KindForm):
    name = forms.CharField(label=_("Name"), max_length=300, widget=text_input())
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganizationKind.choices, widget=select())
    tax_id = forms.CharField(
        label=_("Fiscal code / VAT number"),
        max_length=20,
        required=False,
        widget=text_input(autocomplete="off"),
    )
    email = forms.EmailField(label=_("E-mail"), required=False, widget=text_input(type="email"))
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", widget=text_input(type="url")
    )

    def clean_tax_id(self) -> str:
        tax_id = tax_id_normalize(self.cleaned_data["tax_id"])
        if tax_id:
            validate_tax_id(tax_id)
            taken = _tax_id_taken(tax_id)
            if taken is not None:
                raise ValidationError(
                    _("“%(name)s” has this code in the directory already.") % {"name": taken.name}  # type: ignore[operator]
                )
        return tax_id

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if protocol_in_force(self.target.territory, day=timezone.localdate()) is None:
            raise ValidationError(_no_protocol_message())
        return cleaned


def current(target: Target) -> dict[str, Any]:
    return {}  # a new member: nothing before


def initial(data: dict[str, Any]) -> dict[str, Any]:
    return {}


def proposed(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": cleaned["name"].strip(),
        "kind": cleaned["kind"],
        "tax_id": cleaned["tax_id"],
        "email": cleaned["email"],
        "website": cleaned["website"],
    }


def display(data: dict[str, Any]) -> list[DisplayField]:
    def line(key: str) -> tuple[str, ...]:
        return (str(data[key]),) if data.get(key) else ()

    kind = data.get("kind")
    return [
        DisplayField("name", _("Name"), line("name")),
        DisplayField("kind", _("Kind"), (str(OrganizationKind(kind).label),) if kind else ()),
        DisplayField("tax_id", _("Fiscal code / VAT number"), line("tax_id")),
        DisplayField("email", _("E-mail"), line("email")),
        DisplayField("website", _("Website"), line("website")),
    ]


def apply(change_request: Any, *, day: date | None = None, **context: Any) -> dict[str, Any]:
    data = change_request.proposed
    protocol = protocol_in_force(change_request.territory, day=day or timezone.localdate())
    if protocol is None:
        raise ApplyError(_no_protocol_message())
    taken = _tax_id_taken(data["tax_id"])
    if taken is not None:
        raise ApplyError(
            _gettext("“%(name)s” has this code in the directory already.") % {"name": taken.name}
        )
    organization = Organization(
        ext_id=ext_id_new("org", data["name"], Organization),
        name=data["name"],
        kind=data["kind"],
        tax_id=data["tax_id"],
        email=data["email"],
        website=data["website"],
    )
    organization.full_clean()
    organization.save()
    protocol.parties.add(organization)
    change_request.organization = organization
    return {"organization": organization.ext_id, "protocol": protocol.pk}


KIND = Kind(
    code=ChangeKind.MEMBER_JOIN,
    target=None,
    form_class=MemberJoinForm,
    current=current,
    initial=initial,
    proposed=proposed,
    display=display,
    apply=apply,
)
