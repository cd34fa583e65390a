"""Small helpers that write the records of a `rete-network/1` document.

The demo network is written with them so that every record has the exact shape of the
network file (DESIGN.md, "Network file") and the data tables stay short.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
WEEKDAYS = "MO,TU,WE,TH,FR"

# Italian geographic numbers have 10 digits in all (area code included).
NATIONAL_LENGTH = 10
# The subscriber part of every demo number starts with these zeros: subscriber numbers
# are not handed out from the bottom of a range, so the numbers are very unlikely to
# belong to anybody. They are fictitious all the same: nothing guarantees them unassigned.
FICTITIOUS_PREFIX = "0000"


@dataclass(frozen=True, slots=True)
class Place:
    """A comune where demo services are: its ISTAT code, province and telephone area code."""

    slug: str
    name: str
    comune: str
    province: str
    area_code: str
    lat: float
    lon: float


def schedule(
    byday: str,
    opens_at: str,
    closes_at: str,
    *,
    valid_from: str | None = None,
    valid_to: str | None = None,
) -> dict:
    return {
        "byday": byday,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


def special_opening(date: str, opens_at: str, closes_at: str) -> dict:
    return {"date": date, "opens_at": opens_at, "closes_at": closes_at}


@dataclass
class NetworkBuilder:
    """Collects organisations, services and referral chains in insertion order.

    Phone numbers are handed out per area code in call order, so the same build
    always gives the same numbers.
    """

    organizations: list[dict] = field(default_factory=list)
    services: list[dict] = field(default_factory=list)
    referrals: list[dict] = field(default_factory=list)
    _phone_counters: dict[str, int] = field(default_factory=dict)

    def phone(self, area_code: str) -> str:
        """The next fictitious number of the area code, e.g. '+39 051 0000001'."""
        width = NATIONAL_LENGTH - len(area_code)
        sequence = self._phone_counters.get(area_code, 0) + 1
        self._phone_counters[area_code] = sequence
        suffix = str(sequence).zfill(width - len(FICTITIOUS_PREFIX))
        if len(suffix) > width - len(FICTITIOUS_PREFIX):
            raise ValueError(f"Too many demo numbers for area code {area_code}.")
        return f"+39 {area_code} {FICTITIOUS_PREFIX}{suffix}"

    def organization(self, ext_id: str, name: str, kind: str, *, tax_id: str | None = None) -> str:
        self.organizations.append({"id": ext_id, "name": name, "kind": kind, "tax_id": tax_id})
        return ext_id

    def service(
        self,
        ext_id: str,
        *,
        organization: str,
        name: str,
        kind: str,
        place: Place,
        address: str,
        schedules: Sequence[dict],
        phones: Sequence[str] | None = None,
        confidential: bool = False,
        closed_dates: Iterable[dict] = (),
        special_openings: Iterable[dict] = (),
        open_on_holidays: bool = False,
        languages: Sequence[str] = ("it",),
        area_provinces: Sequence[str] | None = None,
        area_comuni: Sequence[str] = (),
    ) -> str:
        """Add a service located in `place`. Its service area is the province of the place
        unless `area_provinces` (possibly empty) or `area_comuni` say otherwise."""
        if area_provinces is None:
            area_provinces = () if area_comuni else (place.province,)
        self.services.append(
            {
                "id": ext_id,
                "organization": organization,
                "name": name,
                "kind": kind,
                "phones": list(phones) if phones is not None else [self.phone(place.area_code)],
                "location": {
                    "address": address,
                    "comune": place.comune,
                    # A shelter's position is secret: the demo does not even store one.
                    "lat": None if confidential else place.lat,
                    "lon": None if confidential else place.lon,
                    "confidential": confidential,
                },
                "schedules": list(schedules),
                "closed_dates": list(closed_dates),
                "special_openings": list(special_openings),
                "open_on_holidays": open_on_holidays,
                "languages": list(languages),
                "service_area": {"provinces": list(area_provinces), "comuni": list(area_comuni)},
            }
        )
        return ext_id

    def chain(self, territory: str, *services: str) -> None:
        """The territory's referral chain, in priority order."""
        for priority, service in enumerate(services, start=1):
            self.referrals.append(
                {"territory": territory, "service": service, "priority": priority}
            )
