"""JSON API of the directory: the network's services, public data.

Privacy: a confidential location (a shelter) is published as its comune only, with
`"confidential": true`; its address and coordinates never leave the reserved area.
`service_to_dict` is the one place that writes a location for the public.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from rete.config.api_errors import ErrorOut
from rete.directory.kinds import ServiceKind
from rete.directory.models import Service
from rete.directory.selectors import (
    SERVICE_PAGE_DEFAULT,
    SERVICE_PAGE_MAX,
    service_get,
    service_list,
    service_opening,
)
from rete.geography.models import Comune, Province
from rete.routing.api import parse_instant
from rete.routing.engine import ROME, NetworkSnapshot
from rete.routing.snapshot import routing_snapshot

router = Router()

OFFSET_MAX = 1_000_000
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")
COMUNE_RE = re.compile(r"^[0-9]{6}$")
PROVINCE_RE = re.compile(r"^[A-Z]{2}$")
SERVICE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


class ServiceOrganizationOut(Schema):
    id: str
    name: str


class ServiceComuneOut(Schema):
    code: str
    name: str
    province: str


class PublicLocationOut(Schema):
    address: str
    comune: ServiceComuneOut
    lat: float | None
    lon: float | None
    confidential: Literal[False]


class ConfidentialLocationOut(Schema):
    """A shelter: only the comune is published."""

    comune: ServiceComuneOut
    confidential: Literal[True]


class ScheduleOut(Schema):
    byday: str = Field(examples=["MO,WE,FR"])
    opens_at: str = Field(examples=["09:00"])
    closes_at: str = Field(examples=["13:00"])
    valid_from: date | None
    valid_to: date | None


class SpecialOpeningOut(Schema):
    date: date
    opens_at: str
    closes_at: str


class ServiceAreaOut(Schema):
    provinces: list[str]
    comuni: list[str]


class ServiceOut(Schema):
    id: str
    name: str
    kind: str
    description: str
    organization: ServiceOrganizationOut
    phones: list[str]
    location: PublicLocationOut | ConfidentialLocationOut | None
    schedules: list[ScheduleOut]
    closed_dates: list[date]
    special_openings: list[SpecialOpeningOut]
    open_on_holidays: bool
    languages: list[str]
    accessibility: str = Field(description="Physical and communication access, in words.")
    service_area: ServiceAreaOut
    open_now: bool
    next_opening: datetime | None = Field(
        description="Europe/Rome; null when open now or nothing within 60 days."
    )


class ServiceListOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[ServiceOut]


def _now() -> datetime:
    return datetime.now(UTC)


def _hhmm(value: time) -> str:
    return f"{value:%H:%M}"


def location_to_dict(service: Service) -> dict | None:
    try:
        location = service.location
    except Service.location.RelatedObjectDoesNotExist:
        return None
    comune = location.comune
    where = {"code": comune.code, "name": comune.name, "province": comune.province_id}
    if location.confidential:
        return {"comune": where, "confidential": True}
    return {
        "address": location.address,
        "comune": where,
        "lat": float(location.latitude) if location.latitude is not None else None,
        "lon": float(location.longitude) if location.longitude is not None else None,
        "confidential": False,
    }


def service_to_dict(service: Service, snapshot: NetworkSnapshot, now: datetime) -> dict:
    opening = service_opening(snapshot, service.ext_id, now)
    return {
        "id": service.ext_id,
        "name": service.name,
        "kind": service.kind,
        "description": service.description,
        "organization": {"id": service.organization.ext_id, "name": service.organization.name},
        "phones": [phone.number for phone in service.phones.all()],
        "location": location_to_dict(service),
        "schedules": [
            {
                "byday": s.byday,
                "opens_at": _hhmm(s.opens_at),
                "closes_at": _hhmm(s.closes_at),
                "valid_from": s.valid_from,
                "valid_to": s.valid_to,
            }
            for s in service.schedules.all()
        ],
        "closed_dates": [closed.date for closed in service.closed_dates.all()],
        "special_openings": [
            {"date": s.date, "opens_at": _hhmm(s.opens_at), "closes_at": _hhmm(s.closes_at)}
            for s in service.special_openings.all()
        ],
        "open_on_holidays": service.open_on_holidays,
        "languages": [language.code for language in service.languages.all()],
        "accessibility": service.accessibility,
        "service_area": {
            "provinces": sorted(p.sigla for p in service.area_provinces.all()),
            "comuni": sorted(c.code for c in service.area_comuni.all()),
        },
        "open_now": opening.open_now,
        "next_opening": opening.next_opening.astimezone(ROME) if opening.next_opening else None,
    }


class ServiceFilters(Schema):
    comune: str | None = Field(None, description="ISTAT code: services whose area covers it.")
    kind: ServiceKind | None = None
    open_at: str | None = Field(
        None,
        description="ISO 8601 instant with a UTC offset: services open then.",
        json_schema_extra={"format": "date-time"},
    )
    language: str | None = Field(None, description="ISO 639-1 code, e.g. ar.")
    province: str | None = Field(None, description="Sigla: services located in that province.")
    limit: int = Field(SERVICE_PAGE_DEFAULT, ge=1, le=SERVICE_PAGE_MAX)
    offset: int = Field(0, ge=0, le=OFFSET_MAX)


def _comune(code: str) -> Comune:
    comune = Comune.objects.filter(code=code).first() if COMUNE_RE.match(code) else None
    if comune is None:
        raise HttpError(400, _("Unknown comune: %(code)s.") % {"code": code[:20]})
    return comune


def _province(sigla: str) -> str:
    sigla = sigla.upper()
    if not PROVINCE_RE.match(sigla) or not Province.objects.filter(sigla=sigla).exists():
        raise HttpError(400, _("Unknown province: %(sigla)s.") % {"sigla": sigla[:20]})
    return sigla


def _language(code: str) -> str:
    if not LANGUAGE_RE.match(code):
        raise HttpError(400, _("“language” must be an ISO 639 code, e.g. ar."))
    return code


@router.get(
    "/services",
    response={200: ServiceListOut, 400: ErrorOut, 503: ErrorOut},
    summary="List services",
)
def services_list(request: HttpRequest, filters: Query[ServiceFilters]) -> dict:
    """Services by name, a page at a time (`limit` at most 200, `count` is the total),
    filtered by the comune their service area covers, kind, language, province of their
    location, and whether they are open at an instant."""
    open_at = (
        parse_instant(filters.open_at, name="open_at") if filters.open_at is not None else None
    )
    snapshot = routing_snapshot()
    page = service_list(
        snapshot=snapshot,
        comune=_comune(filters.comune) if filters.comune is not None else None,
        kind=filters.kind.value if filters.kind else None,
        language=_language(filters.language) if filters.language is not None else None,
        province=_province(filters.province) if filters.province is not None else None,
        open_at=open_at,
        limit=filters.limit,
        offset=filters.offset,
    )
    now = _now()
    return {
        "count": page.count,
        "limit": filters.limit,
        "offset": filters.offset,
        "results": [service_to_dict(service, snapshot, now) for service in page.services],
    }


@router.get(
    "/services/{service_id}",
    response={200: ServiceOut, 404: ErrorOut, 503: ErrorOut},
    summary="One service",
)
def services_detail(request: HttpRequest, service_id: str) -> dict:
    service = service_get(ext_id=service_id) if SERVICE_ID_RE.match(service_id) else None
    if service is None:
        raise HttpError(404, _("No service has this id."))
    return service_to_dict(service, routing_snapshot(), _now())
