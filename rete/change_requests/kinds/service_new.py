"""Kind 3: a new service in the territory — its organisation (a member of the territory or
any organisation of the directory), name, kind, address and comune (one the territory
covers), phones and weekly hours; a shelter's address stays confidential. Optionally
appended to the end of the territory's referral chain, where the 1522 transfers start."""

from __future__ import annotations

from typing import Any

from django import forms
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
    yes_no,
)
from rete.change_requests.kinds.phones import PhonesField, phones_lines, phones_write
from rete.change_requests.kinds.schedules import (
    HoursFieldsMixin,
    schedules_lines,
    schedules_write,
)
from rete.change_requests.models import ChangeKind
from rete.change_requests.territory import chain_next_priority, territory_comuni
from rete.directory.kinds import ServiceKind
from rete.directory.models import Language, Location, Organization, Service
from rete.geography.models import Comune
from rete.network.models import Referral


class ServiceNewForm(HoursFieldsMixin, KindForm):
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.order_by("name", "pk"),
        to_field_name="ext_id",
        widget=select(),
    )
    name = forms.CharField(label=_("Name of the service"), max_length=300, widget=text_input())
    kind = forms.ChoiceField(label=_("Kind"), choices=ServiceKind.choices, widget=select())
    address = forms.CharField(
        label=_("Address"), max_length=300, required=False, widget=text_input()
    )
    comune = forms.ModelChoiceField(
        label=_("Comune"), queryset=Comune.objects.none(), widget=select()
    )
    confidential = forms.BooleanField(
        label=_("Confidential address (shelter)"),
        required=False,
        help_text=_("The address is then shown only in the reserved area."),
    )
    phones = PhonesField(
        label=_("Phone numbers"),
        help_text=_("One number per line; the first is the one the 1522 operators call."),
    )
    chain = forms.BooleanField(
        label=_("Append to the territory's referral chain"),
        required=False,
        help_text=_("The 1522 helpline then transfers calls to it when it is open."),
    )

    def __init__(self, *args: Any, target: Target, **kwargs: Any) -> None:
        super().__init__(*args, target=target, **kwargs)
        self.fields["comune"].queryset = territory_comuni(target.territory)  # type: ignore[attr-defined]
        self.hours_setup(None)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.hours_clean(cleaned)
        if cleaned.get("kind") == ServiceKind.SHELTER and not cleaned.get("confidential"):
            self.add_error(
                "confidential", _("A shelter's address is secret: mark it as confidential.")
            )
        return cleaned


def current(target: Target) -> dict[str, Any]:
    return {}  # a new service: nothing before


def initial(data: dict[str, Any]) -> dict[str, Any]:
    return {}


def proposed(cleaned: dict[str, Any]) -> dict[str, Any]:
    organization, comune = cleaned["organization"], cleaned["comune"]
    return {
        "organization": organization.ext_id,
        "organization_name": organization.name,
        "name": cleaned["name"].strip(),
        "kind": cleaned["kind"],
        "address": cleaned["address"].strip(),
        "comune": comune.code,
        "comune_name": comune.name,
        "confidential": bool(cleaned["confidential"]),
        "phones": cleaned["phones"],
        "schedules": cleaned["schedules"],
        "chain": bool(cleaned["chain"]),
    }


def display(data: dict[str, Any]) -> list[DisplayField]:
    def line(key: str) -> tuple[str, ...]:
        return (str(data[key]),) if data.get(key) else ()

    kind = data.get("kind")
    return [
        DisplayField("organization", _("Organisation"), line("organization_name")),
        DisplayField("name", _("Name of the service"), line("name")),
        DisplayField("kind", _("Kind"), (str(ServiceKind(kind).label),) if kind else ()),
        DisplayField("address", _("Address"), line("address")),
        DisplayField("comune", _("Comune"), line("comune_name")),
        DisplayField(
            "confidential",
            _("Confidential address"),
            (yes_no(data["confidential"]),) if "confidential" in data else (),
        ),
        DisplayField("phones", _("Phone numbers"), phones_lines(data.get("phones", []))),
        DisplayField("schedules", _("Weekly hours"), schedules_lines(data.get("schedules", []))),
        DisplayField(
            "chain",
            _("In the referral chain"),
            (yes_no(data["chain"]),) if "chain" in data else (),
        ),
    ]


def apply(change_request: Any, **context: Any) -> dict[str, Any]:
    data = change_request.proposed
    territory = change_request.territory
    organization = Organization.objects.filter(ext_id=data["organization"]).first()
    if organization is None:
        raise ApplyError(_gettext("The organisation is no longer in the directory."))
    comune = Comune.objects.filter(code=data["comune"]).first()
    if comune is None:
        raise ApplyError(_gettext("The comune is unknown."))
    service = Service(
        ext_id=ext_id_new("svc", data["name"], Service),
        organization=organization,
        name=data["name"],
        kind=data["kind"],
    )
    service.full_clean()
    service.save()
    location = Location(
        service=service,
        address=data["address"],
        comune=comune,
        confidential=data["confidential"],
    )
    location.full_clean()
    location.save()
    phones_write(service, data["phones"])
    schedules_write(service, data["schedules"])
    # The service serves the territory it joins, in the network's language by default.
    service.area_provinces.set(territory.provinces.all())
    service.area_comuni.set(territory.comuni.all())
    service.languages.set(Language.objects.filter(code="it"))
    outcome: dict[str, Any] = {"service": service.ext_id}
    if data["chain"]:
        referral = Referral.objects.create(
            territory=territory, service=service, priority=chain_next_priority(territory)
        )
        outcome["chain_priority"] = referral.priority
    change_request.service = service
    return outcome


KIND = Kind(
    code=ChangeKind.SERVICE_NEW,
    target=None,
    form_class=ServiceNewForm,
    current=current,
    initial=initial,
    proposed=proposed,
    display=display,
    apply=apply,
)
