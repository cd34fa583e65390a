"""The reserved measures tables (transfers, emergencies) as people read them: shares as
percentages, durations in minutes and seconds, counts as counts.

The stored values are plain numbers (shares in percent, durations in seconds: see
rete.statistics.definitions); which is which follows from the measure's code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from rete.statistics.presentation import TableView

SHARE_SUFFIX = "_share"
DURATION_SUFFIXES = ("_median", "_p90")
# The stored labels end with their unit; a duration shown as "2 min 5 s" needs none.
_SECONDS_UNIT = re.compile(r"\s*\(s\)\s*$")


def measure_kind(code: str) -> str:
    if code.endswith(SHARE_SUFFIX):
        return "share"
    if code.endswith(DURATION_SUFFIXES):
        return "duration"
    return "count"


def duration_text(seconds: float) -> str:
    total = round(seconds)
    minutes, rest = divmod(total, 60)
    if minutes == 0:
        return _("%(seconds)s s") % {"seconds": rest}
    return _("%(minutes)s min %(seconds)s s") % {
        "minutes": number_format(minutes, use_l10n=True, force_grouping=True),
        "seconds": rest,
    }


def measure_text(code: str, value: int | float | None) -> str:
    if value is None:
        return _("no data")
    kind = measure_kind(code)
    if kind == "share":
        # Rounded first: number_format cuts the digits beyond decimal_pos off.
        rounded = round(value, 1)
        return _("%(value)s%%") % {
            "value": number_format(rounded, decimal_pos=1, use_l10n=True, force_grouping=True)
        }
    if kind == "duration":
        return duration_text(value)
    return number_format(round(value), use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class Measure:
    code: str
    label: str
    kind: str
    value: int | float | None
    text: str


@dataclass(frozen=True)
class MeasuresView:
    """A measures table: one value per measure, and a chart of the counts only (shares
    and durations on the same axis as counts would mislead)."""

    table: TableView
    measures: tuple[Measure, ...]

    @property
    def id(self) -> str:
        return self.table.id

    @property
    def chart_data(self) -> dict[str, Any]:
        counts = [measure for measure in self.measures if measure.kind == "count"]
        return {
            "labels": [measure.label for measure in counts],
            "datasets": [
                {
                    "label": self.table.columns[0][1] if self.table.columns else "",
                    "data": [measure.value for measure in counts],
                }
            ],
        }


def measures_view(view: TableView) -> MeasuresView:
    measures = []
    for row in view.rows:
        kind = measure_kind(row.code)
        value = row.cells[0].value if row.cells else None
        label = _SECONDS_UNIT.sub("", row.label) if kind == "duration" else row.label
        measures.append(Measure(row.code, label, kind, value, measure_text(row.code, value)))
    return MeasuresView(table=view, measures=tuple(measures))
