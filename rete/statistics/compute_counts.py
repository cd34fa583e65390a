"""Counts of the distribution tables at the atom grain: one aggregate query per table.

Each query groups the period's contacts of the table's universe by atom (the comune's
province, and the comune itself where it is an atom of its own, see rete.statistics.areas)
and by the codes of the table's rows and columns, so the database returns a few thousand
small rows whatever the number of contacts; adding atoms up into areas is done in memory
(rete.statistics.compute). Never one query per area, never a row per contact.

Every contact of the universe lands in exactly one cell (tables with several answers per
victim aside): an answer that is missing, or a code the current classification does not
know, goes to the list's "not stated" row (added where the list has none) or, for validity,
to "unclassified". So a table's total is always the count of its universe, which the
disclosure control relies on (`LINKS`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.db import connection
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay

from rete.helpline.classification.lists import CALLER_TYPE, NOT_STATED, VALIDITY, VICTIM
from rete.helpline.classification.selectors import ClassificationSnapshot
from rete.helpline.contacts.models import Contact
from rete.statistics.areas import Geography
from rete.statistics.definitions import (
    TIME_SLOTS,
    UNCLASSIFIED,
    Dimension,
    Source,
    TableSpec,
    Universe,
)
from rete.statistics.dimensions import dimension_codes

ROME = ZoneInfo("Europe/Rome")
ATOM_FIELDS = ("atom_province", "atom_city")


def local_midnight(day: date) -> datetime:
    """The instant a local date begins in Rome (aware), for range filters on `started_at`."""
    return datetime.combine(day, time(), tzinfo=ROME)


def atom_annotations(geography: Geography, prefix: str = "") -> dict[str, Any]:
    """The two expressions that name a row's atom: the comune's province, and the comune
    when it is an atom of its own (else NULL). `prefix` reaches the contact from a related
    model ("contact__")."""
    city: Any = Value(None, output_field=CharField())
    if geography.city_comuni:
        city = Case(
            When(
                **{f"{prefix}comune_id__in": sorted(geography.city_comuni)},
                then=F(f"{prefix}comune_id"),
            ),
            default=Value(None),
            output_field=CharField(),
        )
    return {"atom_province": F(f"{prefix}comune__province_id"), "atom_city": city}


def period_contacts(start: date, end: date) -> QuerySet[Contact]:
    """Contacts whose local start date lies in [start, end): a range on the indexed
    `started_at`, with the model's ordering dropped so that it does not join the GROUP BY."""
    return Contact.objects.filter(
        started_at__gte=local_midnight(start), started_at__lt=local_midnight(end)
    ).order_by()


def valid_codes(snapshot: ClassificationSnapshot) -> list[str]:
    return [item.code for item in snapshot.lists[VALIDITY].items if item.valid]


def universe_filter(universe: Universe, snapshot: ClassificationSnapshot) -> Q:
    """Which of the period's contacts a universe holds (JSON lookups, which compare JSON
    values on both backends)."""
    if universe is Universe.CONTACTS:
        return Q()
    if universe is Universe.ROUTED:
        return Q(decision__isnull=False)
    valid = Q(**{f"classification__{VALIDITY}__in": valid_codes(snapshot)})
    if universe is Universe.VALID:
        return valid
    if universe is Universe.VICTIMS:
        return valid & Q(**{f"classification__{CALLER_TYPE}": VICTIM})
    raise ValueError(universe)


@dataclass(frozen=True)
class Axis:
    """The codes of a table's rows or columns and how a value from the database maps to
    one of them (None: the value is left out, which only an unknown routing mode can be)."""

    codes: tuple[str, ...]
    expression: Any  # None: a single row or column
    index: Callable[[Any], int | None]


def _lookup(codes: Sequence[str], fallback: str | None) -> Callable[[Any], int | None]:
    positions = {code: i for i, code in enumerate(codes)}
    default = positions[fallback] if fallback is not None else None
    return lambda value: positions.get(value, default)


_SLOT_OF_HOUR = tuple(
    next(i for i, (_code, since, until, _label) in enumerate(TIME_SLOTS) if since <= hour < until)
    for hour in range(24)
)


