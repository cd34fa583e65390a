"""Stand-ins for the engine (rete.statistics.compute) and the disclosure control
(rete.statistics.disclosure), so that the lifecycle is tested on its own, and a maker of
hand-made contacts for the tests that run the real chain."""

from __future__ import annotations

import copy
import sys
import types
from datetime import datetime, time, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.base_user import AbstractBaseUser

from rete.statistics.definitions import PUBLIC_LEVELS, TABLES, TABLES_BY_ID, Level
from rete.statistics.models import Release
from tests.statistics.factories import payload_make

AREAS = (
    (Level.NATIONAL, "IT", "Italia"),
    (Level.REGION, "16", "Puglia"),
    (Level.PROVINCE, "BA", "Bari"),
    (Level.TERRITORY, "ATR-AL", "Ambito Alfa"),
)
PUBLIC_AREAS = [area for area in AREAS if area[0] in PUBLIC_LEVELS]
PUBLIC_TABLE_COUNT = len([spec for spec in TABLES if spec.public]) * len(PUBLIC_AREAS)  # 36
RESERVED_TABLE_COUNT = len(TABLES) * len(AREAS)  # 56
CONTACTS = 42
REPORT = {
    "threshold": 5,
    "primary": 3,
    "secondary": 4,
    "cells": 900,
    "suppressed": 7,
    "lp_checked": True,
    "min_width": 12,
    "seconds": 0.25,
}


class FakeEngine:
    """What the fakes were asked and saw: `progress_seen` holds the release's stored
    progress right after each step the engine reported."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.progress_seen: list[tuple[int, str]] = []
        self.protect_inputs: list[Any] = []
        self.fail_with: BaseException | None = None
        self.report = dict(REPORT)

    def compute(self, period: Any, *, progress: Any = None) -> SimpleNamespace:
        self.calls.append(period.code)
        for percent, note in ((0, "Reading the territories"), (50, "Victims by citizenship")):
            if progress is not None:
                progress(percent, note)
                release = Release.objects.filter(status="computing").order_by("-pk").first()
                self.progress_seen.append((release.progress, release.progress_note))
        if self.fail_with is not None:
            raise self.fail_with
        tables = [
            SimpleNamespace(
                level=level,
                area_code=code,
                area_name=name,
                table_id=spec.id,
                payload=payload_make(spec.id, 7),
            )
            for level, code, name in AREAS
            for spec in TABLES
        ]
        atoms = {(level, code): frozenset({"BA"}) for level, code, _name in AREAS}
        return SimpleNamespace(
            period=period, contacts_count=CONTACTS, tables=tables, area_atoms=atoms
        )

    def protect(self, tables: Any, area_atoms: Any, threshold: int) -> tuple[list, dict]:
        """Hides the first cell of every table (and says so in the report)."""
        self.protect_inputs = list(tables)
        payloads = []
        for table in tables:
            payload = copy.deepcopy(table.payload)
            payload["cells"][0][0] = None
            payloads.append(payload)
        return payloads, dict(self.report)


def install_fake_engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    fake = FakeEngine()
    import rete.statistics.compute as compute

    monkeypatch.setattr(compute, "release_compute_tables", fake.compute)
    try:
        import rete.statistics.disclosure as disclosure
    except ImportError:  # helper C's module is not there yet
        disclosure = types.ModuleType("rete.statistics.disclosure")
        monkeypatch.setitem(sys.modules, "rete.statistics.disclosure", disclosure)
        monkeypatch.setattr(sys.modules["rete.statistics"], "disclosure", disclosure, raising=False)
    monkeypatch.setattr(disclosure, "protect_release", fake.protect, raising=False)
    return fake


def is_public_spec(table_id: str) -> bool:
    return TABLES_BY_ID[table_id].public


# --- Hand-made contacts, for the real chain ------------------------------------------------

ROME = ZoneInfo("Europe/Rome")
BARI = "072006"
# A territory for the territory-level tables: the province of Bari, protocol in force.
NETWORK = {
    "format": "rete-network/1",
    "territories": [
        {"code": "ATR-BA", "name": "Provincia di Bari", "provinces": ["BA"], "comuni": []}
    ],
    "protocols": [
        {
            "territory": "ATR-BA",
            "signed_on": "2020-01-10",
            "valid_from": "2020-01-10",
            "valid_to": None,
            "status": "active",
        }
    ],
    "organizations": [],
    "services": [],
    "referrals": [],
    "emergency_contacts": [],
}


def network_load() -> None:
    from rete.network.networkfile.importer import network_import

    network_import(NETWORK)


VALID_VICTIM = {"validity": "valid", "caller_type": "victim", "reason": "help_request"}
VALID_RELATIVE = {
    "validity": "valid",
    "caller_type": "relative_friend",
    "reason": "violence_report",
}
PRANK = {"validity": "prank"}


def contacts_make(operator: AbstractBaseUser, quarter: str = "2026Q1") -> int:
    """Twelve contacts of `quarter` in the province of Bari and one of the next quarter:
    eight valid from victims, two valid from relatives, two pranks, eight by phone and four
    by chat. Returns the quarter's count (12)."""
    from rete.geography.models import Comune
    from rete.helpline.contacts.models import Contact
    from rete.helpline.models import ClassificationStatus, ClassificationVersion
    from rete.statistics.periods import Period

    version = ClassificationVersion.objects.get(status=ClassificationStatus.PUBLISHED)
    molfetta = Comune.objects.get(name="Molfetta").code
    period = Period.parse(quarter)
    start = datetime.combine(period.start, time(10), tzinfo=ROME) + timedelta(days=9)
    plan = [VALID_VICTIM] * 8 + [VALID_RELATIVE] * 2 + [PRANK] * 2
    rows = []
    for index, answers in enumerate(plan):
        at = start + timedelta(days=index, hours=index % 5)
        rows.append(
            Contact(
                channel="phone" if index % 3 else "chat",
                language="it",
                operator=operator,
                status="closed",
                started_at=at,
                ended_at=at + timedelta(minutes=12),
                comune_id=BARI if index % 4 else molfetta,
                classification_version=version,
                classification=answers,
            )
        )
    # Half past midnight of the next quarter's first day, local time: not in the quarter.
    after = datetime.combine(period.end, time(0, 30), tzinfo=ROME)
    rows.append(
        Contact(
            channel="phone",
            language="it",
            operator=operator,
            status="closed",
            started_at=after,
            ended_at=after + timedelta(minutes=5),
            comune_id=BARI,
            classification_version=version,
            classification=VALID_VICTIM,
        )
    )
    Contact.objects.bulk_create(rows)
    return len(plan)
