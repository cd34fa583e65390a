"""What a territory's referents may propose changes about: the territory's services, its
members, its comuni and its protocol in force."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from rete.directory.models import Organization, Service
from rete.geography.models import Comune
from rete.network.models import Protocol, Referral, Territory
from rete.reserved.mapping.selectors import services_in_territories


def territory_services(territory: Territory) -> QuerySet[Service]:
    """The services of the territory, by the reserved area's one rule (its chain, the comuni
    it covers, its protocols' parties: rete.reserved.mapping.selectors)."""
    return (
        services_in_territories([territory.pk])
        .select_related("organization", "location__comune")
        .order_by("name", "pk")
    )


def territory_comuni(territory: Territory) -> QuerySet[Comune]:
    return (
        Comune.objects.filter(Q(territories=territory) | Q(province__territories=territory))
        .distinct()
        .order_by("name", "code")
    )


def protocol_in_force(territory: Territory, *, day: date) -> Protocol | None:
    """The territory's protocol in force on `day`: the newest one (an amendment or a
    renewal wins over the original), else None."""
    for protocol in Protocol.objects.filter(territory=territory).order_by("-valid_from", "-pk"):
        if protocol.in_force_on(day):
            return protocol
    return None


def territory_members(territory: Territory, *, day: date) -> QuerySet[Organization]:
    """The organisations that are members of the territory's network: the parties of its
    protocol in force and the organisations of the services of its referral chain."""
    protocol = protocol_in_force(territory, day=day)
    chain = Referral.objects.filter(territory=territory).values("service__organization_id")
    members = Q(pk__in=chain)
    if protocol is not None:
        members |= Q(pk__in=protocol.parties.values("pk"))
    return Organization.objects.filter(members).order_by("name", "pk")


def chain_next_priority(territory: Territory) -> int:
    last = (
        Referral.objects.filter(territory=territory)
        .order_by("-priority")
        .values_list("priority", flat=True)
        .first()
    )
    return (last or 0) + 1
