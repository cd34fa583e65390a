"""An independent LP check of a protected release, written for the tests so that they do
not trust the module they test: one unknown per atom and cell (no merging of atoms, no
neighbourhoods, no warm starts), dense matrices, two `linprog` calls per value.

It knows what an attacker knows: every published value is the sum of its atoms' counts;
in each atom, tables of one universe have the same total, `LINKS` margins equal their
universe's count, and in a several-answer table each cell is at most its column's units
and the cells add up to at least the units."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linprog

from rete.statistics.definitions import LINKS, TABLES_BY_ID

KINDS = ("cell", "row_total", "column_total", "total")


@dataclass(frozen=True)
class Range:
    area: tuple[str, str]
    table_id: str
    kind: str
    row: str | None
    column: str | None
    value: int
    low: float
    high: float


def _positions(payload: Mapping[str, Any]):
    rows, columns = payload["row_codes"], payload["column_codes"]
    for r, row in enumerate(rows):
        for c, column in enumerate(columns):
            yield "cell", row, column, payload["cells"][r][c]
    for r, row in enumerate(rows):
        yield "row_total", row, None, payload["row_totals"][r]
    for c, column in enumerate(columns):
        yield "column_total", None, column, payload["column_totals"][c]
    yield "total", None, None, payload["total"]


class Model:
    def __init__(self, tables: Sequence[Any], area_atoms: Mapping[tuple[str, str], Any]):
        self.tables = tables
        self.area_atoms = {key: frozenset(v) for key, v in area_atoms.items()}
        self.atoms = sorted(frozenset().union(*self.area_atoms.values()))
        self.codes: dict[str, tuple[list[str], list[str]]] = {}
        for table in tables:
            self.codes.setdefault(
                table.table_id,
                (list(table.payload["row_codes"]), list(table.payload["column_codes"])),
            )
        self.index: dict[tuple, int] = {}
        for table_id, (rows, columns) in self.codes.items():
            multiple = TABLES_BY_ID[table_id].multiple
            for atom in self.atoms:
                for row in rows:
                    for column in columns:
                        self.index[(table_id, atom, row, column)] = len(self.index)
                if multiple:
                    for column in columns:
                        self.index[(table_id, atom, "#units", column)] = len(self.index)
        self.n = len(self.index)

    def atom_vector(self, table_id: str, atom: str, kind: str, row, column) -> np.ndarray:
        rows, columns = self.codes[table_id]
        multiple = TABLES_BY_ID[table_id].multiple
        vector = np.zeros(self.n)
        if kind == "cell":
            vector[self.index[(table_id, atom, row, column)]] = 1
        elif kind == "row_total":
            for c in columns:
                vector[self.index[(table_id, atom, row, c)]] = 1
        elif kind == "column_total":
            if multiple:
                vector[self.index[(table_id, atom, "#units", column)]] = 1
            else:
                for r in rows:
                    vector[self.index[(table_id, atom, r, column)]] = 1
        elif multiple:
            for c in columns:
                vector[self.index[(table_id, atom, "#units", c)]] = 1
        else:
            for r in rows:
                for c in columns:
                    vector[self.index[(table_id, atom, r, c)]] = 1
        return vector

    def vector(self, table_id: str, atoms, kind: str, row, column) -> np.ndarray:
        return sum(
            (self.atom_vector(table_id, atom, kind, row, column) for atom in atoms),
            np.zeros(self.n),
        )

    def structure(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        equalities, inequalities = [], []
        universes: dict[str, list[str]] = {}
        for table_id in self.codes:
            universes.setdefault(str(TABLES_BY_ID[table_id].universe), []).append(table_id)
        for atom in self.atoms:
            for members in universes.values():
                first = self.atom_vector(members[0], atom, "total", None, None)
                for other in members[1:]:
                    equalities.append(self.atom_vector(other, atom, "total", None, None) - first)
            for link in LINKS:
                members = universes.get(str(link.universe))
                if not members or link.table not in self.codes:
                    continue
                rows, columns = self.codes[link.table]
                if link.row is not None and link.row in rows:
                    margin = self.atom_vector(link.table, atom, "row_total", link.row, None)
                elif link.column is not None and link.column in columns:
                    margin = self.atom_vector(link.table, atom, "column_total", None, link.column)
                else:
                    continue
                equalities.append(self.atom_vector(members[0], atom, "total", None, None) - margin)
            for table_id, (rows, columns) in self.codes.items():
                if not TABLES_BY_ID[table_id].multiple:
                    continue
                for column in columns:
                    units = self.atom_vector(table_id, atom, "column_total", None, column)
                    cells = np.zeros(self.n)
                    for row in rows:
                        cell = self.atom_vector(table_id, atom, "cell", row, column)
                        inequalities.append(cell - units)
                        cells += cell
                    inequalities.append(units - cells)
        return equalities, inequalities

    def ranges(
        self, payloads: Sequence[Mapping[str, Any]], threshold: int, *, rests: bool = True
    ) -> list[Range]:
        """The range of every null value of `payloads`, and of every rest (an area minus
        its largest published parts, not national) whose true count is 1..threshold."""
        equalities, inequalities = self.structure()
        a_eq, b_eq = list(equalities), [0.0] * len(equalities)
        questions: list[tuple[Range, np.ndarray]] = []
        for table, payload in zip(self.tables, payloads, strict=True):
            key = (str(table.level), str(table.area_code))
            atoms = self.area_atoms[key]
            truth = {(k, r, c): v for k, r, c, v in _positions(table.payload)}
            for kind, row, column, value in _positions(payload):
                vector = self.vector(table.table_id, atoms, kind, row, column)
                if value is None:
                    true = truth[(kind, row, column)]
                    questions.append(
                        (Range(key, table.table_id, kind, row, column, true, 0, 0), vector)
                    )
                else:
                    a_eq.append(vector)
                    b_eq.append(float(value))
        if rests:
            questions.extend(self._rests(threshold))
        a_ub = np.array(inequalities) if inequalities else None
        b_ub = np.zeros(len(inequalities)) if inequalities else None
        out = []
        for question, vector in questions:
            bounds = []
            for sign in (1, -1):
                result = linprog(
                    sign * vector,
                    A_ub=a_ub,
                    b_ub=b_ub,
                    A_eq=np.array(a_eq) if a_eq else None,
                    b_eq=np.array(b_eq) if a_eq else None,
                    bounds=(0, None),
                    method="highs",
                )
                if result.status == 3:
                    bounds.append(np.inf)
                    continue
                assert result.status == 0, result.message
                bounds.append(sign * result.fun)
            out.append(
                Range(
                    question.area,
                    question.table_id,
                    question.kind,
                    question.row,
                    question.column,
                    question.value,
                    bounds[0],
                    bounds[1],
                )
            )
        return out

    def _rests(self, threshold: int):
        """Rests (area minus its largest published parts, when those are disjoint), once
        per atom set; not those made only of atoms in no area but the whole country's."""
        present = sorted({(str(t.level), str(t.area_code)) for t in self.tables})
        everything = frozenset(self.atoms)
        seen = set()
        for key in present:
            atoms = self.area_atoms[key]
            inside = [k for k in present if self.area_atoms[k] < atoms]
            largest = {
                self.area_atoms[k]
                for k in inside
                if not any(self.area_atoms[k] < self.area_atoms[o] for o in inside)
            }
            covered = frozenset().union(*largest) if largest else frozenset()
            if not largest or sum(map(len, largest)) != len(covered) or covered == atoms:
                continue
            rest = atoms - covered
            if all(
                self.area_atoms[k] == everything
                for a in rest
                for k in present
                if a in self.area_atoms[k]
            ):
                continue
            for table in self.tables:
                if (str(table.level), str(table.area_code)) != key:
                    continue
                parts = {}  # one table per atom set: equal areas publish the same
                for t in self.tables:
                    part_atoms = self.area_atoms[(str(t.level), str(t.area_code))]
                    if t.table_id == table.table_id and part_atoms in largest:
                        parts.setdefault(part_atoms, t)
                if len(parts) != len(largest):
                    continue
                parts = list(parts.values())
                part_values = [
                    {(k, r, c): v for k, r, c, v in _positions(t.payload)} for t in parts
                ]
                for kind, row, column, value in _positions(table.payload):
                    true = value - sum(p[(kind, row, column)] for p in part_values)
                    if (rest, table.table_id, kind, row, column) in seen:
                        continue
                    seen.add((rest, table.table_id, kind, row, column))
                    if 1 <= true <= threshold:
                        vector = self.vector(table.table_id, rest, kind, row, column)
                        yield (
                            Range(key, table.table_id, "rest:" + kind, row, column, true, 0, 0),
                            vector,
                        )


