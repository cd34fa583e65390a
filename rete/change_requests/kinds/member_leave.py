"""Kind 5: a member leaving the territory's network — it stops being a party of the
protocol in force and its services leave the territory's referral chain (the 1522 no
longer transfers to them for this territory). Its services stay in the directory."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from rete.change_requests.kinds.base import DisplayField, Kind, KindForm, Target, yes_no
from rete.change_requests.models import ChangeKind
from rete.change_requests.territory import protocol_in_force
from rete.network.models import Referral


class MemberLeaveForm(KindForm):
    """Nothing to type but the note: the change is the member's leaving."""


def current(target: Target) -> dict[str, Any]:
    organization = target.organization
    if organization is None:
        return {}
    protocol = protocol_in_force(target.territory, day=target.day or timezone.localdate())
    chain = (
        Referral.objects.filter(territory=target.territory, service__organization=organization)
        .select_related("service")
        .order_by("priority")
    )
    return {
        "party": protocol is not None and protocol.parties.filter(pk=organization.pk).exists(),
        "chain": [
            {"service": referral.service.ext_id, "name": referral.service.name}
            for referral in chain
        ],
    }


def initial(data: dict[str, Any]) -> dict[str, Any]:
    return {}


def proposed(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {"party": False, "chain": []}


def display(data: dict[str, Any]) -> list[DisplayField]:
    return [
        DisplayField(
            "party",
            _("Party of the protocol in force"),
            (yes_no(data["party"]),) if "party" in data else (),
        ),
        DisplayField(
            "chain",
            _("Its services in the referral chain"),
            tuple(item["name"] for item in data.get("chain", []))
            or ((_gettext("none"),) if "chain" in data else ()),
        ),
    ]


def apply(change_request: Any, *, day: date | None = None, **context: Any) -> dict[str, Any]:
    organization = change_request.organization
    protocol = protocol_in_force(change_request.territory, day=day or timezone.localdate())
    if protocol is not None:
        protocol.parties.remove(organization)
    chain = Referral.objects.filter(
        territory=change_request.territory, service__organization=organization
    )
    removed = sorted(chain.values_list("service__ext_id", flat=True))
    # One by one, so that each deletion bumps the network revision through its signal.
    for referral in chain:
        referral.delete()
    return {"organization": organization.ext_id, "chain_removed": removed}


KIND = Kind(
    code=ChangeKind.MEMBER_LEAVE,
    target="organization",
    form_class=MemberLeaveForm,
    current=current,
    initial=initial,
    proposed=proposed,
    display=display,
    apply=apply,
)
