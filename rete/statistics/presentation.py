"""A stored table as people and programs read it: labels in the reader's language, numbers
formatted, suppressed values marked.

Every suppressed value shows the same marker, whether it was small itself or hidden to
protect a small one: a marker that said "≤ 5" only on the small ones would tell exactly
which cells are between 1 and the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from rete.helpline.classification.selectors import ClassificationSnapshot, classification_current
from rete.statistics.definitions import TABLES_BY_ID, TableSpec
from rete.statistics.dimensions import dimension_label, dimension_title

SUPPRESSED_MARKER = "n.p."


def suppression_note(threshold: int) -> str:
    return _(
        "n.p. = not published, to protect the people behind small numbers: the value is "
        "between 1 and %(threshold)s, or it is hidden because a value between 1 and "
        "%(threshold)s could be worked out from it and the other figures."
    ) % {"threshold": threshold}


@dataclass(frozen=True)
class Cell:
    value: int | float | None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def text(self) -> str:
        if self.value is None:
            return SUPPRESSED_MARKER
        if isinstance(self.value, float):
            # number_format cuts decimals off; round first (78.66 -> "78,7").
            return number_format(
                round(self.value, 1), decimal_pos=1, use_l10n=True, force_grouping=True
            )
        return number_format(self.value, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    cells: tuple[Cell, ...]
    total: Cell | None


@dataclass(frozen=True)
class TableView:
    id: str
    title: str
    area_name: str
    row_heading: str
    column_heading: str
    columns: tuple[tuple[str, str], ...]  # (code, label)
    rows: tuple[Row, ...]
    column_totals: tuple[Cell, ...] | None
    total: Cell | None
    multiple: bool
    is_measures: bool

    @property
    def has_suppressed(self) -> bool:
        cells = [cell for row in self.rows for cell in (*row.cells, row.total) if cell]
        cells += list(self.column_totals or ()) + ([self.total] if self.total else [])
        return any(cell.suppressed for cell in cells)

    @property
    def chart_data(self) -> dict[str, Any]:
        """For Chart.js: one dataset per column, suppressed values as null (a gap)."""
        return {
            "labels": [row.label for row in self.rows],
            "datasets": [
                {"label": label, "data": [row.cells[index].value for row in self.rows]}
                for index, (_code, label) in enumerate(self.columns)
            ],
        }


def _spec(table_id: str) -> TableSpec:
    return TABLES_BY_ID[table_id]


def table_title(table_id: str) -> str:
    return str(_spec(table_id).title)


def table_view(
    table_id: str,
    area_name: str,
    payload: dict[str, Any],
    snapshot: ClassificationSnapshot | None = None,
) -> TableView:
    spec = _spec(table_id)
    snapshot = snapshot or classification_current()
    has_totals = not spec.is_measures
    rows = tuple(
        Row(
            code=code,
            label=dimension_label(spec.rows, code, snapshot, spec),
            cells=tuple(Cell(value) for value in payload["cells"][index]),
            total=Cell(payload["row_totals"][index]) if has_totals else None,
        )
        for index, code in enumerate(payload["row_codes"])
    )
    return TableView(
        id=table_id,
        title=str(spec.title),
        area_name=area_name,
        row_heading=dimension_title(spec.rows, snapshot) if not spec.is_measures else "",
        column_heading=dimension_title(spec.columns, snapshot),
        columns=tuple(
            (code, dimension_label(spec.columns, code, snapshot, spec))
            for code in payload["column_codes"]
        ),
        rows=rows,
        column_totals=(
            tuple(Cell(value) for value in payload["column_totals"]) if has_totals else None
        ),
        total=Cell(payload["total"]) if has_totals else None,
        multiple=spec.multiple,
        is_measures=spec.is_measures,
    )


def api_table(view: TableView, payload: dict[str, Any]) -> dict[str, Any]:
    """The contract of `GET /api/v1/stats/public`: labels, the cells as stored (null is a
    suppressed value), and the codes beside the labels for programs."""
    return {
        "id": view.id,
        "title": view.title,
        "area": view.area_name,
        "rows": [row.label for row in view.rows],
        "columns": [label for _code, label in view.columns],
        "row_codes": list(payload["row_codes"]),
        "column_codes": list(payload["column_codes"]),
        "cells": payload["cells"],
        "row_totals": payload.get("row_totals"),
        "column_totals": payload.get("column_totals"),
        "total": payload.get("total"),
    }
