"""Reads of the network registry: territories with their protocol in force and referral chain.

Each read costs a fixed number of queries, whatever the number of territories.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from rete.geography.models import Comune
from rete.network.models import Protocol, Referral, Territory


@dataclass(frozen=True, slots=True)
class ProtocolInForce:
    valid_from: datetime.date
    valid_to: datetime.date | None
    status: str


@dataclass(frozen=True, slots=True)
class TerritorySummary:
    territory: Territory
    comuni_count: int
    protocol: ProtocolInForce | None


def _territories() -> QuerySet[Territory]:
    return Territory.objects.order_by("code").prefetch_related(
        "provinces",
        Prefetch("comuni", queryset=Comune.objects.order_by("name", "code")),
        Prefetch("protocols", queryset=Protocol.objects.order_by("-valid_from", "-id")),
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related("service").order_by("priority"),
        ),
    )


def _summaries(territories: list[Territory], *, day: datetime.date) -> list[TerritorySummary]:
    comuni_per_province = dict(
        Comune.objects.values_list("province_id")
        .annotate(n=Count("code"))
        .values_list("province_id", "n")
    )
    summaries = []
    for territory in territories:
        sigle = {province.sigla for province in territory.provinces.all()}
        # A comune listed explicitly inside a covered province counts once.
        extra = sum(1 for comune in territory.comuni.all() if comune.province_id not in sigle)
        count = sum(comuni_per_province.get(sigla, 0) for sigla in sigle) + extra
        summaries.append(
            TerritorySummary(
                territory=territory,
                comuni_count=count,
                protocol=_protocol_in_force(territory, day),
            )
        )
    return summaries


def _protocol_in_force(territory: Territory, day: datetime.date) -> ProtocolInForce | None:
    # Protocols come newest first: an amendment or a renewal in force wins over the original.
    for protocol in territory.protocols.all():
        if protocol.in_force_on(day):
            return ProtocolInForce(
                valid_from=protocol.valid_from, valid_to=protocol.valid_to, status=protocol.status
            )
    return None


def territory_list(*, day: datetime.date | None = None) -> list[TerritorySummary]:
    """Every territory by code, with its comuni count and its protocol in force on `day`
    (today in Europe/Rome by default). Six queries."""
    return _summaries(list(_territories()), day=day or timezone.localdate())


def territory_get(*, code: str, day: datetime.date | None = None) -> TerritorySummary | None:
    territories = list(_territories().filter(code=code))
    if not territories:
        return None
    return _summaries(territories, day=day or timezone.localdate())[0]
