"""Two territories of Puglia, a published release with reserved tables for Italy, Puglia,
the province of Bari and both territories, and one person per reading role.

Bari's transfers and validity tables hold hand-set figures, to check what the screens and
the downloads show."""

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
from rete.network.models import Territory
from rete.network.networkfile.importer import network_import
from rete.statistics.definitions import Level
from rete.statistics.models import Audience, ReleaseTable
from tests.people import make_person
from tests.statistics.factories import release_make

NETWORK = {
    "format": "rete-network/1",
    "territories": [
        {"code": "ATR-BA", "name": "Provincia di Bari", "provinces": ["BA"], "comuni": []},
        {"code": "ATR-FG", "name": "Provincia di Foggia", "provinces": ["FG"], "comuni": []},
    ],
    "protocols": [],
    "organizations": [],
    "services": [],
    "referrals": [],
    "emergency_contacts": [],
}

PUBLIC_AREAS = (
    (Level.NATIONAL, "IT", "Italia"),
    (Level.REGION, "16", "Puglia"),
    (Level.TERRITORY, "ATR-BA", "Provincia di Bari"),
)
RESERVED_AREAS = (
    (Level.NATIONAL, "IT", "Italia"),
    (Level.REGION, "16", "Puglia"),
    (Level.PROVINCE, "BA", "Bari"),
    (Level.TERRITORY, "ATR-BA", "Provincia di Bari"),
    (Level.TERRITORY, "ATR-FG", "Provincia di Foggia"),
)

# Bari's contacts by validity (rows) and channel (phone, chat).
BARI_VALIDITY = {
    "valid": [1234, 56],
    "nuisance": [40, 3],
}
# Bari's transfers: shares in percent, durations in seconds.
BARI_TRANSFERS = {
    "routed_transfer": 150,
    "routed_out_of_hours": 90,
    "out_of_hours_share": 37.5,
    "transfer_attempts": 160,
    "transfers_answered": 120,
    "contacts_transferred": 118,
    "transfer_success_share": 78.66666,
    "time_to_transfer_median": 125.0,
    "time_to_transfer_p90": 42.4,
}

NATIONAL_PEOPLE = {
    "department": DEPARTMENT_ADMIN,
    "committee": STEERING_COMMITTEE,
    "analyst": MONITORING_ANALYST,
    "supervisor": HELPLINE_SUPERVISOR,
}


def _bari_table(release, table_id: str) -> ReleaseTable:
    return ReleaseTable.objects.get(
        release=release,
        audience=Audience.RESERVED,
        level=Level.TERRITORY,
        area_code="ATR-BA",
        table_id=table_id,
    )


def _set_bari_figures(release) -> None:
    validity = _bari_table(release, "contacts_validity_channel")
    payload = validity.payload
    for index, code in enumerate(payload["row_codes"]):
        row = BARI_VALIDITY.get(code, [0] * len(payload["column_codes"]))
        payload["cells"][index] = list(row)
        payload["row_totals"][index] = sum(row)
    payload["column_totals"] = [
        sum(row[c] for row in payload["cells"]) for c in range(len(payload["column_codes"]))
    ]
    payload["total"] = sum(payload["row_totals"])
    ReleaseTable.objects.filter(pk=validity.pk).update(payload=payload)

    transfers = _bari_table(release, "transfers")
    payload = transfers.payload
    payload["cells"] = [[BARI_TRANSFERS[code]] for code in payload["row_codes"]]
    ReleaseTable.objects.filter(pk=transfers.pk).update(payload=payload)


@pytest.fixture
def territories(db) -> SimpleNamespace:
    network_import(NETWORK)
    return SimpleNamespace(
        bari=Territory.objects.get(code="ATR-BA"), foggia=Territory.objects.get(code="ATR-FG")
    )


@pytest.fixture
def release(territories):
    made = release_make("2026Q1", areas=PUBLIC_AREAS, reserved_areas=RESERVED_AREAS)
    _set_bari_figures(made)
    return made


@pytest.fixture
def people(territories) -> SimpleNamespace:
    found = {name: make_person(name, role) for name, role in NATIONAL_PEOPLE.items()}
    found["operator"] = make_person("operator", HELPLINE_OPERATOR)
    found["referent_bari"] = make_person(
        "referent_bari", ATR_REFERENT, territory=territories.bari, first_name="Bianca"
    )
    found["netop_bari"] = make_person("netop_bari", NETWORK_OPERATOR, territory=territories.bari)
    found["referent_foggia"] = make_person(
        "referent_foggia", ATR_REFERENT, territory=territories.foggia
    )
    return SimpleNamespace(**found)


@pytest.fixture
def as_person(client, people):
    def sign_in(name: str):
        client.force_login(getattr(people, name))
        return client

    return sign_in
