"""Kind 2: the phone numbers of one of the territory's services, replaced as a whole (in
order: the first is the one the routing decision gives the 1522 operator)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from rete.change_requests.kinds.base import DisplayField, Kind, KindForm
from rete.change_requests.kinds.phones import PhonesField, phones_lines, phones_of, phones_write
from rete.change_requests.models import ChangeKind


class ServicePhonesForm(KindForm):
    phones = PhonesField(
        label=_("Phone numbers"),
        help_text=_("One number per line; the first is the one the 1522 operators call."),
    )


def current(target) -> dict[str, Any]:
    if target.service is None:
        return {}
    return {"phones": phones_of(target.service)}


def initial(data: dict[str, Any]) -> dict[str, Any]:
    return {"phones": data.get("phones", [])}


def proposed(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {"phones": cleaned["phones"]}


def display(data: dict[str, Any]) -> list[DisplayField]:
    return [DisplayField("phones", _("Phone numbers"), phones_lines(data.get("phones", [])))]


def apply(change_request: Any, **context: Any) -> dict[str, Any]:
    phones_write(change_request.service, change_request.proposed["phones"])
    return {"service": change_request.service.ext_id}


KIND = Kind(
    code=ChangeKind.SERVICE_PHONES,
    target="service",
    form_class=ServicePhonesForm,
    current=current,
    initial=initial,
    proposed=proposed,
    display=display,
    apply=apply,
)
