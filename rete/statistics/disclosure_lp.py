"""The ranges of unknown linear quantities over a polyhedron, by linear programming.

The disclosure control asks, for every suppressed value, between which bounds an attacker
who knows everything published can place it. The attacker's knowledge is a system
`A_eq x = b_eq, A_ub x <= b_ub, x >= 0` over unpublished counts `x`; a suppressed value is a
row of `targets` applied to `x`; its range is [min, max] of that row over the system.

Two programs per value on the whole release would be exact but slow, so when the question
is only "is every range wide enough?":
- the system splits into independent components (values that share no unknown);
- values with the same unknowns (a one-column table's cell and row total) are one;
- every feasible point found widens the known interval of every value at once (the true
  range contains every value a feasible point gives it). The first point is an interior
  one (interior-point method, no crossover);
- a value not yet proven gets programs over a small neighbourhood only: the unknowns of
  its own block (the caller's partitions, finest first: one table family in one region,
  then one table family) vary, all others stay at the interior point. Every point found
  that way is feasible for the whole system, so it proves as much. A few programs push
  many values at once before each gets its own;
- only the values still not proven get programs over their whole component, and those are
  exact: a value reported narrow is narrow.
Programs over the same constraints are solved one after the other from the previous basis
(only the objective changes, the basis stays feasible): about ten times faster than a
fresh `linprog`.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog
from scipy.sparse.csgraph import connected_components

try:  # scipy's own HiGHS binding: warm restarts and interior points without crossover
    from scipy.optimize._highspy import _core
except ImportError:  # pragma: no cover - another scipy: linprog does it all, slower
    _core = None

# Decides, from the known [low, high] of many values at once, which are wide enough.
WideTest = Callable[[np.ndarray, np.ndarray], np.ndarray]


class InconsistentSystemError(ValueError):
    """The published values contradict each other: no counts produce them."""


@dataclass
class LinearSystem:
    a_eq: sparse.csr_matrix
    b_eq: np.ndarray
    a_ub: sparse.csr_matrix
    b_ub: np.ndarray

    @property
    def n_vars(self) -> int:
        return self.a_eq.shape[1]


@dataclass
class RangeStats:
    solves: int = 0
    local_solves: int = 0
    components: int = 0
    seconds_lp: float = 0.0


@dataclass
class _Component:
    variables: np.ndarray
    eq_rows: np.ndarray
    ub_rows: np.ndarray
    targets: np.ndarray


def _components(system: LinearSystem, targets: sparse.csr_matrix) -> list[_Component]:
    """Groups of unknowns linked by some constraint or target, with their rows; only the
    groups holding a target (nothing else needs a program)."""
    n_eq, n_ub = system.a_eq.shape[0], system.a_ub.shape[0]
    rows = sparse.vstack([system.a_eq, system.a_ub, targets], format="csr")
    n_rows = rows.shape[0]
    pattern = rows.copy()
    pattern.data = np.ones_like(pattern.data)
    graph = sparse.bmat([[None, pattern], [pattern.T, None]], format="csr")
    _count, labels = connected_components(graph, directed=False)
    row_labels, var_labels = labels[:n_rows], labels[n_rows:]
    filled = np.diff(rows.indptr) > 0
    eq_labels, ub_labels = row_labels[:n_eq], row_labels[n_eq : n_eq + n_ub]
    target_labels = row_labels[n_eq + n_ub :]
    target_filled = filled[n_eq + n_ub :]
    out = []
    for label in np.unique(target_labels[target_filled]):
        out.append(
            _Component(
                variables=np.flatnonzero(var_labels == label),
                eq_rows=np.flatnonzero((eq_labels == label) & filled[:n_eq]),
                ub_rows=np.flatnonzero((ub_labels == label) & filled[n_eq : n_eq + n_ub]),
                targets=np.flatnonzero((target_labels == label) & target_filled),
            )
        )
    return out


class _Program:
    """Linear programs over fixed constraints, one objective after the other."""

    def __init__(self, a_eq, b_eq, a_ub, b_ub, stats: RangeStats):
        self.a_eq, self.b_eq, self.a_ub, self.b_ub = a_eq, b_eq, a_ub, b_ub
        self.n = a_eq.shape[1]
        self.stats = stats
        self.highs = self._highs() if _core is not None else None

    def _highs(self):
        matrix = sparse.vstack([self.a_eq, self.a_ub], format="csc")
        matrix.sort_indices()
        n_rows, n_cols = matrix.shape
        lp = _core.HighsLp()
        lp.num_col_ = n_cols
        lp.num_row_ = n_rows
        lp.col_cost_ = np.zeros(n_cols)
        lp.col_lower_ = np.zeros(n_cols)
        lp.col_upper_ = np.full(n_cols, np.inf)
        lp.row_lower_ = np.concatenate([self.b_eq, np.full(len(self.b_ub), -np.inf)])
        lp.row_upper_ = np.concatenate([self.b_eq, self.b_ub])
        lp.a_matrix_.format_ = _core.MatrixFormat.kColwise
        lp.a_matrix_.num_col_ = n_cols
        lp.a_matrix_.num_row_ = n_rows
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data
        highs = _core._Highs()
        highs.setOptionValue("output_flag", False)
        highs.passModel(lp)
        return highs

    def interior_point(self) -> np.ndarray:
        """A feasible point inside the polyhedron rather than at a vertex."""
        started = time.perf_counter()
        try:
            if self.highs is not None:
                self.highs.setOptionValue("solver", "ipm")
                self.highs.setOptionValue("run_crossover", "off")
                self.highs.run()
                status = self.highs.getModelStatus()
                self.highs.setOptionValue("solver", "choose")
                self.highs.setOptionValue("run_crossover", "on")
                if status == _core.HighsModelStatus.kOptimal:
                    x = np.maximum(np.asarray(self.highs.getSolution().col_value), 0.0)
                    self.highs.clearSolver()
                    return x
                if status == _core.HighsModelStatus.kInfeasible:
                    raise InconsistentSystemError("the published values contradict each other")
            return self._linprog(np.zeros(self.n))[1]
        finally:
            self.stats.solves += 1
            self.stats.seconds_lp += time.perf_counter() - started

    def solve(self, objective: np.ndarray) -> tuple[str, np.ndarray | None, float]:
        """Minimise objective·x: ("optimal", x, value) or ("unbounded", None, -inf)."""
        started = time.perf_counter()
        try:
            if self.highs is not None:
                answer = self._solve_highs(objective)
                if answer is not None:
                    return answer
            return self._linprog(objective)
        finally:
            self.stats.solves += 1
            self.stats.seconds_lp += time.perf_counter() - started

    def _solve_highs(self, objective: np.ndarray):
        highs = self.highs
        highs.changeColsCost(self.n, np.arange(self.n, dtype=np.int32), objective.astype(float))
        highs.run()
        status = highs.getModelStatus()
        if status == _core.HighsModelStatus.kOptimal:
            # The next programs restart from this basis: presolve would throw it away.
            highs.setOptionValue("presolve", "off")
            highs.setOptionValue("solver", "simplex")
            highs.setOptionValue("simplex_strategy", 4)  # primal: the basis stays feasible
            x = np.maximum(np.asarray(highs.getSolution().col_value), 0.0)
            return "optimal", x, float(objective @ x)
        if status == _core.HighsModelStatus.kUnbounded:
            return "unbounded", None, -np.inf
        if status == _core.HighsModelStatus.kInfeasible:
            raise InconsistentSystemError("the published values contradict each other")
        return None  # anything else: ask linprog

    def _linprog(self, objective: np.ndarray):
        result = linprog(
            objective,
            A_ub=self.a_ub if self.a_ub.shape[0] else None,
            b_ub=self.b_ub if self.a_ub.shape[0] else None,
            A_eq=self.a_eq if self.a_eq.shape[0] else None,
            b_eq=self.b_eq if self.a_eq.shape[0] else None,
            bounds=(0, None),
            method="highs",
        )
        if result.status == 0:
            return "optimal", result.x, float(result.fun)
        if result.status == 3:
            return "unbounded", None, -np.inf
        if result.status == 2:
            raise InconsistentSystemError("the published values contradict each other")
        raise RuntimeError(f"linear program failed: {result.message}")


def _directions(targets: np.ndarray, start, low, high, wide: WideTest) -> np.ndarray:
    """Per target, 0 if proven wide, else the objective sign that lengthens its interval
    on the side it reaches least far from its starting value (-1 pushes up: programs
    minimise)."""
    up = high[targets] - start[targets] <= start[targets] - low[targets]
    signs = np.where(up, -1.0, 1.0)
    signs[wide(low[targets], high[targets])] = 0.0
    return signs


def target_ranges(
    system: LinearSystem,
    targets: sparse.csr_matrix,
    low: np.ndarray,
    high: np.ndarray,
    *,
    wide: WideTest | None = None,
    blocks: Sequence[np.ndarray] = (),
    stats: RangeStats | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Widen `low`/`high` (each target's known values: start from a feasible point, e.g.
    the true data, or +inf/-inf) in place to the targets' ranges over `system`.

    With `wide`, stop working on a target as soon as `wide(low, high)` holds for it: its
    interval is then a proven part of its range; it is exact where it is not wide. `blocks`
    (partitions of the unknowns, each an array of block numbers, finest first) give the
    neighbourhoods tried, in order, before the whole component. Without `wide`, every
    range is exact. Returns which lows and highs are exact optima.

    Targets with the same unknowns (a one-column table's cell and row total) are one
    question: it is asked once."""
    targets = targets.tocsr()
    targets.sum_duplicates()
    targets.sort_indices()
    keys = [
        targets.indices[a:b].tobytes() + targets.data[a:b].tobytes()
        for a, b in zip(targets.indptr[:-1], targets.indptr[1:], strict=True)
    ]
    first: dict[bytes, int] = {}
    group = np.array([first.setdefault(key, len(first)) for key in keys], dtype=np.int64)
    unique = np.zeros(len(first), dtype=np.int64)
    unique[group] = np.arange(len(keys))
    unique_low = np.full(len(first), np.inf)
    unique_high = np.full(len(first), -np.inf)
    np.minimum.at(unique_low, group, low)
    np.maximum.at(unique_high, group, high)
    exact = _unique_ranges(
        system,
        targets[unique],
        unique_low,
        unique_high,
        wide=wide,
        blocks=blocks,
        stats=stats,
    )
    low[:], high[:] = unique_low[group], unique_high[group]
    return exact[0][group], exact[1][group]


