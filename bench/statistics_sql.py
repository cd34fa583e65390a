"""The tables of a release computed by hand-written SQL (PostgreSQL): the yardstick of the
engine (rete.statistics.compute) in `make bench`.

One GROUP BY per table at the atom grain (the comune's province, or the comune where a
territory lists it), written as one would by hand, then the same roll-up into areas
(a matrix product over the atoms). Its numbers must equal the engine's; `differences`
lists where they do not. The geography (areas and their atoms) is read the same way as the
engine reads it: it is a few hundred rows, not what is being measured.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

TIME_ZONE = "Europe/Rome"
SLOT_OF_HOUR = [0] * 9 + [1] * 4 + [2] * 4 + [3] * 4 + [4] * 3  # TIME_SLOTS' hours

ATOM = "g.province_id, CASE WHEN c.comune_id = ANY(%(city)s) THEN c.comune_id END"
FROM = """FROM helpline_contact c LEFT JOIN geography_comune g ON g.code = c.comune_id
WHERE c.started_at >= %(start)s AND c.started_at < %(end)s"""
VALID = "AND c.classification ->> 'validity' = ANY(%(valid)s)"
VICTIM = VALID + " AND c.classification ->> 'caller_type' = 'victim'"

# Table id -> (SQL, or None for the lists with several answers).
QUERIES: dict[str, str] = {
    "contacts_validity_channel": f"""SELECT {ATOM}, c.classification ->> 'validity', c.channel,
        count(*) {FROM} GROUP BY 1, 2, 3, 4""",
    "routed_mode_channel": f"""SELECT {ATOM}, c.decision ->> 'mode', c.channel, count(*)
        {FROM} AND c.decision IS NOT NULL GROUP BY 1, 2, 3, 4""",
    "valid_reason_caller": f"""SELECT {ATOM}, c.classification ->> 'reason',
        c.classification ->> 'caller_type', count(*) {FROM} {VALID} GROUP BY 1, 2, 3, 4""",
    "valid_weekday_slot": f"""SELECT {ATOM},
        extract(isodow FROM c.started_at AT TIME ZONE '{TIME_ZONE}')::int,
        extract(hour FROM c.started_at AT TIME ZONE '{TIME_ZONE}')::int,
        count(*) {FROM} {VALID} GROUP BY 1, 2, 3, 4""",
    "victims_age_sex": f"""SELECT {ATOM}, c.classification ->> 'age_class',
        c.classification ->> 'sex', count(*) {FROM} {VICTIM} GROUP BY 1, 2, 3, 4""",
}
SINGLE_KEYS = {
    "victims_relationship": "perpetrator_relationship",
    "victims_citizenship": "citizenship",
    "victims_children_witnessing": "children_witnessing",
    "victims_reported_to_police": "reported_to_police",
    "victims_heard_of_1522": "heard_of_1522",
}
for _table, _key in SINGLE_KEYS.items():
    QUERIES[_table] = f"""SELECT {ATOM}, c.classification ->> '{_key}', count(*)
        {FROM} {VICTIM} GROUP BY 1, 2, 3"""
MULTIPLE_KEYS = {"victims_violence_type": "violence_type", "victims_referral_kind": "referral_kind"}

TRANSFER_COUNTS = f"""SELECT {ATOM}, count(*), count(*) FILTER (WHERE t.outcome = 'answered')
FROM helpline_transferattempt t JOIN helpline_contact c ON c.id = t.contact_id
LEFT JOIN geography_comune g ON g.code = c.comune_id
WHERE c.started_at >= %(start)s AND c.started_at < %(end)s
    AND c.decision ->> 'mode' = 'transfer'
GROUP BY 1, 2"""
TRANSFER_TIMES = f"""SELECT {ATOM}, extract(epoch FROM min(t.attempted_at) - c.started_at)
FROM helpline_transferattempt t JOIN helpline_contact c ON c.id = t.contact_id
LEFT JOIN geography_comune g ON g.code = c.comune_id
WHERE c.started_at >= %(start)s AND c.started_at < %(end)s
    AND c.decision ->> 'mode' = 'transfer' AND t.outcome = 'answered'
GROUP BY c.id, g.province_id"""
EMERGENCY_COUNTS = f"""SELECT {ATOM}, count(*), count(e.police_activated_at),
    count(e.handed_over_at)
