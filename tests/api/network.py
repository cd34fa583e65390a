"""A small Bari/Bologna network for the API tests, as a `rete-network/1` document.

- ATR-BA (province of Bari): protocol in force since 2011, open-ended; chain GIRAFFA
  (Mon, Wed, Fri 9–13) then the Mola centre (weekdays 9–19).
- A shelter in Bari, confidential, reachable every day at any hour, not in the chain.
- ATR-BO (province of Bologna): its protocol ended on 2012-12-31; the Bologna centre covers
  the province and speaks Arabic.
- Cefalù (province of Palermo) is in no territory and no service covers it.

Fixed instants (Europe/Rome, November 2026): Wednesday 25 at 10:30 GIRAFFA and Mola are open;
Tuesday 24 at 10:30 only Mola is; Saturday 28 at 10:00 nobody of the chain is.
"""

from __future__ import annotations

import copy
from typing import Any

BARI = "072006"
MOLA = "072028"
BOLOGNA = "037006"
CEFALU = "082027"

WEDNESDAY_MORNING = "2026-11-25T10:30:00+01:00"
TUESDAY_MORNING = "2026-11-24T10:30:00+01:00"
SATURDAY_MORNING = "2026-11-28T10:00:00+01:00"
NEXT_MONDAY_OPENING = "2026-11-30T09:00:00+01:00"

SHELTER_ADDRESS = "Via Nascosta 17, Bari"
SHELTER_LAT = 41.117143
SHELTER_LON = 16.871871

_NETWORK: dict[str, Any] = {
    "format": "rete-network/1",
    "territories": [
        {"code": "ATR-BA", "name": "Provincia di Bari", "provinces": ["BA"], "comuni": []},
        {
            "code": "ATR-BO",
            "name": "Città metropolitana di Bologna",
            "provinces": ["BO"],
            "comuni": [],
        },
    ],
    "protocols": [
        {
            "territory": "ATR-BA",
            "signed_on": "2010-12-20",
            "valid_from": "2011-01-01",
            "valid_to": None,
            "status": "active",
        },
        {
            "territory": "ATR-BO",
            "signed_on": "2010-12-20",
            "valid_from": "2011-01-01",
            "valid_to": "2012-12-31",
            "status": "active",
        },
    ],
    "organizations": [
        {
            "id": "org-giraffa",
            "name": "Associazione GIRAFFA Onlus",
            "kind": "association",
            "tax_id": "01429080425",
        },
        {
            "id": "org-cav-mola",
            "name": "Centro antiviolenza di Mola di Bari",
            "kind": "anti_violence_centre",
        },
        {"id": "org-casa-ba", "name": "Casa rifugio di Bari", "kind": "shelter"},
        {
            "id": "org-cav-bologna",
            "name": "Casa delle donne di Bologna",
            "kind": "anti_violence_centre",
        },
    ],
    "services": [
        {
            "id": "svc-giraffa",
            "organization": "org-giraffa",
            "name": "Centro antiviolenza GIRAFFA",
            "kind": "anti_violence_centre",
            "phones": ["+39 080 5741461"],
            "location": {
                "address": "Via Napoli 308, Bari",
                "comune": BARI,
                "lat": None,
                "lon": None,
            },
            "schedules": [
                {
                    "byday": "MO,WE,FR",
                    "opens_at": "09:00",
                    "closes_at": "13:00",
                    "valid_from": None,
                    "valid_to": None,
                }
            ],
            "closed_dates": ["2026-12-24"],
            "special_openings": [{"date": "2026-12-27", "opens_at": "10:00", "closes_at": "12:00"}],
            "open_on_holidays": False,
            "languages": ["it", "en"],
            "service_area": {"provinces": ["BA"], "comuni": []},
        },
        {
            "id": "svc-cav-mola",
            "organization": "org-cav-mola",
            "name": "Centro antiviolenza di Mola di Bari",
            "kind": "anti_violence_centre",
            "phones": ["+39 080 4738100"],
            "location": {"address": "Piazza XX Settembre 1, Mola di Bari", "comune": MOLA},
            "schedules": [
                {
                    "byday": "MO,TU,WE,TH,FR",
                    "opens_at": "09:00",
                    "closes_at": "19:00",
                    "valid_from": None,
                    "valid_to": None,
                }
            ],
            "languages": ["it"],
            "service_area": {"provinces": [], "comuni": [MOLA, BARI]},
        },
        {
            "id": "svc-casa-ba",
            "organization": "org-casa-ba",
            "name": "Casa rifugio - linea 24 ore",
            "kind": "shelter",
            "phones": ["+39 080 5291111"],
            "location": {
                "address": SHELTER_ADDRESS,
                "comune": BARI,
                "lat": SHELTER_LAT,
                "lon": SHELTER_LON,
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
            "open_on_holidays": True,
            "languages": ["it"],
            "service_area": {"provinces": ["BA"], "comuni": []},
        },
        {
            "id": "svc-cav-bologna",
            "organization": "org-cav-bologna",
            "name": "Casa delle donne per non subire violenza",
            "kind": "anti_violence_centre",
            "phones": ["+39 051 6440163"],
            "location": {
                "address": "Via dell'Oro 3, Bologna",
                "comune": BOLOGNA,
                "lat": 44.4949,
                "lon": 11.3426,
            },
            "schedules": [
                {
                    "byday": "MO,TU,WE,TH,FR",
                    "opens_at": "09:00",
                    "closes_at": "17:00",
                    "valid_from": None,
                    "valid_to": None,
                }
            ],
            "languages": ["it", "ar"],
            "service_area": {"provinces": ["BO"], "comuni": []},
        },
    ],
    "referrals": [
        {"territory": "ATR-BA", "service": "svc-giraffa", "priority": 1},
        {"territory": "ATR-BA", "service": "svc-cav-mola", "priority": 2},
        {"territory": "ATR-BO", "service": "svc-cav-bologna", "priority": 1},
    ],
    "emergency_contacts": [
        {"province": "BA", "name": "Polizia di Stato - Questura di Bari", "phone": "113"},
        {
            "province": "BA",
            "name": "Comando provinciale Carabinieri di Bari",
            "phone": "+39 080 5386111",
        },
    ],
}


def small_network() -> dict[str, Any]:
    """A fresh copy of the document (tests may change it)."""
    return copy.deepcopy(_NETWORK)
