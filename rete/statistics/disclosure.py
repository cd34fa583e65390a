"""Disclosure control of the public tables of a release.

No published number may betray a person. Two rules, for every value a public table shows
(cells, row and column totals, the total):

- primary suppression: a count from 1 to the threshold (inclusive) is not published;
  zeros are;
- secondary suppression: no suppressed value may be recovered, nor narrowed to an interval
  as small as the threshold, from everything published in the same release — rows and
  columns of a table, tables of one universe in one area (they share the total), the
  margins in `definitions.LINKS`, and areas made of other areas (a region is the union of
  its atoms, so region = its territories + the rest of the region; the nation = the regions
  + the contacts with no place).

The criterion is the one an attacker with a linear-programming solver would use: unknown
nonnegative counts per geographic atom and cell, constrained by every published value;
the range [min, max] of each suppressed value over those counts must be wider than the
threshold (max − min > threshold, after rounding the bounds inwards to whole numbers).
In a table with several answers per victim the cells do not add up: there each cell is at
most its column's victims, and the cells together at least as many (everyone answers at
least once, "not stated" included). Measures tables are never public and never come here.

Counts found by difference are protected as well: where an area is the union of published
areas and a rest (a region minus its territories), the rest is a table nobody publishes
but anybody can compute, so a rest's count from 1 to the threshold must have a wide range
too. A rest made only of contacts with no place (the nation minus its regions) is exempt:
it places no one.

How: a fast heuristic on the "lines" (a parent equal to the sum of its parts) suppresses
partners until no line lets a suppressed value out; then the linear programs
(`disclosure_lp`) check every suppressed value, and where one is still too narrow its lines
get another partner, until the check passes. Nothing here touches the database or the
request (only the table definitions are imported), so the tests and the release task call
it the same way.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from scipy import sparse

from rete.statistics.definitions import LINKS, TABLES_BY_ID
from rete.statistics.disclosure_lp import LinearSystem, RangeStats, target_ranges

DEFAULT_THRESHOLD = 5

CELL, ROW_TOTAL, COLUMN_TOTAL, TOTAL = "cell", "row_total", "column_total", "total"
# Partners are chosen among cells first: suppressing a margin spreads to other lines.
_KIND_RANK = {CELL: 0, ROW_TOTAL: 1, COLUMN_TOTAL: 1, TOTAL: 2}
# After this many failed LP checks of one value, suppress every candidate partner at once
# (before, one more each time): a guarantee of progress, rarely reached.
_PATIENCE = 8
_MAX_ROUNDS = 60


class AreaTableLike(Protocol):
    level: str
    area_code: str
    area_name: str
    table_id: str
    payload: Mapping[str, Any]


AreaKey = tuple[str, str]


@dataclass(frozen=True)
class SuppressedRange:
    """What an attacker can learn of one unpublished value: it lies in [low, high]."""

    area: AreaKey
    table_id: str
    kind: str  # cell | row_total | column_total | total
    row: str | None
    column: str | None
    value: int  # the true value
    low: float
    high: float
    # Index of the table in the input, None for a rest (an area minus its published parts).
    table: int | None
    derived: bool = False

    @property
    def width(self) -> float:
        return self.high - self.low


@dataclass
class _Value:
    table: int | None
    family: str
    area: AreaKey
    classes: tuple[int, ...]
    kind: str
    row: int  # family row index, -1 if none
    column: int  # family column index, -1 if none
    true: int
    hidden: bool = False  # a rest: never published
    sensitive: bool = False  # a rest that must be protected


@dataclass
class _Line:
    parent: int
    children: list[int]
    # False for the relations of several-answer tables (cell ≤ column total, Σ cells ≥
    # column total): only the LP uses them, the line is kept to find partners.
    additive: bool = True


@dataclass
class _Family:
    table_id: str
    universe: str
    multiple: bool
    rows: list[str]
    columns: list[str]

    @property
    def block(self) -> int:
        """Unknowns per atom class: the cells, plus the column counts of units for a
        several-answer table (they are not the sum of its cells)."""
        size = len(self.rows) * len(self.columns)
        return size + (len(self.columns) if self.multiple else 0)

    def offsets(self, kind: str, row: int, column: int) -> np.ndarray:
        n_rows, n_cols = len(self.rows), len(self.columns)
        cells = np.arange(n_rows * n_cols).reshape(n_rows, n_cols)
        units = n_rows * n_cols + np.arange(n_cols)
        if kind == CELL:
            return cells[row, column : column + 1]
        if kind == ROW_TOTAL:
            return cells[row]
        if kind == COLUMN_TOTAL:
            return units[column : column + 1] if self.multiple else cells[:, column]
        return units if self.multiple else cells.ravel()


def payload_values(payload: Mapping[str, Any]) -> list[tuple[str, int, int, Any]]:
    """Every value of a payload as (kind, row index, column index, value), -1 for none."""
    return (
        [(CELL, r, c, v) for r, row in enumerate(payload["cells"]) for c, v in enumerate(row)]
        + [(ROW_TOTAL, r, -1, v) for r, v in enumerate(payload["row_totals"])]
        + [(COLUMN_TOTAL, -1, c, v) for c, v in enumerate(payload["column_totals"])]
        + [(TOTAL, -1, -1, payload["total"])]
    )


class _Release:
    """The values of a release and every relation an attacker knows between them."""

    def __init__(
        self,
        tables: Sequence[AreaTableLike],
        area_atoms: Mapping[tuple[str, str], Iterable[str]],
        threshold: int,
        protect_rests: bool,
    ):
        self.tables = tables
        self.threshold = threshold
        self._structure: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None
        self.areas: dict[AreaKey, frozenset[str]] = {}
        for table in tables:
            key = (str(table.level), str(table.area_code))
            spec = TABLES_BY_ID.get(table.table_id)
            if spec is None or not spec.public or spec.is_measures:
                raise ValueError(f"{table.table_id} is not a public table")
            if key not in self.areas:
                atoms = area_atoms.get(key)
                if atoms is None:
                    atoms = area_atoms.get((table.level, table.area_code))
                if atoms is None:
                    raise ValueError(f"no atoms for area {key}")
                self.areas[key] = frozenset(atoms)
        self._everything = frozenset().union(*self.areas.values())
        self._make_classes()
        self._make_families()
        self.values: list[_Value] = []
        self.ids: dict[tuple, int] = {}  # (family, area, kind, row, column) -> id
        self.payload_slots: list[tuple[int, str, int, int]] = []  # id -> (table, kind, r, c)
        self._read_tables()
        self.lines: list[_Line] = []
        self._within_tables()
        self._across_tables()
        self._across_areas(protect_rests)
        self._check_consistency()
        self.lines_of: list[list[int]] = [[] for _ in self.values]
        for index, line in enumerate(self.lines):
            for member in (line.parent, *line.children):
                self.lines_of[member].append(index)
        self.true = np.array([v.true for v in self.values], dtype=float)
        self.hidden = np.array([v.hidden for v in self.values], dtype=bool)
        self.sensitive = np.array([v.sensitive for v in self.values], dtype=bool)

    # --- structure -------------------------------------------------------------------

    def _make_classes(self) -> None:
        """Atoms that lie in exactly the same published areas are indistinguishable:
        merge them into one class (the problem is the same, and much smaller)."""
        membership: dict[str, set[AreaKey]] = defaultdict(set)
        for key, atoms in self.areas.items():
            for atom in atoms:
                membership[atom].add(key)
        signatures: dict[frozenset[AreaKey], int] = {}
        self.atom_class: dict[str, int] = {}
        for atom in sorted(membership):
            signature = frozenset(membership[atom])
            self.atom_class[atom] = signatures.setdefault(signature, len(signatures))
        self.n_classes = len(signatures)
        self.area_classes = {
            key: tuple(sorted({self.atom_class[a] for a in atoms}))
            for key, atoms in self.areas.items()
        }

    def _make_families(self) -> None:
        self.families: dict[str, _Family] = {}
        for table in self.tables:
            spec = TABLES_BY_ID[table.table_id]
            family = self.families.setdefault(
                table.table_id,
                _Family(table.table_id, str(spec.universe), spec.multiple, [], []),
            )
            for code in table.payload["row_codes"]:
                if code not in family.rows:
                    family.rows.append(code)
            for code in table.payload["column_codes"]:
                if code not in family.columns:
                    family.columns.append(code)
        self.base: dict[str, int] = {}
        offset = 0
        for table_id, family in self.families.items():
            self.base[table_id] = offset
            offset += family.block * self.n_classes
        self.n_vars = offset

    def _add(self, value: _Value, slot: tuple[int, str, int, int] | None) -> int:
        index = len(self.values)
        self.values.append(value)
        self.payload_slots.append(slot or (-1, "", -1, -1))
        if not value.hidden:
            key = (value.family, value.area, value.kind, value.row, value.column)
            if key in self.ids:
                raise ValueError(f"{value.family} appears twice in {value.area}")
            self.ids[key] = index
        return index

    def _check_consistency(self) -> None:
        """The tables must add up as the attacker's model says, or the LP would find no
        counts at all: better a clear error about the input."""
        for line in self.lines:
            parent = self.values[line.parent]
            children = [self.values[ch].true for ch in line.children]
            if line.additive:
                ok = parent.true == sum(children)
            else:  # several answers: each ≤ the units, together ≥ the units
                ok = all(c <= parent.true for c in children) and sum(children) >= parent.true
            if not ok:
                raise ValueError(
                    f"{parent.family} in {parent.area}: {parent.kind} does not match its parts"
                )

    def _read_tables(self) -> None:
        self.table_ids: list[dict[tuple[str, int, int], int]] = []
        for index, table in enumerate(self.tables):
            family = self.families[table.table_id]
            key = (str(table.level), str(table.area_code))
            rows = [family.rows.index(code) for code in table.payload["row_codes"]]
            columns = [family.columns.index(code) for code in table.payload["column_codes"]]
            local: dict[tuple[str, int, int], int] = {}
            for kind, r, c, true in payload_values(table.payload):
                if true is None:
                    raise ValueError("input tables must hold every count")
                value = _Value(
                    index,
                    family.table_id,
                    key,
                    self.area_classes[key],
                    kind,
                    rows[r] if r >= 0 else -1,
                    columns[c] if c >= 0 else -1,
                    int(true),
                )
                local[(kind, r, c)] = self._add(value, (index, kind, r, c))
            self.table_ids.append(local)

    def _within_tables(self) -> None:
        for index, table in enumerate(self.tables):
            ids = self.table_ids[index]
            n_rows = len(table.payload["row_codes"])
            n_cols = len(table.payload["column_codes"])
            multiple = self.families[table.table_id].multiple
            cell = [[ids[(CELL, r, c)] for c in range(n_cols)] for r in range(n_rows)]
            row_totals = [ids[(ROW_TOTAL, r, -1)] for r in range(n_rows)]
            column_totals = [ids[(COLUMN_TOTAL, -1, c)] for c in range(n_cols)]
            total = ids[(TOTAL, -1, -1)]
            # Columns split the units (a victim has one age class), rows may not.
            for r in range(n_rows):
                self.lines.append(_Line(row_totals[r], cell[r]))
            for c in range(n_cols):
                column = [cell[r][c] for r in range(n_rows)]
                self.lines.append(_Line(column_totals[c], column, additive=not multiple))
            self.lines.append(_Line(total, column_totals))
            if not multiple:
                self.lines.append(_Line(total, row_totals))

    def _universe_members(self) -> dict[tuple[AreaKey, str], list[int]]:
        """Per area and universe: the values that are all the universe's count there."""
        members: dict[tuple[AreaKey, str], list[int]] = defaultdict(list)
        for index, table in enumerate(self.tables):
            key = (str(table.level), str(table.area_code))
            members[(key, self.families[table.table_id].universe)].append(
                self.table_ids[index][(TOTAL, -1, -1)]
            )
        for link in LINKS:
            family = self.families.get(link.table)
            if family is None:
                continue
            for key in self.areas:
                if link.row is not None and link.row in family.rows:
                    found = self.ids.get(
                        (link.table, key, ROW_TOTAL, family.rows.index(link.row), -1)
                    )
                elif link.column is not None and link.column in family.columns:
                    column = family.columns.index(link.column)
                    found = self.ids.get((link.table, key, COLUMN_TOTAL, -1, column))
                else:
                    found = None
                if found is not None:
                    members[(key, str(link.universe))].append(found)
        return members

    def _across_tables(self) -> None:
        for members in self._universe_members().values():
            for other in members[1:]:
                self.lines.append(_Line(members[0], [other]))

    def _across_areas(self, protect_rests: bool) -> None:
        """Lines area = Σ its largest disjoint published parts (+ the rest, a hidden value)."""
        by_atoms: dict[frozenset[str], list[AreaKey]] = defaultdict(list)
        for key, atoms in self.areas.items():
            by_atoms[atoms].append(key)
        for family in self.families.values():
            present = {
                key
                for key in self.areas
                if self.ids.get((family.table_id, key, TOTAL, -1, -1)) is not None
            }
            # Areas with the same atoms publish the same numbers.
            for keys in by_atoms.values():
                keys = [k for k in keys if k in present]
                for other in keys[1:]:
                    self._equal_areas(family, keys[0], other)
            for atoms, keys in by_atoms.items():
                parents = [k for k in keys if k in present]
                if not parents:
                    continue
                parent = parents[0]
                parts = [
                    next(k for k in other_keys if k in present)
                    for other_atoms, other_keys in by_atoms.items()
                    if other_atoms < atoms and any(k in present for k in other_keys)
                ]
                largest = [
                    part
                    for part in parts
                    if not any(self.areas[part] < self.areas[other] for other in parts)
                ]
                if not largest:
                    continue
                covered = frozenset().union(*(self.areas[p] for p in largest))
                if sum(len(self.areas[p]) for p in largest) != len(covered):
                    continue  # overlapping parts: no simple line, the LP still checks
                rest = tuple(sorted({self.atom_class[a] for a in atoms - covered}))
                placed = any(not self._nowhere(atom) for atom in atoms - covered)
                self._area_lines(family, parent, largest, rest, protect_rests and placed)

    def _nowhere(self, atom: str) -> bool:
        """An atom in no published area but the whole country's (contacts with no place)."""
        everything = self._everything
        return all(atoms == everything for atoms in self.areas.values() if atom in atoms)

    def _positions(self, family: _Family) -> list[tuple[str, int, int]]:
        n_rows, n_cols = len(family.rows), len(family.columns)
        return (
            [(CELL, r, c) for r in range(n_rows) for c in range(n_cols)]
            + [(ROW_TOTAL, r, -1) for r in range(n_rows)]
            + [(COLUMN_TOTAL, -1, c) for c in range(n_cols)]
            + [(TOTAL, -1, -1)]
        )

    def _equal_areas(self, family: _Family, first: AreaKey, other: AreaKey) -> None:
        for kind, r, c in self._positions(family):
            a = self.ids.get((family.table_id, first, kind, r, c))
            b = self.ids.get((family.table_id, other, kind, r, c))
            if a is not None and b is not None:
                self.lines.append(_Line(a, [b]))

    def _area_lines(
        self,
        family: _Family,
        parent: AreaKey,
        parts: list[AreaKey],
        rest: tuple[int, ...],
        protect_rest: bool,
    ) -> None:
        for kind, r, c in self._positions(family):
            top = self.ids.get((family.table_id, parent, kind, r, c))
            children = [self.ids.get((family.table_id, part, kind, r, c)) for part in parts]
            if top is None or any(child is None for child in children):
                continue
            if rest:
                true = self.values[top].true - sum(self.values[ch].true for ch in children)
                if true < 0:
                    raise ValueError(f"{family.table_id} in {parent} is less than its parts")
                hidden = _Value(
                    None,
                    family.table_id,
                    parent,
                    rest,
                    kind,
                    r,
                    c,
                    true,
                    hidden=True,
                    sensitive=protect_rest and 1 <= true <= self.threshold,
                )
                children.append(self._add(hidden, None))
            self.lines.append(_Line(top, children))

    # --- the attacker's linear system -------------------------------------------------

    def value_matrix(self) -> sparse.csr_matrix:
        """Each value as a sum of unknowns (cells of atom classes)."""
        rows, cols = [], []
        cache: dict[tuple[str, str, int, int], np.ndarray] = {}
        for index, value in enumerate(self.values):
            family = self.families[value.family]
            signature = (value.family, value.kind, value.row, value.column)
            offsets = cache.get(signature)
            if offsets is None:
                offsets = cache[signature] = family.offsets(value.kind, value.row, value.column)
            classes = np.asarray(value.classes, dtype=np.int64)
            columns = (
                self.base[value.family] + classes[:, None] * family.block + offsets[None, :]
            ).ravel()
            cols.append(columns)
            rows.append(np.full(len(columns), index))
        row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        return sparse.csr_matrix(
            (np.ones(len(row)), (row, col)), shape=(len(self.values), self.n_vars)
        )

    def _class_sum(self, table_id: str, kind: str, row: int, column: int) -> sparse.csr_matrix:
        """Per atom class, the unknowns adding up to one value of a family there."""
        family = self.families[table_id]
        offsets = family.offsets(kind, row, column)
        classes = np.arange(self.n_classes)
        cols = (self.base[table_id] + classes[:, None] * family.block + offsets[None, :]).ravel()
        rows = np.repeat(classes, len(offsets))
        return sparse.csr_matrix(
            (np.ones(len(cols)), (rows, cols)), shape=(self.n_classes, self.n_vars)
        )

    def structure(self) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """What holds in every atom whatever is published: (equalities, inequalities ≤ 0)."""
        equalities: list[sparse.csr_matrix] = []
        inequalities: list[sparse.csr_matrix] = []
        by_universe: dict[str, list[str]] = defaultdict(list)
        for table_id, family in self.families.items():
            by_universe[family.universe].append(table_id)
            if family.multiple:
                inequalities.extend(self._several_answers(table_id))
        for table_ids in by_universe.values():
            first = self._class_sum(table_ids[0], TOTAL, -1, -1)
            for other in table_ids[1:]:
                equalities.append(self._class_sum(other, TOTAL, -1, -1) - first)
        for link in LINKS:
            family = self.families.get(link.table)
            universe = by_universe.get(str(link.universe))
            if family is None or not universe:
                continue
            if link.row is not None and link.row in family.rows:
                margin = self._class_sum(link.table, ROW_TOTAL, family.rows.index(link.row), -1)
            elif link.column is not None and link.column in family.columns:
                column = family.columns.index(link.column)
                margin = self._class_sum(link.table, COLUMN_TOTAL, -1, column)
            else:
                continue
            equalities.append(self._class_sum(universe[0], TOTAL, -1, -1) - margin)
        empty = sparse.csr_matrix((0, self.n_vars))
        eq = sparse.vstack(equalities, format="csr") if equalities else empty
        ub = sparse.vstack(inequalities, format="csr") if inequalities else empty
        return eq, ub

    def _several_answers(self, table_id: str) -> list[sparse.csr_matrix]:
        """Each unit answers at least once and each answer at most once per unit:
        cell ≤ column units, Σ cells ≥ column units (per atom class)."""
        family = self.families[table_id]
        out = []
        for c in range(len(family.columns)):
            units = self._class_sum(table_id, COLUMN_TOTAL, -1, c)
            out.extend(
                self._class_sum(table_id, CELL, r, c) - units for r in range(len(family.rows))
            )
            cells = sum(
                (self._class_sum(table_id, CELL, r, c) for r in range(len(family.rows))),
                sparse.csr_matrix((self.n_classes, self.n_vars)),
            )
            out.append(units - cells)
        return out

    def system(self, values: sparse.csr_matrix, published: np.ndarray) -> LinearSystem:
        if self._structure is None:
            self._structure = self.structure()
        eq, ub = self._structure
        a_eq = sparse.vstack([values[published], eq], format="csr")
        b_eq = np.concatenate([self.true[published], np.zeros(eq.shape[0])])
        return LinearSystem(a_eq, b_eq, ub, np.zeros(ub.shape[0]))

    def blocks(self) -> list[np.ndarray]:
        """Neighbourhoods for the LP, finest first, as a block number per unknown: one
        table family in one region (the region being an unknown's largest area short of
        the nation), then one table family everywhere. Whatever is outside stays put."""
        everything = frozenset().union(*self.areas.values())
        largest: dict[int, tuple[int, AreaKey]] = {}
        for key, atoms in self.areas.items():
            if atoms != everything:
                for k in self.area_classes[key]:
                    largest[k] = max(largest.get(k, (0, ("", ""))), (len(atoms), key))
        regions = sorted({key for _size, key in largest.values()})
        number = {key: i + 1 for i, key in enumerate(regions)}
        region_of = np.array(
            [number[largest[k][1]] if k in largest else 0 for k in range(self.n_classes)],
            dtype=np.int64,
        )
        by_region = np.zeros(self.n_vars, dtype=np.int64)
        by_family = np.zeros(self.n_vars, dtype=np.int64)
        for index, (table_id, family) in enumerate(self.families.items()):
            span = slice(self.base[table_id], self.base[table_id] + family.block * self.n_classes)
            by_family[span] = index
            by_region[span] = index * (len(regions) + 1) + np.repeat(region_of, family.block)
        return [by_region, by_family]


