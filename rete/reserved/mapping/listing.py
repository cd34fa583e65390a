"""The detailed mapping as rows: the services the person may see, filtered, with the
address of a confidential one only where rete.reserved.mapping.access allows it.

Used by the list page and its CSV export, so that both show the same services in the same
way. Opening hours are the routing snapshot's (rete.directory.service_hours), the hours the
1522 console reads to a caller; if the snapshot cannot be had, the weekly rules are read
from the database instead.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from rete.accounts.scopes import Scope
from rete.directory.hours import hours_describe
from rete.directory.models import Location, Phone, Schedule, Service
from rete.directory.service_hours import service_hours
from rete.geography.models import Province
from rete.geography.text import fold
from rete.network.models import Territory
from rete.reserved.mapping.access import confidential_addresses_visible_among
from rete.reserved.mapping.selectors import services_in_territories, services_visible
from rete.routing.engine import NetworkSnapshot
from rete.routing.snapshot import SnapshotUnavailable, routing_snapshot

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MappingFilters:
    territory: Territory | None = None
    kind: str = ""
    place: str = ""  # a comune or a province, as typed
    confidential_only: bool = False

    def audit_details(self) -> dict[str, object]:
        """The filters as codes for the audit log: never the text a person typed."""
        return {
            "territory": self.territory.code if self.territory else "",
            "kind": self.kind,
            "place_filter": bool(self.place),
            "confidential_only": self.confidential_only,
        }


@dataclass(frozen=True, slots=True)
class MappingRow:
    pk: int
    service_id: str
    name: str
    organization: str
    kind: str
    confidential: bool
    # False: a confidential address the person may not see ("riservato"); address and
    # coordinates are then empty, not merely hidden by the template.
    address_visible: bool
    address: str
    comune: str
    province: str
    latitude: Decimal | None
    longitude: Decimal | None
    phones: tuple[str, ...]
    hours: tuple[str, ...]


def mapping_queryset(scope: Scope, filters: MappingFilters) -> QuerySet[Service]:
    services = services_visible(scope)
    if filters.territory is not None:
        services = services.filter(
            pk__in=services_in_territories([filters.territory.pk]).values("pk")
        )
    if filters.kind:
        services = services.filter(kind=filters.kind)
    if filters.place:
        services = services.filter(_place_filter(filters.place))
    if filters.confidential_only:
        services = services.filter(location__confidential=True)
    return (
        services.select_related("organization", "location__comune__province")
        .prefetch_related(
            Prefetch("phones", queryset=Phone.objects.order_by("position", "id")),
            Prefetch("schedules", queryset=Schedule.objects.order_by("id")),
        )
        .order_by("name", "pk")
    )


def _place_filter(text: str) -> Q:
    """A province's sigla ("BA") means that province; other text, the comuni and provinces
    whose name holds it, accents and case ignored."""
    text = text.strip()
    if len(text) == 2 and Province.objects.filter(sigla__iexact=text).exists():
        return Q(location__comune__province__sigla__iexact=text)
    return Q(location__comune__search_name__contains=fold(text)) | Q(
        location__comune__province__name__icontains=text
    )


def _snapshot() -> NetworkSnapshot | None:
    try:
        return routing_snapshot()
    except SnapshotUnavailable:
        logger.warning("Reserved mapping: routing snapshot unavailable, hours from the database")
        return None


def hours_lines(service: Service, snapshot: NetworkSnapshot | None, *, on: date) -> list[str]:
    if snapshot is not None:
        return service_hours(snapshot, service.ext_id).lines(on=on)
    rules = [
        {
            "byday": rule.byday,
            "opens_at": rule.opens_at,
            "closes_at": rule.closes_at,
            "valid_from": rule.valid_from,
            "valid_to": rule.valid_to,
        }
        for rule in service.schedules.all()
    ]
    return hours_describe(rules, on=on)


def _location(service: Service) -> Location | None:
    try:
        return service.location
    except Location.DoesNotExist:
        return None


def mapping_rows(scope: Scope, services: Sequence[Service], *, on: date) -> list[MappingRow]:
    """One row per service, in the order given; the addresses decided in one query."""
    confidential_ids = [
        service.pk
        for service in services
        if (location := _location(service)) is not None and location.confidential
    ]
    allowed = confidential_addresses_visible_among(scope, confidential_ids)
    snapshot = _snapshot()
    rows = []
    for service in services:
        location = _location(service)
        confidential = location is not None and location.confidential
        visible = not confidential or service.pk in allowed
        rows.append(
            MappingRow(
                pk=service.pk,
                service_id=service.ext_id,
                name=service.name,
                organization=service.organization.name,
                kind=str(service.get_kind_display()),
                confidential=confidential,
                address_visible=visible,
                address=location.address if location is not None and visible else "",
                comune=location.comune.name if location is not None else "",
                province=location.comune.province_id if location is not None else "",
                latitude=location.latitude if location is not None and visible else None,
                longitude=location.longitude if location is not None and visible else None,
                phones=tuple(phone.number for phone in service.phones.all()),
                hours=tuple(hours_lines(service, snapshot, on=on)),
            )
        )
    return rows


def confidential_shown(rows: Sequence[MappingRow]) -> int:
    """How many confidential addresses the rows show (what the audit entry counts)."""
    return sum(1 for row in rows if row.confidential and row.address_visible)