FROM helpline_emergencyrecord e JOIN helpline_contact c ON c.id = e.contact_id
LEFT JOIN geography_comune g ON g.code = c.comune_id
WHERE c.started_at >= %(start)s AND c.started_at < %(end)s
GROUP BY 1, 2"""
POLICE_TIMES = f"""SELECT {ATOM}, extract(epoch FROM e.police_activated_at - c.started_at)
FROM helpline_emergencyrecord e JOIN helpline_contact c ON c.id = e.contact_id
LEFT JOIN geography_comune g ON g.code = c.comune_id
WHERE c.started_at >= %(start)s AND c.started_at < %(end)s
    AND e.police_activated_at IS NOT NULL"""


def multiple_query(key: str, codes: Sequence[str]) -> str:
    mentions = ", ".join(
        f"count(*) FILTER (WHERE c.classification -> '{key}' ? '{code}')" for code in codes
    )
    return f"""SELECT {ATOM}, count(*), count(*) FILTER (WHERE c.classification ? '{key}'),
        {mentions} {FROM} {VICTIM} GROUP BY 1, 2"""


@dataclass
class SqlRelease:
    payloads: dict[tuple[str, str, str], dict[str, Any]]  # (level, area, table) -> payload
    contacts_count: int
    queries_s: float


def sql_compute_tables(period: Any) -> SqlRelease:
    from django.db import connection

    from rete.helpline.classification.selectors import classification_current
    from rete.statistics.areas import release_geography
    from rete.statistics.compute_counts import local_midnight
    from rete.statistics.definitions import TABLES
    from rete.statistics.dimensions import dimension_codes

    snapshot = classification_current()
    geography = release_geography()
    atoms = {atom: i for i, atom in enumerate(geography.atoms)}
    params = {
        "start": local_midnight(period.start),
        "end": local_midnight(period.end),
        "city": sorted(geography.city_comuni),
        "valid": [item.code for item in snapshot.lists["validity"].items if item.valid],
    }

    def atom(province: str | None, city: str | None) -> int:
        return atoms["C:" + city if city else "P:" + province if province else "unlocated"]

    def codes(dimension: Any, spec: Any) -> list[str]:
        found = list(dimension_codes(dimension, snapshot, spec))
        if dimension.source == "classification" and "not_stated" not in found:
            found.append("not_stated")
        return found

    grids: dict[str, tuple[list[str], list[str], np.ndarray, np.ndarray | None]] = {}
    times: dict[str, list[tuple[int, float]]] = {}
    counts: dict[str, np.ndarray] = {}
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET jit = off")
        for spec in TABLES:
            if spec.is_measures:
                continue
            rows, columns = codes(spec.rows, spec), codes(spec.columns, spec)
            grid = np.zeros((len(atoms), len(rows), len(columns)), dtype=np.int64)
            if spec.id in MULTIPLE_KEYS:
                units = np.zeros(len(atoms), dtype=np.int64)
                cursor.execute(multiple_query(MULTIPLE_KEYS[spec.id], rows), params)
                for province, city, victims, answered, *mentions in cursor.fetchall():
                    a = atom(province, city)
                    units[a] += victims
                    grid[a, :, 0] += mentions
                    grid[a, rows.index("not_stated"), 0] += victims - answered
                grids[spec.id] = (rows, columns, grid, units)
                continue
            cursor.execute(QUERIES[spec.id], params)
            fallback = "unclassified" if spec.rows.source == "validity" else "not_stated"
            for record in cursor.fetchall():
                province, city, *values, n = record
                if spec.id == "valid_weekday_slot":
                    r, c = values[0] - 1, SLOT_OF_HOUR[values[1]]
                elif len(values) == 1:
                    r, c = _position(rows, values[0], "not_stated"), 0
                else:
                    r = _position(rows, values[0], fallback)
                    c = _position(columns, values[1], "not_stated")
                if r is None or c is None:
                    continue
                grid[atom(province, city), r, c] += n
            grids[spec.id] = (rows, columns, grid, None)
        for name in ("transfer_attempts", "transfers_answered", "contacts_transferred",
                     "emergencies", "police_activated", "handed_over"):  # fmt: skip
            counts[name] = np.zeros(len(atoms), dtype=np.int64)
        cursor.execute(TRANSFER_COUNTS, params)
        for province, city, tried, answered in cursor.fetchall():
            counts["transfer_attempts"][atom(province, city)] += tried
            counts["transfers_answered"][atom(province, city)] += answered
        cursor.execute(TRANSFER_TIMES, params)
        times["transfer"] = [(atom(p, c), float(s)) for p, c, s in cursor.fetchall()]
        for a, _seconds in times["transfer"]:
            counts["contacts_transferred"][a] += 1
        cursor.execute(EMERGENCY_COUNTS, params)
        for province, city, total, police, handed in cursor.fetchall():
            a = atom(province, city)
            counts["emergencies"][a] += total
            counts["police_activated"][a] += police
            counts["handed_over"][a] += handed
        cursor.execute(POLICE_TIMES, params)
        times["police"] = [(atom(p, c), float(s)) for p, c, s in cursor.fetchall()]
        cursor.execute("RESET jit")
    queries_s = time.perf_counter() - started

    membership = np.zeros((len(geography.areas), len(atoms)), dtype=np.int64)
    for i, area in enumerate(geography.areas):
        membership[i, [atoms[a] for a in area.atoms]] = 1
    payloads: dict[tuple[str, str, str], dict[str, Any]] = {}
    for table_id, (rows, columns, grid, units) in grids.items():
        summed = np.tensordot(membership, grid, axes=1)
        unit_totals = membership @ units if units is not None else None
        for i, area in enumerate(geography.areas):
            cells = summed[i]
            total = int(unit_totals[i]) if unit_totals is not None else int(cells.sum())
            payloads[(area.level, area.code, table_id)] = {
                "row_codes": rows,
                "column_codes": columns,
                "cells": cells.tolist(),
                "row_totals": cells.sum(axis=1).tolist(),
                "column_totals": [total] if units is not None else cells.sum(axis=0).tolist(),
                "total": total,
            }
    modes = grids["routed_mode_channel"][2].sum(axis=2)
    counts["routed_transfer"] = modes[:, 0]
    counts["routed_out_of_hours"] = modes[:, 1]
    transfer = _by_atom(times["transfer"])
    police = _by_atom(times["police"])
    for i, area in enumerate(geography.areas):
        mask = membership[i].astype(bool)
        c = {name: int(values[mask].sum()) for name, values in counts.items()}
        routed = c["routed_transfer"] + c["routed_out_of_hours"]
        to_transfer = transfer[1][mask[transfer[0]]] if transfer[0].size else transfer[1]
        delays = police[1][mask[police[0]]] if police[0].size else police[1]
        transfers = [
            c["routed_transfer"], c["routed_out_of_hours"], _share(c["routed_out_of_hours"], routed),
            c["transfer_attempts"], c["transfers_answered"], c["contacts_transferred"],
            _share(c["contacts_transferred"], c["routed_transfer"]),
            _percentile(to_transfer, 50), _percentile(to_transfer, 90),
        ]  # fmt: skip
        emergencies = [
            c["emergencies"], c["police_activated"], _percentile(delays, 50),
            _percentile(delays, 90), c["handed_over"],
        ]  # fmt: skip
        for table_id, values in (("transfers", transfers), ("emergencies", emergencies)):
            payloads[(area.level, area.code, table_id)] = {"cells": [[v] for v in values]}
    national = payloads[("national", "IT", "contacts_validity_channel")]["total"]
    return SqlRelease(payloads=payloads, contacts_count=national, queries_s=queries_s)


def _position(codes: list[str], value: Any, fallback: str | None) -> int | None:
    if value in codes:
        return codes.index(value)
    return codes.index(fallback) if fallback in codes else None


def _by_atom(pairs: list[tuple[int, float]]) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.array([a for a, _s in pairs], dtype=np.int64),
        np.array([s for _a, s in pairs], dtype=np.float64),
    )


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _percentile(values: np.ndarray, share: float) -> float | None:
    return round(float(np.percentile(values, share)), 1) if values.size else None


def differences(computed: Any, by_sql: SqlRelease) -> list[str]:
    """Where the engine's tables and the SQL's differ (empty: the same numbers)."""
    found = []
    if computed.contacts_count != by_sql.contacts_count:
        found.append(f"contacts: {computed.contacts_count} != {by_sql.contacts_count}")
    seen = set()
    for table in computed.tables:
        key = (table.level, table.area_code, table.table_id)
        seen.add(key)
        other = by_sql.payloads.get(key)
        if other is None:
            found.append(f"{key}: missing from the SQL")
            continue
        for field, value in other.items():
            if table.payload.get(field) != value:
                found.append(f"{key} {field}: {table.payload.get(field)!r} != {value!r}")
    found.extend(f"{key}: missing from the engine" for key in by_sql.payloads.keys() - seen)
    return found
