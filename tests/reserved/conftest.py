"""A small network of two territories and one person per role.

- ATR-AL (province of Bari): protocol in force, chain "CAV Aurora" (Bari); a confidential
  shelter in Bari ("Casa Glicine", covered by the province, not in the chain); and the
  Cefalù desk of an organisation that is a party of A's protocol (in A by the party rule).
- ATR-BE (province of Bologna): protocol in force, chain "CAV Betulla" (Bologna); a
  confidential shelter in Bologna ("Casa Mimosa").
- "Sportello Altrove" in Palermo belongs to no territory.

People: one per national role; a referent and a network operator for each of A and B.
The shelters' addresses must never reach a person who may not see them.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    HELPLINE_OPERATOR,
    HELPLINE_SUPERVISOR,
    MONITORING_ANALYST,
    NETWORK_OPERATOR,
    STEERING_COMMITTEE,
)
from rete.directory.models import Organization, Service
from rete.network.models import Protocol, Territory
from rete.network.networkfile.importer import network_import
from tests.people import make_person

BARI, BOLOGNA, CEFALU, PALERMO = "072006", "037006", "082027", "082053"
SHELTER_A_ADDRESS = "Vicolo del Glicine 9"
SHELTER_A_LATITUDE = "41.118811"
SHELTER_B_ADDRESS = "Via della Mimosa 4"
SHELTER_B_LATITUDE = "44.497711"


def _service(ext_id, org, name, kind, comune, address, *, confidential=False, lat=None, lon=None):
    return {
        "id": ext_id,
        "organization": org,
        "name": name,
        "kind": kind,
        "phones": ["+39 080 5550100"] if comune == BARI else ["+39 051 5550100"],
        "location": {
            "address": address,
            "comune": comune,
            "lat": lat,
            "lon": lon,
            "confidential": confidential,
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
        "languages": ["it"],
        "service_area": {"provinces": [], "comuni": [comune]},
    }


NETWORK = {
    "format": "rete-network/1",
    "territories": [
        {"code": "ATR-AL", "name": "Ambito Alfa", "provinces": ["BA"], "comuni": []},
        {"code": "ATR-BE", "name": "Ambito Beta", "provinces": ["BO"], "comuni": []},
    ],
    "protocols": [
        {
            "territory": "ATR-AL",
            "signed_on": "2020-01-10",
            "valid_from": "2020-01-10",
            "valid_to": None,
            "status": "active",
        },
        {
            "territory": "ATR-BE",
            "signed_on": "2020-01-10",
            "valid_from": "2020-01-10",
            "valid_to": None,
            "status": "active",
        },
    ],
    "organizations": [
        {"id": "org-aurora", "name": "Associazione Aurora", "kind": "association"},
        {"id": "org-glicine", "name": "Cooperativa Glicine", "kind": "shelter"},
        {"id": "org-sportello", "name": "Rete Sportelli Sud", "kind": "association"},
        {"id": "org-betulla", "name": "Associazione Betulla", "kind": "association"},
        {"id": "org-mimosa", "name": "Cooperativa Mimosa", "kind": "shelter"},
        {"id": "org-altrove", "name": "Associazione Altrove", "kind": "association"},
    ],
    "services": [
        _service(
            "svc-aurora",
            "org-aurora",
            "CAV Aurora",
            "anti_violence_centre",
            BARI,
            "Via Aurora 1, Bari",
        ),
        _service(
            "svc-glicine",
            "org-glicine",
            "Casa Glicine",
            "shelter",
            BARI,
            SHELTER_A_ADDRESS,
            confidential=True,
            lat=float(SHELTER_A_LATITUDE),
            lon=16.87,
        ),
        _service(
            "svc-sportello",
            "org-sportello",
            "Sportello Cefalù",
            "counselling",
            CEFALU,
            "Corso Ruggero 5, Cefalù",
        ),
        _service(
            "svc-betulla",
            "org-betulla",
            "CAV Betulla",
            "anti_violence_centre",
            BOLOGNA,
            "Via Betulla 2, Bologna",
        ),
        _service(
            "svc-mimosa",
            "org-mimosa",
            "Casa Mimosa",
            "shelter",
            BOLOGNA,
            SHELTER_B_ADDRESS,
            confidential=True,
            lat=float(SHELTER_B_LATITUDE),
            lon=11.34,
        ),
        _service(
            "svc-altrove",
            "org-altrove",
            "Sportello Altrove",
            "counselling",
            PALERMO,
            "Via Altrove 3, Palermo",
        ),
    ],
    "referrals": [
        {"territory": "ATR-AL", "service": "svc-aurora", "priority": 1},
        {"territory": "ATR-BE", "service": "svc-betulla", "priority": 1},
    ],
    "emergency_contacts": [],
}

NATIONAL = {
    "admin": DEPARTMENT_ADMIN,
    "operator": HELPLINE_OPERATOR,
    "supervisor": HELPLINE_SUPERVISOR,
    "analyst": MONITORING_ANALYST,
    "committee": STEERING_COMMITTEE,
}


@pytest.fixture
def net(db) -> SimpleNamespace:
    network_import(NETWORK)
    a = Territory.objects.get(code="ATR-AL")
    b = Territory.objects.get(code="ATR-BE")
    sportello = Organization.objects.get(ext_id="org-sportello")
    Protocol.objects.get(territory=a).parties.add(
        sportello, Organization.objects.get(ext_id="org-aurora")
    )
    Protocol.objects.get(territory=b).parties.add(Organization.objects.get(ext_id="org-betulla"))
    Organization.objects.filter(ext_id="org-aurora").update(email="info@aurora.example.org")
    services = {s.ext_id: s for s in Service.objects.all()}
    return SimpleNamespace(a=a, b=b, services=services)


@pytest.fixture
def people(net) -> SimpleNamespace:
    """admin, operator, supervisor, analyst, committee; referent_a/b, netop_a/b."""
    found = {name: make_person(name, role) for name, role in NATIONAL.items()}
    aurora = Organization.objects.get(ext_id="org-aurora")
    betulla = Organization.objects.get(ext_id="org-betulla")
    found["referent_a"] = make_person(
        "referent_a",
        ATR_REFERENT,
        territory=net.a,
        organization=aurora,
        first_name="Anna",
        last_name="Alfieri",
    )
    found["referent_b"] = make_person(
        "referent_b",
        ATR_REFERENT,
        territory=net.b,
        organization=betulla,
        first_name="Bruna",
        last_name="Bellini",
    )
    found["netop_a"] = make_person("netop_a", NETWORK_OPERATOR, territory=net.a)
    found["netop_b"] = make_person("netop_b", NETWORK_OPERATOR, territory=net.b)
    return SimpleNamespace(**found)


@pytest.fixture
def as_person(client, people):
    """Sign the test client in as one of `people` by name; returns the client."""

    def sign_in(name: str):
        client.force_login(getattr(people, name))
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _empty_reserved_storage():
    """The reserved storage is in memory and lives as long as the test process: each test
    starts with it empty, so that "nothing stored" can be checked."""
    from rete.reserved.models import ReservedDocument

    storage = ReservedDocument._meta.get_field("file").storage
    try:
        _dirs, files = storage.listdir("documents")
    except FileNotFoundError:
        files = []
    for name in files:
        storage.delete(f"documents/{name}")
