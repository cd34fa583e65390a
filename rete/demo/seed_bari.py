"""The Bari network exactly as the seed gives it (the protocol with the Province of Bari
and its operational plan), in the records of /work/shared/examples/network-bari.json.

Ids, names and values are the example file's, so that importing that file over the demo
network finds every record already there.
"""

import copy

BARI_TERRITORY = "ATR-BA"
GIRAFFA_SERVICE = "svc-giraffa"
GIRAFFA_ORGANIZATION = "org-giraffa"
# The Province of Bari, the party that signs the protocol with the Department.
BARI_PARTY = "org-provincia-bari"

# The members of the local network listed in the operational plan (point 3 of the
# activities), with the Province and the GIRAFFA association that signed or lead it.
SEED_ORGANIZATIONS: tuple[tuple[str, str, str, str | None], ...] = (
    (
        BARI_PARTY,
        "Provincia di Bari - Assessorato ai Servizi sociali",
        "public_administration",
        "80000110728",
    ),
    (
        "org-comune-bari",
        "Comune di Bari - Assessorato ai Servizi sociali",
        "public_administration",
        None,
    ),
    (
        "org-comune-mola",
        "Comune di Mola di Bari - Assessorato ai Servizi sociali",
        "public_administration",
        None,
    ),
    (
        "org-comune-bitonto",
        "Comune di Bitonto - Assessorato alle Pari Opportunità",
        "public_administration",
        None,
    ),
    (GIRAFFA_ORGANIZATION, "Associazione GIRAFFA Onlus", "association", "01429080425"),
    (
        "org-cav-barletta",
        "Centro antiviolenza del Comune di Barletta",
        "anti_violence_centre",
        None,
    ),
    (
        "org-cav-mola",
        "Centro antiviolenza del Comune di Mola di Bari",
        "anti_violence_centre",
        None,
    ),
    ("org-aied", "AIED", "association", None),
    (
        "org-coord-cav-puglia",
        "Coordinamento centri antiviolenza Regione Puglia",
        "association",
        None,
    ),
    (
        "org-asl-ba",
        "ASL BA - Consultori, Dipartimento di salute mentale, Centri di salute mentale di Bari "
        "e di Mola di Bari",
        "health_service",
        None,
    ),
    ("org-osp-san-paolo", "Ospedale San Paolo", "hospital", None),
    ("org-osp-di-venere", "Ospedale Di Venere", "hospital", None),
    ("org-procura-bari", "Procura della Repubblica", "prosecutor", None),
    ("org-questura-bari", "Questura di Bari", "police", None),
    ("org-carabinieri-bari", "Legione Carabinieri di Bari", "police", None),
    ("org-pm-bari", "Polizia Municipale Bari", "police", None),
    ("org-tribunale-minori", "Tribunale per i minorenni", "court", None),
    (
        "org-cpo-avvocati-bari",
        "Commissione Pari Opportunità - Ordine degli Avvocati di Bari",
        "bar_association",
        None,
    ),
    (
        "org-cpo-regione",
        "Commissione regionale per le pari opportunità",
        "public_administration",
        None,
    ),
    (
        "org-cpo-uniba",
        "Commissione per le pari opportunità - Università di Bari",
        "university",
        None,
    ),
    ("org-caps", "Caps (progetto art. 18)", "association", None),
    ("org-oasi2", "Oasi 2 (progetto art. 18)", "association", None),
    ("org-aleida", "Aleida (progetto art. 18)", "association", None),
    ("org-micaela", "Associazione Micaela (progetto art. 18)", "association", None),
    ("org-caritas", "Caritas (progetto art. 18)", "association", None),
    ("org-comboniani", "Comboniani (progetto art. 18)", "association", None),
    ("org-arci", "Arci (progetto art. 18)", "association", None),
)

# Art. 3: transfers go to the GIRAFFA centre, Monday, Wednesday and Friday 9.00-13.00,
# tel. 0805741461.
GIRAFFA = {
    "id": GIRAFFA_SERVICE,
    "organization": GIRAFFA_ORGANIZATION,
    "name": "Centro antiviolenza GIRAFFA",
    "kind": "anti_violence_centre",
    "phones": ["+39 080 5741461"],
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
        }
    ],
    "closed_dates": [],
    "special_openings": [],
    "open_on_holidays": False,
    "languages": ["it"],
    "service_area": {"provinces": ["BA"], "comuni": []},
}

# Art. 4: valid from signature to 31 December 2012. The seed leaves the signing date
# blank; the example file's valid_from is illustrative and kept here.
SEED_PROTOCOL_TITLE = "Protocollo d'intesa Dipartimento per le Pari Opportunità - Provincia di Bari"
SEED_PROTOCOL_VALID_FROM = "2011-01-01"
SEED_PROTOCOL_VALID_TO = "2012-12-31"


def seed_organizations() -> list[dict]:
    return [
        {"id": ext_id, "name": name, "kind": kind, "tax_id": tax_id}
        for ext_id, name, kind, tax_id in SEED_ORGANIZATIONS
    ]


def seed_services() -> list[dict]:
    return [copy.deepcopy(GIRAFFA)]
