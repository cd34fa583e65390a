"""Properties of the computed tables over random contacts (hypothesis): every table's total
is its universe's count in every area, the LINKS margins equal those counts, Italy is its
regions plus the contacts without a comune, a territory is exactly its atoms, and on
PostgreSQL the one-statement engine gives the same tables as the one-query-per-table one."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rete.accounts.roles import HELPLINE_OPERATOR
from rete.helpline.classification.selectors import (
    classification_cache_clear,
    classification_current,
)
from rete.statistics.compute import compute_release
from rete.statistics.definitions import LINKS, TABLES, Level, Universe
from rete.statistics.periods import Period
from tests.people import make_person
from tests.statistics.test_compute_data import (
    ALTAMURA,
    BARI,
    LECCE,
    ROME,
    TORINO,
    Spec,
    contact_make,
    territories_make,
)

QUARTER = Period.parse("2026Q1")
START = datetime(2025, 12, 31, 20, 0, tzinfo=ROME)
SPAN_MINUTES = 92 * 24 * 60  # a little past both ends of the quarter


def _answers(draw) -> dict:
    snapshot = classification_current()
    validity = draw(st.sampled_from([None, "valid", "valid", "valid", "nuisance", "silent"]))
    if validity is None:
        return {}
    answers = {"validity": validity}
    if validity != "valid":
        return answers
    for key in ("caller_type", "reason"):
        if draw(st.booleans()) or key == "caller_type":
            answers[key] = draw(st.sampled_from([i.code for i in snapshot.lists[key].items]))
    if answers.get("caller_type") == "victim":
        for key, item_list in snapshot.lists.items():
            if not item_list.applies_to_victims or draw(st.integers(0, 9)) == 0:
                continue  # some questions left without an answer
            codes = [i.code for i in item_list.items]
            if item_list.multiple:
                answers[key] = draw(st.lists(st.sampled_from(codes[:-1]), min_size=1, max_size=3,
                                             unique=True))  # fmt: skip
            else:
                answers[key] = draw(st.sampled_from(codes))
    return answers


@st.composite
def specs(draw) -> list[Spec]:
    found = []
    for number in range(draw(st.integers(1, 25))):
        at = START + timedelta(minutes=draw(st.integers(0, SPAN_MINUTES)))
        mode = draw(st.sampled_from([None, "transfer", "transfer", "out_of_hours", "emergency"]))
        attempts = ()
        if mode == "transfer":
            outcomes = draw(st.lists(st.sampled_from(["answered", "busy"]), max_size=3))
            attempts = tuple((20 * (i + 1), outcome) for i, outcome in enumerate(outcomes))
        emergency = None
        if mode == "emergency" and draw(st.booleans()):
            police = draw(st.sampled_from([None, 30, 90]))
            emergency = (police, police + 60 if police and draw(st.booleans()) else None)
        found.append(
            Spec(
                name=f"p{number}",
                comune=draw(st.sampled_from([BARI, ALTAMURA, LECCE, TORINO, None])),
                channel=draw(st.sampled_from(["phone", "chat"])),
                at=at.replace(tzinfo=None).isoformat(timespec="minutes"),
                answers=_answers(draw),
                mode=mode,
                attempts=attempts,
                emergency=emergency,
            )
        )
    return found


def _by_area(computed) -> dict[tuple[str, str], dict[str, dict]]:
    found: dict[tuple[str, str], dict[str, dict]] = {}
    for table in computed.tables:
        found.setdefault((table.level, table.area_code), {})[table.table_id] = table.payload
    return found


def _universe(tables: dict[str, dict], universe: Universe) -> int:
    validity = tables["contacts_validity_channel"]
    return {
        Universe.CONTACTS: validity["total"],
        Universe.VALID: validity["row_totals"][0],
        Universe.VICTIMS: tables["valid_reason_caller"]["column_totals"][0],
        Universe.ROUTED: tables["routed_mode_channel"]["total"],
    }[universe]


def _expected_counts(contacts: list[Spec]) -> Counter:
    """Contacts, valid and victims of the quarter in Italy, recounted from the specs."""
    counts: Counter = Counter()
    for spec in contacts:
        local = datetime.fromisoformat(spec.at).date()
        if not QUARTER.start <= local < QUARTER.end:
            continue
        counts["contacts"] += 1
        if spec.answers.get("validity") == "valid":
            counts["valid"] += 1
            counts["victims"] += spec.answers.get("caller_type") == "victim"
        counts["routed"] += spec.mode is not None
    return counts


@pytest.fixture
def operator(db):
    classification_cache_clear()
    territories_make()
    return make_person("olga", HELPLINE_OPERATOR)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(contacts=specs())
def test_tables_add_up_whatever_the_contacts(operator, contacts):
    version_id = classification_current().version_id
    with transaction.atomic():
        for spec in contacts:
            contact_make(spec, operator, version_id)
        computed = compute_release(QUARTER)
        if connection.vendor == "postgresql":
            portable = compute_release(QUARTER, portable=True)
            assert [(t.level, t.area_code, t.table_id, t.payload) for t in computed.tables] == [
                (t.level, t.area_code, t.table_id, t.payload) for t in portable.tables
            ]
        transaction.set_rollback(True)

    expected = _expected_counts(contacts)
    areas = _by_area(computed)
    national = areas[(Level.NATIONAL, "IT")]
    assert computed.contacts_count == expected["contacts"]
    assert _universe(national, Universe.VALID) == expected["valid"]
    assert _universe(national, Universe.VICTIMS) == expected["victims"]
    assert _universe(national, Universe.ROUTED) == expected["routed"]
    for (level, code), tables in areas.items():
        for spec in TABLES:
            if spec.is_measures:
                continue
            data = tables[spec.id]
            assert data["total"] == _universe(tables, spec.universe), (level, code, spec.id)
            if not spec.multiple:
                assert sum(data["row_totals"]) == data["total"]
                assert sum(data["column_totals"]) == data["total"]
                assert data["row_totals"] == [sum(row) for row in data["cells"]]
            else:
                assert all(cell[0] <= data["total"] for cell in data["cells"])
        for link in LINKS:
            data = tables[link.table]
            margin = (
                data["row_totals"][data["row_codes"].index(link.row)]
                if link.row
                else data["column_totals"][data["column_codes"].index(link.column)]
            )
            assert margin == _universe(tables, link.universe)
    unlocated = Counter()
    for spec in contacts:
        local = datetime.fromisoformat(spec.at).date()
        if spec.comune is None and QUARTER.start <= local < QUARTER.end:
            unlocated["contacts"] += 1
    regions = sum(t["contacts_validity_channel"]["total"] for (lv, _c), t in areas.items()
                  if lv == Level.REGION)  # fmt: skip
    assert national["contacts_validity_channel"]["total"] == regions + unlocated["contacts"]
    # Bari's province is its own atom plus the two comuni that territories list one by one.
    province = areas[(Level.PROVINCE, "BA")]["contacts_validity_channel"]["total"]
    city = areas[(Level.TERRITORY, "ATR-TEST-BARI")]["contacts_validity_channel"]["total"]
    in_quarter = [
        spec
        for spec in contacts
        if QUARTER.start <= datetime.fromisoformat(spec.at).date() < QUARTER.end
    ]
    assert city == sum(spec.comune == BARI for spec in in_quarter)
    assert province == sum(spec.comune in (BARI, ALTAMURA) for spec in in_quarter)
    mixed = areas[(Level.TERRITORY, "ATR-TEST-SALENTO")]["contacts_validity_channel"]["total"]
    assert mixed == sum(spec.comune in (LECCE, ALTAMURA) for spec in in_quarter)
