"""What the public territory pages show: each ATR with its protocol's state, the comuni it
covers and its referral chain, as plain data for the templates.

A protocol is "in force" on the page's date (Europe/Rome) by `Protocol.in_force_on`, the rule
the routing snapshot applies; the chain's "open now" is the routing engine's answer on the
current snapshot. Services are named with their phones and comune only: a chain may hold a
shelter, whose place is written by `location_to_dict` (comune only) like everywhere public.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.directory.api import location_to_dict
from rete.directory.models import Phone
from rete.geography.models import Province
from rete.network.models import Protocol, ProtocolStatus, Referral, Territory
from rete.network.selectors import TerritorySummary, territory_get, territory_list
from rete.portal.service_page.places import places_describe
from rete.portal.service_page.selectors import Opening, PhoneLink, opening_get, phone_links
from rete.routing.engine import ROME, NetworkSnapshot


@dataclass(frozen=True, slots=True)
class ProtocolState:
    """One protocol of a territory as the public reads it."""

    title: str
    kind: str
    status: str  # "in force", "expired", "not yet in force", "draft", "terminated"
    in_force: bool
    signed_on: date | None
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True, slots=True)
class TerritoryItem:
    code: str
    name: str
    region: str
    protocol: ProtocolState | None  # the one in force, else the latest
    chain_length: int


@dataclass(frozen=True, slots=True)
class RegionGroup:
    name: str
    territories: list[TerritoryItem]


@dataclass(frozen=True, slots=True)
class ChainStep:
    priority: int
    service_id: str
    name: str
    kind: str
    comune: str
    phones: list[PhoneLink]
    opening: Opening


@dataclass(frozen=True, slots=True)
class TerritoryPage:
    code: str
    name: str
    region: str
    description: str
    protocol: ProtocolState | None  # in force now, else the latest
    protocols: list[ProtocolState]  # every version, newest first
    coverage: list[str]  # "the province of Bari (BA)"
    comuni_count: int
    chain: list[ChainStep]


def protocol_state(protocol: Protocol, *, today: date) -> ProtocolState:
    in_force = protocol.in_force_on(today)
    if in_force:
        status = _("in force")
    elif protocol.status != ProtocolStatus.ACTIVE:
        status = str(protocol.get_status_display())
    elif protocol.valid_from > today:
        status = _("not yet in force")
    else:
        status = _("expired")
    return ProtocolState(
        title=protocol.title,
        kind=str(protocol.get_kind_display()),
        status=status,
        in_force=in_force,
        signed_on=protocol.signed_on,
        valid_from=protocol.valid_from,
        valid_to=protocol.valid_to,
    )


def territory_groups(*, now: datetime) -> list[RegionGroup]:
    """Every territory with its protocol's state on `now`'s date, grouped by region, regions
    and territories by name."""
    today = timezone.localdate(now, ROME)
    regions = _regions_by_province()
    groups: dict[str, list[TerritoryItem]] = defaultdict(list)
    for summary in territory_list(day=today):
        item = _item(summary, regions, today)
        groups[item.region].append(item)
    return [
        RegionGroup(name=region, territories=sorted(items, key=lambda t: t.name.casefold()))
        for region, items in sorted(groups.items(), key=lambda pair: pair[0].casefold())
    ]


def territory_page_get(
    *, code: str, snapshot: NetworkSnapshot, now: datetime
) -> TerritoryPage | None:
    """The public page of the territory with this code, or None."""
    today = timezone.localdate(now, ROME)
    summary = territory_get(code=code, day=today)
    if summary is None:
        return None
    territory = summary.territory
    regions = _regions_by_province()
    protocols = [protocol_state(p, today=today) for p in territory.protocols.all()]
    return TerritoryPage(
        code=territory.code,
        name=territory.name,
        region=_region(territory, regions),
        description=territory.description,
        protocol=_current(protocols),
        protocols=protocols,
        coverage=places_describe(
            provinces=list(territory.provinces.all()), comuni=list(territory.comuni.all())
        ),
        comuni_count=summary.comuni_count,
        chain=_chain(territory, snapshot, now),
    )


def _item(summary: TerritorySummary, regions: dict[str, str], today: date) -> TerritoryItem:
    territory = summary.territory
    protocols = [protocol_state(p, today=today) for p in territory.protocols.all()]
    return TerritoryItem(
        code=territory.code,
        name=territory.name,
        region=_region(territory, regions),
        protocol=_current(protocols),
        chain_length=len(territory.referrals.all()),
    )


def _current(protocols: list[ProtocolState]) -> ProtocolState | None:
    """The protocol in force, else the latest one (protocols come newest first)."""
    for protocol in protocols:
        if protocol.in_force:
            return protocol
    return protocols[0] if protocols else None


def _chain(territory: Territory, snapshot: NetworkSnapshot, now: datetime) -> list[ChainStep]:
    referrals = list(
        Referral.objects.filter(territory=territory)
        .select_related("service__location__comune")
        .prefetch_related(
            Prefetch("service__phones", queryset=Phone.objects.order_by("position", "id"))
        )
        .order_by("priority")
    )
    steps = []
    for referral in referrals:
        service = referral.service
        place = location_to_dict(service)
        steps.append(
            ChainStep(
                priority=referral.priority,
                service_id=service.ext_id,
                name=service.name,
                kind=str(service.get_kind_display()),
                comune=place["comune"]["name"] if place else "",
                phones=phone_links([phone.number for phone in service.phones.all()]),
                opening=opening_get(snapshot, service.ext_id, now),
            )
        )
    return steps


def _regions_by_province() -> dict[str, str]:
    return dict(Province.objects.values_list("sigla", "region__name"))


def _region(territory: Territory, regions: dict[str, str]) -> str:
    """The region of the territory's first province or, for a city, of its first comune."""
    for province in territory.provinces.all():
        return regions.get(province.sigla, "")
    for comune in territory.comuni.all():
        return regions.get(comune.province_id, "")
    return ""
