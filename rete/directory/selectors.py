"""Reads of the directory of services, for the public API and pages.

Reading a page of services costs a fixed number of queries whatever its size: related
records are prefetched. "Open at an instant" is the routing engine's answer on the current
routing snapshot, so the directory and the 1522 console never disagree about opening hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from rete.directory.models import Service
from rete.geography.models import Comune
from rete.routing.engine import NetworkSnapshot, is_open, next_opening

SERVICE_PAGE_DEFAULT = 50
SERVICE_PAGE_MAX = 200


@dataclass(frozen=True, slots=True)
class ServicePage:
    count: int
    services: list[Service]


@dataclass(frozen=True, slots=True)
class OpeningState:
    open_now: bool
    next_opening: datetime | None  # Europe/Rome; None when open now or nothing within 60 days


def service_queryset() -> QuerySet[Service]:
    """Services with everything the public API shows, prefetched (nine queries a page)."""
    return Service.objects.select_related(
        "organization", "location__comune__province"
    ).prefetch_related(
        "phones",
        "schedules",
        "closed_dates",
        "special_openings",
        "languages",
        "area_provinces",
        Prefetch("area_comuni", queryset=Comune.objects.only("code", "province_id")),
    )


def service_list(
    *,
    snapshot: NetworkSnapshot | None = None,
    comune: Comune | None = None,
    kind: str | None = None,
    language: str | None = None,
    province: str | None = None,
    open_at: datetime | None = None,
    limit: int = SERVICE_PAGE_DEFAULT,
    offset: int = 0,
) -> ServicePage:
    """A page of services by name, filtered:

    - `comune`: whose service area covers it (the comune itself or its province);
    - `kind`: of that kind; `language`: offered in that language (ISO 639-1);
    - `province` (sigla): located in a comune of that province;
    - `open_at` (aware): open at that instant, per the engine on `snapshot`.
    """
    services = Service.objects.all()
    if comune is not None:
        services = services.filter(
            Q(area_comuni=comune) | Q(area_provinces=comune.province_id)
        ).distinct()
    if kind:
        services = services.filter(kind=kind)
    if language:
        services = services.filter(languages__code=language)
    if province:
        services = services.filter(location__comune__province_id=province)
    services = services.order_by("name", "ext_id")

    if open_at is None:
        count = services.count()
        if count <= offset:
            return ServicePage(count=count, services=[])
        # The filters join many-to-many tables: select the page's rows by id, so that the
        # prefetches run on plain rows.
        page = service_queryset().filter(pk__in=services.values("pk")).order_by("name", "ext_id")
        return ServicePage(count=count, services=list(page[offset : offset + limit]))

    # Opening hours live in the snapshot, not in SQL: filter the ids in Python, then read
    # the page's rows.
    assert snapshot is not None, "open_at needs the routing snapshot"
    matching = [
        pk
        for pk, ext_id in services.values_list("pk", "ext_id")
        if ext_id in snapshot.services and is_open(snapshot, ext_id, open_at)
    ]
    wanted = matching[offset : offset + limit]
    rows = {s.pk: s for s in service_queryset().filter(pk__in=wanted)} if wanted else {}
    return ServicePage(count=len(matching), services=[rows[pk] for pk in wanted if pk in rows])


def service_get(*, ext_id: str) -> Service | None:
    return service_queryset().filter(ext_id=ext_id).first()


def service_opening(snapshot: NetworkSnapshot, ext_id: str, at: datetime) -> OpeningState:
    """Whether the service is open at `at` and, if not, when it next opens (60 days ahead).

    A service not yet in the snapshot (created less than a snapshot check ago) shows closed
    with no next opening until the snapshot catches up.
    """
    if ext_id not in snapshot.services:
        return OpeningState(open_now=False, next_opening=None)
    if is_open(snapshot, ext_id, at):
        return OpeningState(open_now=True, next_opening=None)
    return OpeningState(open_now=False, next_opening=next_opening(snapshot, ext_id, at))
