"""The `rete-network/1` format: its sections, records and fields.

A document is a JSON object::

    {"format": "rete-network/1",
     "territories": [...], "protocols": [...], "organizations": [...],
     "services": [...], "referrals": [...], "emergency_contacts": [...]}

A missing section is an empty list. Every record is an object whose fields are listed
below, in the order the export writes them; a field not listed is refused, so that a
typo does not pass silently. Optional fields may be omitted and then take the default
shown.

territory       code ("ATR-BA"), name, provinces [sigla] = [], comuni [ISTAT code] = []
protocol        territory (code), signed_on (date) = null, valid_from (date),
                valid_to (date) = null, status (draft | active | terminated),
                title = "", kind (original | amendment | renewal) = "original",
                parties [organization id] = []
organization    id, name, kind, tax_id = null, email = "", website = ""
service         id, organization (id), name, kind, phones [phone] = [], location,
                schedules [schedule] = [], closed_dates [date] = [],
                special_openings [special opening] = [], open_on_holidays = false,
                languages [ISO 639-1] = [], service_area = {"provinces": [], "comuni": []},
                description = ""
location        address, comune (ISTAT code), lat = null, lon = null, confidential = false
schedule        byday ("MO,WE,FR"), opens_at ("HH:MM"), closes_at ("HH:MM"),
                valid_from (date) = null, valid_to (date) = null
special opening date, opens_at, closes_at
service_area    provinces [sigla] = [], comuni [ISTAT code] = []
referral        territory (code), service (id), priority (1, 2, ...)
emergency       province (sigla), name, phone (E.164 or a short number such as 112)

Dates are "YYYY-MM-DD", times "HH:MM" from 00:00 to 23:59 in Europe/Rome wall-clock
time. An interval whose closes_at is not after its opens_at runs past midnight, so equal
times (00:00-00:00, or 09:00-09:00) are a whole 24-hour interval.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT = "rete-network/1"

# Top-level sections, in the order the export writes them.
SECTIONS = (
    "territories",
    "protocols",
    "organizations",
    "services",
    "referrals",
    "emergency_contacts",
)


@dataclass(frozen=True, slots=True)
class Fields:
    """The fields of one kind of record: those that must be there, those that may."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return self.required + self.optional


DOCUMENT = Fields(required=("format",), optional=SECTIONS)
TERRITORY = Fields(required=("code", "name"), optional=("provinces", "comuni"))
PROTOCOL = Fields(
    required=("territory", "valid_from", "status"),
    optional=("signed_on", "valid_to", "title", "kind", "parties"),
)
ORGANIZATION = Fields(required=("id", "name", "kind"), optional=("tax_id", "email", "website"))
SERVICE = Fields(
    required=("id", "organization", "name", "kind", "location"),
    optional=(
        "phones",
        "schedules",
        "closed_dates",
        "special_openings",
        "open_on_holidays",
        "languages",
        "service_area",
        "description",
    ),
)
LOCATION = Fields(required=("address", "comune"), optional=("lat", "lon", "confidential"))
SCHEDULE = Fields(required=("byday", "opens_at", "closes_at"), optional=("valid_from", "valid_to"))
SPECIAL_OPENING = Fields(required=("date", "opens_at", "closes_at"))
SERVICE_AREA = Fields(required=(), optional=("provinces", "comuni"))
REFERRAL = Fields(required=("territory", "service", "priority"))
EMERGENCY_CONTACT = Fields(required=("province", "name", "phone"))

# Field lengths of the database columns the values go to.
NAME_LENGTH = 300
TERRITORY_NAME_LENGTH = 200
ADDRESS_LENGTH = 300
TITLE_LENGTH = 300
EMERGENCY_NAME_LENGTH = 200
EMAIL_LENGTH = 254
WEBSITE_LENGTH = 200
MAX_PRIORITY = 32767  # a PositiveSmallIntegerField
COORDINATE_PLACES = 6  # the decimal places of Location.latitude / longitude


def canonical_order(network: dict) -> dict:
    """Sort, in place, the lists whose order carries no meaning, and return the document.

    Phones and schedules keep their order (the first phone is the one read to callers);
    emergency contacts keep their order within a province. The validator and the
    exporter both end with this, so a valid file and the export of its import compare
    equal.
    """
    network["territories"].sort(key=lambda territory: territory["code"])
    for territory in network["territories"]:
        territory["provinces"].sort()
        territory["comuni"].sort()
    network["protocols"].sort(key=lambda p: (p["territory"], p["valid_from"], p["kind"]))
    for protocol in network["protocols"]:
        protocol["parties"].sort()
    network["organizations"].sort(key=lambda organization: organization["id"])
    network["services"].sort(key=lambda service: service["id"])
    for service in network["services"]:
        service["closed_dates"].sort()
        service["special_openings"].sort(key=lambda o: (o["date"], o["opens_at"]))
        service["languages"].sort()
        service["service_area"]["provinces"].sort()
        service["service_area"]["comuni"].sort()
    network["referrals"].sort(key=lambda referral: (referral["territory"], referral["priority"]))
    network["emergency_contacts"].sort(key=lambda contact: contact["province"])  # stable
    return network


@dataclass(frozen=True, slots=True)
class FileError:
    """One problem of a document: where (a JSON path such as `$.services[3].name`) and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class NetworkFileInvalid(ValueError):
    """The document breaks the format; `errors` lists every problem found."""

    def __init__(self, errors: list[FileError]) -> None:
        super().__init__(f"{len(errors)} error(s) in the network file")
        self.errors = errors


class NetworkFileUnreadable(ValueError):
    """The bytes are not a JSON document (the message says why)."""
