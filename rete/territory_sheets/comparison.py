"""Two versions side by side: for each field of the sheet, the earlier value, the later
one and whether it changed; for the rows of a list, which rows are not on the other side
(added, removed or edited)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from rete.territory_sheets.content import (
    EMPTY_SHEET,
    FIELD_LABELS,
    ROW_FIELDS,
    SHEET_FIELDS,
    SheetContent,
)


@dataclass(frozen=True, slots=True)
class MarkedRow:
    row: Any  # MemberRow or AgreementRow
    # Not among the other side's rows: added (on the later side) or removed (earlier side).
    differs: bool


@dataclass(frozen=True, slots=True)
class FieldComparison:
    name: str
    label: str
    before: Any  # a value, or a list of MarkedRow for a list of rows
    after: Any
    changed: bool
    is_rows: bool


def _marked(rows: tuple, others: tuple) -> list[MarkedRow]:
    # A multiset: two identical rows on one side and one on the other mark the extra one.
    remaining = Counter(others)
    marked = []
    for row in rows:
        if remaining[row] > 0:
            remaining[row] -= 1
            marked.append(MarkedRow(row, differs=False))
        else:
            marked.append(MarkedRow(row, differs=True))
    return marked


def sheet_compare(before: SheetContent | None, after: SheetContent) -> list[FieldComparison]:
    """Field by field, `before` (None: there is no earlier version) against `after`."""
    earlier = before or EMPTY_SHEET
    compared = []
    for name in SHEET_FIELDS:
        old, new = getattr(earlier, name), getattr(after, name)
        is_rows = name in ROW_FIELDS
        if is_rows:
            shown_old: Any = _marked(old, new) if before is not None else []
            shown_new: Any = _marked(new, old)
        else:
            shown_old, shown_new = old, new
        compared.append(
            FieldComparison(
                name=name,
                label=str(FIELD_LABELS[name]),
                before=shown_old,
                after=shown_new,
                changed=old != new,
                is_rows=is_rows,
            )
        )
    return compared