# --- the heuristic --------------------------------------------------------------------


def _needs_cover(release: _Release, suppressed: np.ndarray, member: int) -> bool:
    """A suppressed value that must not be recoverable (a rest only if sensitive)."""
    return bool(suppressed[member]) and (
        not release.hidden[member] or bool(release.sensitive[member])
    )


def _candidates(release: _Release, suppressed: np.ndarray, members: Iterable[int]) -> list[int]:
    """Published nonzero values, cheapest partner first (cells before margins, small first)."""
    found = [m for m in members if not suppressed[m] and release.true[m] > 0]
    return sorted(found, key=lambda m: (_KIND_RANK[release.values[m].kind], release.true[m], m))


def _line_partner(release: _Release, suppressed: np.ndarray, line: _Line) -> int | None:
    """The value to suppress so that this line alone no longer gives a value away."""
    hidden_children = [ch for ch in line.children if suppressed[ch]]
    if suppressed[line.parent]:
        if hidden_children:
            return None
        found = _candidates(release, suppressed, line.children)
        return found[0] if found else None
    if not any(_needs_cover(release, suppressed, ch) for ch in hidden_children):
        return None
    mass = release.true[hidden_children].sum()
    if len(hidden_children) >= 2 and mass > release.threshold:
        return None
    found = _candidates(release, suppressed, line.children) or _candidates(
        release, suppressed, [line.parent]
    )
    return found[0] if found else None