def _unique_ranges(
    system: LinearSystem,
    targets: sparse.csr_matrix,
    low: np.ndarray,
    high: np.ndarray,
    *,
    wide: WideTest | None,
    blocks: Sequence[np.ndarray],
    stats: RangeStats | None,
) -> tuple[np.ndarray, np.ndarray]:
    """target_ranges, once the targets are distinct."""
    stats = stats or RangeStats()
    n = targets.shape[0]
    exact_low = np.zeros(n, dtype=bool)
    exact_high = np.zeros(n, dtype=bool)
    empty = np.diff(targets.indptr) == 0  # a target over no unknown is the constant 0
    low[empty] = high[empty] = 0
    exact_low[empty] = exact_high[empty] = True

    start = low.copy()

    def pending(ids: np.ndarray) -> np.ndarray:
        return ids if wide is None else ids[~wide(low[ids], high[ids])]

    for comp in _components(system, targets):
        stats.components += 1
        if not len(pending(comp.targets)):
            continue
        cols = comp.variables
        a_eq = system.a_eq[comp.eq_rows][:, cols].tocsr()
        a_ub = system.a_ub[comp.ub_rows][:, cols].tocsr()
        b_eq, b_ub = system.b_eq[comp.eq_rows], system.b_ub[comp.ub_rows]
        comp_targets = targets[comp.targets][:, cols].tocsr()
        program = _Program(a_eq, b_eq, a_ub, b_ub, stats)

        def record(x: np.ndarray, comp=comp, comp_targets=comp_targets) -> None:
            record_values(comp_targets @ x, comp)

        def record_values(values: np.ndarray, comp=comp) -> None:
            low[comp.targets] = np.minimum(low[comp.targets], values)
            high[comp.targets] = np.maximum(high[comp.targets], values)

        local = {int(t): i for i, t in enumerate(comp.targets)}
        if wide is not None:
            x0 = program.interior_point()
            at_x0 = comp_targets @ x0
            record_values(at_x0)
            for partition in blocks:
                todo = pending(comp.targets)
                if not len(todo):
                    break
                _neighbourhoods(
                    (a_eq, b_eq, a_ub, b_ub),
                    comp_targets,
                    [local[int(t)] for t in todo],
                    partition[cols],
                    x0,
                    lambda moved, at_x0=at_x0, record_values=record_values: record_values(
                        at_x0 + moved
                    ),
                    lambda i, comp=comp: _directions(comp.targets[i], start, low, high, wide),
                    lambda i, comp=comp: high.__setitem__(comp.targets[i], np.inf),
                    stats,
                )
        for target in pending(comp.targets):
            row = comp_targets[local[int(target)]].toarray().ravel()
            for sign in (-1.0, 1.0):  # maximise, then minimise
                if wide is not None and not len(pending(np.array([target]))):
                    break
                status, x, value = program.solve(sign * row)
                if status == "unbounded":
                    high[target] = np.inf
                    exact_high[target] = True
                    continue
                record(x)
                if sign < 0:
                    high[target] = max(high[target], -value)
                    exact_high[target] = True
                else:
                    low[target] = min(low[target], value)
                    exact_low[target] = True
    return exact_low, exact_high


