"""Every table of a release, computed from the contact records of its period.

`release_compute_tables(period)` reads the geography (rete.statistics.areas), counts every
table at the atom grain, then adds atoms up into every area of every level in memory (one
matrix product per table). On PostgreSQL the counts come from one statement that reads the
period's contacts once (rete.statistics.compute_postgres); elsewhere (SQLite in development
and tests) from one aggregate query per table (rete.statistics.compute_counts and
rete.statistics.compute_measures), which the tests hold to the same numbers. The counts are
full: suppression is the disclosure control's job (rete.statistics.disclosure), on the
public tables only.

A contact belongs to the period of its local (Europe/Rome) start date, and to the areas of
its comune; a contact with no comune counts only nationally. The reads run in one
REPEATABLE READ transaction on PostgreSQL, so that every table sees the same records even
while operators keep classifying: the disclosure control relies on tables that share a
universe sharing its count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from rete.helpline.classification.selectors import classification_current
from rete.statistics.areas import Geography, release_geography
from rete.statistics.compute_counts import AtomGrid, period_contacts, table_grid
from rete.statistics.compute_measures import MeasureAtoms, measure_atoms, measure_values
from rete.statistics.compute_postgres import postgres_atoms
from rete.statistics.definitions import SINGLE_COLUMN, TABLES, TABLES_BY_ID
from rete.statistics.periods import Period

Progress = Callable[[int, Any], None]

ROUTING_TABLE = "routed_mode_channel"
CONTACTS_TABLE = "contacts_validity_channel"
NOTE_GEOGRAPHY = _("Reading the territories")
NOTE_QUERY = _("Counting the contacts of the period")
NOTE_ROLLUP = _("Adding up the areas")
NOTE_DONE = _("Tables computed")


@dataclass(frozen=True)
class AreaTable:
    level: str
    area_code: str
    area_name: str
    table_id: str
    payload: dict[str, Any]


@dataclass
class ComputedRelease:
    period: Period
    contacts_count: int
    tables: list[AreaTable] = field(default_factory=list)
    area_atoms: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)


@contextmanager
def _consistent_reads() -> Iterator[None]:
    """One snapshot of the data for every query (REPEATABLE READ, when this opens the
    transaction), and no JIT compilation, which costs PostgreSQL more than these short
    aggregates gain from it."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                if outermost:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SET LOCAL jit = off")
        yield


def release_compute_tables(period: Period, *, progress: Progress | None = None) -> ComputedRelease:
    """Every table of TABLES for every area of every reserved level, unsuppressed.

    `progress(percent, note)` is called as the work advances; `note` is a lazy English
    message (a table's title, or one of the NOTE_* messages) to show through gettext."""
    return compute_release(period, progress=progress)


def compute_release(
    period: Period, *, progress: Progress | None = None, portable: bool = False
) -> ComputedRelease:
    """`release_compute_tables`; `portable` forces the one-query-per-table engine on
    PostgreSQL too (the tests compare both)."""

    def report(percent: int, note: Any) -> None:
        if progress is not None:
            progress(percent, note)

    report(0, NOTE_GEOGRAPHY)
    count_tables = [spec for spec in TABLES if not spec.is_measures]
    with _consistent_reads():
        snapshot = classification_current()
        geography = release_geography()
        atom_index = {atom: i for i, atom in enumerate(geography.atoms)}
        if connection.vendor == "postgresql" and not portable:
            report(5, NOTE_QUERY)
            grids, measures = postgres_atoms(
                count_tables,
                snapshot,
                geography,
                atom_index,
                period.start,
                period.end,
            )
        else:
            grids, measures = _portable_atoms(
                period, count_tables, snapshot, geography, atom_index, report
            )
    report(90, NOTE_ROLLUP)
    computed = _rollup(period, geography, atom_index, grids, measures)
    report(100, NOTE_DONE)
    return computed


def _portable_atoms(period, count_tables, snapshot, geography, atom_index, report):
    """One aggregate query per table (rete.statistics.compute_counts), any database."""
    steps = len(count_tables) + 2  # plus transfers and emergencies
    contacts = period_contacts(period.start, period.end)
    grids: dict[str, AtomGrid] = {}
    for done, spec in enumerate(count_tables):
        report(5 + 85 * done // steps, spec.title)
        grids[spec.id] = table_grid(spec, snapshot, geography, contacts, atom_index)
    routing = grids[ROUTING_TABLE]
    report(5 + 85 * len(count_tables) // steps, TABLES_BY_ID["transfers"].title)
    measures = measure_atoms(
        period.start,
        period.end,
        geography,
        atom_index,
        routing.cells.sum(axis=2),
        routing.rows,
        progress=lambda: report(5 + 85 * (steps - 1) // steps, TABLES_BY_ID["emergencies"].title),
    )
    return grids, measures


def _rollup(
    period: Period,
    geography: Geography,
    atom_index: dict[str, int],
    grids: dict[str, AtomGrid],
    measures: MeasureAtoms,
) -> ComputedRelease:
    areas = geography.areas
    membership = np.zeros((len(areas), len(atom_index)), dtype=np.int64)
    for position, area in enumerate(areas):
        membership[position, [atom_index[atom] for atom in area.atoms]] = 1
    payloads: dict[str, list[dict[str, Any]]] = {}
    for spec in TABLES:
        if spec.is_measures:
            continue
        payloads[spec.id] = _area_payloads(grids[spec.id], membership, multiple=spec.multiple)
    masks = membership.astype(bool)
    for spec in TABLES:
        if not spec.is_measures:
            continue
        rows = [code for code, _label in spec.measures]
        payloads[spec.id] = []
        for mask in masks:
            values = measure_values(measures, mask)
            payloads[spec.id].append(
                {
                    "row_codes": list(rows),
                    "column_codes": [SINGLE_COLUMN],
                    "cells": [[values[code]] for code in rows],
                    "row_totals": None,
                    "column_totals": None,
                    "total": None,
                }
            )
    tables = [
        AreaTable(area.level, area.code, area.name, spec.id, payloads[spec.id][position])
        for position, area in enumerate(areas)
        for spec in TABLES
    ]
    national = payloads[CONTACTS_TABLE][0]["total"]
    return ComputedRelease(
        period=period,
        contacts_count=national,
        tables=tables,
        area_atoms=geography.area_atoms,
    )


def _area_payloads(grid: AtomGrid, membership: np.ndarray, *, multiple: bool) -> list[dict]:
    """The table of every area: its atoms' counts added up (one matrix product)."""
    cells = np.tensordot(membership, grid.cells, axes=1)  # [area, row, column]
    row_totals = cells.sum(axis=2).tolist()
    if multiple:
        # Several answers per victim: the margins are the victims, not the answers.
        units = (membership @ grid.units).tolist()
        column_totals = [[count] for count in units]
        totals = units
    else:
        column_totals = cells.sum(axis=1).tolist()
        totals = cells.sum(axis=(1, 2)).tolist()
    rows, columns = list(grid.rows), list(grid.columns)
    return [
        {
            "row_codes": list(rows),
            "column_codes": list(columns),
            "cells": area_cells,
            "row_totals": row_totals[position],
            "column_totals": column_totals[position],
            "total": totals[position],
        }
        for position, area_cells in enumerate(cells.tolist())
    ]