def independent_ranges(tables, area_atoms, payloads, threshold: int = 5, *, rests: bool = True):
    return Model(tables, area_atoms).ranges(payloads, threshold, rests=rests)


def assert_protected(tables, area_atoms, payloads, threshold: int = 5) -> list[Range]:
    """What every protected release must satisfy, checked without the module."""
    for table, payload in zip(tables, payloads, strict=True):
        for (kind, row, column, true), (_k, _r, _c, shown) in zip(
            _positions(table.payload), _positions(payload), strict=True
        ):
            assert shown is None or shown == true, (table.table_id, kind, row, column)
            assert shown is None or not 1 <= shown <= threshold, (table.table_id, kind, row)
    ranges = independent_ranges(tables, area_atoms, payloads, threshold)
    for found in ranges:
        assert found.high - found.low > threshold, found
    return ranges


# --- the checker itself ---------------------------------------------------------------


@dataclass
class _Table:
    level: str
    area_code: str
    area_name: str
    table_id: str
    payload: dict


def test_the_checker_finds_the_range_of_a_cell_left_alone_and_of_a_cell_with_partners():
    payload = {
        "row_codes": ["italian", "foreign"],
        "column_codes": ["count"],
        "cells": [[40], [3]],
        "row_totals": [40, 3],
        "column_totals": [43],
        "total": 43,
    }
    table = _Table("national", "IT", "Italia", "victims_citizenship", payload)
    atoms = {("national", "IT"): {"a", "b"}}
    alone = {**payload, "cells": [[40], [None]], "row_totals": [40, None]}
    found = {(r.kind, r.row): (r.low, r.high) for r in independent_ranges([table], atoms, [alone])}
    assert found == {("cell", "foreign"): (3, 3), ("row_total", "foreign"): (3, 3)}
    both = {**alone, "cells": [[None], [None]], "row_totals": [None, None]}
    lows_highs = {
        (r.kind, r.row): (r.low, r.high) for r in independent_ranges([table], atoms, [both])
    }
    assert lows_highs[("cell", "foreign")] == (0, 43)
    assert lows_highs[("row_total", "italian")] == (0, 43)
