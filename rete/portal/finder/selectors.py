"""Reads of the service finder: which comune the reader means, and which services to show her,
in which order, with what the page says of each.

Privacy: a confidential location (a shelter) has no public address and no public
coordinates. `FinderResult` is the one place the finder copies a location into, and it copies
a confidential one as its comune only; ordering by distance reads coordinates only of
locations that are not confidential.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Q, QuerySet

from rete.directory.hours import format_phone, opening_phrase
from rete.directory.kinds import ServiceKind
from rete.directory.models import Language, Location, Service
from rete.directory.selectors import service_opening
from rete.geography.models import Comune
from rete.geography.selectors import comune_search
from rete.geography.text import fold
from rete.portal.finder.kinds import ALL_KINDS, KIND_RANK, kinds_of
from rete.portal.finder.languages import language_label
from rete.routing.engine import NetworkSnapshot, UnknownComune, decide
from rete.routing.engine.clock import local_instant

# "Use my position" lists this many located services, nearest first.
NEAR_LIMIT = 25
EARTH_RADIUS_KM = 6371.0088
# "Bari (BA)", as the autocomplete shows a comune: the name and its province's sigla.
NAME_WITH_PROVINCE = re.compile(r"^(?P<name>.+?)\s*\((?P<sigla>[A-Za-z]{2})\)$")


@dataclass(frozen=True, slots=True)
class FinderFilters:
    kind: str = ALL_KINDS  # a key of KIND_GROUPS, or "all"
    language: str = ""  # ISO 639-1 code, "" for any
    open_now: bool = False


@dataclass(frozen=True, slots=True)
class FinderPhone:
    number: str  # E.164, for tel: links
    display: str  # "080 574 1461"


@dataclass(frozen=True, slots=True)
class FinderResult:
    """A service as the finder shows it. A confidential location gives its comune only:
    `address` is empty and the coordinates are None."""

    service_id: str
    name: str
    kind: str
    kind_label: str
    organization: str
    phones: tuple[FinderPhone, ...]
    comune_code: str
    comune_name: str
    province: str
    address: str
    confidential: bool
    latitude: float | None
    longitude: float | None
    open_now: bool
    opening: str  # "open now", "opens on Monday at 9:00"
    languages: tuple[str, ...]
    distance_km: float | None = None


@dataclass(frozen=True, slots=True)
class TerritoryReferral:
    """The routing engine's answer for a comune of a territory in force: the territory and
    the service its referral chain puts first now."""

    territory: str
    service_id: str
    service_name: str
    phone: FinderPhone | None
    open_now: bool
    opening: str


# --- Comuni ---------------------------------------------------------------------------------


def comune_resolve(*, text: str) -> list[Comune]:
    """The comuni the typed text may mean, accent- and case-insensitive.

    The comuni named exactly so (one, or several homonyms in different provinces) when there
    are any; otherwise those whose name contains the text, as the autocomplete lists them
    (at most 20). "Bari (BA)" narrows to the province. None for an empty text.
    """
    text = text.strip()
    sigla = ""
    if match := NAME_WITH_PROVINCE.match(text):
        text, sigla = match["name"], match["sigla"].upper()
    needle = fold(text)
    if not needle:
        return []
    in_province = Comune.objects.filter(province_id=sigla) if sigla else Comune.objects.all()
    # search_name is "name" or "name other-name" (Bolzano Bozen): an exact name is the
    # whole field, its start or its end; the Python check drops "mola di bari" for "bari".
    near = in_province.filter(
        Q(search_name=needle)
        | Q(search_name__startswith=f"{needle} ")
        | Q(search_name__endswith=f" {needle}")
    ).select_related("province")
    exact = [c for c in near if needle in (fold(c.name), fold(c.name_other))]
    if exact:
        return sorted(exact, key=lambda c: (c.name, c.province_id))
    found = comune_search(query=text)
    if sigla:
        return [c for c in found if c.province_id == sigla]
    return list(found)


def comune_get(*, code: str) -> Comune | None:
    if not re.fullmatch(r"[0-9]{6}", code):
        return None
    return Comune.objects.select_related("province").filter(code=code).first()


def finder_language_choices() -> list[tuple[str, str]]:
    """The languages some service declares, named in the reader's language, by name."""
    languages = Language.objects.filter(services__isnull=False).distinct()
    named = [
        (language.code, language_label(language.code, language.name)) for language in languages
    ]
    return sorted(named, key=lambda item: fold(item[1]))


