"""A synthetic national network of realistic size, to measure import and export.

About 160 territories (one per province, one per provincial capital for the first 53),
5,000 services with one to three weekly rules, one or two phones, a service area, and
some closed dates, special openings and languages. The numbers are fictitious.
"""

from collections.abc import Sequence

from rete.geography.models import Comune

WEEKLY_RULES = (
    [("MO,TU,WE,TH,FR", "09:00", "13:00")],
    [("MO,WE,FR", "09:00", "13:00"), ("TU,TH", "15:00", "19:00")],
    [
        ("MO,TU,WE,TH,FR", "08:30", "12:30"),
        ("MO,TU,WE", "14:00", "17:00"),
        ("SA", "09:00", "12:00"),
    ],
)


def national_comuni() -> list[tuple[str, str, bool]]:
    """(ISTAT code, province sigla, is capital) of every comune, in code order."""
    return list(Comune.objects.order_by("code").values_list("code", "province_id", "is_capital"))


def national_network(comuni: Sequence[tuple[str, str, bool]], *, services: int = 5000) -> dict:
    provinces = sorted({province for _code, province, _capital in comuni})
    capitals = sorted((province, code) for code, province, capital in comuni if capital)
    city_capitals = dict(capitals[:53])
    territories = [
        {"code": f"ATR-{p}", "name": f"Provincia {p}", "provinces": [p], "comuni": []}
        for p in provinces
    ] + [
        {"code": f"ATR-{p}-CITTA", "name": f"Città {p}", "provinces": [], "comuni": [code]}
        for p, code in sorted(city_capitals.items())
    ]
    organizations = [
        {"id": f"org-{n:05d}", "name": f"Organizzazione {n}", "kind": "association"}
        for n in range(services // 2)
    ]
    service_list = []
    by_province: dict[str, list[str]] = {}
    for n in range(services):
        # A prime stride spreads the services over the whole country.
        code, province, _capital = comuni[(n * 7919) % len(comuni)]
        service_id = f"svc-{n:05d}"
        by_province.setdefault(province, []).append(service_id)
        phones = [f"+39 333 {n:07d}"] + ([f"+39 347 {n:07d}"] if n % 3 == 0 else [])
        service_list.append(
            {
                "id": service_id,
                "organization": f"org-{n // 2:05d}",
                "name": f"Servizio {n}",
                "kind": "anti_violence_centre" if n % 4 else "counselling",
                "phones": phones,
                "location": {
                    "address": f"Via {n}",
                    "comune": code,
                    "lat": 40 + (n % 1000) / 1000,
                    "lon": 12 + (n % 700) / 1000,
                    "confidential": n % 10 == 0,
                },
                "schedules": [
                    {
                        "byday": byday,
                        "opens_at": opens,
                        "closes_at": closes,
                        "valid_from": None,
                        "valid_to": None,
                    }
                    for byday, opens, closes in WEEKLY_RULES[n % 3]
                ],
                "closed_dates": ["2026-08-14"] if n % 5 == 0 else [],
                "special_openings": (
                    [{"date": "2026-12-24", "opens_at": "09:00", "closes_at": "12:00"}]
                    if n % 7 == 0
                    else []
                ),
                "open_on_holidays": n % 11 == 0,
                "languages": ["en", "it"] if n % 2 else ["it"],
                "service_area": {"provinces": [province], "comuni": [code] if n % 6 == 0 else []},
            }
        )
    referrals = []
    for territory in territories:
        province = territory["code"].split("-")[1]
        for priority, service_id in enumerate(by_province.get(province, [])[:3], start=1):
            referrals.append(
                {"territory": territory["code"], "service": service_id, "priority": priority}
            )
    return {
        "format": "rete-network/1",
        "territories": territories,
        "protocols": [
            {"territory": t["code"], "valid_from": "2025-01-01", "status": "active"}
            for t in territories
        ],
        "organizations": organizations,
        "services": service_list,
        "referrals": referrals,
        "emergency_contacts": [
            contact
            for p in provinces
            for contact in (
                {"province": p, "name": "Numero unico di emergenza", "phone": "112"},
                {"province": p, "name": f"Questura {p}", "phone": "113"},
            )
        ],
    }
