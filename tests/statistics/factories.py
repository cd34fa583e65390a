"""Releases made directly in the database, for tests of the screens, the API and the
downloads that must not depend on the computation (tested in its own right)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from rete.helpline.classification.selectors import classification_current
from rete.statistics.definitions import TABLES, TABLES_BY_ID, Level
from rete.statistics.dimensions import dimension_codes
from rete.statistics.models import Audience, Release, ReleaseStatus, ReleaseTable


def payload_make(
    table_id: str, fill: int = 7, *, suppress: tuple[tuple[int, int], ...] = ()
) -> dict[str, Any]:
    """A payload of `table_id` with every cell `fill` (plus its row index, so rows differ),
    its totals, and the cells at `suppress` (row, column) set to null with their row and
    column totals."""
    spec = TABLES_BY_ID[table_id]
    snapshot = classification_current()
    rows = dimension_codes(spec.rows, snapshot, spec)
    columns = dimension_codes(spec.columns, snapshot, spec)
    cells: list[list[Any]] = [[fill + index for _ in columns] for index in range(len(rows))]
    if spec.is_measures:
        return {
            "row_codes": rows,
            "column_codes": columns,
            "cells": cells,
            "row_totals": None,
            "column_totals": None,
            "total": None,
        }
    row_totals: list[Any] = [sum(row) for row in cells]
    column_totals: list[Any] = [sum(row[c] for row in cells) for c in range(len(columns))]
    total: Any = sum(row_totals)
    for row, column in suppress:
        cells[row][column] = None
        row_totals[row] = None if len(columns) == 1 else row_totals[row]
        column_totals[column] = None if len(columns) == 1 else column_totals[column]
    if suppress and len(columns) == 1:
        total = None
    return {
        "row_codes": rows,
        "column_codes": columns,
        "cells": cells,
        "row_totals": row_totals,
        "column_totals": column_totals,
        "total": total,
    }


def release_make(
    period: str = "2026Q1",
    *,
    status: str = ReleaseStatus.PUBLISHED,
    number: int = 1,
    areas: tuple[tuple[str, str, str], ...] = (
        (Level.NATIONAL, "IT", "Italia"),
        (Level.REGION, "16", "Puglia"),
        (Level.TERRITORY, "ATR-BA", "Provincia di Bari"),
    ),
    reserved_areas: tuple[tuple[str, str, str], ...] | None = None,
    fill: int = 7,
    threshold: int = 5,
) -> Release:
    """A release of `period` with every table for each of `areas` (public tables for the
    public ones, every table reserved for `reserved_areas`, by default the same areas)."""
    now = timezone.now()
    release = Release.objects.create(
        period=period,
        number=number,
        status=status,
        threshold=threshold,
        progress=100,
        requested_at=now,
        computed_at=now,
        published_at=now if status == ReleaseStatus.PUBLISHED else None,
        contacts_count=1000,
    )
    rows = []
    for audience, area_list in (
        (Audience.PUBLIC, areas),
        (Audience.RESERVED, areas if reserved_areas is None else reserved_areas),
    ):
        for level, code, name in area_list:
            for position, spec in enumerate(TABLES):
                if audience == Audience.PUBLIC and not spec.public:
                    continue
                rows.append(
                    ReleaseTable(
                        release=release,
                        audience=audience,
                        level=level,
                        area_code=code,
                        area_name=name,
                        table_id=spec.id,
                        position=position,
                        payload=payload_make(spec.id, fill),
                    )
                )
    ReleaseTable.objects.bulk_create(rows)
    return release