# --- Services for a comune ------------------------------------------------------------------


def finder_ids_for_comune(
    *, comune: Comune, filters: FinderFilters, snapshot: NetworkSnapshot, at: datetime
) -> list[str]:
    """The ids of the services whose service area covers the comune, filtered, most useful
    first: open now, then located in the comune, in its province, elsewhere; then by kind
    (anti-violence centres first) and name.

    Read from the routing snapshot — the services covering each comune, their kinds, places
    and hours are all there — so that ordering a long list costs no query; only the language
    filter asks the database, once. The page shown is built by `finder_results`.
    """
    caller = snapshot.comuni.get(comune.code)
    if caller is None:
        return []
    kinds = kinds_of(filters.kind)
    speaking = _services_speaking(filters.language) if filters.language else None
    local = local_instant(at)
    ranked = []
    for service in snapshot.area_services(caller):
        if kinds is not None and service.kind not in kinds:
            continue
        if speaking is not None and service.id not in speaking:
            continue
        open_now = service.open_at(local)
        if filters.open_now and not open_now:
            continue
        where = snapshot.comuni.get(service.comune)
        if service.comune == caller.code:
            place = 0
        elif where is not None and where.province == caller.province:
            place = 1
        else:
            place = 2
        rank = KIND_RANK.get(service.kind, len(KIND_RANK))
        ranked.append((not open_now, place, rank, service.sort_name, service.id))
    ranked.sort()
    return [key[-1] for key in ranked]


def finder_shown_ids(*, snapshot: NetworkSnapshot, comune_code: str) -> set[str]:
    """Every service whose opening state a finder page for the comune may show: those
    covering it (whatever the filters) and the referral chains of its territories."""
    caller = snapshot.comuni.get(comune_code)
    if caller is None:
        return set()
    shown = {service.id for service in snapshot.area_services(caller)}
    for territory in snapshot.coverage.get(comune_code, ()):
        shown.update(service.id for service in territory.chain)
    return shown


def finder_results(
    *, service_ids: list[str], snapshot: NetworkSnapshot, at: datetime
) -> list[FinderResult]:
    """The services of `service_ids` as the finder shows them, in that order."""
    rows = {service.ext_id: service for service in _shown().filter(ext_id__in=service_ids)}
    return [_result(rows[pk], snapshot=snapshot, at=at) for pk in service_ids if pk in rows]


def _shown() -> QuerySet[Service]:
    """Services with what a result shows, and no more: hours come from the snapshot, and
    the service areas (thousands of comuni for some) are not shown. Three queries."""
    return Service.objects.select_related("organization", "location__comune").prefetch_related(
        "phones", "languages"
    )


def _services_speaking(language: str) -> frozenset[str]:
    return frozenset(
        Service.objects.filter(languages__code=language).values_list("ext_id", flat=True)
    )


def territory_referral(
    *, snapshot: NetworkSnapshot, comune_code: str, at: datetime
) -> TerritoryReferral | None:
    """When the comune is in a territory in force with a referral chain: the territory and
    the service the engine would transfer a 1522 call to (open now), or the first service of
    its chain with its next opening. None otherwise."""
    try:
        decision = decide(snapshot, comune_code, at)
    except UnknownComune:
        return None
    target = decision.target
    if decision.mode not in ("transfer", "out_of_hours") or target is None:
        return None
    if decision.territory is None:
        return None
    return TerritoryReferral(
        territory=decision.territory.name,
        service_id=target.service_id,
        service_name=target.name,
        phone=FinderPhone(target.phone, format_phone(target.phone)) if target.phone else None,
        open_now=target.open_now,
        opening=opening_phrase(target.open_now, target.next_opening, now=at),
    )


# --- Services near a position ---------------------------------------------------------------