def _heuristic(release: _Release, suppressed: np.ndarray, dirty: Iterable[int]) -> None:
    """Suppress partners until no line lets a suppressed value out on its own."""
    queue = list(dict.fromkeys(dirty))
    queued = set(queue)
    while queue:
        index = queue.pop()
        queued.discard(index)
        line = release.lines[index]
        if not line.additive:
            continue
        partner = _line_partner(release, suppressed, line)
        if partner is None:
            continue
        suppressed[partner] = True
        for other in release.lines_of[partner]:
            if other not in queued:
                queued.add(other)
                queue.append(other)
        if index not in queued:
            queued.add(index)
            queue.append(index)


def _widen(release: _Release, suppressed: np.ndarray, value: int, failures: int) -> list[int]:
    """Partners for a value the LP found too narrow: the cheapest published value in its
    lines; if they are all hidden, in the lines of those, and so on outwards (a region's
    cell may be bounded by the totals of the nation and the other regions). The n-th
    failure of a value gets the n cheapest; once patience runs out, all of them."""
    seen = {value}
    frontier = [value]
    while frontier:
        members = {
            member
            for hidden in frontier
            for line in release.lines_of[hidden]
            for member in (release.lines[line].parent, *release.lines[line].children)
        } - seen
        found = _candidates(release, suppressed, members)
        if found:
            return found if failures >= _PATIENCE else found[:failures]
        seen |= members
        frontier = [m for m in members if suppressed[m]]
    # No line leads anywhere (areas overlapping): the value's whole table family.
    family = release.values[value].family
    return _candidates(
        release, suppressed, [i for i, v in enumerate(release.values) if v.family == family]
    ) or _candidates(release, suppressed, range(len(release.values)))


