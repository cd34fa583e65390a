"""Read the whole network from the database as a `rete-network/1` document.

The routing snapshot of every application process is built from this document, so it
is read with a fixed handful of `values_list` queries (one per table, none per row) and
assembled in Python.

Confidential locations are exported with their address and coordinates: the file is an
internal exchange format for the Department, never a publication.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, time
from decimal import Decimal

from rete.directory.models import (
    ClosedDate,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    SpecialOpening,
)
from rete.network.models import EmergencyContact, Protocol, Referral, Territory
from rete.network.networkfile.schema import FORMAT, canonical_order


def network_export() -> dict:
    """The network in the database, in the normalised shape of the format (the shape
    `validate.network_file_normalize` gives a file)."""
    return canonical_order(
        {
            "format": FORMAT,
            "territories": _territories(),
            "protocols": _protocols(),
            "organizations": _organizations(),
            "services": _services(),
            "referrals": _referrals(),
            "emergency_contacts": _emergency_contacts(),
        }
    )


def network_file_dumps(network: dict) -> str:
    """The document as the text of a file: UTF-8 characters kept, one-space indent."""
    return json.dumps(network, ensure_ascii=False, indent=1) + "\n"


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _coordinate(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _grouped(pairs) -> defaultdict[int, list]:
    """(owner pk, value) rows → {owner pk: [values]} in row order."""
    groups: defaultdict[int, list] = defaultdict(list)
    for owner, value in pairs:
        groups[owner].append(value)
    return groups


def _territories() -> list[dict]:
    provinces = _grouped(
        Territory.provinces.through.objects.values_list("territory_id", "province_id")
    )
    comuni = _grouped(Territory.comuni.through.objects.values_list("territory_id", "comune_id"))
    return [
        {"code": code, "name": name, "provinces": provinces[pk], "comuni": comuni[pk]}
        for pk, code, name in Territory.objects.order_by().values_list("pk", "code", "name")
    ]


def _protocols() -> list[dict]:
    parties = _grouped(
        Protocol.parties.through.objects.values_list("protocol_id", "organization__ext_id")
    )
    rows = Protocol.objects.order_by().values_list(
        "pk", "territory__code", "signed_on", "valid_from", "valid_to", "status", "title", "kind"
    )
    return [
        {
            "territory": territory,
            "signed_on": _iso(signed_on),
            "valid_from": _iso(valid_from),
            "valid_to": _iso(valid_to),
            "status": status,
            "title": title,
            "kind": kind,
            "parties": parties[pk],
        }
        for pk, territory, signed_on, valid_from, valid_to, status, title, kind in rows
    ]


def _organizations() -> list[dict]:
    rows = Organization.objects.order_by().values_list(
        "ext_id", "name", "kind", "tax_id", "email", "website"
    )
    return [
        {
            "id": ext_id,
            "name": name,
            "kind": kind,
            "tax_id": tax_id or None,
            "email": email,
            "website": website,
        }
        for ext_id, name, kind, tax_id, email, website in rows
    ]


def _services() -> list[dict]:
    phones = _grouped(
        Phone.objects.order_by("service_id", "position", "id").values_list("service_id", "number")
    )
    locations = {
        service_id: {
            "address": address,
            "comune": comune,
            "lat": _coordinate(latitude),
            "lon": _coordinate(longitude),
            "confidential": confidential,
        }
        for service_id, address, comune, latitude, longitude, confidential in (
            Location.objects.values_list(
                "service_id", "address", "comune_id", "latitude", "longitude", "confidential"
            )
        )
    }
    schedules = _grouped(
        (
            service_id,
            {
                "byday": byday,
                "opens_at": _hhmm(opens_at),
                "closes_at": _hhmm(closes_at),
                "valid_from": _iso(valid_from),
                "valid_to": _iso(valid_to),
            },
        )
        for service_id, byday, opens_at, closes_at, valid_from, valid_to in (
            Schedule.objects.order_by("service_id", "id").values_list(
                "service_id", "byday", "opens_at", "closes_at", "valid_from", "valid_to"
            )
        )
    )
    closed_dates = _grouped(
        (service_id, day.isoformat())
        for service_id, day in ClosedDate.objects.order_by().values_list("service_id", "date")
    )
    special_openings = _grouped(
        (
            service_id,
            {"date": day.isoformat(), "opens_at": _hhmm(opens_at), "closes_at": _hhmm(closes_at)},
        )
        for service_id, day, opens_at, closes_at in SpecialOpening.objects.order_by().values_list(
            "service_id", "date", "opens_at", "closes_at"
        )
    )
    languages = _grouped(Service.languages.through.objects.values_list("service_id", "language_id"))
    area_provinces = _grouped(
        Service.area_provinces.through.objects.values_list("service_id", "province_id")
    )
    area_comuni = _grouped(
        Service.area_comuni.through.objects.values_list("service_id", "comune_id")
    )
    rows = Service.objects.order_by().values_list(
        "pk", "ext_id", "organization__ext_id", "name", "kind", "open_on_holidays", "description"
    )
    return [
        {
            "id": ext_id,
            "organization": organization,
            "name": name,
            "kind": kind,
            "phones": phones[pk],
            # A service entered without a location (possible in the admin only) has
            # none to export; the format requires one, so a re-import names it.
            "location": locations.get(pk),
            "schedules": schedules[pk],
            "closed_dates": closed_dates[pk],
            "special_openings": special_openings[pk],
            "open_on_holidays": open_on_holidays,
            "languages": languages[pk],
            "service_area": {"provinces": area_provinces[pk], "comuni": area_comuni[pk]},
            "description": description,
        }
        for pk, ext_id, organization, name, kind, open_on_holidays, description in rows
    ]


def _referrals() -> list[dict]:
    rows = Referral.objects.order_by().values_list("territory__code", "service__ext_id", "priority")
    return [
        {"territory": territory, "service": service, "priority": priority}
        for territory, service, priority in rows
    ]


def _emergency_contacts() -> list[dict]:
    # Position order within a province; canonical_order then groups provinces stably.
    rows = EmergencyContact.objects.order_by("province_id", "position", "id").values_list(
        "province_id", "name", "phone"
    )
    return [{"province": province, "name": name, "phone": phone} for province, name, phone in rows]
