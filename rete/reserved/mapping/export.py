"""The CSV export of the detailed mapping: the services of the list with the same filters,
all pages, each confidential address only where the person may see it (else "riservato"
and no coordinates), exactly as the list shows it."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rete.reserved.mapping.listing import MappingRow

COLUMNS = (
    "service_id",
    "name",
    "organization",
    "kind",
    "confidential",
    "address",
    "comune",
    "province",
    "latitude",
    "longitude",
    "phones",
    "hours",
)
RESERVED_MARK = "riservato"
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def mapping_csv(rows: Sequence[MappingRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                _cell(row.service_id),
                _cell(row.name),
                _cell(row.organization),
                _cell(row.kind),
                "yes" if row.confidential else "no",
                _cell(row.address) if row.address_visible else RESERVED_MARK,
                _cell(row.comune),
                row.province,
                "" if row.latitude is None else str(row.latitude),
                "" if row.longitude is None else str(row.longitude),
                # Phone numbers are E.164 ("+39..."): the leading quote keeps them text.
                _cell(" ".join(row.phones)),
                _cell("; ".join(row.hours)),
            ]
        )
    return out.getvalue()