# --- public API -----------------------------------------------------------------------


def _wide_test(threshold: int):
    def wide(low: np.ndarray, high: np.ndarray) -> np.ndarray:
        # Whole numbers only: an attacker knows counts are integers.
        with np.errstate(invalid="ignore"):
            return np.floor(high + 1e-6) - np.ceil(low - 1e-6) > threshold

    return wide


def protect_release(
    tables: Sequence[AreaTableLike],
    area_atoms: Mapping[tuple[str, str], Iterable[str]],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    protect_rests: bool = True,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The public payloads of `tables` (full counts, public tables at public levels) with
    null for every suppressed value, in the same order (the input is left alone), and a
    JSON report for `Release.disclosure`:

    - threshold; primary (values 1..threshold), secondary (partners), suppressed (both),
      cells (every value considered: cells and margins);
    - lp_checked: values whose range the LP proved wider than the threshold (the
      suppressed ones and the sensitive rests); min_width: every one of those ranges is
      at least this wide (a proven bound, whole numbers; None if there is none, or none
      is bounded);
    - seconds; rests_protected (small counts found by difference of areas, protected),
      lp_solves, rounds (LP checks until it passed).

    Raises ValueError when the tables do not add up (see `_Release._check_consistency`)."""
    started = time.perf_counter()
    if not tables:
        return [], _report(threshold, 0, 0, 0, 0, None, started, 0, 0, 0)
    release = _Release(tables, area_atoms, threshold, protect_rests)
    n = len(release.values)
    suppressed = release.hidden.copy()
    primary = ~release.hidden & (release.true >= 1) & (release.true <= threshold)
    suppressed |= primary
    _heuristic(release, suppressed, range(len(release.lines)))

    values = release.value_matrix()
    low, high = release.true.copy(), release.true.copy()
    wide = _wide_test(threshold)
    stats = RangeStats()
    blocks = release.blocks()
    failures = np.zeros(n, dtype=int)
    rounds = 0
    while True:
        rounds += 1
        if rounds > _MAX_ROUNDS:
            raise RuntimeError("disclosure control did not converge")
        targets = np.flatnonzero(suppressed & (~release.hidden | release.sensitive))
        system = release.system(values, ~suppressed)
        sub_low, sub_high = low[targets], high[targets]
        target_ranges(
            system,
            values[targets],
            sub_low,
            sub_high,
            wide=wide,
            blocks=blocks,
            stats=stats,
        )
        low[targets], high[targets] = sub_low, sub_high
        narrow = targets[~wide(sub_low, sub_high)]
        if not len(narrow):
            break
        added: list[int] = []
        for value in narrow:
            failures[value] += 1
            for partner in _widen(release, suppressed, int(value), int(failures[value])):
                if not suppressed[partner]:
                    suppressed[partner] = True
                    added.append(partner)
        if not added:
            raise RuntimeError("disclosure control cannot protect a value")
        _heuristic(
            release, suppressed, {line for value in added for line in release.lines_of[value]}
        )

    widths = np.floor(high[targets] + 1e-6) - np.ceil(low[targets] - 1e-6)
    min_width = float(widths.min()) if len(targets) else None
    payloads = _payloads(release, suppressed)
    published = ~release.hidden
    n_primary = int((primary & published).sum())
    n_suppressed = int((suppressed & published).sum())
    report = _report(
        threshold,
        n_primary,
        n_suppressed - n_primary,
        int(published.sum()),
        len(targets),
        min_width,
        started,
        int((release.sensitive & suppressed).sum()),
        stats.solves,
        rounds,
    )
    return payloads, report


def _report(
    threshold, primary, secondary, cells, checked, min_width, started, rests, solves, rounds
) -> dict[str, Any]:
    if min_width is not None and not math.isfinite(min_width):
        min_width = None
    return {
        "threshold": threshold,
        "primary": primary,
        "secondary": secondary,
        "cells": cells,
        "suppressed": primary + secondary,
        "lp_checked": checked,
        "min_width": None if min_width is None else int(min_width),
        "seconds": round(time.perf_counter() - started, 3),
        "rests_protected": rests,
        "lp_solves": solves,
        "rounds": rounds,
    }


def _payloads(release: _Release, suppressed: np.ndarray) -> list[dict[str, Any]]:
    out = []
    for table in release.tables:
        payload = table.payload
        out.append(
            {
                **payload,
                "row_codes": list(payload["row_codes"]),
                "column_codes": list(payload["column_codes"]),
                "cells": [list(row) for row in payload["cells"]],
                "row_totals": list(payload["row_totals"]),
                "column_totals": list(payload["column_totals"]),
                "total": payload["total"],
            }
        )
    for index in np.flatnonzero(suppressed & ~release.hidden):
        table, kind, r, c = release.payload_slots[index]
        payload = out[table]
        if kind == CELL:
            payload["cells"][r][c] = None
        elif kind == ROW_TOTAL:
            payload["row_totals"][r] = None
        elif kind == COLUMN_TOTAL:
            payload["column_totals"][c] = None
        else:
            payload["total"] = None
    return out


def suppression_ranges(
    tables: Sequence[AreaTableLike],
    area_atoms: Mapping[tuple[str, str], Iterable[str]],
    payloads: Sequence[Mapping[str, Any]],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    protect_rests: bool = True,
    exact: bool = True,
) -> list[SuppressedRange]:
    """The LP check of a release on its own: for every value null in `payloads` (the
    published versions of `tables`, same order), and every sensitive rest (a count from 1
    to `threshold` found by difference of areas), its range [low, high] given everything
    `payloads` publish. Published values must equal the true ones (checked).

    With exact=False, a range is only widened until it is wider than the threshold (then
    it is a proven part of the true range); narrow ranges are always exact."""
    if len(payloads) != len(tables):
        raise ValueError("one payload per table")
    release = _Release(tables, area_atoms, threshold, protect_rests)
    suppressed = release.hidden.copy()
    for index, value in enumerate(release.values):
        if value.hidden:
            continue
        table, kind, r, c = release.payload_slots[index]
        shown = _published(payloads[table], kind, r, c)
        if shown is None:
            suppressed[index] = True
        elif shown != value.true:
            raise ValueError(f"published {kind} of {value.family} in {value.area} was changed")
    targets = np.flatnonzero(suppressed & (~release.hidden | release.sensitive))
    values = release.value_matrix()
    system = release.system(values, ~suppressed)
    low, high = release.true[targets].copy(), release.true[targets].copy()
    if exact:
        low[:], high[:] = np.inf, -np.inf
    target_ranges(
        system,
        values[targets],
        low,
        high,
        wide=None if exact else _wide_test(threshold),
        blocks=() if exact else release.blocks(),
    )
    out = []
    for position, index in enumerate(targets):
        value = release.values[index]
        family = release.families[value.family]
        out.append(
            SuppressedRange(
                area=value.area,
                table_id=value.family,
                kind=value.kind,
                row=family.rows[value.row] if value.row >= 0 else None,
                column=family.columns[value.column] if value.column >= 0 else None,
                value=value.true,
                low=float(low[position]),
                high=float(high[position]),
                table=value.table,
                derived=value.hidden,
            )
        )
    return out


def _published(payload: Mapping[str, Any], kind: str, r: int, c: int) -> Any:
    if kind == CELL:
        return payload["cells"][r][c]
    if kind == ROW_TOTAL:
        return payload["row_totals"][r]
    if kind == COLUMN_TOTAL:
        return payload["column_totals"][c]
    return payload["total"]
