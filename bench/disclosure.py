"""A realistic public release built without the database, for the disclosure tests and
for timing them: 21 regions of 1–9 provinces, about 30 territories (whole provinces and
cities), a few thousand contacts per region simulated one by one with shares like ISTAT's,
and the 12 public tables at national, region and territory level with full counts.

Run `python -m bench.disclosure [seed] [contacts per region]` for the
timing of protect_release (no database, no Django settings needed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from rete.helpline.classification.lists import VERSION_1
from rete.statistics.definitions import PUBLIC_TABLES, ROUTING_MODES, TIME_SLOTS, WEEKDAYS

LISTS = {item["key"]: [i["code"] for i in item["items"]] for item in VERSION_1}
CHANNELS = ["phone", "chat"]
UNLOCATED = "unlocated"


@dataclass
class SyntheticTable:
    level: str
    area_code: str
    area_name: str
    table_id: str
    payload: dict[str, Any]


def _choice(rng: np.random.Generator, n: int, weights: list[float]) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _geography(rng: np.random.Generator, regions: int, territories: int):
    """Atoms, the atoms of every public area, and each atom's weight (share of contacts)."""
    area_atoms: dict[tuple[str, str], frozenset[str]] = {}
    atoms: list[str] = []
    provinces: list[tuple[str, str]] = []  # (region, province)
    for r in range(regions):
        region = f"{r + 1:02d}"
        for p in range(int(rng.integers(1, 10))):
            provinces.append((region, f"{region}P{p}"))
    picks = rng.permutation(len(provinces))[:territories]
    cities = set(picks[: territories // 4].tolist())  # a quarter are city-level territories
    region_atoms: dict[str, set[str]] = {}
    for index, (region, province) in enumerate(provinces):
        parts = [province]
        if index in cities:
            parts = [f"{province}-city", f"{province}-rest"]
            area_atoms[("territory", f"ATR-{province}C")] = frozenset([parts[0]])
        elif index in set(picks.tolist()):
            area_atoms[("territory", f"ATR-{province}")] = frozenset(parts)
        atoms.extend(parts)
        region_atoms.setdefault(region, set()).update(parts)
    for region, members in region_atoms.items():
        area_atoms[("region", region)] = frozenset(members)
    atoms.append(UNLOCATED)
    area_atoms[("national", "IT")] = frozenset(atoms)
    weights = rng.gamma(2.0, 1.0, size=len(atoms))
    weights[-1] = 0.3 * weights[:-1].mean()
    return atoms, area_atoms, weights


def _simulate(rng: np.random.Generator, n: int, n_atoms: int, weights: np.ndarray):
    """Per table id: counts per atom (atoms × rows × columns) and, for the tables with
    several answers, the units per atom and column."""
    atom = _choice(rng, n, weights.tolist())
    channel = _choice(rng, n, [85, 15])
    validity_codes = [*LISTS["validity"], "unclassified"]
    validity = _choice(rng, n, [50, 10, 8, 12, 18, 2])
    valid = validity == 0
    routed = valid & (rng.random(n) < 0.6)
    mode = _choice(rng, n, [60, 25, 12, 3])
    reason = _choice(rng, n, [30, 25, 15, 10, 6, 4, 6, 4])
    caller = _choice(rng, n, [55, 25, 8, 10, 2])
    weekday = _choice(rng, n, [15, 15, 15, 15, 15, 12, 13])
    slot = _choice(rng, n, [8, 30, 30, 22, 10])
    victim = valid & (caller == 0)

    def single(mask, rows, columns, n_rows, n_cols):
        counts = np.zeros((n_atoms, n_rows, n_cols), dtype=int)
        np.add.at(counts, (atom[mask], rows[mask], columns[mask]), 1)
        return counts

    out: dict[str, tuple[np.ndarray, np.ndarray | None, list[str], list[str]]] = {}
    zeros = np.zeros(n, dtype=int)
    out["contacts_validity_channel"] = (
        single(np.ones(n, dtype=bool), validity, channel, 6, 2),
        None,
        validity_codes,
        CHANNELS,
    )
    out["routed_mode_channel"] = (
        single(routed, mode, channel, 4, 2),
        None,
        list(ROUTING_MODES),
        CHANNELS,
    )
    out["valid_reason_caller"] = (
        single(valid, reason, caller, 8, 5),
        None,
        LISTS["reason"],
        LISTS["caller_type"],
    )
    out["valid_weekday_slot"] = (
        single(valid, weekday, slot, 7, 5),
        None,
        list(WEEKDAYS),
        [s[0] for s in TIME_SLOTS],
    )
    age = _choice(rng, n, [3, 8, 20, 25, 22, 12, 7, 3])
    sex = _choice(rng, n, [93, 5, 2])
    out["victims_age_sex"] = (
        single(victim, age, sex, 8, 3),
        None,
        LISTS["age_class"],
        LISTS["sex"],
    )
    for table_id, key, weights_ in (
        ("victims_relationship", "perpetrator_relationship", [35, 25, 15, 8, 3, 4, 5, 5]),
        ("victims_citizenship", "citizenship", [75, 20, 5]),
        ("victims_children_witnessing", "children_witnessing", [35, 25, 30, 10]),
        ("victims_reported_to_police", "reported_to_police", [20, 70, 10]),
        ("victims_heard_of_1522", "heard_of_1522", [40, 20, 3, 12, 8, 10, 4, 2, 1]),
    ):
        rows = _choice(rng, n, weights_)
        out[table_id] = (single(victim, rows, zeros, len(weights_), 1), None, LISTS[key], ["count"])
    for table_id, key, shares in (
        ("victims_violence_type", "violence_type", [0.8, 0.45, 0.45, 0.08, 0.15, 0.1, 0.04]),
        (
            "victims_referral_kind",
            "referral_kind",
            [0.6, 0.05, 0.2, 0.1, 0.05, 0.03, 0.1, 0.05, 0.1],
        ),
    ):
        answers = rng.random((n, len(shares))) < np.asarray(shares)
        none = ~answers.any(axis=1)
        answers = np.column_stack([answers, none])  # not stated
        counts = np.zeros((n_atoms, len(shares) + 1, 1), dtype=int)
        for row in range(len(shares) + 1):
            np.add.at(counts[:, row, 0], atom[victim & answers[:, row]], 1)
        units = np.zeros((n_atoms, 1), dtype=int)
        np.add.at(units[:, 0], atom[victim], 1)
        out[table_id] = (counts, units, LISTS[key], ["count"])
    return out


def payload_of(cells: np.ndarray, units: np.ndarray | None, rows, columns) -> dict[str, Any]:
    """A payload from the cells (and the units per column for several answers)."""
    column_totals = units if units is not None else cells.sum(axis=0)
    return {
        "row_codes": list(rows),
        "column_codes": list(columns),
        "cells": cells.tolist(),
        "row_totals": cells.sum(axis=1).tolist(),
        "column_totals": [int(v) for v in column_totals],
        "total": int(np.sum(column_totals)),
    }


def synthetic_release(
    seed: int = 1, *, regions: int = 21, territories: int = 30, contacts_per_region: int = 3000
) -> tuple[list[SyntheticTable], dict[tuple[str, str], frozenset[str]]]:
    rng = np.random.default_rng(seed)
    atoms, area_atoms, weights = _geography(rng, regions, territories)
    index = {atom: i for i, atom in enumerate(atoms)}
    counts = _simulate(rng, contacts_per_region * regions, len(atoms), weights)
    tables = []
    for (level, code), members in area_atoms.items():
        mask = np.zeros(len(atoms), dtype=bool)
        mask[[index[a] for a in members]] = True
        for spec in PUBLIC_TABLES:
            cells, units, rows, columns = counts[spec.id]
            payload = payload_of(
                cells[mask].sum(axis=0),
                None if units is None else units[mask].sum(axis=0),
                rows,
                columns,
            )
            tables.append(SyntheticTable(level, code, code, spec.id, payload))
    return tables, area_atoms


if __name__ == "__main__":  # pragma: no cover - timing by hand
    import sys

    from rete.statistics.disclosure import protect_release

    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    per_region = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    import time

    tables, area_atoms = synthetic_release(seed, contacts_per_region=per_region)
    cpu = time.process_time()
    payloads, report = protect_release(tables, area_atoms, 5)
    cpu = time.process_time() - cpu
    print(f"{len(tables)} tables, {len(area_atoms)} areas, cpu {cpu:.1f} s:", report)