def axis(dimension: Dimension, snapshot: ClassificationSnapshot, spec: TableSpec) -> Axis:
    codes = list(dimension_codes(dimension, snapshot, spec))
    match dimension.source:
        case Source.CLASSIFICATION:
            if NOT_STATED not in codes:
                # Missing answers must be counted somewhere, or totals would not be the
                # universe's count (a list like "reason" has no "not stated" item).
                codes.append(NOT_STATED)
            expression = (
                None if spec.multiple else KeyTextTransform(dimension.key, "classification")
            )
            return Axis(tuple(codes), expression, _lookup(codes, NOT_STATED))
        case Source.VALIDITY:
            expression = KeyTextTransform(VALIDITY, "classification")
            return Axis(tuple(codes), expression, _lookup(codes, UNCLASSIFIED))
        case Source.CHANNEL:
            return Axis(tuple(codes), F("channel"), _lookup(codes, None))
        case Source.ROUTING_MODE:
            return Axis(tuple(codes), KeyTextTransform("mode", "decision"), _lookup(codes, None))
        case Source.WEEKDAY:
            # ISO weekday 1 (Monday) … 7 (Sunday), in local time; WEEKDAYS starts on Monday.
            return Axis(
                tuple(codes),
                ExtractIsoWeekDay("started_at", tzinfo=ROME),
                lambda value: value - 1,
            )
        case Source.TIME_SLOT:
            return Axis(
                tuple(codes),
                ExtractHour("started_at", tzinfo=ROME),
                lambda value: _SLOT_OF_HOUR[value],
            )
        case Source.SINGLE | Source.MEASURE:
            return Axis(tuple(codes), None, lambda value: 0)
    raise ValueError(dimension.source)


@dataclass
class AtomGrid:
    """One table's counts by atom: `cells[atom, row, column]`, and for tables with several
    answers per unit the count of units by atom (`units[atom]`, the table's total there)."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: np.ndarray
    units: np.ndarray | None = None


def table_grid(
    spec: TableSpec,
    snapshot: ClassificationSnapshot,
    geography: Geography,
    contacts: QuerySet[Contact],
    atom_index: dict[str, int],
) -> AtomGrid:
    rows = axis(spec.rows, snapshot, spec)
    columns = axis(spec.columns, snapshot, spec)
    queryset = contacts.annotate(**atom_annotations(geography)).filter(
        universe_filter(spec.universe, snapshot)
    )
    cells = np.zeros((len(atom_index), len(rows.codes), len(columns.codes)), dtype=np.int64)
    if spec.multiple:
        return _multiple_grid(spec, geography, queryset, atom_index, rows, columns, cells)
    dimensions = {"row": rows.expression, "column": columns.expression}
    dimensions = {name: value for name, value in dimensions.items() if value is not None}
    grouped = (
        queryset.annotate(**dimensions)
        .values(*ATOM_FIELDS, *dimensions)
        .annotate(n=Count("*"))
        .values_list(*ATOM_FIELDS, *dimensions, "n")
    )
    has_row, has_column = "row" in dimensions, "column" in dimensions
    for record in grouped:
        province, city = record[0], record[1]
        position = 2
        row = rows.index(record[position]) if has_row else 0
        position += has_row
        column = columns.index(record[position]) if has_column else 0
        if row is None or column is None:
            continue
        cells[atom_index[geography.atom_of(province, city)], row, column] += record[-1]
    return AtomGrid(rows.codes, columns.codes, cells)


def _mentions(key: str, code: str) -> Q:
    """The victim's answers to the multiple list `key` include `code`."""
    if connection.vendor == "postgresql":
        # jsonb `?`: is the string an element of the array (exact, and uses no text copy).
        return Q(**{f"classification__{key}__has_key": code})
    # Codes are [a-z0-9_], so the quoted code inside the array's JSON text is an exact match.
    return Q(**{f"answers_{key}__contains": f'"{code}"'})


def _multiple_grid(
    spec: TableSpec,
    geography: Geography,
    queryset: QuerySet[Contact],
    atom_index: dict[str, int],
    rows: Axis,
    columns: Axis,
    cells: np.ndarray,
) -> AtomGrid:
    key = spec.rows.key
    if connection.vendor != "postgresql":
        queryset = queryset.annotate(**{f"answers_{key}": KeyTextTransform(key, "classification")})
    mentions = {
        f"m{i}": Count("pk", filter=_mentions(key, code)) for i, code in enumerate(rows.codes)
    }
    grouped = (
        queryset.values(*ATOM_FIELDS)
        .annotate(
            units=Count("*"),
            answered=Count("pk", filter=Q(**{f"classification__{key}__isnull": False})),
            **mentions,
        )
        .values_list(*ATOM_FIELDS, "units", "answered", *mentions)
    )
    units = np.zeros(len(atom_index), dtype=np.int64)
    not_stated = rows.codes.index(NOT_STATED)
    for province, city, count, answered, *mentioned in grouped:
        atom = atom_index[geography.atom_of(province, city)]
        units[atom] += count
        cells[atom, :, 0] += mentioned
        # A victim who gave no answer is still a victim of the table: "not stated".
        cells[atom, not_stated, 0] += count - answered
    return AtomGrid(rows.codes, columns.codes, cells, units)