def finder_results_near(
    *,
    latitude: float,
    longitude: float,
    filters: FinderFilters,
    snapshot: NetworkSnapshot,
    at: datetime,
    limit: int = NEAR_LIMIT,
) -> list[FinderResult]:
    """The services nearest to a position, by great-circle distance from their public
    coordinates, with the distance.

    Services without public coordinates (shelters, whose location is confidential, and
    services whose coordinates are unknown) have no distance: those whose service area
    covers the comune of the nearest located service are listed, without distance, after
    the located services of that comune. The position is used here and forgotten.
    """
    services = _filtered(filters)
    public = Q(location__confidential=False, location__latitude__isnull=False)

    located = []
    for pk, ext_id, lat, lon in services.filter(public).values_list(
        "pk", "ext_id", "location__latitude", "location__longitude"
    ):
        if filters.open_now and not service_opening(snapshot, ext_id, at).open_now:
            continue
        located.append((_distance_km(latitude, longitude, float(lat), float(lon)), ext_id, pk))
    located.sort()
    located = located[:limit]

    anchor = _nearest_located_comune(latitude, longitude)
    unlocated_pks: list[int] = []
    if anchor is not None:
        covering = services.exclude(public).filter(
            Q(area_comuni=anchor) | Q(area_provinces=anchor.province_id)
        )
        unlocated_pks = [
            pk
            for pk, ext_id in covering.values_list("pk", "ext_id").distinct()
            if not filters.open_now or service_opening(snapshot, ext_id, at).open_now
        ]

    rows = {s.pk: s for s in _shown().filter(pk__in=[pk for *_, pk in located] + unlocated_pks)}
    near = [
        _with_distance(_result(rows[pk], snapshot=snapshot, at=at), distance)
        for distance, _ext_id, pk in located
        if pk in rows
    ]
    others = sorted(
        (_result(rows[pk], snapshot=snapshot, at=at) for pk in unlocated_pks if pk in rows),
        key=lambda r: (not r.open_now, KIND_RANK.get(r.kind, len(KIND_RANK)), fold(r.name)),
    )
    if anchor is None or not others:
        return near
    in_anchor = [i for i, result in enumerate(near) if result.comune_code == anchor.code]
    cut = in_anchor[-1] + 1 if in_anchor else 0
    return near[:cut] + others + near[cut:]


def _nearest_located_comune(latitude: float, longitude: float) -> Comune | None:
    """The comune of the located service nearest to the position, whatever the filters:
    the best guess the public data allows of where she is."""
    nearest = min(
        (
            (_distance_km(latitude, longitude, float(lat), float(lon)), comune)
            for lat, lon, comune in Location.objects.filter(
                confidential=False, latitude__isnull=False
            ).values_list("latitude", "longitude", "comune_id")
        ),
        default=None,
    )
    return comune_get(code=nearest[1]) if nearest else None


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# --- Building results -----------------------------------------------------------------------


def _filtered(filters: FinderFilters) -> QuerySet[Service]:
    services = Service.objects.all()
    kinds = kinds_of(filters.kind)
    if kinds is not None:
        services = services.filter(kind__in=kinds)
    if filters.language:
        services = services.filter(languages__code=filters.language)
    return services


def _result(service: Service, *, snapshot: NetworkSnapshot, at: datetime) -> FinderResult:
    opening = service_opening(snapshot, service.ext_id, at)
    location = _location(service)
    confidential = location is None or location.confidential
    public_coordinates = (
        not confidential and location.latitude is not None and location.longitude is not None
    )
    return FinderResult(
        service_id=service.ext_id,
        name=service.name,
        kind=service.kind,
        kind_label=str(ServiceKind(service.kind).label)
        if service.kind in ServiceKind.values
        else "",
        organization=service.organization.name,
        phones=tuple(
            FinderPhone(phone.number, format_phone(phone.number)) for phone in service.phones.all()
        ),
        comune_code=location.comune.code if location else "",
        comune_name=location.comune.name if location else "",
        province=location.comune.province_id if location else "",
        address="" if confidential else location.address,
        confidential=location is not None and location.confidential,
        latitude=float(location.latitude) if public_coordinates else None,
        longitude=float(location.longitude) if public_coordinates else None,
        open_now=opening.open_now,
        opening=opening_phrase(opening.open_now, opening.next_opening, now=at),
        languages=tuple(
            sorted(
                (language_label(lang.code, lang.name) for lang in service.languages.all()),
                key=fold,
            )
        ),
    )


def _with_distance(result: FinderResult, distance_km: float) -> FinderResult:
    return replace(result, distance_km=round(distance_km, 1))


def _location(service: Service) -> Location | None:
    try:
        return service.location
    except Service.location.RelatedObjectDoesNotExist:
        return None
