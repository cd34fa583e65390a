"""What the public page of a service shows, read once and handed to the template as plain data.

The template never receives the `Service` model: it gets a `ServicePage` whose place is written
by `rete.directory.api.location_to_dict`, the one function that writes a location for the
public (a confidential location: its comune only). So no template, however edited, can reach a
shelter's address or coordinates.

Hours, holidays and "open now" come from the routing snapshot (the engine and the network
document it was built from): the page says what the 1522 routing decides on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language_info

from rete.directory.api import location_to_dict
from rete.directory.hours import format_phone, opening_phrase
from rete.directory.models import Language, Service
from rete.directory.selectors import service_opening
from rete.directory.service_hours import service_hours
from rete.geography.models import Comune
from rete.network.models import Referral
from rete.portal.service_page.closures import holiday_rule, upcoming_notices
from rete.portal.service_page.places import places_describe
from rete.routing.engine import ROME, NetworkSnapshot


@dataclass(frozen=True, slots=True)
class PhoneLink:
    number: str  # E.164, for the tel: link
    display: str  # as read aloud in Italy: "080 574 1461"


@dataclass(frozen=True, slots=True)
class Opening:
    open_now: bool
    phrase: str  # "open now", "opens tomorrow at 9:00", ...
    next_opening: datetime | None  # Europe/Rome


@dataclass(frozen=True, slots=True)
class TerritoryLink:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class ServicePage:
    service_id: str
    name: str
    organization: str
    kind: str
    description: str
    accessibility: str
    phones: list[PhoneLink]
    # location_to_dict's answer: {"comune": {...}, "confidential": True} for a shelter,
    # else also "address"; None when the service has no location.
    place: dict | None
    opening: Opening
    hours: list[str]
    holiday_rule: str
    upcoming: list[str]
    languages: list[str]
    area: list[str]
    territories: list[TerritoryLink]


def phone_links(numbers: list[str]) -> list[PhoneLink]:
    return [PhoneLink(number=number, display=format_phone(number)) for number in numbers]


def opening_get(snapshot: NetworkSnapshot, service_id: str, now: datetime) -> Opening:
    """Open now or the next opening, per the routing engine, with its phrase."""
    state = service_opening(snapshot, service_id, now)
    next_opening = state.next_opening.astimezone(ROME) if state.next_opening else None
    return Opening(
        open_now=state.open_now,
        phrase=opening_phrase(state.open_now, next_opening, now=now),
        next_opening=next_opening,
    )


def language_name(language: Language) -> str:
    """The language's name in the reader's language where Django knows it, else as stored."""
    try:
        return str(get_language_info(language.code)["name_translated"])
    except KeyError:
        return language.name


def service_page_get(
    *, service_id: str, snapshot: NetworkSnapshot, now: datetime
) -> ServicePage | None:
    """The public page of the service with this network-file id, or None. Six queries."""
    service = (
        Service.objects.select_related("organization", "location__comune__province")
        .prefetch_related(
            "phones",
            "languages",
            "area_provinces",
            Prefetch("area_comuni", queryset=Comune.objects.order_by("name")),
            Prefetch(
                "referrals",
                queryset=Referral.objects.select_related("territory").order_by("territory__name"),
            ),
        )
        .filter(ext_id=service_id)
        .first()
    )
    if service is None:
        return None
    today: date = timezone.localdate(now, ROME)
    hours = service_hours(snapshot, service.ext_id)
    compiled = snapshot.services.get(service.ext_id)
    place = location_to_dict(service)
    return ServicePage(
        service_id=service.ext_id,
        name=service.name,
        organization=service.organization.name,
        kind=str(service.get_kind_display()),
        description=service.description,
        accessibility=service.accessibility,
        phones=phone_links([phone.number for phone in service.phones.all()]),
        place=place,
        opening=opening_get(snapshot, service.ext_id, now),
        hours=hours.lines(on=today),
        holiday_rule=holiday_rule(
            compiled, comune=place["comune"]["name"] if place else "", on=today
        ),
        upcoming=upcoming_notices(hours, compiled, on=today),
        languages=[language_name(language) for language in service.languages.all()],
        area=places_describe(
            provinces=list(service.area_provinces.all()), comuni=list(service.area_comuni.all())
        ),
        territories=[
            TerritoryLink(code=referral.territory.code, name=referral.territory.name)
            for referral in service.referrals.all()
        ],
    )
