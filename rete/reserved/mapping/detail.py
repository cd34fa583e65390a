"""One service as the reserved area shows it: everything the network knows of it, with the
confidential address and coordinates only where rete.reserved.mapping.access allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from rete.accounts.scopes import Scope
from rete.directory.models import ClosedDate, Phone, Schedule, Service, SpecialOpening
from rete.geography.models import Comune
from rete.network.models import Referral
from rete.portal.service_page.places import places_describe
from rete.reserved.mapping.listing import MappingRow, mapping_rows
from rete.reserved.territories.selectors import territories_visible


@dataclass(frozen=True, slots=True)
class ChainMembership:
    territory_code: str
    territory_name: str
    priority: int
    chain_length: int
    linked: bool  # the person may open the territory's page


@dataclass(frozen=True, slots=True)
class ServiceDetail:
    row: MappingRow
    description: str
    accessibility: str
    organization_email: str
    organization_website: str
    open_on_holidays: bool
    languages: list[str]
    area: list[str]
    chains: list[ChainMembership]
    closed_dates: list[ClosedDate]
    special_openings: list[SpecialOpening]


def service_detail(scope: Scope, service: Service, *, on: date) -> ServiceDetail:
    service = (
        Service.objects.select_related("organization", "location__comune__province")
        .prefetch_related(
            Prefetch("phones", queryset=Phone.objects.order_by("position", "id")),
            Prefetch("schedules", queryset=Schedule.objects.order_by("id")),
            "languages",
            "area_provinces",
            Prefetch("area_comuni", queryset=Comune.objects.order_by("name")),
        )
        .get(pk=service.pk)
    )
    (row,) = mapping_rows(scope, [service], on=on)
    referrals = list(
        Referral.objects.filter(service=service)
        .select_related("territory")
        .order_by("territory__name")
    )
    lengths = {
        territory_id: Referral.objects.filter(territory_id=territory_id).count()
        for territory_id in {referral.territory_id for referral in referrals}
    }
    linked = set(
        territories_visible(scope).filter(pk__in=lengths.keys()).values_list("pk", flat=True)
    )
    return ServiceDetail(
        row=row,
        description=service.description,
        accessibility=service.accessibility,
        organization_email=service.organization.email,
        organization_website=service.organization.website,
        open_on_holidays=service.open_on_holidays,
        languages=[language.name for language in service.languages.all()],
        area=places_describe(
            provinces=list(service.area_provinces.all()), comuni=list(service.area_comuni.all())
        ),
        chains=[
            ChainMembership(
                territory_code=referral.territory.code,
                territory_name=referral.territory.name,
                priority=referral.priority,
                chain_length=lengths[referral.territory_id],
                linked=referral.territory_id in linked,
            )
            for referral in referrals
        ],
        closed_dates=list(ClosedDate.objects.filter(service=service).order_by("-date")),
        special_openings=list(
            SpecialOpening.objects.filter(service=service).order_by("-date", "opens_at")
        ),
    )