_PUSH_ROUNDS = 8


def _push_together(program, targets, members, free, x0, record, directions) -> None:
    """A few programs moving many pending targets of a neighbourhood at once: all up, all
    down, then each the way its interval is shortest, half of them at a time (targets of
    one line pulling against each other would cancel out). A point may prove many.
    Stops when two rounds in a row prove nothing."""
    members = np.asarray(members)
    rng = np.random.default_rng(len(members))
    idle = 0
    for round_number in range(_PUSH_ROUNDS):
        signs = directions(members)
        members, signs = members[signs != 0], signs[signs != 0]
        if len(members) < 2 or idle >= 2:
            return
        if round_number < 2:
            signs = np.full(len(members), -1.0 if round_number == 0 else 1.0)
        else:
            signs = signs * (rng.random(len(members)) < 0.5)
        objective = np.asarray(targets[members].T @ signs).ravel()
        try:
            status, x, _value = program.solve(objective)
        except InconsistentSystemError:
            return
        if status == "optimal":
            record(targets @ (x - x0[free]))
        still = np.count_nonzero(directions(members))
        idle = idle + 1 if still == len(members) else 0


def _neighbourhoods(
    matrices,
    targets: sparse.csr_matrix,
    todo: list[int],
    blocks: np.ndarray,
    x0: np.ndarray,
    record: Callable[[np.ndarray], None],  # given how far the targets moved from x0
    directions: Callable[[np.ndarray], np.ndarray],
    unbounded: Callable[[int], None],
    stats: RangeStats,
) -> None:
    """Programs where only the target's blocks vary, the rest staying at x0 (feasible)."""
    a_eq, b_eq, a_ub, b_ub = matrices
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i in todo:
        row = targets.indices[targets.indptr[i] : targets.indptr[i + 1]]
        groups[tuple(np.unique(blocks[row]).tolist())].append(i)
    # Column slices come from column-major copies; slack of every row at x0, once.
    eq_columns, ub_columns, target_columns = a_eq.tocsc(), a_ub.tocsc(), targets.tocsc()
    eq_slack, ub_slack = b_eq - a_eq @ x0, b_ub - a_ub @ x0
    for group_blocks, members in groups.items():
        free = np.flatnonzero(np.isin(blocks, group_blocks))
        local_eq, local_ub = eq_columns[:, free].tocsr(), ub_columns[:, free].tocsr()
        eq_rows = np.flatnonzero(np.diff(local_eq.indptr) > 0)
        ub_rows = np.flatnonzero(np.diff(local_ub.indptr) > 0)
        local_eq, local_ub = local_eq[eq_rows], local_ub[ub_rows]
        program = _Program(
            local_eq,
            eq_slack[eq_rows] + local_eq @ x0[free],
            local_ub,
            ub_slack[ub_rows] + local_ub @ x0[free],
            stats,
        )
        local_targets = target_columns[:, free].tocsr()
        _push_together(program, local_targets, members, free, x0, record, directions)
        for i in members:
            objective = local_targets[i].toarray().ravel()
            first = directions(np.array([i]))[0]
            for sign in (first, -first):
                if not directions(np.array([i]))[0]:
                    break
                try:
                    status, x, _value = program.solve(sign * objective)
                except InconsistentSystemError:  # x0 is inside up to rounding: give up here
                    break
                stats.local_solves += 1
                if status == "optimal":
                    record(local_targets @ (x - x0[free]))
                elif sign < 0:  # no upper bound even with everything else fixed
                    unbounded(i)
