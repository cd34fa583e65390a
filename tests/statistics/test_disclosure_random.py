"""Random small releases (hypothesis): after protect_release no published value lies in
1..threshold, published values are the true ones, and every suppressed value — and every
small count found by difference of areas — has an LP range wider than the threshold,
found by the independent checker (test_disclosure_check), not by the module."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rete.statistics.disclosure import protect_release, suppression_ranges
from tests.statistics.test_disclosure_check import assert_protected

THRESHOLD = 5

# Small versions of the real tables: the codes the links need, few rows and columns.
SHAPES = {
    "contacts_validity_channel": (["valid", "prank"], ["phone", "chat"]),
    "valid_reason_caller": (["help_request", "info_1522"], ["victim", "other"]),
    "victims_citizenship": (["italian", "foreign"], ["count"]),
    "victims_age_sex": (["young", "old"], ["female", "male"]),
    "victims_violence_type": (["physical", "sexual", "not_stated"], ["count"]),
}


@dataclass
class Table:
    level: str
    area_code: str
    area_name: str
    table_id: str
    payload: dict


def _atom_counts(rng: np.random.Generator, people: int) -> dict[str, np.ndarray]:
    """One atom's cells for every table shape, from `people` simulated contacts."""
    out = {tid: np.zeros((len(r), len(c)), dtype=int) for tid, (r, c) in SHAPES.items()}
    units = 0
    for _ in range(people):
        valid = rng.random() < 0.6
        out["contacts_validity_channel"][0 if valid else 1, int(rng.random() < 0.3)] += 1
        if not valid:
            continue
        victim = rng.random() < 0.6
        out["valid_reason_caller"][int(rng.random() < 0.4), 0 if victim else 1] += 1
        if not victim:
            continue
        units += 1
        out["victims_citizenship"][int(rng.random() < 0.25), 0] += 1
        out["victims_age_sex"][int(rng.random() < 0.5), int(rng.random() < 0.1)] += 1
        answers = [rng.random() < 0.7, rng.random() < 0.2]
        if not any(answers):
            answers.append(True)  # not stated
        for row, given_ in enumerate(answers):
            out["victims_violence_type"][row, 0] += int(given_)
    out["#units"] = np.array([units])
    return out


def _payload(table_id: str, cells: np.ndarray, units: int) -> dict:
    rows, columns = SHAPES[table_id]
    column_totals = [units] if table_id == "victims_violence_type" else cells.sum(axis=0).tolist()
    return {
        "row_codes": rows,
        "column_codes": columns,
        "cells": cells.tolist(),
        "row_totals": cells.sum(axis=1).tolist(),
        "column_totals": [int(v) for v in column_totals],
        "total": int(sum(column_totals)),
    }


@st.composite
def releases(draw):
    n_atoms = draw(st.integers(2, 5))
    atoms = [f"a{i}" for i in range(n_atoms)]
    # Each atom: a region (0, 1) or none (a contact with no place: national only).
    region_of = draw(st.lists(st.sampled_from([None, 0, 1]), min_size=n_atoms, max_size=n_atoms))
    areas = {("national", "IT"): frozenset(atoms)}
    for region in (0, 1):
        members = [a for a, r in zip(atoms, region_of, strict=True) if r == region]
        if not members:
            continue
        areas[("region", f"R{region}")] = frozenset(members)
        for t in range(draw(st.integers(0, 2))):
            chosen = draw(st.sets(st.sampled_from(members), min_size=1, max_size=len(members)))
            areas[("territory", f"T{region}{t}")] = frozenset(chosen)
    table_ids = draw(st.lists(st.sampled_from(sorted(SHAPES)), min_size=1, max_size=3, unique=True))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    people = {a: int(rng.choice([0, 1, 2, 3, 5, 8, 13, 25, 40])) for a in atoms}
    counts = {a: _atom_counts(rng, people[a]) for a in atoms}
    tables = []
    for (level, code), members in areas.items():
        for table_id in table_ids:
            cells = sum(counts[a][table_id] for a in members)
            units = int(sum(counts[a]["#units"][0] for a in members))
            tables.append(Table(level, code, code, table_id, _payload(table_id, cells, units)))
    return tables, areas


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(releases())
def test_random_releases_are_protected(release):
    tables, areas = release
    payloads, report = protect_release(tables, areas, THRESHOLD)
    ranges = assert_protected(tables, areas, payloads, THRESHOLD)
    suppressed = sum(
        value is None
        for payload in payloads
        for value in (
            *[v for row in payload["cells"] for v in row],
            *payload["row_totals"],
            *payload["column_totals"],
            payload["total"],
        )
    )
    assert report["suppressed"] == suppressed
    # Secondary suppression never hides a zero (it would tell nothing and cost a cell).
    for table, payload in zip(tables, payloads, strict=True):
        for shown_row, true_row in zip(payload["cells"], table.payload["cells"], strict=True):
            assert all(
                true != 0 for shown, true in zip(shown_row, true_row, strict=True) if shown is None
            )
    assert report["lp_checked"] == len(ranges)
    # None: nothing suppressed, or no suppressed value has an upper bound at all.
    assert report["min_width"] is None or report["min_width"] > THRESHOLD
    # The module's own check, as the other parts' tests use it, says the same.
    mine = suppression_ranges(tables, areas, payloads, THRESHOLD, exact=False)
    assert len(mine) == len(ranges)
    assert all(r.width > THRESHOLD for r in mine)
