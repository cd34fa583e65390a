"""Documents and helpers of the network-file tests."""

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

# The export reads one query per table: territories and their two links, protocols and
# parties, organisations, services, locations, phones, schedules, closed dates, special
# openings, three service links, referrals, emergency contacts.
EXPORT_QUERIES = 17

# The rich network, written directly in the shape the export gives back (every field
# present, phones in E.164, unordered lists sorted), so that a round trip compares it as is.
RICH: dict = {
    "format": "rete-network/1",
    "territories": [
        {"code": "ATR-BA", "name": "Provincia di Bari", "provinces": ["BA"], "comuni": []},
        {
            "code": "ATR-BA-BARI",
            "name": "Città di Bari",
            "provinces": [],
            "comuni": ["072006"],
        },
        {
            "code": "ATR-BT",
            "name": "Provincia di Barletta-Andria-Trani",
            "provinces": ["BT"],
            "comuni": ["072011"],
        },
    ],
    "protocols": [
        {
            "territory": "ATR-BA",
            "signed_on": "2011-05-10",
            "valid_from": "2011-05-10",
            "valid_to": "2012-12-31",
            "status": "terminated",
            "title": "Protocollo d'intesa - Provincia di Bari",
            "kind": "original",
            "parties": ["org-giraffa", "org-provincia-bari"],
        },
        {
            "territory": "ATR-BA",
            "signed_on": None,
            "valid_from": "2026-01-01",
            "valid_to": None,
            "status": "active",
            "title": "Rinnovo",
            "kind": "renewal",
            "parties": [],
        },
        {
            "territory": "ATR-BA-BARI",
            "signed_on": "2025-03-08",
            "valid_from": "2025-03-08",
            "valid_to": "2028-03-07",
            "status": "active",
            "title": "",
            "kind": "original",
            "parties": ["org-giraffa"],
        },
        {
            "territory": "ATR-BT",
            "signed_on": None,
            "valid_from": "2026-06-01",
            "valid_to": None,
            "status": "draft",
            "title": "Bozza BAT",
            "kind": "original",
            "parties": [],
        },
    ],
    "organizations": [
        {
            "id": "org-cav-barletta",
            "name": "Centro antiviolenza del Comune di Barletta",
            "kind": "anti_violence_centre",
            "tax_id": None,
            "email": "cav@example.org",
            "website": "https://cav.example.org/",
        },
        {
            "id": "org-giraffa",
            "name": "Associazione GIRAFFA Onlus",
            "kind": "association",
            "tax_id": "01429080425",
            "email": "",
            "website": "",
        },
        {
            "id": "org-provincia-bari",
            "name": "Provincia di Bari",
            "kind": "public_administration",
            "tax_id": "80000110728",
            "email": "",
            "website": "",
        },
    ],
    "services": [
        {
            "id": "svc-cav-barletta",
            "organization": "org-cav-barletta",
            "name": "Centro antiviolenza di Barletta",
            "kind": "anti_violence_centre",
            "phones": ["+390883000001"],
            "location": {
                "address": "Via Roma 1, Barletta",
                "comune": "110002",
                "lat": 41.319762,
                "lon": 16.283385,
                "confidential": False,
            },
            "schedules": [
                {
                    "byday": "MO,TU,WE,TH,FR",
                    "opens_at": "09:00",
                    "closes_at": "13:00",
                    "valid_from": None,
                    "valid_to": "2026-06-30",
                },
                {
                    "byday": "MO,TU,WE,TH,FR",
                    "opens_at": "09:00",
                    "closes_at": "18:00",
                    "valid_from": "2026-07-01",
                    "valid_to": None,
                },
            ],
            "closed_dates": ["2026-08-14", "2026-12-24"],
            "special_openings": [],
            "open_on_holidays": False,
            "languages": ["en", "it"],
            "service_area": {"provinces": ["BT"], "comuni": ["072011"]},
            "description": "",
        },
        {
            "id": "svc-giraffa",
            "organization": "org-giraffa",
            "name": "Centro antiviolenza GIRAFFA",
            "kind": "anti_violence_centre",
            "phones": ["+390805741461", "+393330000001"],
            "location": {
                "address": "Via Napoli 308, Bari",
                "comune": "072006",
                "lat": None,
                "lon": None,
                "confidential": False,
            },
            "schedules": [
                {
                    "byday": "MO,WE,FR",
                    "opens_at": "09:00",
                    "closes_at": "13:00",
                    "valid_from": None,
                    "valid_to": None,
                },
                {
                    "byday": "TU,TH",
                    "opens_at": "15:00",
                    "closes_at": "19:00",
                    "valid_from": "2026-01-01",
                    "valid_to": "2026-12-31",
                },
            ],
            "closed_dates": ["2026-12-07"],
            "special_openings": [
                {"date": "2026-12-06", "opens_at": "10:00", "closes_at": "12:00"},
                {"date": "2026-12-24", "opens_at": "09:00", "closes_at": "12:00"},
                {"date": "2026-12-24", "opens_at": "15:00", "closes_at": "17:00"},
            ],
            "open_on_holidays": False,
            "languages": ["ar", "en", "it"],
            "service_area": {"provinces": ["BA"], "comuni": []},
            "description": "Accoglienza, ascolto e consulenza legale.",
        },
        {
            "id": "svc-giraffa-rifugio",
            "organization": "org-giraffa",
            "name": "Casa rifugio",
            "kind": "shelter",
            "phones": ["+393330000002"],
            "location": {
                "address": "Indirizzo riservato 1, Mola di Bari",
                "comune": "072028",
                "lat": 41.061,
                "lon": 17.089,
                "confidential": True,
            },
            "schedules": [
                {
                    "byday": "MO,TU,WE,TH,FR,SA,SU",
                    "opens_at": "00:00",
                    "closes_at": "00:00",
                    "valid_from": None,
                    "valid_to": None,
                }
            ],
            "closed_dates": [],
            "special_openings": [],
            "open_on_holidays": True,
            "languages": ["it"],
            "service_area": {"provinces": [], "comuni": ["072006", "072028", "072030"]},
            "description": "",
        },
        {
            "id": "svc-notte",
            "organization": "org-provincia-bari",
            "name": "Sportello notturno",
            "kind": "helpline",
            "phones": [],
            "location": {
                "address": "",
                "comune": "072006",
                "lat": None,
                "lon": None,
                "confidential": False,
            },
            "schedules": [
                {
                    "byday": "FR,SA",
                    "opens_at": "22:00",
                    "closes_at": "06:00",
                    "valid_from": None,
                    "valid_to": None,
                }
            ],
            "closed_dates": [],
            "special_openings": [],
            "open_on_holidays": True,
            "languages": [],
            "service_area": {"provinces": ["BA", "BT"], "comuni": []},
            "description": "",
        },
    ],
    "referrals": [
        {"territory": "ATR-BA", "service": "svc-giraffa", "priority": 1},
        {"territory": "ATR-BA", "service": "svc-notte", "priority": 2},
        {"territory": "ATR-BA-BARI", "service": "svc-giraffa", "priority": 1},
        {"territory": "ATR-BA-BARI", "service": "svc-giraffa-rifugio", "priority": 3},
        {"territory": "ATR-BT", "service": "svc-cav-barletta", "priority": 1},
    ],
    "emergency_contacts": [
        {"province": "BA", "name": "Questura di Bari", "phone": "113"},
        {"province": "BA", "name": "Numero unico di emergenza", "phone": "112"},
        {"province": "BA", "name": "Comando provinciale Carabinieri", "phone": "+390805381111"},
        {"province": "BT", "name": "Numero unico di emergenza", "phone": "112"},
    ],
}


def row_counts() -> dict[str, int]:
    """How many rows each table of the network holds, links included."""
    tables = [
        Organization,
        Service,
        Location,
        Phone,
        Schedule,
        ClosedDate,
        SpecialOpening,
        Service.languages.through,
        Service.area_provinces.through,
        Service.area_comuni.through,
        Territory,
        Territory.provinces.through,
        Territory.comuni.through,
        Protocol,
        Protocol.parties.through,
        Referral,
        EmergencyContact,
    ]
    return {model._meta.label: model.objects.count() for model in tables}
